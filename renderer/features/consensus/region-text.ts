// Pure helpers of the disagreement explorer: a window of text around a region cut into marked and
// unmarked pieces for one coder's ranges, and stepping through regions.
import type { ConsensusRegion } from '../../../shared/api/agreement';
import type { Span } from '../../../shared/model/types';
import { union } from '../../../shared/spans/spans';

export interface Piece extends Span {
  marked: boolean;
}

/**
 * [from, to) cut at the boundaries of `spans`, each piece marked or not. Overlapping ranges merge;
 * touching ones stay separate pieces so that unit boundaries remain visible.
 */
export function pieces(from: number, to: number, spans: readonly Span[]): Piece[] {
  const inside = union(
    spans.map((s) => ({ start: Math.max(from, s.start), end: Math.min(to, s.end) })),
    false,
  );
  const out: Piece[] = [];
  let pos = from;
  for (const s of inside) {
    if (s.start > pos) out.push({ start: pos, end: s.start, marked: false });
    out.push({ start: s.start, end: s.end, marked: true });
    pos = s.end;
  }
  if (pos < to) out.push({ start: pos, end: to, marked: false });
  return out;
}

/** The text window shown for a region: the region plus up to `context` characters each side. */
export function windowOf(region: Span, length: number, context = 120): Span {
  return { start: Math.max(0, region.start - context), end: Math.min(length, region.end + context) };
}

/**
 * The index of the next (direction 1) or previous (−1) region to show from `current`, among those
 * shown (all, or only disagreements); stays put at either end.
 */
export function step(regions: readonly ConsensusRegion[], current: number, direction: 1 | -1, onlyDisagreements: boolean): number {
  for (let i = current + direction; i >= 0 && i < regions.length; i += direction) {
    if (!onlyDisagreements || !regions[i].agreed) return i;
  }
  return current;
}

/** The first region to show: the first unsettled disagreement, else the first shown region, else −1. */
export function firstRegion(regions: readonly ConsensusRegion[], onlyDisagreements: boolean): number {
  const open = regions.findIndex((r) => !r.agreed && r.decision === null);
  if (open >= 0) return open;
  return regions.findIndex((r) => !onlyDisagreements || !r.agreed);
}
