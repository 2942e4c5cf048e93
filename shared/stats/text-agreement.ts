// Agreement on coded text: characters, turns or documents as units (reduced to the categorical
// measures), and Krippendorff's unitized alphas on the text continuum. Everything sweeps over range
// boundaries, so cost grows with the number of ranges, never with the number of characters.
import type { Span } from '../model/types';
import { union } from '../spans/spans';
import { AccordError } from '../errors';
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

// ---------------------------------------------------------------------------------------------
// Coverage counts: one sweep per (code, document) yields everything the binary text measures need,
// for all coders and for every subset of them. A unit's pattern says which coders cover it; the
// unitized counts of "code vs. not" follow from the patterns (each character's values are its
// coders' coverage) plus, per coder, Σ L² over its units and the characters covered (the
// self-pairing correction). So pairs need no re-sweep and pooling is addition.

/**
 * Binary coverage of one slice (one code or several, one document or many). Pattern keys are bit
 * masks: 2^c is set when coder c covers the unit (so at most 52 coders).
 */
export interface CoverageCounts {
  coders: number;
  /** Units per pattern mask (characters, turns or documents). */
  patterns: Map<number, number>;
  /** Characters of the continuum (0 unless units are characters). */
  length: number;
  /** Per coder: Σ L² over its units (overlapping ranges merged, touching ranges kept apart). */
  squares: number[];
  /** Per coder: characters inside its units. */
  covered: number[];
}

/** The most coders a pattern mask can hold exactly in a double. */
export const MAX_MASK_CODERS = 52;

/** Empty coverage counts for `coders` coders, to pool into. */
export function emptyCoverage(coders: number): CoverageCounts {
  if (coders > MAX_MASK_CODERS) {
    throw new AccordError('INVALID_INPUT', `agreement compares at most ${MAX_MASK_CODERS} coders at once, got ${coders}`);
  }
  return { coders, patterns: new Map(), length: 0, squares: new Array(coders).fill(0), covered: new Array(coders).fill(0) };
}

/** Add `n` units of pattern `mask`. */
export function addPattern(c: CoverageCounts, mask: number, n: number): void {
  if (n > 0) c.patterns.set(mask, (c.patterns.get(mask) ?? 0) + n);
}

/** Pool `from` into `into` (same coders). */
export function addCoverage(into: CoverageCounts, from: CoverageCounts): void {
  if (into.coders !== from.coders) {
    throw new AccordError('INVALID_INPUT', `cannot pool counts for ${from.coders} coders with counts for ${into.coders}`);
  }
  for (const [mask, n] of from.patterns) addPattern(into, mask, n);
  into.length += from.length;
  for (let c = 0; c < into.coders; c++) {
    into.squares[c] += from.squares[c];
    into.covered[c] += from.covered[c];
  }
}

/** Add `chars` characters nobody coded (e.g. documents or codes without ranges). */
export function addUncoded(c: CoverageCounts, units: number, chars: number): void {
  addPattern(c, 0, units);
  c.length += chars;
}

function pushUnit(out: Span[], s: Span): void {
  if (s.end <= s.start) return;
  const last = out[out.length - 1];
  if (last !== undefined && s.start < last.end) {
    // A copy, so that spans shared with the inputs are never changed.
    if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
  } else {
    out.push(s);
  }
}

/**
 * A coder's units from ranges already sorted by start: overlapping ranges merge into one unit,
 * touching ranges stay separate (as union(ranges, false), without sorting). Inputs are not changed;
 * when nothing merges, the input list itself is returned (hence read-only).
 */
export function unitsOfSorted(ranges: readonly Span[]): readonly Span[] {
  let ready = true;
  for (let i = 0; i < ranges.length && ready; i++) {
    ready = ranges[i].end > ranges[i].start && (i === 0 || ranges[i].start >= ranges[i - 1].end);
  }
  // Usually nothing merges: then the ranges are their own units, and nothing is allocated.
  if (ready) return ranges;
  const out: Span[] = [];
  for (const r of ranges) pushUnit(out, r);
  return out;
}

