// When a passage is spoken: the start time of the timed turn holding its first character. Quotes in
// the theme and quote tables and co-occurrence evidence cite it ("ID21, 12:03").
import type { Session } from '../session';

/** The time (ms) at which `offset` of a document is spoken, or null for an untimed transcript. */
export function spokenAt(s: Session, documentId: number, offset: number): number | null {
  const r = s.db
    .prepare('SELECT start_ms FROM turns WHERE document_id = ? AND start <= ? AND start_ms IS NOT NULL ORDER BY start DESC LIMIT 1')
    .get(documentId, offset) as { start_ms: number } | undefined;
  return r ? r.start_ms : null;
}

/** `spokenAt` for each coding that still exists, by coding id. */
export function codingTimes(s: Session, codingIds: Iterable<number>): Map<number, number> {
  const out = new Map<number, number>();
  const coding = s.db.prepare('SELECT document_id, start FROM codings WHERE id = ?');
  for (const id of new Set(codingIds)) {
    const k = coding.get(id) as { document_id: number; start: number } | undefined;
    if (!k) continue;
    const ms = spokenAt(s, k.document_id, k.start);
    if (ms !== null) out.set(id, ms);
  }
  return out;
}
