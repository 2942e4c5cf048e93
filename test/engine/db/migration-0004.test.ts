// Migration 4 (saved code queries): build the schema to version 3, insert rows of that shape, migrate
// to 4, and check the data is kept and the new table enforces its rules.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 4: saved queries', () => {
  it('adds saved_queries (STRICT, unique names, JSON filters) and keeps existing codes and coders', () => {
    const db = new Database(join(dir, 'm4.sqlite'));
    expect(migrate(db, 3)).toEqual([1, 2, 3]);
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now')").run();
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10a', 'Alpha', '#000000', 0, 'now')").run();

    expect(migrate(db, 4)).toEqual([4]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT label FROM codes').all()).toEqual([{ label: '10a' }]);
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'saved_queries'").get()).toEqual({ strict: 1 });

    const insert = db.prepare("INSERT INTO saved_queries (name, query, filters, created_at, updated_at) VALUES (?, ?, ?, 'now', 'now')");
    insert.run('Alpha with beta', '10a AND 20b', '{"layer":"all"}');
    expect(db.prepare('SELECT name, query, filters FROM saved_queries').get()).toEqual({ name: 'Alpha with beta', query: '10a AND 20b', filters: '{"layer":"all"}' });
    // Names are unique whatever the case; filters must be JSON; name and query must not be blank.
    expect(() => insert.run('ALPHA WITH BETA', '10a', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('Other', '10a', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('  ', '10a', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('Empty', ' ', '{}')).toThrow(/CHECK/);
    db.close();
  });
});
