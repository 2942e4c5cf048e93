// Migration 9 (optional code colours and recordings): build the schema up to 5, insert old-shape rows,
// migrate to 9, and check the old data is untouched, old codes count as coloured by choice, and the
// recordings table keeps paths relative and hashes whole.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 9: optional code colours and recordings', () => {
  it('keeps codes with their colours (chosen) and adds a STRICT recordings table', () => {
    const db = new Database(join(dir, 'm9.sqlite'));
    migrate(db, 5);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'Features', '#aa0000', 0, 'now')").run();

    expect(migrate(db, 9)).toContain(9);
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    expect(db.prepare('SELECT label, color, color_chosen FROM codes WHERE id = 1').get()).toEqual({ label: '10', color: '#aa0000', color_chosen: 1 });
    db.prepare("INSERT INTO codes (id, guid, label, name, color, color_chosen, ord, created_at) VALUES (2, 'h', '', 'From NVivo', '#4e79a7', 0, 1, 'now')").run();
    expect(() => db.prepare('UPDATE codes SET color_chosen = 2 WHERE id = 2').run()).toThrow(/CHECK/);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'recordings'").get()).toEqual({ strict: 1 });

    const insert = db.prepare(
      "INSERT INTO recordings (document_id, kind, path, file_name, mime, size, sha256, linked_at) VALUES (?, ?, ?, 'a.wav', 'audio/wav', 10, ?, 'now')",
    );
    const hash = 'a'.repeat(64);
    insert.run(1, 'audio', 'study.media/ID21.wav', hash);
    expect(() => insert.run(1, 'audio', 'study.media/other.wav', hash)).toThrow(/UNIQUE/);
    expect(() => insert.run(2, 'audio', '/etc/passwd', hash)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'audio', 'study.media/../../x.wav', hash)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'picture', 'study.media/x.png', hash)).toThrow(/CHECK/);
    expect(() => insert.run(2, 'video', 'study.media/x.mp4', 'abc')).toThrow(/CHECK/);
    db.close();
  });
});
