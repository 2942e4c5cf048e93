// Issue #12: a damaged project file is refused with a message naming it and is never changed; merging
// from one says so (not "unexpected error"); `project:recover` copies what can be read into a new
// project; and opening a project of an older schema first writes a backup beside it. The tests damage
// files themselves: garbage over one leaf page of the codings table, found through SQLite's dbstat.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, openSync, readFileSync, readdirSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/engine/db/connection';
import { migrate } from '../../../electron/engine/db/migrate';
import { Engine } from '../../../electron/engine/engine';
import { accord } from '../../helpers/cli';
import { b64, tempDir } from '../../helpers/temp';

const dir = tempDir('accord-damaged-');
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** A project with one long document and 600 codings (several leaf pages of `codings`). */
async function buildProject(path: string): Promise<{ codings: number; documents: number }> {
  const e = new Engine({ stateDir: null });
  await e.call('project:create', { path });
  await e.call('coders:select', { name: 'Ana' });
  const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
  const doc = (await e.call('documents:import', { fileName: 'ID01 interview.txt', dataBase64: b64(words) })).document;
  await e.call('documents:import', { fileName: 'ID02 notes.txt', dataBase64: b64('A short second document.') });
  const code = await e.call('codebook:create', { parentId: null, name: 'Adaptation', definition: '' });
  for (let i = 0; i < 600; i++) {
    const start = words.indexOf(`word${i * 4} `);
    await e.call('codings:apply', { documentId: doc.id, codeIds: [code.id], start, end: start + 20 });
  }
  const info = (await e.call('project:info', {}))!;
  e.close();
  return { codings: info.codings, documents: info.documents };
}

/** Write garbage over one page of `table` (a leaf in the middle, so the table's other pages stay readable). */
function damagePage(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  expect(leaves.length).toBeGreaterThan(2);
  const page = leaves[Math.floor(leaves.length / 2)];
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return page;
}

describe('a damaged project file (issue #12)', () => {
  const damaged = join(dir, 'damaged.accord');
  let original: { codings: number; documents: number };
  let hash: string;
  beforeAll(async () => {
    original = await buildProject(damaged);
    damagePage(damaged, 'codings');
    hash = sha(damaged);
  });

  it('is refused on opening with a message naming the file, and left byte for byte as it was', async () => {
    const e = new Engine({ stateDir: null });
    const r = await e.invoke('project:open', { path: damaged });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DAMAGED');
    expect(r.error.message).toMatch(/^damaged\.accord: the project file is damaged \(.+\); it was left as it is\. Recover what can be read/);
    expect(e.isOpen).toBe(false);
    expect(sha(damaged)).toBe(hash);
    expect(readdirSync(dir).filter((f) => f.includes('backup'))).toEqual([]);
  });

  it('merging from it gives the same message, not "unexpected error", and the target is unchanged', async () => {
    const target = join(dir, 'target.accord');
    const e = new Engine({ stateDir: null });
    await e.call('project:create', { path: target });
    await e.call('coders:select', { name: 'Lead' });
    const r = await e.invoke('exchange:merge', { sources: [damaged], backup: false });
    expect(r).toMatchObject({ ok: false, error: { code: 'DAMAGED', message: expect.stringMatching(/^damaged\.accord: the project file is damaged/) } });
    expect((await e.call('project:info', {}))!.codings).toBe(0);
    e.close();
    expect(sha(damaged)).toBe(hash);
  });

  it('project:recover copies every readable row into a new project and opens it', async () => {
    const to = join(dir, 'recovered.accord');
    const e = new Engine({ stateDir: null });
    const r = await e.call('project:recover', { path: damaged, to });
    expect(sha(damaged)).toBe(hash);
    expect(r.project.path).toBe(to);
    expect(r.project.documents).toBe(original.documents);
    // One leaf page of codings is lost, the rest are kept.
    expect(r.project.codings).toBeGreaterThan(original.codings * 0.6);
    expect(r.project.codings).toBeLessThan(original.codings);
    expect(r.recovery.complete).toBe(false);
    const codings = r.recovery.tables.find((t) => t.table === 'codings')!;
    expect(codings.unreadable).toBeGreaterThan(0);
    expect(codings.copied).toBe(r.project.codings);
    // The recovered project is a sound project: it passes the check, searches, and takes new codings.
    const db = e.current.db;
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The coding counts are rebuilt from the codings copied, not copied themselves.
    const grouped = db.prepare('SELECT document_id, coder_id, count(*) FROM codings GROUP BY document_id, coder_id ORDER BY 1, 2').raw().all();
    expect(db.prepare('SELECT document_id, coder_id, n FROM coding_counts ORDER BY 1, 2').raw().all()).toEqual(grouped);
    expect(db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(r.project.codings);
    // The full-text index is rebuilt from the copied documents.
    expect(db.prepare("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'word2999'").get()).toEqual({ n: 1 });
    e.close();
    const again = new Engine({ stateDir: null });
    await again.call('project:open', { path: to });
    again.close();
  });

  it('accord recover refuses to overwrite, and prints what it copied', async () => {
    const to = join(dir, 'cli-recovered.accord');
    const r = await accord('recover', damaged, to);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Recovered damaged\.accord into .*cli-recovered\.accord\n/);
    expect(r.out).toMatch(/ {2}codings: \d+ row\(s\); \d+ damaged stretch\(es\) skipped/);
    expect(r.out).toMatch(/The damaged file was left as it is\./);
    const twice = await accord('recover', damaged, to);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/cli-recovered\.accord: a file of that name already exists/);
    expect(sha(damaged)).toBe(hash);
  });

  it('a file whose table of contents is damaged is refused too', async () => {
    const path = join(dir, 'schema-damaged.accord');
    await buildProject(path);
    const fd = openSync(path, 'r+');
    // Page 1 holds the header (first 100 bytes, kept) and sqlite_schema's root: garbage after the header.
    writeSync(fd, Buffer.alloc(3000, 0x5a), 0, 3000, 100);
    closeSync(fd);
    const before = sha(path);
    const e = new Engine({ stateDir: null });
    const r = await e.invoke('project:open', { path });
    expect(r).toMatchObject({ ok: false, error: { code: 'DAMAGED', message: expect.stringMatching(/^schema-damaged\.accord: the project file is damaged/) } });
    expect(sha(path)).toBe(before);
  });
});

