// Every change to project data goes through a ChangeSet: one transaction, one batch in the audit log
// (who, when, what), and one row per changed record with its before/after image. Undo and redo replay
// those images, so any recorded action can be reverted exactly.
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';
import { notifyCommitted } from '../events';

/** Tables whose rows the recorder may write, with their columns (id first). */
export const TABLES = {
  coders: ['id', 'name', 'color', 'is_consensus', 'created_at'],
  participants: ['id', 'pid', 'created_at'],
  attributes: ['id', 'name', 'type', 'ord'],
  participant_attributes: ['id', 'participant_id', 'attribute_id', 'value'],
  documents: ['id', 'name', 'kind', 'source_name', 'format', 'content_hash', 'imported_at', 'participant_id', 'duration_ms', 'ord', 'length', 'text'],
  turns: ['id', 'document_id', 'ord', 'speaker', 'start', 'end', 'start_ms', 'end_ms'],
  pages: ['id', 'document_id', 'number', 'start', 'end'],
  groups: ['id', 'name', 'ord', 'created_at'],
  document_groups: ['id', 'document_id', 'group_id'],
  codes: ['id', 'guid', 'parent_id', 'label', 'name', 'definition', 'color', 'ord', 'created_at', 'color_chosen'],
  codings: ['id', 'document_id', 'code_id', 'coder_id', 'start', 'end', 'text', 'created_at'],
  memos: ['id', 'document_id', 'code_id', 'coding_id', 'theme_id', 'title', 'body', 'author', 'created_at', 'updated_at'],
  agreement_settings: ['id', 'lead_coder_id', 'blind'],
  coder_assignments: ['id', 'document_id', 'coder_id', 'assigned_at'],
  revealed_documents: ['id', 'document_id', 'revealed_at', 'revealed_by'],
  consensus_decisions: [
    'id', 'document_id', 'code_id', 'region_start', 'region_end', 'rule', 'accepted_coder_id', 'rationale', 'author', 'decided_at', 'before', 'after',
  ],
  themes: ['id', 'parent_id', 'name', 'summary', 'ord', 'created_at'],
  theme_codes: ['id', 'theme_id', 'code_id'],
  theme_quotes: ['id', 'theme_id', 'coding_id', 'text', 'participant', 'document', 'lead_in', 'ord', 'created_at'],
  coreq_answers: ['id', 'item', 'answer', 'page', 'author', 'updated_at'],
  saved_queries: ['id', 'name', 'query', 'filters', 'created_at', 'updated_at'],
  cues: ['id', 'document_id', 'ord', 'start', 'end', 'start_ms', 'end_ms'],
  import_settings: ['id', 'id_pattern'],
  team_members: ['id', 'name', 'role', 'coder_id', 'created_at', 'revoked_at', 'last_sign_in_at'],
  recordings: ['id', 'document_id', 'kind', 'path', 'file_name', 'mime', 'size', 'sha256', 'duration_ms', 'linked_at', 'starts_at_ms'],
} as const;

export type Table = keyof typeof TABLES;
export type Row = Record<string, string | number | null>;

/**
 * Columns left out of the audit image of an insert. A document's text is stored once, in its row:
 * imports are audited but not undoable, so the log need not carry a second copy.
 */
const UNLOGGED_ON_INSERT: Partial<Record<Table, string[]>> = { documents: ['text'] };

interface AuditRow {
  op: 'insert' | 'update' | 'delete';
  entity: Table;
  entity_id: number;
  before: string | null;
  after: string | null;
}

