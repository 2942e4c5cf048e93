// Text offsets ↔ recording times for timed transcripts, from a document's turns and cues
// (`documents:get` gives both). Used to cite a quote with its timestamp ("ID21, 00:12:03"), to start
// playback at a passage, and to follow the text while a recording plays.

import type { Cue, Turn } from '../model/types';

/** What the helpers read: a document's timed structure, as `documents:get` returns it. */
export interface Timed {
  turns: readonly Turn[];
  cues: readonly Cue[];
}

/** Index of the last item whose `start` is ≤ offset (items sorted by start), or -1. */
function lastStartingAtOrBefore(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The time (ms) at which the text at `offset` is spoken, for citing a quote: the start of the cue
 * holding the offset. An offset between cues (the blank line after one) takes the cue before it
 * when that cue is in the same turn; otherwise the time of the turn holding the offset. Null for an
 * untimed document or a passage outside every timed turn. A quote is cited by its start offset.
 */
export function timeAtOffset(doc: Timed, offset: number): number | null {
  const t = lastStartingAtOrBefore(doc.turns, offset);
  const turn = t >= 0 && offset < Math.max(doc.turns[t].end, doc.turns[t].start + 1) ? doc.turns[t] : null;
  const c = lastStartingAtOrBefore(doc.cues, offset);
  if (c >= 0) {
    const cue = doc.cues[c];
    if (offset < cue.end || (turn && cue.start >= turn.start && cue.start < turn.end)) return cue.startMs;
  }
  return turn?.startMs ?? null;
}

/**
 * The cue being spoken at `ms` (the last one starting at or before it), or -1 before the first cue
 * and after the last one's known end. For following the text while a recording plays.
 */
export function cueAtTime(cues: readonly Cue[], ms: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid].startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === cues.length - 1 && found >= 0) {
    const endMs = cues[found].endMs;
    if (endMs !== null && ms >= endMs) return -1;
  }
  return found;
}

/** The index of the turn holding the text at `offset`, or -1 (between or outside turns). */
export function turnAtOffset(turns: readonly Turn[], offset: number): number {
  const t = lastStartingAtOrBefore(turns, offset);
  return t >= 0 && offset < turns[t].end ? t : -1;
}

/**
 * `hh:mm:ss` (hours always shown, as transcription services write them: 723000 → `00:12:03`),
 * milliseconds dropped. The form used to cite a quote: "ID21, 00:12:03".
 */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/**
 * A quote's citation: participant (or document name) and the time its first character is spoken,
 * `ID21, 00:12:03`; just the label when the document is untimed.
 */
export function citeQuote(label: string, doc: Timed, start: number): string {
  const ms = timeAtOffset(doc, start);
  return ms === null ? label : `${label}, ${formatTimestamp(ms)}`;
}
