// Each migration gets a test: build the schema up to N−1, insert rows of the old shape, migrate to N,
// and check the data and the new shape.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/engine/db/connection';
import { LATEST_VERSION, migrate } from '../../../electron/engine/db/migrate';
import { migrations } from '../../../electron/engine/db/migrations';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migration 1: initial schema', () => {
  it('creates STRICT tables with foreign keys and sets user_version', () => {
    const db = new Database(join(dir, 'm1.sqlite'));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    expect(migrate(db, 1)).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['attributes', 'audit_log', 'change_batches', 'coders', 'codes', 'codings', 'documents', 'memos', 'pages', 'participant_attributes', 'participants', 'turns']),
    );
    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'").all() as { name: string; strict: number }[];
    expect(strict.filter((t) => t.strict !== 1)).toEqual([]);
    db.pragma('foreign_keys = ON');
    // A coding must point at an existing document, code and coder.
    expect(() =>
      db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (1, 1, 1, 0, 1, 'x', 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    // STRICT: a non-numeric string where an integer belongs is refused.
    expect(() =>
      db.prepare("INSERT INTO codes (guid, name, color, ord, created_at) VALUES ('g', 'n', '#000000', 'first', 'now')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('keeps a document\'s text immutable and refuses empty or inverted codings', () => {
    const db = new Database(join(dir, 'm1b.sqlite'));
    migrate(db, 1);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO documents (id, name, kind, text, length, source_name, format, content_hash, imported_at, ord) VALUES (1, 'd', 'transcript', 'hello', 5, 'd.txt', 'txt', 'h', 'now', 0)").run();
    expect(() => db.prepare("UPDATE documents SET text = 'changed' WHERE id = 1").run()).toThrow(/never changes/);
    db.prepare("UPDATE documents SET name = 'renamed' WHERE id = 1").run();
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'C', '#000000', 0, 'now')").run();
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'A', '#000000', 'now')").run();
    expect(() => db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (1, 1, 1, 3, 3, '', 'now')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('is the latest version and running it again changes nothing', () => {
    const db = new Database(join(dir, 'm1c.sqlite'));
    // Every migration runs once, in order (numbers may skip: they are reserved per feature).
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(migrations[migrations.length - 1].version);
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
