// Agreement on coded text: characters, turns or documents as units (reduced to the categorical
// measures), and Krippendorff's unitized alphas on the text continuum. Everything sweeps over range
// boundaries, so cost grows with the number of ranges, never with the number of characters.
import type { Span } from '../model/types';
import { union } from '../spans/spans';
import { AccordError } from '../api/errors';
import {
  cohenKappaWeighted,
  fleissKappaWeighted,
  krippendorffAlphaWeighted,
  pairwiseCohenWeighted,
  percentAgreementWeighted,
  type Measure,
  type PairMeasure,
  type WeightedUnit,
} from './agreement';

/** The two categories of "code applied here or not" when text units become categorical units. */
export const PRESENT = '1';
export const ABSENT = '0';

/**
 * Run-length counts of binary units: for each pattern (one PRESENT/ABSENT character per coder, e.g.
 * "10" = coder 1 applied the code, coder 2 did not) the number of units showing it. Counts from
 * different documents or codes can be pooled by adding them.
 */
export interface PatternCounts {
  coders: number;
  counts: Map<string, number>;
}

/** The categorical measures on a set of binary units, with how the units were pooled. */
export interface TextAgreement {
  /** Units used, e.g. characters. */
  units: number;
  /** How the units were pooled, e.g. "pooled over all characters of 3 documents". */
  pooling: string;
  percentAgreement: Measure;
  /** Cohen's kappa for every pair of coders. */
  pairwiseCohen: PairMeasure[];
  /** Cohen's kappa when there are exactly two coders, else null with a reason. */
  cohenKappa: Measure;
  fleissKappa: Measure;
  krippendorffAlpha: Measure;
}

function checkSpans(spans: readonly Span[], length: number, where: string): void {
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > length) {
      throw new AccordError('INVALID_INPUT', `${where}: range [${s.start}, ${s.end}) is not inside [0, ${length})`);
    }
  }
}

function checkDocuments(docLengths: readonly number[], byCoder: readonly (readonly unknown[])[]): void {
  docLengths.forEach((len, d) => {
    if (!Number.isInteger(len) || len < 0) {
      throw new AccordError('INVALID_INPUT', `document ${d + 1}: length ${len} is not a non-negative integer`);
    }
  });
  byCoder.forEach((docs, c) => {
    if (docs.length !== docLengths.length) {
      throw new AccordError(
        'INVALID_INPUT',
        `coder ${c + 1} has ranges for ${docs.length} documents, expected ${docLengths.length}`,
      );
    }
  });
}

/** Empty counts for `coders` coders, to pool into. */
export function emptyPatternCounts(coders: number): PatternCounts {
  return { coders, counts: new Map() };
}

function addCount(counts: Map<string, number>, key: string, n: number): void {
  if (n > 0) counts.set(key, (counts.get(key) ?? 0) + n);
}

/**
 * Character-unit pattern counts for one code in one document: each character is a unit, PRESENT for a
 * coder when it lies in the union of that coder's ranges. A sweep over the sorted range boundaries;
 * each segment between boundaries adds its length to the pattern it shows.
 */
export function characterPatternCounts(docLength: number, rangesByCoder: readonly (readonly Span[])[]): PatternCounts {
  const m = rangesByCoder.length;
  const events: { pos: number; coder: number }[] = [];
  rangesByCoder.forEach((ranges, coder) => {
    checkSpans(ranges, docLength, `coder ${coder + 1}`);
    // Touching ranges merge, so a coder never has two events at one position and a toggle is enough.
    for (const r of union(ranges, true)) {
      events.push({ pos: r.start, coder }, { pos: r.end, coder });
    }
  });
  events.sort((a, b) => a.pos - b.pos);
  const state: boolean[] = new Array(m).fill(false);
  const key = () => state.map((on) => (on ? PRESENT : ABSENT)).join('');
  const out = emptyPatternCounts(m);
  let prev = 0;
  let i = 0;
  while (i < events.length) {
    const pos = events[i].pos;
    addCount(out.counts, key(), pos - prev);
    while (i < events.length && events[i].pos === pos) {
      state[events[i].coder] = !state[events[i].coder];
      i++;
    }
    prev = pos;
  }
  addCount(out.counts, key(), docLength - prev);
  return out;
}

