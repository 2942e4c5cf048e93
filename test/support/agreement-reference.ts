// TEST SUPPORT ONLY — straightforward reference computations that the optimised agreement code is
// checked against. Nothing in shared/, electron/ or renderer/ imports this folder. Each part (one
// code in one document) is recounted from its raw ranges with the plain pure measures, unit by unit,
// with a coder's values missing (not absent) on the parts where they do not count.
import type { AgreementUnit } from '../../shared/api/agreement';
import type { Span } from '../../shared/model/types';
import {
  ABSENT,
  MISSING,
  PRESENT,
  characterPatternCounts,
  codeUnitizedCounts,
  turnUnits,
  unitsPatternCounts,
  type PatternCounts,
  type UnitizedCounts,
} from '../../shared/stats/text-agreement';

/** One code in one document: each coder's ranges, and whether the coder counts there. */
export interface ReferencePart {
  length: number;
  turns: Span[];
  ranges: Span[][];
  /** Per coder (same order as ranges); default: every coder counts. */
  counting?: boolean[];
}

function addTo<K>(map: Map<K, number>, key: K, n: number): void {
  if (n !== 0) map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * Pattern counts (MISSING for a coder who does not count) and unitized counts of the parts for the
 * chosen coders; parts with fewer than two counting coders are left out (not pairable).
 */
export function referenceRecount(
  unit: AgreementUnit,
  parts: readonly ReferencePart[],
  coders: readonly number[],
): { pattern: PatternCounts; unitized: UnitizedCounts | null } {
  const k = coders.length;
  const pattern: PatternCounts = { coders: k, counts: new Map() };
  const unitized: UnitizedCounts = { coders: k, length: 0, observed: new Map(), correction: new Map() };
  for (const p of parts) {
    const counts = coders.map((c) => p.counting?.[c] ?? true);
    const members = coders.filter((_, x) => counts[x]);
    if (members.length < 2) continue;
    const ranges = members.map((c) => p.ranges[c]);
    let part: PatternCounts;
    if (unit === 'character') part = characterPatternCounts(p.length, ranges);
    else if (unit === 'turn') part = unitsPatternCounts(turnUnits(p.turns, ranges), members.length);
    else part = unitsPatternCounts([ranges.map((r) => (r.length > 0 ? PRESENT : ABSENT))], members.length);
    for (const [key, n] of part.counts) {
      let i = 0;
      addTo(pattern.counts, counts.map((c) => (c ? key[i++] : MISSING)).join(''), n);
    }
    if (unit === 'character') {
      const u = codeUnitizedCounts(p.length, ranges);
      unitized.length += u.length;
      for (const [a, row] of u.observed) {
        let to = unitized.observed.get(a);
        if (!to) unitized.observed.set(a, (to = new Map()));
        for (const [b, n] of row) addTo(to, b, n);
      }
      for (const [v, n] of u.correction) addTo(unitized.correction, v, n);
    }
  }
  return { pattern, unitized: unit === 'character' ? unitized : null };
}
