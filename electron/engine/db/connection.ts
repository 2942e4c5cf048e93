// Opening and creating project files. A file is checked before SQLite writes anything to it: it must
// be a SQLite database carrying Accord's application id and a schema version this build knows.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { AccordError } from '../../../shared/api/errors';
import { LATEST_VERSION, migrate } from './migrate';

/** PRAGMA application_id of every Accord project: the bytes "ACCD". */
export const APPLICATION_ID = 0x41434344;
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type Db = Database.Database;

/** In the desktop app, better-sqlite3 loads a build made for Electron's ABI (see README). */
function dbOptions(extra: Database.Options = {}): Database.Options {
  const nativeBinding = process.env.ACCORD_SQLITE_BINDING;
  return nativeBinding ? { ...extra, nativeBinding } : extra;
}

function configure(db: Db): void {
  // The busy timeout first: switching to WAL takes a lock another process may hold for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** Create a new project file; refuses to overwrite anything. */
export function createProjectFile(path: string): Db {
  if (existsSync(path)) throw new AccordError('CONFLICT', `${basename(path)}: a file of that name already exists`);
  const db = new Database(path, dbOptions());
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    configure(db);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Read the 100-byte SQLite header without opening the file as a database (so nothing is written). */
function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Check that `path` is an Accord project this version can open, without modifying it. */
export function checkProjectFile(path: string): { version: number } {
  const name = basename(path);
  if (!existsSync(path)) throw new AccordError('NOT_FOUND', `${name}: no such file`);
  const header = readHeader(path);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new AccordError('NOT_A_PROJECT', `${name}: not an Accord project (not a SQLite database)`);
  }
  const userVersion = header.readUInt32BE(60);
  const applicationId = header.readUInt32BE(68);
  if (applicationId !== APPLICATION_ID) {
    throw new AccordError('NOT_A_PROJECT', `${name}: a SQLite database, but not an Accord project`);
  }
  if (userVersion > LATEST_VERSION) {
    throw new AccordError(
      'NEWER_VERSION',
      `${name}: written by a newer version of Accord (schema ${userVersion}; this version reads up to ${LATEST_VERSION}); update Accord to open it`,
    );
  }
  return { version: userVersion };
}

/** Open an existing project, migrating it forward if it is older than this build. */
export function openProjectFile(path: string): Db {
  checkProjectFile(path);
  const db = new Database(path, dbOptions({ fileMustExist: true }));
  try {
    // Re-check inside SQLite: the header may lag behind a write-ahead log left by a crash.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AccordError('NOT_A_PROJECT', `${basename(path)}: not an Accord project`);
    if (version > LATEST_VERSION) throw new AccordError('NEWER_VERSION', `${basename(path)}: written by a newer version of Accord`);
    configure(db);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