function mergeTwo(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) pushUnit(out, a[i++]);
    else pushUnit(out, b[j++]);
  }
  return out;
}

/**
 * Units of several lists of units (each sorted by start, e.g. a code's own units and its children's
 * rolled-up units): merged pairwise, so the work is n·log(lists) with no sort. Inputs are not
 * changed (and may be returned: the result is read-only).
 */
export function mergeUnits(lists: readonly (readonly Span[])[]): readonly Span[] {
  let parts: (readonly Span[])[] = lists.filter((l) => l.length > 0);
  if (parts.length === 1) return unitsOfSorted(parts[0]);
  while (parts.length > 1) {
    const next: (readonly Span[])[] = [];
    for (let i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? mergeTwo(parts[i], parts[i + 1]) : unitsOfSorted(parts[i]));
    parts = next;
  }
  return parts.length === 0 ? [] : parts[0];
}

/** 2^c for every coder a mask can hold (`2 ** c` is a slow power call in the hot loop). */
const BIT = Array.from({ length: MAX_MASK_CODERS }, (_, c) => 2 ** c);

function coveredBy(units: readonly Span[]): number {
  let n = 0;
  for (let i = 0; i < units.length; i++) n += units[i].end - units[i].start;
  return n;
}

function collect(masks: number[], counts: number[], mask: number, n: number): void {
  if (n <= 0) return;
  for (let i = 0; i < masks.length; i++) {
    if (masks[i] === mask) {
      counts[i] += n;
      return;
    }
  }
  masks.push(mask);
  counts.push(n);
}

/** Scratch for one sweep (sweeps never nest): the active coders and each one's next event. */
const ACTIVE = new Int32Array(MAX_MASK_CODERS);
const NEXT = new Int32Array(MAX_MASK_CODERS);

/**
 * Add the coverage of one continuum of `length` characters (a document) by each coder's units
 * (sorted, non-overlapping, touching allowed: see unitsOfSorted) into every target: pooling is
 * addition, so one sweep can feed several pools. A merge over the coders' boundaries,
 * O(units × coders with units). Units out of order or outside the continuum throw INVALID_INPUT
 * (the targets are then partly updated: the caller abandons them).
 */
export function sweepCoverage(length: number, unitsByCoder: readonly (readonly Span[])[], targets: readonly CoverageCounts[]): void {
  const m = unitsByCoder.length;
  for (let t = 0; t < targets.length; t++) {
    if (targets[t].coders !== m) throw new AccordError('INVALID_INPUT', `cannot pool counts for ${m} coders with counts for ${targets[t].coders}`);
    targets[t].length += length;
  }
  // Only coders with units take part in the merge; the others are absent throughout.
  let active = 0;
  for (let c = 0; c < m; c++) {
    const units = unitsByCoder[c];
    if (units.length === 0) continue;
    ACTIVE[active] = c;
    NEXT[active++] = 0;
    let prevEnd = 0;
    let squares = 0;
    let covered = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      if (u.start < prevEnd || u.end <= u.start || u.end > length) {
        throw new AccordError('INVALID_INPUT', `coder ${c + 1}: unit [${u.start}, ${u.end}) is out of order or not inside [0, ${length})`);
      }
      prevEnd = u.end;
      const len = u.end - u.start;
      squares += len * len;
      covered += len;
    }
    for (let t = 0; t < targets.length; t++) {
      targets[t].squares[c] += squares;
      targets[t].covered[c] += covered;
    }
  }
  if (active <= 1) {
    // One coder (or none): their units against the gap, no merge needed.
    const covered = active === 0 ? 0 : coveredBy(unitsByCoder[ACTIVE[0]]);
    for (let t = 0; t < targets.length; t++) {
      if (active === 1) addPattern(targets[t], BIT[ACTIVE[0]], covered);
      addPattern(targets[t], 0, length - covered);
    }
    return;
  }
  // The sweep's patterns, collected first (few distinct ones) so each target's map is touched once per pattern.
  const masks: number[] = [];
  const counts: number[] = [];
  let mask = 0;
  let prev = 0;
  for (;;) {
    let pos = Infinity;
    for (let a = 0; a < active; a++) {
      const e = NEXT[a];
      const units = unitsByCoder[ACTIVE[a]];
      if (e < 2 * units.length) {
        const p = e & 1 ? units[e >> 1].end : units[e >> 1].start;
        if (p < pos) pos = p;
      }
    }
    if (pos === Infinity) break;
    collect(masks, counts, mask, pos - prev);
    for (let a = 0; a < active; a++) {
      const units = unitsByCoder[ACTIVE[a]];
      const bit = BIT[ACTIVE[a]];
      // A unit ending where the coder's next one starts toggles twice: the coder stays in.
      for (let e = NEXT[a]; e < 2 * units.length && (e & 1 ? units[e >> 1].end : units[e >> 1].start) === pos; e = ++NEXT[a]) {
        mask += e & 1 ? -bit : bit;
      }
    }
    prev = pos;
  }
  collect(masks, counts, mask, length - prev);
  for (let t = 0; t < targets.length; t++) {
    const patterns = targets[t].patterns;
    for (let i = 0; i < masks.length; i++) patterns.set(masks[i], (patterns.get(masks[i]) ?? 0) + counts[i]);
  }
}

