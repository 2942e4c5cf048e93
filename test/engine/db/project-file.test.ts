// Opening files that are not Accord projects, or are from a newer Accord, fails clearly and leaves
// the file byte-for-byte as it was.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { APPLICATION_ID } from '../../../electron/engine/db/connection';
import { LATEST_VERSION } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

async function openError(path: string): Promise<{ code: string; message: string }> {
  const engine = new Engine({ stateDir: null });
  const r = await engine.invoke('project:open', { path });
  engine.close();
  if (r.ok) throw new Error('expected the open to fail');
  return r.error;
}

describe('opening project files', () => {
  it('creates a project with WAL, foreign keys and Accord\'s application id, and reopens it', async () => {
    const path = join(dir, 'new.accord');
    const engine = new Engine({ stateDir: null });
    const info = await engine.call('project:create', { path });
    expect(info).toMatchObject({ documents: 0, codes: 0, codings: 0, coders: 0, schemaVersion: LATEST_VERSION });
    const db = engine.current.db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    engine.close();
    const again = new Engine({ stateDir: null });
    expect((await again.call('project:open', { path })).name).toBe('new');
    again.close();
  });

  it('refuses to create over an existing file', async () => {
    const path = join(dir, 'exists.accord');
    writeFileSync(path, 'keep me');
    const engine = new Engine({ stateDir: null });
    const r = await engine.invoke('project:create', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(readFileSync(path, 'utf8')).toBe('keep me');
  });

  it('a text file is not a project, and is left untouched', async () => {
    const path = join(dir, 'notes.accord');
    writeFileSync(path, 'These are my interview notes, not a database.\n'.repeat(10));
    const before = sha(path);
    expect(await openError(path)).toEqual({ code: 'NOT_A_PROJECT', message: 'notes.accord: not an Accord project (not a SQLite database)' });
    expect(sha(path)).toBe(before);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('a SQLite database of another application is refused and left untouched', async () => {
    const path = join(dir, 'other.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
    db.close();
    const before = sha(path);
    expect(await openError(path)).toEqual({ code: 'NOT_A_PROJECT', message: 'other.sqlite: a SQLite database, but not an Accord project' });
    expect(sha(path)).toBe(before);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('a project from a newer Accord is refused and left untouched', async () => {
    const path = join(dir, 'future.accord');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.exec('CREATE TABLE future_things (x INTEGER)');
    db.close();
    const before = sha(path);
    const err = await openError(path);
    expect(err.code).toBe('NEWER_VERSION');
    expect(err.message).toContain(`future.accord: written by a newer version of Accord (schema ${LATEST_VERSION + 5}`);
    expect(sha(path)).toBe(before);
  });

  it('a missing file and an empty file are reported by name', async () => {
    expect(await openError(join(dir, 'nope.accord'))).toEqual({ code: 'NOT_FOUND', message: 'nope.accord: no such file' });
    const empty = join(dir, 'empty.accord');
    writeFileSync(empty, '');
    expect((await openError(empty)).message).toBe('empty.accord: not an Accord project (not a SQLite database)');
  });
});
