// Migration 11 (theme memos, memo search): build the schema up to 5, insert old-shape memos, migrate,
// and check the old memos are kept and indexed and a memo still has at most one target.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 11: theme memos and memo search', () => {
  it('keeps and indexes old memos, adds theme memos and keeps the index in step', () => {
    const db = new Database(join(dir, 'm11.sqlite'));
    migrate(db, 5);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'Features', '#000000', 0, 'now')").run();
    db.prepare("INSERT INTO memos (id, code_id, title, body, author, created_at, updated_at) VALUES (1, 1, 'Scope', 'Adaptation covers tailoring to each locality', 'Ana', 'now', 'now')").run();
    db.prepare("INSERT INTO themes (id, name, ord, created_at) VALUES (1, 'Leadership', 0, 'now')").run();

    expect(migrate(db, 11)).toEqual([11]);
    expect(db.prepare('SELECT code_id, body, theme_id FROM memos WHERE id = 1').get()).toEqual({ code_id: 1, body: 'Adaptation covers tailoring to each locality', theme_id: null });
    const match = (q: string) => (db.prepare('SELECT rowid FROM memos_fts WHERE memos_fts MATCH ? ORDER BY rowid').all(q) as { rowid: number }[]).map((r) => r.rowid);
    expect(match('tailoring')).toEqual([1]);

    db.prepare("INSERT INTO memos (id, theme_id, title, body, author, created_at, updated_at) VALUES (2, 1, '', 'Distributed leadership recurs', 'Ana', 'now', 'now')").run();
    expect(match('leadership')).toEqual([2]);
    db.prepare("UPDATE memos SET body = 'Shared leadership recurs' WHERE id = 2").run();
    expect(match('distributed')).toEqual([]);
    expect(match('shared')).toEqual([2]);
    db.prepare('DELETE FROM memos WHERE id = 2').run();
    expect(match('shared')).toEqual([]);

    expect(() => db.prepare("INSERT INTO memos (theme_id, code_id, body, author, created_at, updated_at) VALUES (1, 1, 'x', 'Ana', 'now', 'now')").run()).toThrow(/one document, code, coding or theme/);
    expect(() => db.prepare("INSERT INTO memos (theme_id, body, author, created_at, updated_at) VALUES (9, 'x', 'Ana', 'now', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
