// Undo and redo of this session's recorded actions, and the audit log.
import { AccordError } from '../../../shared/api/errors';
import type { HistoryState } from '../../../shared/api/contract';
import type { AuditEntry } from '../../../shared/model/types';
import { replayBatch } from '../db/changes';
import type { Session } from '../session';

export function historyState(s: Session): HistoryState {
  const u = s.undoStack[s.undoStack.length - 1];
  const r = s.redoStack[s.redoStack.length - 1];
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

function step(s: Session, from: Session['undoStack'], to: Session['undoStack'], direction: 'undo' | 'redo'): HistoryState {
  const top = from[from.length - 1];
  if (!top) return historyState(s);
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

export function undo(s: Session): HistoryState {
  return step(s, s.undoStack, s.redoStack, 'undo');
}

export function redo(s: Session): HistoryState {
  return step(s, s.redoStack, s.undoStack, 'redo');
}

export function auditLog(s: Session, limit: number): AuditEntry[] {
  const rows = s.db
    .prepare(
      `SELECT a.id, b.at, b.actor, b.action, b.label, a.op, a.entity, a.entity_id, a.before, a.after
       FROM audit_log a JOIN change_batches b ON b.id = a.batch_id ORDER BY a.id DESC LIMIT ?`,
    )
    .all(limit) as {
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
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: `${r.action}: ${r.label} (${r.op})`,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
