// Migration 13 (coders per document): the index exists after migrating, codings are kept, and the
// queries that ask who coded in a document use it instead of reading the document's codings.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

describe('migration 13: index of coders per document', () => {
  it('adds the index, keeps the codings, and serves the per-document coder questions', () => {
    const db = new Database(join(tempDir(), 'm13.sqlite'));
    migrate(db, 12); // every migration before 13 (numbers are reserved per area)
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now'), (2, 'Ben', '#000000', 'now')").run();
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'Features', '#000000', 0, 'now')").run();
    db.prepare("INSERT INTO documents (id, name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (1, 'ID1', 'transcript', 'ID1.txt', 'txt', 'h', 'now', 0, 20, 'x')").run();
    const add = db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (1, 1, ?, ?, ?, '', 'now')");
    add.run(1, 0, 5);
    add.run(2, 3, 9);
    add.run(1, 10, 12);

    expect(migrate(db, 13)).toEqual([13]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name = 'codings_document_coder'").pluck().get()).toBe('codings_document_coder');
    expect(db.prepare('SELECT DISTINCT coder_id FROM codings WHERE document_id = 1 ORDER BY coder_id').pluck().all()).toEqual([1, 2]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT DISTINCT coder_id FROM codings WHERE document_id = 1')).toContain('COVERING INDEX codings_document_coder');
    expect(plan('SELECT document_id, coder_id, count(*) FROM codings GROUP BY document_id, coder_id')).toContain('COVERING INDEX codings_document_coder');
    expect(db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(3);
    db.close();
  });
});
