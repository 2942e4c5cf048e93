// Migration 2 (groups and full-text search): a version-1 file with documents gains the groups tables
// and an FTS5 index that already covers the old documents and follows later inserts and deletes.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../electron/engine/db/connection';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 2: groups and full-text search', () => {
  it('indexes existing documents, keeps the index in step and adds STRICT group tables', () => {
    const db = new Database(join(dir, 'm2.sqlite'));
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, 1);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(
      "INSERT INTO documents (id, name, kind, text, length, source_name, format, content_hash, imported_at, ord) VALUES (?, ?, 'transcript', ?, ?, 'x.txt', 'txt', ?, 'now', ?)",
    );
    insert.run(1, 'old', 'The café opened early.', 22, 'h1', 0);
    expect(migrate(db, 2)).toEqual([2]);
    const match = (q: string) => (db.prepare('SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid').all(q) as { id: number }[]).map((r) => r.id);
    // The document imported before the migration is found, accent-folded.
    expect(match('"cafe"')).toEqual([1]);
    insert.run(2, 'new', 'A cafe and a shared record.', 27, 'h2', 1);
    expect(match('"cafe"')).toEqual([1, 2]);
    expect(match('"shared record"')).toEqual([2]);
    db.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(match('"cafe"')).toEqual([2]);
    expect(db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run().changes).toBeGreaterThanOrEqual(0);

    const strict = db.prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('groups', 'document_groups')").all() as { name: string; strict: number }[];
    expect(strict.map((t) => [t.name, t.strict]).sort()).toEqual([['document_groups', 1], ['groups', 1]]);
    db.prepare("INSERT INTO groups (id, name, ord, created_at) VALUES (1, 'Patient information', 0, 'now')").run();
    db.prepare('INSERT INTO document_groups (document_id, group_id) VALUES (2, 1)').run();
    expect(() => db.prepare('INSERT INTO document_groups (document_id, group_id) VALUES (2, 1)').run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO groups (name, ord, created_at) VALUES ('PATIENT INFORMATION', 1, 'now')").run()).toThrow(/UNIQUE/);
    // Explicit deletes: a document in a group cannot vanish without its links being removed first.
    expect(() => db.prepare('DELETE FROM documents WHERE id = 2').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
