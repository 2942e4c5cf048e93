// Migration 8 (transcript cues, participant-ID pattern): build the schema up to 5, insert old-shape
// rows, migrate to 8, and check the old data is untouched and the new tables enforce their rules.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 8: cues and import settings', () => {
  it('adds STRICT tables beside existing documents and turns, with spans, times and one settings row checked', () => {
    const db = new Database(join(dir, 'm8.sqlite'));
    migrate(db, 7); // every migration before 8 (numbers are reserved per area)
    db.pragma('foreign_keys = ON');
    db.prepare(
      "INSERT INTO documents (id, name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (1, 'ID21', 'transcript', 'ID21.vtt', 'vtt', 'h', 'now', 0, 11, 'Ana: hello.')",
    ).run();
    db.prepare("INSERT INTO turns (document_id, ord, speaker, start, \"end\", start_ms, end_ms) VALUES (1, 0, 'Ana', 0, 11, 723000, 725500)").run();

    expect(migrate(db, 8)).toEqual([8]);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT speaker, start_ms, end_ms FROM turns').get()).toEqual({ speaker: 'Ana', start_ms: 723000, end_ms: 725500 });
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('cues', 'import_settings') ORDER BY name").all();
    expect(strict).toEqual([
      { name: 'cues', strict: 1 },
      { name: 'import_settings', strict: 1 },
    ]);

    const cue = db.prepare('INSERT INTO cues (document_id, ord, start, "end", start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?)');
    cue.run(1, 0, 0, 11, 723000, 725500);
    cue.run(1, 1, 5, 11, 725500, null); // the last cue of a text transcript has no known end
    expect(() => cue.run(1, 1, 5, 11, 0, null)).toThrow(/UNIQUE/);
    expect(() => cue.run(2, 0, 0, 1, 0, null)).toThrow(/FOREIGN KEY/);
    expect(() => cue.run(1, 2, 5, 4, 0, null)).toThrow(/CHECK/); // end before start
    expect(() => cue.run(1, 3, 0, 1, 5000, 4000)).toThrow(/CHECK/); // ends before it starts
    expect(() => cue.run(1, 4, 0, 1, 1.5, null)).toThrow(/INTEGER/); // STRICT
    // A document with cues is not dropped behind the change recorder's back.
    db.prepare('DELETE FROM turns').run();
    expect(() => db.prepare('DELETE FROM documents WHERE id = 1').run()).toThrow(/FOREIGN KEY/);

    db.prepare("INSERT INTO import_settings (id, id_pattern) VALUES (1, 'CH\\d{3}')").run();
    expect(() => db.prepare('INSERT INTO import_settings (id, id_pattern) VALUES (2, NULL)').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE import_settings SET id_pattern = ''").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT id_pattern FROM import_settings').get()).toEqual({ id_pattern: 'CH\\d{3}' });
    db.close();
  });
});
