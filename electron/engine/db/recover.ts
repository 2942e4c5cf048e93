// Recovering what can still be read from a damaged project file into a new project. The damaged file
// is opened read-only and never written; rows are copied table by table, stepping over unreadable
// stretches of a table (a corrupt page loses its rows, not the rest), then rows whose parents were
// lost are dropped so the new project satisfies its foreign keys. The new file is a normal project.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { RecoveryReport } from '../../../shared/api/exchange';
import { AccordError } from '../../../shared/api/errors';
import { APPLICATION_ID, createProjectFile, isCorruption, type Db } from './connection';

/** Tables are copied parents first; any table not named here follows in schema order. */
const ORDER = [
  'coders', 'participants', 'attributes', 'participant_attributes', 'documents', 'turns', 'pages', 'groups', 'document_groups', 'codes', 'codings',
  'memos', 'agreement_settings', 'coder_assignments', 'revealed_documents', 'consensus_decisions', 'saved_queries', 'themes', 'theme_codes',
  'theme_quotes', 'coreq_answers', 'recordings', 'change_batches', 'audit_log',
];

/** Tables derived from others by triggers (migration 14): not copied, the copied rows rebuild them. */
const DERIVED = new Set(['coding_counts']);

/** Most rowids skipped over in one table while looking for readable rows past a damaged stretch. */
const MAX_PROBES = 64;

/** Ordinary tables (not SQLite's own, not the full-text index's shadow tables, which triggers rebuild). */
function plainTables(db: Db): string[] {
  return (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
}

function openDamaged(path: string): Db {
  const binding = process.env.ACCORD_SQLITE_BINDING;
  try {
    return new Database(path, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
  } catch (err) {
    throw new AccordError('BAD_FILE', `${basename(path)}: cannot be opened at all (${(err as Error).message}); nothing can be recovered`);
  }
}

/**
 * Copy what can be read from the damaged project at `from` into a new project at `to` (which must not
 * exist). Returns what was copied, lost and dropped per table.
 */
export function recoverProject(from: string, to: string): RecoveryReport {
  if (!existsSync(from)) throw new AccordError('NOT_FOUND', `${basename(from)}: no such file`);
  if (existsSync(to)) throw new AccordError('CONFLICT', `${basename(to)}: a file of that name already exists; choose a new name for the recovered project`);
  const src = openDamaged(from);
  let tables: string[];
  try {
    const appId = src.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AccordError('NOT_A_PROJECT', `${basename(from)}: not an Accord project`);
    tables = plainTables(src);
  } catch (err) {
    src.close();
    if (err instanceof AccordError) throw err;
    throw new AccordError('BAD_FILE', `${basename(from)}: its table of contents cannot be read (${(err as Error).message}); nothing can be recovered`);
  }

  const dst = createProjectFile(to);
  const report: RecoveryReport = { from, to, tables: [], complete: true };
  try {
    const targetTables = plainTables(dst);
    const ordered = [...ORDER.filter((t) => targetTables.includes(t)), ...targetTables.filter((t) => !ORDER.includes(t))].filter(
      (t) => tables.includes(t) && !DERIVED.has(t),
    );
    // Foreign keys are checked once at the end, so tables can be copied in any order and orphans counted.
    dst.pragma('foreign_keys = OFF');
    dst.transaction(() => {
      for (const table of ordered) report.tables.push(copyTable(src, dst, table));
      dropOrphans(dst, report);
    })();
    dst.pragma('foreign_keys = ON');
    const fk = dst.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new AccordError('INTERNAL', `recovery left ${fk.length} broken reference(s)`);
    report.complete = report.tables.every((t) => t.unreadable === 0 && t.dropped === 0);
    dst.pragma('wal_checkpoint(TRUNCATE)');
    dst.close();
    src.close();
    return report;
  } catch (err) {
    dst.close();
    src.close();
    for (const f of [to, `${to}-wal`, `${to}-shm`]) rmSync(f, { force: true });
    throw err;
  }
}

function copyTable(src: Db, dst: Db, table: string): RecoveryReport['tables'][number] {
  const cols = (t: Db): string[] => (t.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name);
  const srcCols = new Set(cols(src));
  const common = cols(dst).filter((c) => srcCols.has(c));
  const q = (c: string): string => `"${c.replace(/"/g, '""')}"`;
  const result = { table, copied: 0, unreadable: 0, dropped: 0 };
  if (common.length === 0) return result;
  const read = src.prepare(`SELECT rowid AS __rowid, ${common.map(q).join(', ')} FROM ${q(table)} WHERE rowid > ? ORDER BY rowid`);
  const write = dst.prepare(`INSERT OR IGNORE INTO ${q(table)} (${common.map(q).join(', ')}) VALUES (${common.map(() => '?').join(', ')})`);
  let last = -Number.MAX_SAFE_INTEGER;
  let probes = 0;
  let step = 1;
  for (;;) {
    try {
      for (const row of read.iterate(last) as Iterable<Record<string, unknown>>) {
        const info = write.run(...common.map((c) => row[c]));
        if (info.changes === 0) result.dropped += 1;
        else result.copied += 1;
        last = row.__rowid as number;
        step = 1;
      }
      return result;
    } catch (err) {
      if (!isCorruption(err)) throw err;
      // A damaged stretch: note it and look further on, in growing steps, for readable rows.
      result.unreadable += 1;
      if (++probes > MAX_PROBES || last === -Number.MAX_SAFE_INTEGER && probes > 1) {
        if (last === -Number.MAX_SAFE_INTEGER) last = 0;
        else return result;
      }
      last = last === -Number.MAX_SAFE_INTEGER ? 0 : last + step;
      step *= 2;
    }
  }
}

/** Remove rows whose parent row was lost, repeatedly (a lost document takes its codings, their memos…). */
function dropOrphans(dst: Db, report: RecoveryReport): void {
  for (let round = 0; round < 10; round++) {
    const broken = dst.pragma('foreign_key_check') as { table: string; rowid: number }[];
    if (broken.length === 0) return;
    for (const b of broken) {
      dst.prepare(`DELETE FROM "${b.table}" WHERE rowid = ?`).run(b.rowid);
      const t = report.tables.find((x) => x.table === b.table);
      if (t) {
        t.copied -= 1;
        t.dropped += 1;
      }
    }
  }
}