/** Coverage of one document of `length` characters by each coder's units (see sweepCoverage). */
export function characterCoverage(length: number, unitsByCoder: readonly (readonly Span[])[]): CoverageCounts {
  const out = emptyCoverage(unitsByCoder.length);
  sweepCoverage(length, unitsByCoder, [out]);
  return out;
}

function hasCoder(mask: number, c: number): boolean {
  return Math.floor(mask / BIT[c]) % 2 === 1;
}

function codersOf(c: CoverageCounts, subset?: readonly number[]): readonly number[] {
  return subset ?? Array.from({ length: c.coders }, (_, i) => i);
}

/** Pattern counts of the coverage, for all coders or the given subset (in that order). */
export function coveragePatternCounts(c: CoverageCounts, subset?: readonly number[]): PatternCounts {
  const coders = codersOf(c, subset);
  const out = emptyPatternCounts(coders.length);
  for (const [mask, n] of c.patterns) addCount(out.counts, coders.map((i) => (hasCoder(mask, i) ? PRESENT : ABSENT)).join(''), n);
  return out;
}

/**
 * Unitized counts of "code vs. not" (as codeUnitizedCounts, pooled) for all coders or a subset:
 * on a character covered by p of the k coders there are p(p − 1) ordered coded/coded pairs,
 * p(k − p) coded/gap pairs each way and (k − p)(k − p − 1) gap/gap pairs, each divided by k − 1.
 */
export function coverageUnitizedCounts(c: CoverageCounts, subset?: readonly number[]): UnitizedCounts {
  const coders = codersOf(c, subset);
  const k = coders.length;
  const out = emptyUnitizedCounts(k);
  out.length = c.length;
  let squares = 0;
  let gaps = 0;
  for (const i of coders) {
    squares += c.squares[i];
    gaps += c.length - c.covered[i];
  }
  addCorrection(out, PRESENT, squares);
  addCorrection(out, null, gaps);
  if (k < 2) return out;
  let both = 0;
  let mixed = 0;
  let neither = 0;
  for (const [mask, n] of c.patterns) {
    let p = 0;
    for (const i of coders) if (hasCoder(mask, i)) p++;
    both += n * p * (p - 1);
    mixed += n * p * (k - p);
    neither += n * (k - p) * (k - p - 1);
  }
  addObserved(out, PRESENT, PRESENT, both / (k - 1));
  addObserved(out, PRESENT, null, mixed / (k - 1));
  addObserved(out, null, PRESENT, mixed / (k - 1));
  addObserved(out, null, null, neither / (k - 1));
  return out;
}

