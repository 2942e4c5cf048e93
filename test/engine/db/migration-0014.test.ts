// Migration 14 (coding counts per document and coder): the counts are filled from the codings
// already there, and the triggers keep them equal to a count of the codings through every insert,
// delete and move, whoever writes them (checked against GROUP BY after each step of a random run,
// and through the engine's own writes, undo and redo).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { rng } from '../../../bench/synth';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

function counted(db: Database.Database): [number, number, number][] {
  return (db.prepare('SELECT document_id, coder_id, n FROM coding_counts ORDER BY document_id, coder_id').raw().all() as [number, number, number][]);
}
function grouped(db: Database.Database): [number, number, number][] {
  return db.prepare('SELECT document_id, coder_id, count(*) FROM codings GROUP BY document_id, coder_id ORDER BY document_id, coder_id').raw().all() as [number, number, number][];
}

describe('migration 14: coding counts per document and coder', () => {
  it('fills the counts from the codings already there', () => {
    const db = new Database(join(dir, 'm14.sqlite'));
    migrate(db, 13);
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now'), (2, 'Ben', '#000000', 'now')").run();
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'Features', '#000000', 0, 'now')").run();
    for (const id of [1, 2]) {
      db.prepare("INSERT INTO documents (id, name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (?, ?, 'transcript', 'x.txt', 'txt', ?, 'now', ?, 20, 'x')").run(id, `ID${id}`, `h${id}`, id);
    }
    const add = db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (?, 1, ?, ?, ?, '', 'now')");
    add.run(1, 1, 0, 5);
    add.run(1, 1, 6, 9);
    add.run(1, 2, 3, 9);
    add.run(2, 2, 0, 4);

    expect(migrate(db, 14)).toEqual([14]);
    expect(counted(db)).toEqual([
      [1, 1, 2],
      [1, 2, 1],
      [2, 2, 1],
    ]);
    db.close();
  });

  it('stays equal to a count of the codings through inserts, deletes and moves', () => {
    const db = new Database(join(dir, 'm14-random.sqlite'));
    migrate(db);
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now'), (2, 'Ben', '#000000', 'now'), (3, 'Cy', '#000000', 'now')").run();
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g1', '10', 'A', '#000000', 0, 'now'), (2, 'g2', '20', 'B', '#000000', 1, 'now')").run();
    for (const id of [1, 2, 3, 4]) {
      db.prepare("INSERT INTO documents (id, name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (?, ?, 'transcript', 'x.txt', 'txt', ?, 'now', ?, 100, 'x')").run(id, `ID${id}`, `h${id}`, id);
    }
    // A fixed pseudo-random run, so a failure replays exactly.
    const next = rng(14);
    const rand = (n: number): number => Math.floor(next() * n);
    const ids = (): number[] => db.prepare('SELECT id FROM codings ORDER BY id').pluck().all() as number[];
    for (let step = 0; step < 400; step++) {
      const op = rand(10);
      const existing = ids();
      if (op < 5 || existing.length === 0) {
        const start = rand(90);
        db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (?, ?, ?, ?, ?, '', 'now')").run(1 + rand(4), 1 + rand(2), 1 + rand(3), start, start + 1 + rand(9));
      } else if (op < 7) {
        db.prepare('DELETE FROM codings WHERE id = ?').run(existing[rand(existing.length)]);
      } else if (op < 8) {
        db.prepare('UPDATE codings SET document_id = ?, coder_id = ? WHERE id = ?').run(1 + rand(4), 1 + rand(3), existing[rand(existing.length)]);
      } else if (op < 9) {
        // A recode or a new extent moves nothing.
        db.prepare('UPDATE codings SET code_id = ?, start = 0 WHERE id = ?').run(1 + rand(2), existing[rand(existing.length)]);
      } else {
        // Several at once, as a document's delete or an undo of a batch does.
        db.prepare('DELETE FROM codings WHERE document_id = ? AND coder_id = ?').run(1 + rand(4), 1 + rand(3));
      }
      expect(counted(db), `after step ${step}`).toEqual(grouped(db));
    }
    expect(grouped(db).length).toBeGreaterThan(3);
    db.prepare('DELETE FROM codings').run();
    expect(counted(db)).toEqual([]);
    db.close();
  });

  it('through the engine: coding, undo, redo, the documents list and the project counts', async () => {
    const engine = await newProject(dir, 'engine.accord');
    const doc = (await engine.call('documents:import', { fileName: 'ID1.txt', dataBase64: b64('Interviewer: Why?\nID1: Because the council asked.\n') })).document;
    const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Reasons' });
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [code.id], start: 0, end: 5 });
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [code.id], start: 18, end: 30 });
    const list = async () => (await engine.call('documents:list', {}))[0].codingCount;
    expect(await list()).toBe(2);
    await engine.call('history:undo', {});
    expect(await list()).toBe(1);
    await engine.call('history:redo', {});
    expect(await list()).toBe(2);
    expect((await engine.call('project:info', {}))?.codings).toBe(2);
    const db = engine.current.db;
    expect(counted(db)).toEqual(grouped(db));
  });
});