/** Pattern counts of a units matrix whose values are PRESENT/ABSENT (e.g. from turnUnits). */
export function unitsPatternCounts(units: readonly (readonly string[])[], coders: number): PatternCounts {
  const out = emptyPatternCounts(coders);
  units.forEach((row, i) => {
    if (row.length !== coders || row.some((v) => v !== PRESENT && v !== ABSENT)) {
      throw new AccordError('INVALID_INPUT', `unit ${i + 1}: expected ${coders} values of "${PRESENT}" or "${ABSENT}"`);
    }
    addCount(out.counts, row.join(''), 1);
  });
  return out;
}

/** Sum of pattern counts (e.g. over documents, or over codes); all must have the same coders. */
export function poolPatternCounts(parts: readonly PatternCounts[]): PatternCounts {
  if (parts.length === 0) return emptyPatternCounts(0);
  const out = emptyPatternCounts(parts[0].coders);
  for (const p of parts) {
    if (p.coders !== out.coders) {
      throw new AccordError('INVALID_INPUT', `cannot pool counts for ${p.coders} coders with counts for ${out.coders}`);
    }
    for (const [k, n] of p.counts) addCount(out.counts, k, n);
  }
  return out;
}

/** The pattern counts as weighted categorical units (one per pattern). */
export function patternUnits(counts: PatternCounts): WeightedUnit[] {
  return [...counts.counts].map(([k, weight]) => ({ values: k.split(''), weight }));
}

/**
 * Percent agreement, Cohen (pairwise, and plain for two coders), Fleiss and Krippendorff's nominal
 * alpha from pattern counts. There are no missing values: every coder rated every unit.
 */
export function agreementFromPatternCounts(
  counts: PatternCounts,
  options: { coderNames?: readonly string[]; pooling?: string } = {},
): TextAgreement {
  const units = patternUnits(counts);
  const total = units.reduce((s, u) => s + u.weight, 0);
  const names = options.coderNames ?? Array.from({ length: counts.coders }, (_, i) => `coder ${i + 1}`);
  if (names.length !== counts.coders) {
    throw new AccordError('INVALID_INPUT', `${names.length} coder names given for ${counts.coders} coders`);
  }
  return {
    units: total,
    pooling: options.pooling ?? `${total} units`,
    percentAgreement: percentAgreementWeighted(units),
    pairwiseCohen: pairwiseCohenWeighted(units, names),
    cohenKappa:
      counts.coders === 2
        ? cohenKappaWeighted(units)
        : { value: null, reason: `Cohen's kappa needs exactly two coders, got ${counts.coders}`, n: 0 },
    fleissKappa: fleissKappaWeighted(units),
    krippendorffAlpha: krippendorffAlphaWeighted(units),
  };
}

/**
 * Character-unit agreement for one code over the given documents, pooled over all their characters.
 * `rangesByCoder[coder][doc]` are the coder's ranges of the code in that document (may overlap).
 */
export function characterAgreement(
  docLengths: readonly number[],
  rangesByCoder: readonly (readonly (readonly Span[])[])[],
  coderNames?: readonly string[],
): TextAgreement {
  checkDocuments(docLengths, rangesByCoder);
  const perDoc = docLengths.map((len, d) => characterPatternCounts(len, rangesByCoder.map((docs) => docs[d])));
  const pooled = poolPatternCounts(perDoc.length > 0 ? perDoc : [emptyPatternCounts(rangesByCoder.length)]);
  const docs = docLengths.length === 1 ? '1 document' : `${docLengths.length} documents`;
  return agreementFromPatternCounts(pooled, { coderNames, pooling: `pooled over all characters of ${docs}` });
}