export function nowIso(): string {
  return new Date().toISOString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, compiled once per connection. */
export function cached(db: Db, sql: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let st = map.get(sql);
  if (!st) map.set(sql, (st = db.prepare(sql)));
  return st;
}

/** Low-level row writes shared by recording and replay. */
function insertRow(db: Db, table: Table, row: Row): number {
  const cols = TABLES[table].filter((c) => c in row);
  const sql = `INSERT INTO ${table} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  const info = cached(db, sql).run(...cols.map((c) => row[c]));
  return Number(info.lastInsertRowid);
}

function updateRow(db: Db, table: Table, id: number, patch: Row): void {
  const cols = Object.keys(patch).filter((c) => c !== 'id' && (TABLES[table] as readonly string[]).includes(c));
  if (cols.length === 0) return;
  cached(db, `UPDATE ${table} SET ${cols.map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE id = ?`).run(
    ...cols.map((c) => patch[c]),
    id,
  );
}

function deleteRow(db: Db, table: Table, id: number): void {
  cached(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
}

function getRow(db: Db, table: Table, id: number, columns: readonly string[] = TABLES[table]): Row | undefined {
  return cached(db, `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
}

/** The columns of an insert's audit image: all but the unlogged ones, which are then not even read back. */
function loggedOnInsert(table: Table): readonly string[] {
  const unlogged = UNLOGGED_ON_INSERT[table];
  return unlogged ? TABLES[table].filter((c) => !unlogged.includes(c)) : TABLES[table];
}

/** A set of changes being recorded inside one transaction. */
export class ChangeSet {
  private readonly rows: AuditRow[] = [];
  constructor(private readonly db: Db) {}

  insert(table: Table, row: Row): number {
    const id = insertRow(this.db, table, row);
    const after = getRow(this.db, table, id, loggedOnInsert(table))!;
    this.rows.push({ op: 'insert', entity: table, entity_id: id, before: null, after: JSON.stringify(after) });
    return id;
  }

  update(table: Table, id: number, patch: Row): void {
    const before = getRow(this.db, table, id);
    if (!before) return;
    updateRow(this.db, table, id, patch);
    const after = getRow(this.db, table, id)!;
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    this.rows.push({ op: 'update', entity: table, entity_id: id, before: JSON.stringify(before), after: JSON.stringify(after) });
  }

  delete(table: Table, id: number): void {
    const before = getRow(this.db, table, id);
    if (!before) return;
    deleteRow(this.db, table, id);
    this.rows.push({ op: 'delete', entity: table, entity_id: id, before: JSON.stringify(before), after: null });
  }

  get size(): number {
    return this.rows.length;
  }

  /** Write the batch and its rows to the audit log. Returns the batch id, or null if nothing changed. */
  commit(actor: string, action: string, label: string, reverts: number | null = null): number | null {
    if (this.rows.length === 0) return null;
    const batch = Number(
      cached(this.db, 'INSERT INTO change_batches (at, actor, action, label, reverts) VALUES (?, ?, ?, ?, ?)')
        .run(nowIso(), actor, action, label, reverts).lastInsertRowid,
    );
    const ins = cached(this.db, 'INSERT INTO audit_log (batch_id, op, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of this.rows) ins.run(batch, r.op, r.entity, r.entity_id, r.before, r.after);
    return batch;
  }
}

/**
 * Run `fn` in one transaction with a ChangeSet; commit its audit batch. Returns fn's result and
 * the batch id (null when nothing changed). Write transactions start IMMEDIATE: they take the write
 * lock first, so a second process writing the same project waits within the busy timeout instead of
 * failing with "database is locked" when a deferred transaction's read lock cannot be upgraded.
 */
export function recordChanges<T>(
  db: Db,
  who: { actor: string; action: string; label: string },
  fn: (changes: ChangeSet) => T,
): { result: T; batch: number | null } {
  const done = db.transaction(() => {
    const changes = new ChangeSet(db);
    const result = fn(changes);
    const batch = changes.commit(who.actor, who.action, who.label);
    return { result, batch };
  }).immediate();
  if (done.batch !== null) notifyCommitted(db);
  return done;
}

/**
 * Revert (direction 'undo') or re-apply ('redo') a recorded batch, recording the replay as a new
 * batch of its own so the audit log shows it.
 */
export function replayBatch(db: Db, batchId: number, direction: 'undo' | 'redo', actor: string): number | null {
  const replayed = db.transaction(() => {
    const batch = db.prepare('SELECT label FROM change_batches WHERE id = ?').get(batchId) as { label: string } | undefined;
    if (!batch) return null;
    const rows = db
      .prepare('SELECT op, entity, entity_id, before, after FROM audit_log WHERE batch_id = ? ORDER BY id')
      .all(batchId) as AuditRow[];
    const ordered = direction === 'undo' ? rows.slice().reverse() : rows;
    const changes = new ChangeSet(db);
    for (const r of ordered) {
      const before = r.before ? (JSON.parse(r.before) as Row) : null;
      const after = r.after ? (JSON.parse(r.after) as Row) : null;
      const op = direction === 'undo' ? ({ insert: 'delete', delete: 'insert', update: 'update' } as const)[r.op] : r.op;
      const image = direction === 'undo' ? before : after;
      if (op === 'delete') changes.delete(r.entity, r.entity_id);
      else if (op === 'insert') changes.insert(r.entity, image!);
      else changes.update(r.entity, r.entity_id, image!);
    }
    return changes.commit(actor, direction, `${direction === 'undo' ? 'Undo' : 'Redo'} ${batch.label}`, batchId);
  }).immediate();
  if (replayed !== null) notifyCommitted(db);
  return replayed;
}
