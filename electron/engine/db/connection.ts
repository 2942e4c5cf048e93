// Opening and creating project files. A file is checked before SQLite writes anything to it: it must
// be a SQLite database carrying Accord's application id and a schema version this build knows.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AccordError } from '../../../shared/errors';
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

/** True for SQLite's "this file is damaged" failures (as opposed to locks, full disks or bugs). */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/** The error for a damaged project: names the file, says it was not changed, and how to get the data out. */
export function damaged(path: string, detail: string): AccordError {
  const name = basename(path);
  return new AccordError(
    'DAMAGED',
    `${name}: the project file is damaged (${detail.replace(/\s+/g, ' ').slice(0, 200)}); it was left as it is. ` +
      `Recover what can be read into a new project (Recover… on the start screen, or \`accord recover "${name}" recovered.accord\`)`,
  );
}

/**
 * Run SQLite's quick_check (every page and index, without comparing index contents to their tables)
 * and throw DAMAGED naming the file if it fails. Reads only; a damaged file is never written to.
 */
export function assertIntact(db: Db, path: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  } catch (err) {
    if (isCorruption(err)) throw damaged(path, (err as Error).message);
    throw err;
  }
  if (rows.length !== 1 || rows[0].quick_check !== 'ok') {
    const lines = rows.flatMap((r) => r.quick_check.split('\n')).map((l) => l.replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').trim()).filter(Boolean);
    throw damaged(path, `SQLite's check: ${lines[0] ?? 'failed'}${lines.length > 1 ? ', and more' : ''}`);
  }
}

/**
 * Before migrating a file to a newer schema, keep a copy of it as it was, beside it:
 * `study.schema5-backup.accord` (numbered when one exists). VACUUM INTO writes a consistent copy,
 * WAL included, with the same application id and schema version.
 */
function backupBeforeMigrating(db: Db, path: string, version: number): string {
  const base = basename(path).replace(/\.accord$/i, '');
  let target = join(dirname(path), `${base}.schema${version}-backup.accord`);
  for (let i = 2; existsSync(target); i++) target = join(dirname(path), `${base}.schema${version}-backup-${i}.accord`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** True for the failure of a write on a connection opened for reading only. */
export function isReadOnlyWrite(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}

/**
 * Open an existing project, migrating it forward if it is older than this build.
 *
 * `readOnly`, for a caller that only reads (a report, a search): nothing can be written through the
 * connection (`query_only`), so the whole-file quick_check, which exists to refuse a damaged file
 * before anything is written to it, is not run; on a large project it reads every page (about a
 * second for 400 MB) before a report that may read a fraction of them. Damage the reads meet fails
 * them with SQLITE_CORRUPT, which the engine reports as DAMAGED naming the file. A file that needs a
 * migration, or is not in WAL mode yet, is opened as usual.
 */
export function openProjectFile(path: string, options: { readOnly?: boolean } = {}): Db {
  checkProjectFile(path);
  let db: Db;
  try {
    db = new Database(path, dbOptions({ fileMustExist: true }));
  } catch (err) {
    if (isCorruption(err)) throw damaged(path, (err as Error).message);
    throw err;
  }
  try {
    // Re-check inside SQLite: the header may lag behind a write-ahead log left by a crash.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AccordError('NOT_A_PROJECT', `${basename(path)}: not an Accord project`);
    if (version > LATEST_VERSION) throw new AccordError('NEWER_VERSION', `${basename(path)}: written by a newer version of Accord`);
    if (options.readOnly && version === LATEST_VERSION) {
      db.pragma('busy_timeout = 5000');
      // Read, not set: setting the journal mode is a write.
      if (db.pragma('journal_mode', { simple: true }) === 'wal') {
        db.pragma('query_only = ON');
        db.pragma('foreign_keys = ON');
        return db;
      }
    }
    // Before anything is written (even the journal mode): a damaged file is refused untouched.
    assertIntact(db, path);
    configure(db);
    if (version < LATEST_VERSION && version > 0) backupBeforeMigrating(db, path, version);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err)) throw damaged(path, (err as Error).message);
    throw err;
  }
}
