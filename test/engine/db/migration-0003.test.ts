// Migration 3 (coder assignments, blind coding, consensus decisions): build the schema to version 2,
// insert rows of that shape, migrate to 3, and check the data is kept and the new tables work.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/engine/db/migrate';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('migration 3: agreement', () => {
  it('adds the agreement tables (STRICT) and keeps existing coders, documents and codings', () => {
    const db = new Database(join(dir, 'm3.sqlite'));
    expect(migrate(db, 2)).toEqual([1, 2]);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (1, 'Ana', '#000000', 'now'), (2, 'Ben', '#111111', 'now')").run();
    const cols = (db.prepare("SELECT name FROM pragma_table_info('documents')").all() as { name: string }[]).map((c) => c.name);
    const doc: Record<string, string | number> = { id: 1, name: 'ID1', kind: 'transcript', text: 'hello world', source_name: 'ID1.txt', format: 'txt', content_hash: 'h', imported_at: 'now', ord: 0 };
    if (cols.includes('length')) doc.length = 11;
    const keys = Object.keys(doc).filter((k) => cols.includes(k));
    db.prepare(`INSERT INTO documents (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => doc[k]));
    db.prepare("INSERT INTO codes (id, guid, label, name, color, ord, created_at) VALUES (1, 'g', '10', 'C', '#000000', 0, 'now')").run();
    db.prepare("INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", text, created_at) VALUES (1, 1, 1, 0, 5, 'hello', 'now')").run();

    expect(migrate(db, 3)).toEqual([3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 1 });
    const strict = db
      .prepare("SELECT name, strict FROM pragma_table_list WHERE name IN ('agreement_settings', 'coder_assignments', 'revealed_documents', 'consensus_decisions')")
      .all() as { name: string; strict: number }[];
    expect(strict.map((t) => [t.name, t.strict]).sort()).toEqual([
      ['agreement_settings', 1],
      ['coder_assignments', 1],
      ['consensus_decisions', 1],
      ['revealed_documents', 1],
    ]);

    // One settings row only; the lead must be a coder.
    db.prepare('INSERT INTO agreement_settings (id, lead_coder_id, blind) VALUES (1, 1, 1)').run();
    expect(() => db.prepare('INSERT INTO agreement_settings (id, lead_coder_id, blind) VALUES (2, 1, 0)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE agreement_settings SET lead_coder_id = 9').run()).toThrow(/FOREIGN KEY/);
    // A coder is assigned a document once.
    db.prepare("INSERT INTO coder_assignments (document_id, coder_id, assigned_at) VALUES (1, 2, 'now')").run();
    expect(() => db.prepare("INSERT INTO coder_assignments (document_id, coder_id, assigned_at) VALUES (1, 2, 'now')").run()).toThrow(/UNIQUE/);
    // A decision names its rule; "accept" and only "accept" names the accepted coder.
    const decide = db.prepare(
      "INSERT INTO consensus_decisions (document_id, code_id, region_start, region_end, rule, accepted_coder_id, author, decided_at, before, after) VALUES (1, 1, 0, 5, ?, ?, 'Ana', 'now', '{}', '[]')",
    );
    decide.run('accept', 2);
    decide.run('union', null);
    expect(() => decide.run('accept', null)).toThrow(/CHECK/);
    expect(() => decide.run('union', 2)).toThrow(/CHECK/);
    expect(() => decide.run('vote', null)).toThrow(/CHECK/);
    db.close();
  });
});
