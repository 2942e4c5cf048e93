// Pure helpers linking a transcript's text to its recording: the time a text offset is spoken at
// (the start of its turn), the turn being played at a time, and clock labels.
import type { Span, Turn } from '../../../shared/model/types';

/** Index of the last turn starting at or before `offset`, or -1. */
function turnIndexAt(turns: readonly Turn[], offset: number): number {
  let lo = 0;
  let hi = turns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * When the text at `offset` is spoken, in ms: the start of the turn holding it (or, before the first
 * timed turn, null). A turn without a time borrows the last timed turn's start before it.
 */
export function timeAtOffset(turns: readonly Turn[], offset: number): number | null {
  for (let i = turnIndexAt(turns, offset); i >= 0; i--) {
    const t = turns[i].startMs;
    if (typeof t === 'number') return t;
  }
  return null;
}

/** The turn being spoken at `ms` (the last timed turn starting at or before it), or -1. */
export function turnAtTime(turns: readonly Turn[], ms: number): number {
  let best = -1;
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i].startMs;
    if (typeof t === 'number' && t <= ms && (best === -1 || t >= (turns[best].startMs as number))) best = i;
  }
  return best;
}

/** The text span of turn `index`, for highlighting it. */
export function turnSpan(turns: readonly Turn[], index: number): Span | null {
  return index >= 0 && index < turns.length ? { start: turns[index].start, end: turns[index].end } : null;
}

export { formatClock } from '../../../shared/text/clock';
