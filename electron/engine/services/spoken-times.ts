// When a passage is spoken: the start time of the timed turn holding its first character, counted
// from the start of the interview. Quotes in the theme and quote tables, retrieval and co-occurrence
// evidence cite it ("ID21, 12:03").
import { guessRecordingStart } from '../../../shared/text/clock';
import type { Session } from '../session';

/**
 * Where a document's quote times count from, on its transcript's clock: its recording's start when
 * one is linked (see Recording.startsAtMs), else the guess linking would make (a transcript in clock
 * times, Zoom's `[Jane Doe] 14:05:12`, counts from its first line), else 0. A paper's "ID21, 2:18"
 * means 2 minutes 18 into the interview, not 14:07:30 on the clock.
 */
export function interviewStart(s: Session, documentId: number): number {
  const recording = s.db.prepare('SELECT starts_at_ms FROM recordings WHERE document_id = ?').get(documentId) as { starts_at_ms: number } | undefined;
  if (recording) return recording.starts_at_ms;
  const first = s.db.prepare('SELECT start_ms FROM turns WHERE document_id = ? AND start_ms IS NOT NULL ORDER BY ord LIMIT 1').get(documentId) as
    | { start_ms: number }
    | undefined;
  return guessRecordingStart(first?.start_ms ?? null, null);
}

/** A time on a transcript's clock as a time into its interview (see interviewStart); never negative. */
export function intoInterview(ms: number | null, start: number): number | null {
  return ms === null ? null : Math.max(0, ms - start);
}

/** The time (ms) into its interview at which `offset` of a document is spoken, or null for an untimed transcript. */
export function spokenAt(s: Session, documentId: number, offset: number): number | null {
  const r = s.db
    .prepare('SELECT start_ms FROM turns WHERE document_id = ? AND start <= ? AND start_ms IS NOT NULL ORDER BY start DESC LIMIT 1')
    .get(documentId, offset) as { start_ms: number } | undefined;
  return r ? intoInterview(r.start_ms, interviewStart(s, documentId)) : null;
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
