// Undo and redo of this session's recorded actions, and the audit log.
import { AccordError } from '../../../shared/api/errors';
import type { HistoryState } from '../../../shared/api/contract';
import type { AuditEntry } from '../../../shared/model/types';
import { cached, replayBatch } from '../db/changes';
import { codingFilter } from './blind';
import type { Session } from '../session';

export function historyState(s: Session): HistoryState {
  const u = s.undoStack[s.undoStack.length - 1];
  const r = s.redoStack[s.redoStack.length - 1];
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

function step(s: Session, from: Session['undoStack'], to: Session['undoStack'], direction: 'undo' | 'redo'): HistoryState {
  const top = from[from.length - 1];
  if (!top) return historyState(s);
  const other = laterChangeByOther(s, top.batch);
  if (other) {
    // Replaying the images would overwrite (or resurrect what was deleted by) someone else's later work.
    throw new AccordError('CONFLICT', `can't ${direction} "${top.label}": ${other} changed it since`);
  }
  try {
    replayBatch(s.db, top.batch, direction, s.actor);
  } catch (err) {
    // The replay ran in one transaction, so nothing changed; the step stays available.
    throw new AccordError('CONFLICT', `can't ${direction} "${top.label}": later changes depend on it (${(err as Error).message})`);
  }
  from.pop();
  to.push(top);
  return historyState(s);
}

/** Who other than the running caller changed a row of `batch` after it, if anyone did. */
function laterChangeByOther(s: Session, batch: number): string | null {
  const rows = cached(s.db, 'SELECT DISTINCT entity, entity_id FROM audit_log WHERE batch_id = ?').all(batch) as { entity: string; entity_id: number }[];
  const later = cached(
    s.db,
    `SELECT b.actor FROM audit_log a JOIN change_batches b ON b.id = a.batch_id
     WHERE a.entity = ? AND a.entity_id = ? AND a.batch_id > ? AND b.actor <> ? LIMIT 1`,
  );
  for (const r of rows) {
    const hit = later.get(r.entity, r.entity_id, batch, s.actor) as { actor: string } | undefined;
    if (hit) return hit.actor;
  }
  return null;
}

export function undo(s: Session): HistoryState {
  return step(s, s.undoStack, s.redoStack, 'undo');
}

export function redo(s: Session): HistoryState {
  return step(s, s.redoStack, s.undoStack, 'redo');
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  label: string;
  op: string;
  entity: string;
  entity_id: number;
  before: string | null;
  after: string | null;
}

/**
 * The audit log, newest first. A blind caller gets only the entries they may see: no other coder's
 * codings, memos, consensus decisions or theme quotes on documents still hidden from them (their
 * images carry the coded text).
 */
export function auditLog(s: Session, limit: number): AuditEntry[] {
  const page = cached(
    s.db,
    `SELECT a.id, b.at, b.actor, b.action, b.label, a.op, a.entity, a.entity_id, a.before, a.after
     FROM audit_log a JOIN change_batches b ON b.id = a.batch_id WHERE a.id < ? ORDER BY a.id DESC LIMIT ?`,
  );
  const visible = auditFilter(s);
  const out: AuditEntry[] = [];
  let below = Number.MAX_SAFE_INTEGER;
  while (out.length < limit) {
    const rows = page.all(below, visible ? Math.max(limit, 500) : limit) as AuditRow[];
    for (const r of rows) {
      below = r.id;
      const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null;
      const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null;
      if (visible && !visible(r.entity, (after ?? before)!)) continue;
      out.push({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: `${r.action}: ${r.label} (${r.op})`,
        entity: r.entity,
        entityId: r.entity_id,
        before,
        after,
      });
      if (out.length === limit) break;
    }
    if (rows.length === 0 || !visible) break;
  }
  return out;
}

/** Whether the running caller may see an audit row (by its entity and row image); null: every row. */
function auditFilter(s: Session): ((entity: string, image: Record<string, unknown>) => boolean) | null {
  const coding = codingFilter(s);
  if (!coding) return null;
  const revealed = (doc: unknown) => typeof doc === 'number' && coding(doc, null);
  const codingRow = cached(s.db, 'SELECT document_id, coder_id FROM codings WHERE id = ?');
  const codingVisible = (id: unknown): boolean => {
    if (typeof id !== 'number') return false;
    const c = codingRow.get(id) as { document_id: number; coder_id: number } | undefined;
    return c !== undefined && coding(c.document_id, c.coder_id);
  };
  return (entity, image) => {
    switch (entity) {
      case 'codings':
        return coding(image.document_id as number, image.coder_id as number);
      case 'consensus_decisions':
        return revealed(image.document_id);
      case 'theme_quotes':
        return codingVisible(image.coding_id);
      case 'memos':
        // As memos:list: a blind caller sees only the memos they wrote.
        return image.author === s.actor;
      default:
        return true;
    }
  };
}