describe('a project opened for reading only (a report or an export from the command line)', () => {
  const path = join(dir, 'read-only-damaged.accord');
  let hash: string;
  beforeAll(async () => {
    await buildProject(path);
    damagePage(path, 'codings');
    hash = sha(path);
  });

  it('skips the whole-file check, but damage met while reading is reported naming the file, which stays as it was', async () => {
    const e = new Engine({ stateDir: null });
    // Opens: nothing is written, so the check that guards writes is not run.
    expect((await e.call('project:open', { path, readOnly: true })).documents).toBe(2);
    const r = await e.invoke('codings:exportCsv', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'DAMAGED', message: expect.stringMatching(/^read-only-damaged\.accord: the project file is damaged \(.+\); it was left as it is\. Recover/) } });
    e.close();
    expect(sha(path)).toBe(hash);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('accord codings export says so in one line and exits 1; the file is unchanged', async () => {
    const r = await accord('codings', 'export', path);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^accord codings: read-only-damaged\.accord: the project file is damaged/)]);
    expect(sha(path)).toBe(hash);
  });

  it('refuses every write with a message naming the file, and leaves no journal beside it', async () => {
    const healthy = join(dir, 'read-only.accord');
    await buildProject(healthy);
    const before = sha(healthy);
    const e = new Engine({ stateDir: null });
    await e.call('project:open', { path: healthy, readOnly: true });
    expect((await e.call('codebook:list', {})).map((c) => c.name)).toEqual(['Adaptation']);
    const r = await e.invoke('codebook:create', { parentId: null, name: 'Cost', definition: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'read-only.accord: opened for reading only, so it cannot be changed' } });
    e.close();
    expect(sha(healthy)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('read-only.accord-'))).toEqual([]);
    // Opened as usual, the same file takes the write.
    const w = new Engine({ stateDir: null });
    await w.call('project:open', { path: healthy });
    await w.call('codebook:create', { parentId: null, name: 'Cost', definition: '' });
    expect((await w.call('codebook:list', {})).length).toBe(2);
    w.close();
  });
});

describe('opening a project of an older schema (issue #12)', () => {
  it('writes a backup beside it first, at its old version, then migrates', async () => {
    const path = join(dir, 'old.accord');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 5);
    db.prepare("INSERT INTO codes (guid, label, name, color, ord, created_at) VALUES ('g', '10', 'Features', '#aa0000', 0, 'now')").run();
    db.close();
    const before = sha(path);
    const e = new Engine({ stateDir: null });
    await e.call('project:open', { path });
    e.close();
    const backup = join(dir, 'old.schema5-backup.accord');
    expect(existsSync(backup)).toBe(true);
    expect(sha(backup)).not.toBe(''); // a file, read below
    const b = new Database(backup, { readonly: true });
    expect(b.pragma('user_version', { simple: true })).toBe(5);
    expect(b.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(b.prepare('SELECT label, name FROM codes').all()).toEqual([{ label: '10', name: 'Features' }]);
    b.close();
    expect(sha(path)).not.toBe(before);
    // Opening again (now current) writes no second backup.
    const again = new Engine({ stateDir: null });
    await again.call('project:open', { path });
    again.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('old.schema'))).toEqual(['old.schema5-backup.accord']);
  });

  it('opened for reading only, it is still backed up and migrated first (then it takes no writes)', async () => {
    const path = join(dir, 'old-read.accord');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 5);
    db.close();
    const e = new Engine({ stateDir: null });
    await e.call('project:open', { path, readOnly: true });
    e.close();
    expect(existsSync(join(dir, 'old-read.schema5-backup.accord'))).toBe(true);
    const migrated = new Database(path, { readonly: true });
    expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThan(5);
    migrated.close();
    const again = new Engine({ stateDir: null });
    await again.call('project:open', { path, readOnly: true });
    const r = await again.invoke('codebook:create', { parentId: null, name: 'Cost', definition: '' });
    expect(r).toMatchObject({ ok: false, error: { message: 'old-read.accord: opened for reading only, so it cannot be changed' } });
    again.close();
  });
});
