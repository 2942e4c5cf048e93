// Migration 15 (where a recording starts on its transcript's clock): recordings linked before it start
// at 0, as the player has always played them; the column refuses a negative start. And the recorder's
// column lists, which undo, redo and every update go through, name every column of every table: a
// column left out of them is silently never written by an update nor restored by an undo.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../../electron/engine/db/changes';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 15: where a recording starts on its transcript clock', () => {
  it('starts the recordings already linked at 0 and refuses a negative start', () => {
    const db = new Database(join(dir, 'm15.sqlite'));
    migrate(db, 14);
    db.prepare("INSERT INTO documents (id, name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (1, 'ID21', 'transcript', 'x.vtt', 'vtt', 'h', 'now', 0, 1, 'x')").run();
    db.prepare(`INSERT INTO recordings (document_id, kind, path, file_name, mime, size, sha256, duration_ms, linked_at) VALUES (1, 'audio', 'm/1-a.wav', 'a.wav', 'audio/wav', 10, '${'0'.repeat(64)}', 1000, 'now')`).run();
    expect(migrate(db, 15)).toEqual([15]);
    expect(db.prepare('SELECT starts_at_ms FROM recordings').pluck().get()).toBe(0);
    expect(() => db.prepare('UPDATE recordings SET starts_at_ms = -1').run()).toThrow(/CHECK constraint failed/);
    db.close();
  });
});

describe("the recorder's column lists", () => {
  it('name every column of every table the recorder writes, at the latest schema', () => {
    const db = new Database(':memory:');
    migrate(db);
    for (const [table, columns] of Object.entries(TABLES)) {
      const real = db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];
      expect([table, [...columns].sort()]).toEqual([table, real.sort()]);
    }
    db.close();
  });
});
