// Range arithmetic on half-open [start, end) spans of UTF-16 offsets. Every function is linear
// (after sorting) in the number of spans; nothing allocates per character.
import type { Span } from '../model/types';

export function isValidSpan(s: Span, length?: number): boolean {
  return (
    Number.isInteger(s.start) &&
    Number.isInteger(s.end) &&
    s.start >= 0 &&
    s.end > s.start &&
    (length === undefined || s.end <= length)
  );
}

export function spanLength(s: Span): number {
  return s.end - s.start;
}

/** True when the two spans share at least one character. Touching spans do not overlap. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `outer` contains every character of `inner`. */
export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Sorted, disjoint union of spans. Overlapping spans merge; spans that only touch merge too when
 * `mergeTouching` is true (the default: as sets of characters they are one run).
 */
export function union(spans: readonly Span[], mergeTouching = true): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).slice().sort(compareSpans);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && (s.start < last.end || (mergeTouching && s.start === last.end))) {
      if (s.end > last.end) last.end = s.end;
    } else {
      out.push({ start: s.start, end: s.end });
    }
  }
  return out;
}

/** Intersection of two span sets (each normalised first). */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const x = union(a);
  const y = union(b);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i].start, y[j].start);
    const end = Math.min(x[i].end, y[j].end);
    if (start < end) out.push({ start, end });
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return out;
}

/** Characters of `a` not in `b`. */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const x = union(a);
  const y = union(b);
  const out: Span[] = [];
  let j = 0;
  for (const s of x) {
    let cur = s.start;
    while (j < y.length && y[j].end <= cur) j++;
    let k = j;
    while (k < y.length && y[k].start < s.end) {
      if (y[k].start > cur) out.push({ start: cur, end: y[k].start });
      cur = Math.max(cur, y[k].end);
      k++;
    }
    if (cur < s.end) out.push({ start: cur, end: s.end });
  }
  return out;
}

/** Total number of characters covered (overlaps counted once). */
export function coveredLength(spans: readonly Span[]): number {
  let n = 0;
  for (const s of union(spans)) n += s.end - s.start;
  return n;
}

/**
 * Split [0, length) at every boundary of the given spans and report, for each piece, the indices
 * of the spans covering it. Used to render overlapping codings as flat pieces.
 */
export function segment<T extends Span>(length: number, spans: readonly T[]): { start: number; end: number; covering: number[] }[] {
  const points = new Set<number>([0, length]);
  for (const s of spans) {
    points.add(Math.max(0, Math.min(length, s.start)));
    points.add(Math.max(0, Math.min(length, s.end)));
  }
  const bounds = [...points].sort((a, b) => a - b);
  const order = spans.map((_, i) => i).sort((p, q) => spans[p].start - spans[q].start);
  const active = new Set<number>();
  const pieces: { start: number; end: number; covering: number[] }[] = [];
  let next = 0;
  for (let b = 0; b < bounds.length - 1; b++) {
    const start = bounds[b];
    const end = bounds[b + 1];
    while (next < order.length && spans[order[next]].start <= start) active.add(order[next++]);
    for (const i of [...active]) if (spans[i].end <= start) active.delete(i);
    pieces.push({ start, end, covering: [...active].filter((i) => spans[i].start < end).sort((p, q) => p - q) });
  }
  return pieces;
}
