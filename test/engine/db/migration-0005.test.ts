// Migration 5 (themes, quotes and COREQ answers): build the schema up to 4, insert old-shape rows,
// migrate to 5, and check the old data is untouched and the new tables enforce their rules.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 5: themes, quotes and COREQ answers', () => {
  it('adds STRICT tables beside existing data and enforces two levels, foreign keys and item numbers', () => {
    const db = new Database(join(dir, 'm5.sqlite'));
    migrate(db, 4);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'Features', '#000000', 0, 'now')").run();
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now')").run();

    expect(migrate(db, 5)).toEqual([5]);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT label, name FROM codes WHERE id = 1').get()).toEqual({ label: '10', name: 'Features' });
    expect(db.prepare('SELECT name FROM coders WHERE id = 1').get()).toEqual({ name: 'Ana' });
    const strict = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('themes', 'theme_codes', 'theme_quotes', 'coreq_answers') ORDER BY name")
      .all();
    expect(strict).toEqual([
      { name: 'coreq_answers', strict: 1 },
      { name: 'theme_codes', strict: 1 },
      { name: 'theme_quotes', strict: 1 },
      { name: 'themes', strict: 1 },
    ]);

    db.prepare("INSERT INTO themes (id, parent_id, name, ord, created_at) VALUES (1, NULL, 'Leadership', 0, 'now')").run();
    db.prepare("INSERT INTO themes (id, parent_id, name, ord, created_at) VALUES (2, 1, 'Support', 0, 'now')").run();
    expect(() => db.prepare("INSERT INTO themes (parent_id, name, ord, created_at) VALUES (2, 'Too deep', 0, 'now')").run()).toThrow(/cannot have subthemes/);
    expect(() => db.prepare('UPDATE themes SET parent_id = 2 WHERE id = 1').run()).toThrow(/cannot have subthemes/);
    expect(() => db.prepare("INSERT INTO themes (name, ord, created_at) VALUES ('  ', 0, 'now')").run()).toThrow(/CHECK/);
    db.prepare('INSERT INTO theme_codes (theme_id, code_id) VALUES (2, 1)').run();
    expect(() => db.prepare('INSERT INTO theme_codes (theme_id, code_id) VALUES (2, 1)').run()).toThrow(/UNIQUE/);
    expect(() => db.prepare('INSERT INTO theme_codes (theme_id, code_id) VALUES (9, 1)').run()).toThrow(/FOREIGN KEY/);
    // Quotes are snapshots: the coding id is a soft reference, so a quote outlives its coding.
    db.prepare("INSERT INTO theme_quotes (theme_id, coding_id, text, participant, document, lead_in, ord, created_at) VALUES (2, 999, 'hello', 'ID21', 'ID21 interview', 'Clinician input', 0, 'now')").run();
    // A theme with quotes cannot be dropped behind the recorder's back (RESTRICT, no cascade).
    expect(() => db.prepare('DELETE FROM themes WHERE id = 2').run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT text, participant FROM theme_quotes').get()).toEqual({ text: 'hello', participant: 'ID21' });

    db.prepare("INSERT INTO coreq_answers (item, answer, page, author, updated_at) VALUES (12, '26', 'P. 5', 'Ana', 'now')").run();
    expect(() => db.prepare("INSERT INTO coreq_answers (item, answer, author, updated_at) VALUES (12, 'again', 'Ana', 'now')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO coreq_answers (item, answer, author, updated_at) VALUES (33, 'x', 'Ana', 'now')").run()).toThrow(/CHECK/);
    db.close();
  });
});