/**
 * Turn units: one row per turn (input order), one column per coder; a turn is PRESENT for a coder
 * when any of its characters lies in one of the coder's ranges.
 */
export function turnUnits(turns: readonly Span[], rangesByCoder: readonly (readonly Span[])[]): string[][] {
  const merged = rangesByCoder.map((ranges) => union(ranges, true));
  return turns.map((turn) =>
    merged.map((ranges) => {
      // First merged range ending after the turn starts; the turn is coded if that range starts before it ends.
      let lo = 0;
      let hi = ranges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ranges[mid].end <= turn.start) lo = mid + 1;
        else hi = mid;
      }
      const r = ranges[lo];
      return r !== undefined && turn.end > turn.start && r.start < turn.end ? PRESENT : ABSENT;
    }),
  );
}

/** Document units: one row per document, PRESENT when the coder applied the code anywhere in it. */
export function documentUnits(rangesByCoder: readonly (readonly (readonly Span[])[])[]): string[][] {
  const docs = rangesByCoder.reduce((n, d) => Math.max(n, d.length), 0);
  return Array.from({ length: docs }, (_, d) =>
    rangesByCoder.map((byDoc) => ((byDoc[d] ?? []).some((s) => s.end > s.start) ? PRESENT : ABSENT)),
  );
}

/**
 * Roll-up for hierarchical codes: each code's ranges plus those of all its descendants, overlapping
 * ranges merged (touching ranges stay separate, so unitized alpha still sees them as distinct units).
 * `parentOf` maps every code to its parent (null for a root).
 */
export function rollUpRanges<K>(
  parentOf: ReadonlyMap<K, K | null>,
  rangesByCode: ReadonlyMap<K, readonly Span[]>,
): Map<K, Span[]> {
  const collected = new Map<K, Span[]>();
  for (const code of parentOf.keys()) collected.set(code, []);
  for (const [code, ranges] of rangesByCode) {
    if (!parentOf.has(code)) throw new AccordError('INVALID_INPUT', `code ${String(code)} is not in the code tree`);
    let cur: K | null = code;
    let steps = 0;
    while (cur !== null) {
      if (++steps > parentOf.size) {
        throw new AccordError('INVALID_INPUT', `the code tree has a cycle through code ${String(code)}`);
      }
      const bucket = collected.get(cur);
      if (!bucket) throw new AccordError('INVALID_INPUT', `code ${String(cur)} is not in the code tree`);
      for (const r of ranges) bucket.push(r);
      cur = parentOf.get(cur) ?? null;
    }
  }
  const out = new Map<K, Span[]>();
  for (const [code, ranges] of collected) out.set(code, union(ranges, false));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's unitized alphas (Krippendorff, Mathet, Bouvry & Widlöcher 2016, Quality & Quantity
// 50; Krippendorff 2019, Content Analysis 4th ed., §12.6). Each coder partitions the continuum into
// valued segments and gaps (value null, "irrelevant matter").

/** A coded segment of the continuum carrying a value (e.g. a code name). */
export interface ValuedSpan extends Span {
  value: string;
}

/**
 * The sufficient statistics of the unitized alphas, poolable by addition (pooling = concatenating
 * continua: gaps enter the correction linearly, so joining gaps at a seam changes nothing).
 */
export interface UnitizedCounts {
  coders: number;
  /** Continuum length in characters. */
  length: number;
  /** Observed coincidences ℓ_ck (key null = gap), summed over all coder pairs, divided by m − 1. */
  observed: Map<string | null, Map<string | null, number>>;
  /** Per value, Σ over segments of L² (valued) or L (gaps): the self-pairings excluded from ε. */
  correction: Map<string | null, number>;
}

function emptyUnitizedCounts(coders: number): UnitizedCounts {
  return { coders, length: 0, observed: new Map(), correction: new Map() };
}

function addObserved(c: UnitizedCounts, a: string | null, b: string | null, n: number): void {
  if (n === 0) return;
  let row = c.observed.get(a);
  if (!row) c.observed.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + n);
}

