// When a passage is spoken: the start time of the timed turn holding its first character, counted
// from the start of the interview. Quotes in the theme and quote tables, retrieval and co-occurrence
// evidence cite it ("ID21, 12:03").
import { guessRecordingStart } from '../../../shared/text/clock';
import { cached } from '../db/changes';
import type { Session } from '../session';

/** The time of a document's first timed turn, on its transcript's clock, or null when it has none. */
export function firstTurnTime(s: Session, documentId: number): number | null {
  const first = cached(s.db, 'SELECT start_ms FROM turns WHERE document_id = ? AND start_ms IS NOT NULL ORDER BY ord LIMIT 1').get(documentId) as
    | { start_ms: number }
    | undefined;
  return first?.start_ms ?? null;
}

/** Each document's interview start (see interviewStart), looked up once per document. */
export type InterviewStarts = (documentId: number) => number;

/**
 * Where a document's quote times count from, on its transcript's clock: its recording's start when
 * one is linked (see Recording.startsAtMs), else the guess linking would make (a transcript in clock
 * times, Zoom's `[Jane Doe] 14:05:12`, counts from its first line), else 0. A paper's "ID21, 2:18"
 * means 2 minutes 18 into the interview, not 14:07:30 on the clock. The answer remembers each
 * document's start, for one report's many quotes.
 */
export function interviewStarts(s: Session): InterviewStarts {
  const starts = new Map<number, number>();
  return (documentId) => {
    let start = starts.get(documentId);
    if (start !== undefined) return start;
    const recording = cached(s.db, 'SELECT starts_at_ms FROM recordings WHERE document_id = ?').get(documentId) as { starts_at_ms: number } | undefined;
    start = recording ? recording.starts_at_ms : guessRecordingStart(firstTurnTime(s, documentId), null);
    starts.set(documentId, start);
    return start;
  };
}

/** A time on a transcript's clock as a time into its interview (see interviewStarts); never negative. */
export function intoInterview(ms: number | null, start: number): number | null {
  return ms === null ? null : Math.max(0, ms - start);
}

/** The time (ms) into its interview at which `offset` of a document is spoken, or null for an untimed transcript. */
export function spokenAt(s: Session, documentId: number, offset: number, startOf: InterviewStarts = interviewStarts(s)): number | null {
  const r = cached(s.db, 'SELECT start_ms FROM turns WHERE document_id = ? AND start <= ? AND start_ms IS NOT NULL ORDER BY start DESC LIMIT 1').get(documentId, offset) as
    | { start_ms: number }
    | undefined;
  return r ? intoInterview(r.start_ms, startOf(documentId)) : null;
}

/** `spokenAt` for each coding that still exists, by coding id. */
export function codingTimes(s: Session, codingIds: Iterable<number>): Map<number, number> {
  const out = new Map<number, number>();
  const coding = cached(s.db, 'SELECT document_id, start FROM codings WHERE id = ?');
  const startOf = interviewStarts(s);
  for (const id of new Set(codingIds)) {
    const k = coding.get(id) as { document_id: number; start: number } | undefined;
    if (!k) continue;
    const ms = spokenAt(s, k.document_id, k.start, startOf);
    if (ms !== null) out.set(id, ms);
  }
  return out;
}