/** Cohen's kappa of two coders on `total` binary units, `a1` and `b1` coded by each, `n11` by both (as cohenKappaWeighted). */
function binaryCohen(total: number, a1: number, b1: number, n11: number): Measure {
  const po = (n11 + (total - a1 - b1 + n11)) / total;
  const pe = (a1 / total) * (b1 / total) + ((total - a1) / total) * ((total - b1) / total);
  if (pe >= 1) return { value: null, reason: 'expected agreement is 1: both coders used one category', n: total };
  return { value: (po - pe) / (1 - pe), n: total };
}

/**
 * The categorical measures of agreementFromPatternCounts(coveragePatternCounts(c, subset)) straight
 * from the masks: no pattern strings, no per-unit maps. Every formula and summation order mirrors
 * the weighted measures in ./agreement (binary values, no missing ones), so the figures are the
 * same to the last bit for all coders and for pairs; empty counts or fewer than two coders take
 * the general path.
 */
export function agreementFromCoverage(
  c: CoverageCounts,
  options: { coderNames?: readonly string[]; subset?: readonly number[] } = {},
): TextAgreement {
  const coders = codersOf(c, options.subset);
  const k = coders.length;
  const names = options.coderNames ?? coders.map((_, i) => `coder ${i + 1}`);
  let total = 0;
  for (const n of c.patterns.values()) if (n > 0) total += n;
  if (total === 0 || k < 2 || names.length !== k) {
    return agreementFromPatternCounts(coveragePatternCounts(c, options.subset), { coderNames: names });
  }
  const ones: number[] = new Array(k).fill(0);
  const both: number[] = new Array(k * k).fill(0);
  const covers: boolean[] = new Array(k).fill(false);
  let agree = 0;
  let sumP = 0;
  let diagonal = 0;
  let ones1 = 0;
  let zeros = 0;
  for (const [mask, n] of c.patterns) {
    if (n <= 0) continue;
    let p = 0;
    for (let x = 0; x < k; x++) {
      covers[x] = hasCoder(mask, coders[x]);
      if (covers[x]) {
        p++;
        ones[x] += n;
      }
    }
    for (let x = 0; x < k; x++) if (covers[x]) for (let y = x + 1; y < k; y++) if (covers[y]) both[x * k + y] += n;
    const q = k - p;
    if (p === 0 || q === 0) agree += n;
    // Fleiss: Σ over categories of count², as fleissKappaWeighted.
    sumP += (n * (p * p + q * q - k)) / (k * (k - 1));
    // Krippendorff: categories in order of first appearance (the first coder's value first).
    const first = covers[0] ? p : q;
    const second = k - first;
    diagonal += (n * first * (first - 1)) / (k - 1);
    if (second > 0) diagonal += (n * second * (second - 1)) / (k - 1);
    ones1 += p * n;
    zeros += q * n;
  }

  const pairwiseCohen: PairMeasure[] = [];
  for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) pairwiseCohen.push({ coderA: names[x], coderB: names[y], ...binaryCohen(total, ones[x], ones[y], both[x * k + y]) });

  const pBar = sumP / total;
  const pe = (ones1 / (total * k)) ** 2 + (zeros / (total * k)) ** 2;
  const fleissKappa: Measure =
    pe >= 1
      ? { value: null, reason: 'expected agreement is 1: all coders used one category', n: total }
      : { value: (pBar - pe) / (1 - pe), n: total };

  const pairable = k * total;
  const expected = pairable * pairable - (ones1 * ones1 + zeros * zeros);
  const krippendorffAlpha: Measure =
    expected <= 0
      ? { value: null, reason: 'only one category was used: no variation to assess', n: total }
      : { value: 1 - ((pairable - 1) * (pairable - diagonal)) / expected, n: total };

  return {
    units: total,
    pooling: `${total} units`,
    percentAgreement: { value: agree / total, n: total },
    pairwiseCohen,
    cohenKappa: k === 2 ? binaryCohen(total, ones[0], ones[1], both[1]) : { value: null, reason: `Cohen's kappa needs exactly two coders, got ${k}`, n: 0 },
    fleissKappa,
    krippendorffAlpha,
  };
}