function addCorrection(c: UnitizedCounts, v: string | null, n: number): void {
  if (n !== 0) c.correction.set(v, (c.correction.get(v) ?? 0) + n);
}

/**
 * Unitized counts for one continuum of `length` characters. Each coder's segments must not overlap
 * (touching is fine: they are separate units).
 */
export function unitizedCounts(length: number, segmentsByCoder: readonly (readonly ValuedSpan[])[]): UnitizedCounts {
  const m = segmentsByCoder.length;
  const out = emptyUnitizedCounts(m);
  out.length = length;
  const sorted = segmentsByCoder.map((segs, coder) => {
    checkSpans(segs, length, `coder ${coder + 1}`);
    const s = segs.filter((x) => x.end > x.start).slice().sort((a, b) => a.start - b.start);
    for (let i = 1; i < s.length; i++) {
      if (s[i].start < s[i - 1].end) {
        throw new AccordError(
          'INVALID_INPUT',
          `coder ${coder + 1}: segments [${s[i - 1].start}, ${s[i - 1].end}) and [${s[i].start}, ${s[i].end}) overlap`,
        );
      }
    }
    let covered = 0;
    for (const seg of s) {
      const len = seg.end - seg.start;
      covered += len;
      addCorrection(out, seg.value, len * len);
    }
    addCorrection(out, null, length - covered);
    return s;
  });
  if (m < 2) return out;

  const bounds = new Set<number>([0, length]);
  for (const segs of sorted) for (const s of segs) bounds.add(s.start).add(s.end);
  const points = [...bounds].sort((a, b) => a - b);
  const cursor: number[] = new Array(m).fill(0);
  for (let p = 0; p + 1 < points.length; p++) {
    const from = points[p];
    const len = points[p + 1] - from;
    const present = new Map<string | null, number>();
    for (let c = 0; c < m; c++) {
      const segs = sorted[c];
      while (cursor[c] < segs.length && segs[cursor[c]].end <= from) cursor[c]++;
      const seg = segs[cursor[c]];
      const v = seg !== undefined && seg.start <= from ? seg.value : null;
      present.set(v, (present.get(v) ?? 0) + 1);
    }
    // Every ordered pair of distinct coders pairs their values on each of these `len` characters.
    for (const [a, na] of present) {
      for (const [b, nb] of present) {
        addObserved(out, a, b, (len * na * (a === b ? nb - 1 : nb)) / (m - 1));
      }
    }
  }
  return out;
}

/** Sum of unitized counts (over documents or codes); all must have the same number of coders. */
export function poolUnitizedCounts(parts: readonly UnitizedCounts[]): UnitizedCounts {
  if (parts.length === 0) return emptyUnitizedCounts(0);
  const out = emptyUnitizedCounts(parts[0].coders);
  for (const p of parts) {
    if (p.coders !== out.coders) {
      throw new AccordError('INVALID_INPUT', `cannot pool counts for ${p.coders} coders with counts for ${out.coders}`);
    }
    out.length += p.length;
    for (const [a, row] of p.observed) for (const [b, n] of row) addObserved(out, a, b, n);
    for (const [v, n] of p.correction) addCorrection(out, v, n);
  }
  return out;
}

/**
 * Collapse every value into one "relevant" category (segments keep their boundaries): the counts of
 * |uα, which asks only whether coders agree on what is relevant matter and where units begin and end.
 */
export function binarizeUnitizedCounts(counts: UnitizedCounts, relevant = 'relevant'): UnitizedCounts {
  const out = emptyUnitizedCounts(counts.coders);
  out.length = counts.length;
  const map = (v: string | null) => (v === null ? null : relevant);
  for (const [a, row] of counts.observed) for (const [b, n] of row) addObserved(out, map(a), map(b), n);
  for (const [v, n] of counts.correction) addCorrection(out, map(v), n);
  return out;
}

/**
 * α from unitized counts (nominal): 1 − D_o/D_e with D_o = Σ_{c≠k} ℓ_ck and
 * ε_ck = ℓ..(ℓ_c.ℓ_.k − [c=k]·correction_c) / (ℓ..² − Σ correction) (Krippendorff et al. 2016).
 * `n` is the continuum length in characters.
 */
export function unitizedAlphaFromCounts(counts: UnitizedCounts): Measure {
  const n = counts.length;
  if (counts.coders < 2) return { value: null, reason: 'needs at least two coders', n };
  if (n === 0) return { value: null, reason: 'the continuum is empty', n };
  let total = 0;
  let diagonal = 0;
  let sumMarginalSquares = 0;
  for (const [a, row] of counts.observed) {
    let marginal = 0;
    for (const [b, x] of row) {
      marginal += x;
      if (a === b) diagonal += x;
    }
    total += marginal;
    sumMarginalSquares += marginal * marginal;
  }
  let correction = 0;
  for (const x of counts.correction.values()) correction += x;
  const denominator = total * total - correction;
  const expected = denominator > 0 ? (total * (total * total - sumMarginalSquares)) / denominator : 0;
  if (!(expected > 0)) {
    return { value: null, reason: 'only one category (coded or gap) occurs: no variation to assess', n };
  }
  return { value: 1 - (total - diagonal) / expected, n };
}

function pooledUnitizedCounts(
  docLengths: readonly number[],
  segmentsByCoder: readonly (readonly (readonly ValuedSpan[])[])[],
): UnitizedCounts {
  checkDocuments(docLengths, segmentsByCoder);
  return poolUnitizedCounts([
    emptyUnitizedCounts(segmentsByCoder.length),
    ...docLengths.map((len, d) => unitizedCounts(len, segmentsByCoder.map((docs) => docs[d]))),
  ]);
}

/**
 * uα: agreement on both the unitizing and the values of the units, over the given documents
 * (`segmentsByCoder[coder][doc]`, non-overlapping per coder and document).
 */
export function unitizedAlpha(
  docLengths: readonly number[],
  segmentsByCoder: readonly (readonly (readonly ValuedSpan[])[])[],
): Measure {
  return unitizedAlphaFromCounts(pooledUnitizedCounts(docLengths, segmentsByCoder));
}

/** |uα: agreement on relevant vs. irrelevant matter and on unit boundaries, values ignored. */
export function binaryUnitizedAlpha(
  docLengths: readonly number[],
  segmentsByCoder: readonly (readonly (readonly ValuedSpan[])[])[],
): Measure {
  return unitizedAlphaFromCounts(binarizeUnitizedCounts(pooledUnitizedCounts(docLengths, segmentsByCoder)));
}

/**
 * Unitized counts of "this code vs. not" for one document: a coder's overlapping ranges of the code
 * merge into one unit, ranges that only touch stay separate units, and the rest is gap.
 */
export function codeUnitizedCounts(docLength: number, rangesByCoder: readonly (readonly Span[])[]): UnitizedCounts {
  return unitizedCounts(
    docLength,
    rangesByCoder.map((ranges, coder) => {
      checkSpans(ranges, docLength, `coder ${coder + 1}`);
      return union(ranges, false).map((r) => ({ start: r.start, end: r.end, value: PRESENT }));
    }),
  );
}

/** |uα for one code vs. not over the given documents (`rangesByCoder[coder][doc]`, may overlap). */
export function codeUnitizedAlpha(
  docLengths: readonly number[],
  rangesByCoder: readonly (readonly (readonly Span[])[])[],
): Measure {
  checkDocuments(docLengths, rangesByCoder);
  return unitizedAlphaFromCounts(
    poolUnitizedCounts([
      emptyUnitizedCounts(rangesByCoder.length),
      ...docLengths.map((len, d) => codeUnitizedCounts(len, rangesByCoder.map((docs) => docs[d]))),
    ]),
  );
}
