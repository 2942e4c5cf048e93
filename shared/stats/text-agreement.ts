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
  NO_SHARED_UNIT,
  pairwiseCohenWeighted,
  percentAgreementWeighted,
  percentAllAgreeWeighted,
  type Measure,
  type PairMeasure,
  type WeightedUnit,
} from './agreement';

/** The two categories of "code applied here or not" when text units become categorical units. */
export const PRESENT = '1';
export const ABSENT = '0';
/** In pattern keys: the coder does not count on the unit (a missing value, not ABSENT). */
export const MISSING = '-';

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
  /** Mean over coder pairs of their agreement on the units both count on. */
  percentAgreement: Measure;
  /** Share of units on which every coder counting there agrees. */
  percentAllAgree: Measure;
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
  return [...counts.counts].map(([k, weight]) => ({ values: k.split('').map((v) => (v === MISSING ? null : v)), weight }));
}

/**
 * Percent agreement (mean pairwise, and all agree), Cohen (pairwise, and plain for two coders), Fleiss
 * and Krippendorff's nominal alpha from pattern counts (MISSING = the coder does not count there).
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
  if (total === 0 && counts.coders >= 2) {
    // Nothing to compare: say so in every measure (the coders never count on a unit together).
    const none = (reason: string): Measure => ({ value: null, reason, n: 0 });
    const noUnit = 'no unit that two or more of the coders count on';
    const pairs: PairMeasure[] = [];
    for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) pairs.push({ coderA: names[i], coderB: names[j], ...none(NO_SHARED_UNIT) });
    return {
      units: 0,
      pooling: options.pooling ?? '0 units',
      percentAgreement: none(noUnit),
      percentAllAgree: none(noUnit),
      pairwiseCohen: pairs,
      cohenKappa: counts.coders === 2 ? none(NO_SHARED_UNIT) : none(`Cohen's kappa needs exactly two coders, got ${counts.coders}`),
      fleissKappa: none(noUnit),
      krippendorffAlpha: none(noUnit),
    };
  }
  return {
    units: total,
    pooling: options.pooling ?? `${total} units`,
    percentAgreement: percentAgreementWeighted(units),
    percentAllAgree: percentAllAgreeWeighted(units),
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
//
// Missing values: a coder who does not count on a document (not assigned to it, say) has no value
// on its units: missing, not "absent". Units are therefore grouped by the set of coders who count
// on them (a bit mask); a unit with fewer than two counting coders (of those compared) is not
// pairable and drops out of every measure, as in Krippendorff's coincidence matrix (2011, §C).

/** The units on which one set of coders counts. */
export interface CoverageGroup {
  /** Units per pattern mask (characters, turns or documents); 2^c is set when coder c covers the unit. */
  patterns: Map<number, number>;
  /** Characters of the continuum in this group (0 unless units are characters). */
  length: number;
  /** Per coder: Σ L² over its units here (overlapping ranges merged, touching ranges kept apart). */
  squares: number[];
  /** Per coder: characters inside its units here. */
  covered: number[];
}

/**
 * Binary coverage of one slice (one code or several, one document or many), grouped by the mask of
 * coders who count on the units (2^c set when coder c counts; so at most 52 coders).
 */
export interface CoverageCounts {
  coders: number;
  /** The mask of every coder: the group of units without missing values. */
  all: number;
  groups: Map<number, CoverageGroup>;
}

/** The most coders a pattern mask can hold exactly in a double. */
export const MAX_MASK_CODERS = 52;

/** 2^c for every coder a mask can hold (`2 ** c` is a slow power call in the hot loop). */
const BIT = Array.from({ length: MAX_MASK_CODERS + 1 }, (_, c) => 2 ** c);

/** Empty coverage counts for `coders` coders, to pool into. */
export function emptyCoverage(coders: number): CoverageCounts {
  if (coders > MAX_MASK_CODERS) {
    throw new AccordError('INVALID_INPUT', `agreement compares at most ${MAX_MASK_CODERS} coders at once, got ${coders}`);
  }
  return { coders, all: BIT[coders] - 1, groups: new Map() };
}

/** The group of units on which exactly the coders of `counting` count (created empty if new). */
export function coverageGroup(c: CoverageCounts, counting: number = c.all): CoverageGroup {
  let g = c.groups.get(counting);
  if (!g) c.groups.set(counting, (g = { patterns: new Map(), length: 0, squares: new Array(c.coders).fill(0), covered: new Array(c.coders).fill(0) }));
  return g;
}

/** Add `n` units of pattern `mask` on which the coders of `counting` (default: all) count. */
export function addPattern(c: CoverageCounts, mask: number, n: number, counting: number = c.all): void {
  if (n > 0) {
    const patterns = coverageGroup(c, counting).patterns;
    patterns.set(mask, (patterns.get(mask) ?? 0) + n);
  }
}

/** Pool `from` into `into` (same coders). */
export function addCoverage(into: CoverageCounts, from: CoverageCounts): void {
  if (into.coders !== from.coders) {
    throw new AccordError('INVALID_INPUT', `cannot pool counts for ${from.coders} coders with counts for ${into.coders}`);
  }
  for (const [counting, g] of from.groups) {
    const to = coverageGroup(into, counting);
    for (const [mask, n] of g.patterns) if (n > 0) to.patterns.set(mask, (to.patterns.get(mask) ?? 0) + n);
    to.length += g.length;
    for (let c = 0; c < into.coders; c++) {
      to.squares[c] += g.squares[c];
      to.covered[c] += g.covered[c];
    }
  }
}

/**
 * Empty the counts for reuse (no allocation): every group's units are removed but the groups stay,
 * empty, and an empty group adds nothing to any measure.
 */
export function clearCoverage(c: CoverageCounts): void {
  for (const g of c.groups.values()) {
    g.patterns.clear();
    g.length = 0;
    g.squares.fill(0);
    g.covered.fill(0);
  }
}

/** Add `units` units (`chars` characters) nobody coded, e.g. documents or codes without ranges. */
export function addUncoded(c: CoverageCounts, units: number, chars: number, counting: number = c.all): void {
  if (units <= 0 && chars <= 0) return;
  addPattern(c, 0, units, counting);
  coverageGroup(c, counting).length += chars;
}

/** Every unit of the coverage with its pattern (characters, turns or documents). */
export function coverageUnits(c: CoverageCounts): number {
  let n = 0;
  for (const g of c.groups.values()) for (const k of g.patterns.values()) n += k;
  return n;
}

/** Characters of the coverage's continuum. */
export function coverageLength(c: CoverageCounts): number {
  let n = 0;
  for (const g of c.groups.values()) n += g.length;
  return n;
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
 * (sorted, non-overlapping, touching allowed: see unitsOfSorted) into every target, in the group of
 * the coders of `counting` (default: all; the units of coders outside it are ignored: missing).
 * Pooling is addition, so one sweep can feed several pools. A merge over the coders' boundaries,
 * O(units × coders with units). Units out of order or outside the continuum throw INVALID_INPUT
 * (the targets are then partly updated: the caller abandons them).
 */
export function sweepCoverage(
  length: number,
  unitsByCoder: readonly (readonly Span[])[],
  targets: readonly CoverageCounts[],
  counting?: number,
  /** Also this sweep's own coverage, in arrays (overwritten): for measuring one slice without maps. */
  slice?: SliceCoverage,
): void {
  const m = unitsByCoder.length;
  const groups: CoverageGroup[] = new Array(targets.length);
  for (let t = 0; t < targets.length; t++) {
    if (targets[t].coders !== m) throw new AccordError('INVALID_INPUT', `cannot pool counts for ${m} coders with counts for ${targets[t].coders}`);
    groups[t] = coverageGroup(targets[t], counting);
    groups[t].length += length;
  }
  const mask0 = counting ?? BIT[m] - 1;
  if (slice) {
    slice.coders = m;
    slice.counting = mask0;
    slice.length = length;
    // A slice refilled sweep after sweep keeps its arrays (the previous sweep's patterns are gone).
    slice.masks.length = 0;
    slice.counts.length = 0;
    if (slice.squares.length === m) slice.squares.fill(0);
    else slice.squares = new Array<number>(m).fill(0);
    if (slice.covered.length === m) slice.covered.fill(0);
    else slice.covered = new Array<number>(m).fill(0);
  }
  // Only counting coders with units take part in the merge; the others are absent (or missing) throughout.
  let active = 0;
  for (let c = 0; c < m; c++) {
    const units = unitsByCoder[c];
    if (units.length === 0 || !hasCoder(mask0, c)) continue;
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
      groups[t].squares[c] += squares;
      groups[t].covered[c] += covered;
    }
    if (slice) {
      slice.squares[c] += squares;
      slice.covered[c] += covered;
    }
  }
  if (active <= 1) {
    // One coder (or none): their units against the gap, no merge needed.
    const covered = active === 0 ? 0 : coveredBy(unitsByCoder[ACTIVE[0]]);
    for (let t = 0; t < targets.length; t++) {
      const patterns = groups[t].patterns;
      if (active === 1 && covered > 0) patterns.set(BIT[ACTIVE[0]], (patterns.get(BIT[ACTIVE[0]]) ?? 0) + covered);
      if (length - covered > 0) patterns.set(0, (patterns.get(0) ?? 0) + length - covered);
    }
    if (slice) {
      if (active === 1 && covered > 0) collect(slice.masks, slice.counts, BIT[ACTIVE[0]], covered);
      collect(slice.masks, slice.counts, 0, length - covered);
    }
    return;
  }
  // The sweep's patterns, collected first (few distinct ones) so each target's map is touched once per pattern.
  const masks: number[] = slice ? slice.masks : [];
  const counts: number[] = slice ? slice.counts : [];
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
    const patterns = groups[t].patterns;
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
  // Bitwise for masks of up to 31 coders (the usual case, and much cheaper than dividing).
  return mask < 0x80000000 ? ((mask >>> c) & 1) === 1 : Math.floor(mask / BIT[c]) % 2 === 1;
}

/** Per number of coders k: k × true (read-only). */
const EVERYONE: (readonly boolean[])[] = [];

/** [0, 1, …, m − 1] per m, made once (read-only): every coder in order. */
const EVERY_CODER: (readonly number[])[] = [];

function everyCoder(m: number): readonly number[] {
  return (EVERY_CODER[m] ??= Array.from({ length: m }, (_, i) => i));
}

function codersOf(c: CoverageCounts, subset?: readonly number[]): readonly number[] {
  return subset ?? everyCoder(c.coders);
}

/** The coders of `subset` (indices into the coverage's coders) who count in the group of `counting`. */
function countingOf(counting: number, coders: readonly number[]): boolean[] {
  return coders.map((i) => hasCoder(counting, i));
}

/**
 * Pattern counts of the coverage, for all coders or the given subset (in that order): MISSING for
 * a coder who does not count on the unit; units with fewer than two counting coders are left out.
 */
export function coveragePatternCounts(c: CoverageCounts, subset?: readonly number[]): PatternCounts {
  const coders = codersOf(c, subset);
  const out = emptyPatternCounts(coders.length);
  for (const [counting, g] of c.groups) {
    const counts = countingOf(counting, coders);
    if (counts.filter(Boolean).length < 2) continue;
    for (const [mask, n] of g.patterns) {
      addCount(out.counts, coders.map((i, x) => (!counts[x] ? MISSING : hasCoder(mask, i) ? PRESENT : ABSENT)).join(''), n);
    }
  }
  return out;
}

/**
 * Unitized counts of "code vs. not" (as codeUnitizedCounts, pooled) for all coders or a subset:
 * on a character covered by p of the k coders counting there, there are p(p − 1) ordered
 * coded/coded pairs, p(k − p) coded/gap pairs each way and (k − p)(k − p − 1) gap/gap pairs, each
 * divided by k − 1 (m_u − 1 in Krippendorff's coincidences). Continua where fewer than two of the
 * coders count are left out, with their self-pairing corrections.
 */
export function coverageUnitizedCounts(c: CoverageCounts, subset?: readonly number[]): UnitizedCounts {
  const coders = codersOf(c, subset);
  const out = emptyUnitizedCounts(coders.length);
  let squares = 0;
  let gaps = 0;
  let both = 0;
  let mixed = 0;
  let neither = 0;
  for (const [counting, g] of c.groups) {
    const members = counting === c.all ? coders : coders.filter((i) => hasCoder(counting, i));
    const k = members.length;
    if (k < 2 && coders.length >= 2) continue;
    out.length += g.length;
    for (const i of members) {
      squares += g.squares[i];
      gaps += g.length - g.covered[i];
    }
    if (k < 2) continue;
    let gBoth = 0;
    let gMixed = 0;
    let gNeither = 0;
    for (const [mask, n] of g.patterns) {
      let p = 0;
      for (const i of members) if (hasCoder(mask, i)) p++;
      gBoth += n * p * (p - 1);
      gMixed += n * p * (k - p);
      gNeither += n * (k - p) * (k - p - 1);
    }
    both += gBoth / (k - 1);
    mixed += gMixed / (k - 1);
    neither += gNeither / (k - 1);
  }
  addCorrection(out, PRESENT, squares);
  addCorrection(out, null, gaps);
  addObserved(out, PRESENT, PRESENT, both);
  addObserved(out, PRESENT, null, mixed);
  addObserved(out, null, PRESENT, mixed);
  addObserved(out, null, null, neither);
  return out;
}

/**
 * One sweep's coverage of one continuum (one code in one document, say), in arrays: what a
 * CoverageCounts filled by that sweep alone would hold in its one group. The many per-document rows
 * of a large report are measured from these, without maps (see sweepCoverage's `slice`).
 */
export interface SliceCoverage {
  coders: number;
  /** The coders who count here (see CoverageCounts.groups). */
  counting: number;
  length: number;
  /** The patterns in the order the sweep met them, and their units. */
  masks: number[];
  counts: number[];
  squares: number[];
  covered: number[];
}

/** A group of units as the measures read it: patterns in order as parallel arrays. */
interface GroupView {
  counting: number;
  length: number;
  squares: ArrayLike<number>;
  covered: ArrayLike<number>;
  masks: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/** The coverage's groups as views, in the maps' order (the order every sum was always taken in). */
function groupViews(c: CoverageCounts): GroupView[] {
  const out: GroupView[] = [];
  for (const [counting, g] of c.groups) out.push({ counting, length: g.length, squares: g.squares, covered: g.covered, masks: [...g.patterns.keys()], counts: [...g.patterns.values()] });
  return out;
}

/** The slice as coverage counts (its measures are the same): for the rare cases the arrays do not serve. */
export function sliceAsCoverage(slice: SliceCoverage): CoverageCounts {
  const c = emptyCoverage(slice.coders);
  const g = coverageGroup(c, slice.counting);
  g.length = slice.length;
  for (let i = 0; i < slice.coders; i++) {
    g.squares[i] = slice.squares[i];
    g.covered[i] = slice.covered[i];
  }
  slice.masks.forEach((mask, i) => g.patterns.set(mask, (g.patterns.get(mask) ?? 0) + slice.counts[i]));
  return c;
}

/**
 * |uα of "code vs. not" straight from the coverage: unitizedAlphaFromCounts(coverageUnitizedCounts(c,
 * subset)) without building the counts' maps, with the same sums in the same order (zeros, which
 * those maps leave out, change no sum), so the value is identical. Used for the many per-slice rows.
 */
export function coverageUnitizedAlpha(c: CoverageCounts, subset?: readonly number[]): Measure {
  return unitizedAlphaOfGroups(groupViews(c), c.all, codersOf(c, subset));
}

/** |uα of one sweep's slice (as coverageUnitizedAlpha of the coverage that sweep would fill). */
export function sliceUnitizedAlpha(slice: SliceCoverage): Measure {
  return unitizedAlphaOfGroups([slice], BIT[slice.coders] - 1, everyCoder(slice.coders));
}

/** One measure's result held in scratch (no object per slice): a value, or a reason it has none; and its n. */
interface Slot {
  defined: boolean;
  value: number;
  reason: string;
  n: number;
}

function slot(): Slot {
  return { defined: false, value: 0, reason: '', n: 0 };
}

function setValue(out: Slot, value: number, n: number): void {
  out.defined = true;
  out.value = value;
  out.n = n;
}

function setUndefined(out: Slot, reason: string, n: number): void {
  out.defined = false;
  out.reason = reason;
  out.n = n;
}

function measureOf(s: Slot): Measure {
  return s.defined ? { value: s.value, n: s.n } : { value: null, reason: s.reason, n: s.n };
}

/** |uα's result from unitizedAlphaCore (scratch: the core never re-enters). */
const UALPHA = slot();

function unitizedAlphaOfGroups(groups: readonly GroupView[], all: number, coders: readonly number[]): Measure {
  unitizedAlphaCore(groups, all, coders);
  return measureOf(UALPHA);
}

function unitizedAlphaCore(groups: readonly GroupView[], all: number, coders: readonly number[]): void {
  let length = 0;
  let squares = 0;
  let gaps = 0;
  let both = 0;
  let mixed = 0;
  let neither = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const counting = g.counting;
    const members = counting === all ? coders : coders.filter((i) => hasCoder(counting, i));
    const k = members.length;
    if (k < 2 && coders.length >= 2) continue;
    length += g.length;
    for (const i of members) {
      squares += g.squares[i];
      gaps += g.length - g.covered[i];
    }
    if (k < 2) continue;
    let gBoth = 0;
    let gMixed = 0;
    let gNeither = 0;
    for (let x = 0; x < g.masks.length; x++) {
      const mask = g.masks[x];
      const n = g.counts[x];
      let p = 0;
      for (const i of members) if (hasCoder(mask, i)) p++;
      gBoth += n * p * (p - 1);
      gMixed += n * p * (k - p);
      gNeither += n * (k - p) * (k - p - 1);
    }
    both += gBoth / (k - 1);
    mixed += gMixed / (k - 1);
    neither += gNeither / (k - 1);
  }
  const n = length;
  if (coders.length < 2) return setUndefined(UALPHA, 'needs at least two coders', n);
  if (n === 0) return setUndefined(UALPHA, 'the continuum is empty', n);
  // As unitizedAlphaFromCounts: rows "coded" then "gap", each row's marginal, the diagonal, the corrections.
  const coded = both + mixed;
  const gap = mixed + neither;
  const total = coded + gap;
  const diagonal = both + neither;
  const sumMarginalSquares = coded * coded + gap * gap;
  const correction = squares + gaps;
  const denominator = total * total - correction;
  const expected = denominator > 0 ? (total * (total * total - sumMarginalSquares)) / denominator : 0;
  if (!(expected > 0)) return setUndefined(UALPHA, 'only one category (coded or gap) occurs: no variation to assess', n);
  setValue(UALPHA, 1 - (total - diagonal) / expected, n);
}

/** Cohen's kappa of two coders on `total` binary units, `a1` and `b1` coded by each, `n11` by both (as cohenKappaWeighted). */
function binaryCohenInto(out: Slot, total: number, a1: number, b1: number, n11: number): void {
  if (total === 0) return setUndefined(out, NO_SHARED_UNIT, 0);
  const po = (n11 + (total - a1 - b1 + n11)) / total;
  const pe = (a1 / total) * (b1 / total) + ((total - a1) / total) * ((total - b1) / total);
  if (pe >= 1) return setUndefined(out, 'expected agreement is 1: both coders used one category', total);
  setValue(out, (po - pe) / (1 - pe), total);
}

const PAIR_SLOT = slot();
function binaryCohen(total: number, a1: number, b1: number, n11: number): Measure {
  binaryCohenInto(PAIR_SLOT, total, a1, b1, n11);
  return measureOf(PAIR_SLOT);
}

/** Why Cohen's kappa is undefined for k ≠ 2 coders: one string per k, not a new one per slice. */
const NOT_TWO: string[] = [];
function notTwoCoders(k: number): string {
  return (NOT_TWO[k] ??= `Cohen's kappa needs exactly two coders, got ${k}`);
}

const ONES = new Float64Array(MAX_MASK_CODERS);
const PAIR_TOTAL = new Float64Array(MAX_MASK_CODERS * MAX_MASK_CODERS);
const ONES_A = new Float64Array(MAX_MASK_CODERS * MAX_MASK_CODERS);
const ONES_B = new Float64Array(MAX_MASK_CODERS * MAX_MASK_CODERS);
const BOTH = new Float64Array(MAX_MASK_CODERS * MAX_MASK_CODERS);
const COVERS = new Uint8Array(MAX_MASK_CODERS);
/** The coders covering the unit at hand, in order (the first p of them). */
const COVERING = new Int32Array(MAX_MASK_CODERS);

/**
 * The categorical measures of agreementFromPatternCounts(coveragePatternCounts(c, subset)) straight
 * from the masks: no pattern strings, no per-unit maps. Every formula and summation order mirrors
 * the weighted measures in ./agreement (binary values, missing ones left out), so the figures are
 * the same for all coders and for pairs; empty counts or fewer than two coders take the general path.
 * Percent agreement is the mean over coder pairs (those sharing a unit) of their agreement on the
 * units both count on; `percentAllAgree` is the share of pairable units on which every counting
 * coder agrees; Fleiss' kappa uses the units every coder counts on.
 */
export function agreementFromCoverage(
  c: CoverageCounts,
  options: { coderNames?: readonly string[]; subset?: readonly number[]; pairwise?: boolean } = {},
): TextAgreement {
  const coders = codersOf(c, options.subset);
  const names = options.coderNames ?? coders.map((_, i) => `coder ${i + 1}`);
  return agreementOfGroups(groupViews(c), c.all, coders, names, options.pairwise ?? true, () =>
    agreementFromPatternCounts(coveragePatternCounts(c, options.subset), { coderNames: names }),
  );
}

/** agreementFromCoverage(coverage that sweep would fill, { pairwise: false }) of one sweep's slice, without maps. */
export function agreementFromSlice(slice: SliceCoverage, coderNames: readonly string[]): TextAgreement {
  const coders = everyCoder(slice.coders);
  return agreementOfGroups([slice], BIT[slice.coders] - 1, coders, coderNames, false, () => agreementFromCoverage(sliceAsCoverage(slice), { coderNames, pairwise: false }));
}

function agreementOfGroups(
  groups: readonly GroupView[],
  all: number,
  coders: readonly number[],
  names: readonly string[],
  pairwise: boolean,
  general: () => TextAgreement,
): TextAgreement {
  // Without `pairwise` the pair list stays empty: the many per-slice rows of a large report need only the summaries.
  const pairs: PairMeasure[] | null = pairwise ? [] : null;
  if (names.length !== coders.length || !agreementCore(groups, all, coders, names, pairs)) return general();
  const total = AG.total;
  return {
    units: total,
    pooling: `${total} units`,
    percentAgreement: measureOf(AG.percent),
    percentAllAgree: { value: AG.allAgree / total, n: total },
    pairwiseCohen: pairs ?? [],
    cohenKappa: measureOf(AG.cohen),
    fleissKappa: measureOf(AG.fleiss),
    krippendorffAlpha: measureOf(AG.alpha),
  };
}

/** agreementCore's results (scratch: the core never re-enters). */
const AG = { total: 0, allAgree: 0, percent: slot(), cohen: slot(), fleiss: slot(), alpha: slot() };

/** The groups agreementCore measures (scratch, reset on every call). */
const USED_GROUP: GroupView[] = [];
const USED_COUNTS: (readonly boolean[])[] = [];
const USED_KK: number[] = [];
const USED_FIRST: number[] = [];

/**
 * The categorical measures of the groups into AG (see agreementFromCoverage), and each pair's Cohen's
 * kappa into `pairs` when given. False, with AG untouched, when there is nothing to measure here (no
 * pairable unit, fewer than two coders): the caller takes the general path.
 */
function agreementCore(groups: readonly GroupView[], all: number, coders: readonly number[], names: readonly string[], pairs: PairMeasure[] | null): boolean {
  const k = coders.length;
  let used = 0;
  let total = 0;
  const everyone = (EVERYONE[k] ??= new Array<boolean>(k).fill(true));
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    // The common case (nobody missing) needs no per-coder test.
    const counts = g.counting === all ? everyone : countingOf(g.counting, coders);
    let kk = 0;
    for (let x = 0; x < k; x++) if (counts[x]) kk++;
    if (kk < 2) continue;
    let t = 0;
    for (let i = 0; i < g.counts.length; i++) if (g.counts[i] > 0) t += g.counts[i];
    if (t === 0) continue;
    total += t;
    USED_GROUP[used] = g;
    USED_COUNTS[used] = counts;
    USED_KK[used] = kk;
    USED_FIRST[used++] = counts.indexOf(true);
  }
  if (total === 0 || k < 2) return false;
  // Per ordered pair x < y (index x·k + y): units both count on, coded by x, coded by y, coded by both.
  // Without missing values the first three follow from per-coder counts (filled in after the loop).
  let complete = true;
  for (let u = 0; u < used; u++) if (USED_KK[u] !== k) complete = false;
  // Scratch tables (this function never re-enters), cleared for k coders: no arrays per call.
  // Without missing values the pair totals are filled in after the loop, so they need no clearing.
  const ones = ONES.fill(0, 0, k);
  const pairTotal = complete ? PAIR_TOTAL : PAIR_TOTAL.fill(0, 0, k * k);
  const onesA = complete ? ONES_A : ONES_A.fill(0, 0, k * k);
  const onesB = complete ? ONES_B : ONES_B.fill(0, 0, k * k);
  const both = BOTH.fill(0, 0, k * k);
  const covers = COVERS;
  const covering = COVERING;
  let agreeAll = 0;
  let sumP = 0;
  let fleissN = 0;
  let fleissOnes = 0;
  let fleissZeros = 0;
  let diagonal = 0;
  let ones1 = 0;
  let zeros = 0;
  let pairable = 0;
  for (let u = 0; u < used; u++) {
    const g = USED_GROUP[u];
    const counts = USED_COUNTS[u];
    const kk = USED_KK[u];
    const first = USED_FIRST[u];
    for (let i = 0; i < g.masks.length; i++) {
      const mask = g.masks[i];
      const n = g.counts[i];
      if (n <= 0) continue;
      let p = 0;
      for (let x = 0; x < k; x++) {
        covers[x] = counts[x] && hasCoder(mask, coders[x]) ? 1 : 0;
        if (covers[x]) {
          covering[p++] = x;
          ones[x] += n;
        }
      }
      if (complete) {
        // Only the pairs of coders covering the unit (usually few): covering lists them in order.
        for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) both[covering[a] * k + covering[b]] += n;
      } else {
        for (let x = 0; x < k; x++) {
          if (!counts[x]) continue;
          for (let y = x + 1; y < k; y++) {
            if (!counts[y]) continue;
            const xy = x * k + y;
            pairTotal[xy] += n;
            if (covers[x]) onesA[xy] += n;
            if (covers[y]) onesB[xy] += n;
            if (covers[x] && covers[y]) both[xy] += n;
          }
        }
      }
      const q = kk - p;
      if (p === 0 || q === 0) agreeAll += n;
      if (kk === k) {
        // Fleiss: Σ over categories of count², as fleissKappaWeighted, on units every coder counts on.
        sumP += (n * (p * p + q * q - k)) / (k * (k - 1));
        fleissN += n;
        fleissOnes += p * n;
        fleissZeros += q * n;
      }
      // Krippendorff: categories in order of first appearance (the first counting coder's value first).
      const f = covers[first] ? p : q;
      const second = kk - f;
      diagonal += (n * f * (f - 1)) / (kk - 1);
      if (second > 0) diagonal += (n * second * (second - 1)) / (kk - 1);
      ones1 += p * n;
      zeros += q * n;
      pairable += kk * n;
    }
  }

  if (complete) {
    for (let x = 0; x < k; x++) {
      for (let y = x + 1; y < k; y++) {
        pairTotal[x * k + y] = total;
        onesA[x * k + y] = ones[x];
        onesB[x * k + y] = ones[y];
      }
    }
  }
  let shareSum = 0;
  let sharing = 0;
  for (let x = 0; x < k; x++) {
    for (let y = x + 1; y < k; y++) {
      const xy = x * k + y;
      if (pairs) pairs.push({ coderA: names[x], coderB: names[y], ...binaryCohen(pairTotal[xy], onesA[xy], onesB[xy], both[xy]) });
      if (pairTotal[xy] > 0) {
        shareSum += (both[xy] + (pairTotal[xy] - onesA[xy] - onesB[xy] + both[xy])) / pairTotal[xy];
        sharing++;
      }
    }
  }
  AG.total = total;
  AG.allAgree = agreeAll;
  if (sharing === 0) setUndefined(AG.percent, 'no two coders rated the same unit', 0);
  else setValue(AG.percent, shareSum / sharing, total);

  if (fleissN === 0) setUndefined(AG.fleiss, 'no unit was rated by every coder', 0);
  else {
    const pBar = sumP / fleissN;
    const pe = (fleissOnes / (fleissN * k)) ** 2 + (fleissZeros / (fleissN * k)) ** 2;
    if (pe >= 1) setUndefined(AG.fleiss, 'expected agreement is 1: all coders used one category', fleissN);
    else setValue(AG.fleiss, (pBar - pe) / (1 - pe), fleissN);
  }

  const expected = pairable * pairable - (ones1 * ones1 + zeros * zeros);
  if (expected <= 0) setUndefined(AG.alpha, 'only one category was used: no variation to assess', total);
  else setValue(AG.alpha, 1 - ((pairable - 1) * (pairable - diagonal)) / expected, total);

  if (k === 2) binaryCohenInto(AG.cohen, pairTotal[1], onesA[1], onesB[1], both[1]);
  else setUndefined(AG.cohen, notTwoCoders(k), 0);
  return true;
}

/**
 * One measure over the rows of a breakdown, as a column: row i's value, or — where the measure is
 * undefined there — NaN (null once the column has been sent as JSON) and the reason in `reasonOf`.
 * A large report has codes × documents of rows: columns hold them as numbers, with no object per row.
 */
export interface MeasureColumn {
  values: (number | null)[];
  /**
   * Where row i's value is undefined, its reason's index in `reasons`; −1 elsewhere. Empty when
   * every value is defined. (Indices, not the strings: a column of numbers only, however long.)
   */
  reasonOf: number[];
  /** The column's reasons, each once. */
  reasons: string[];
}

/** Rows of measures as columns (see MeasureColumn); alphaU is null unless the units are characters. */
export interface AgreementColumns {
  /** Each row's key (e.g. its document's position in a report). */
  key: number[];
  units: number[];
  percentAgreement: MeasureColumn;
  percentAllAgree: MeasureColumn;
  cohenKappa: MeasureColumn;
  fleissKappa: MeasureColumn;
  krippendorffAlpha: MeasureColumn;
  alphaU: MeasureColumn | null;
}

/** Row i's value of the column: null where the measure is undefined (NaN in process, null after JSON). */
export function columnValue(c: MeasureColumn, i: number): number | null {
  const v = c.values[i];
  return v === null || v === undefined || Number.isNaN(v) ? null : v;
}

/** Row i's reason where its value is undefined (else undefined). */
export function columnReason(c: MeasureColumn, i: number): string | undefined {
  const r = c.reasonOf[i] ?? -1;
  return r >= 0 ? c.reasons[r] : undefined;
}

/** Row i of the column as a measure (value and reason; a column keeps no n). */
export function columnMeasure(c: MeasureColumn, i: number): { value: number | null; reason?: string } {
  const value = columnValue(c, i);
  return value === null ? { value, reason: columnReason(c, i) } : { value };
}

/** A row's fields in the row-major store: its group, its key, its units, then the measures in column order. */
const GROUP = 0;
const KEY = 1;
const UNITS = 2;
const FIRST_MEASURE = 3;
const PERCENT = 0;
const ALL_AGREE = 1;
const COHEN = 2;
const FLEISS = 3;
const ALPHA = 4;
const ALPHA_U = 5;
const MEASURES = 6;
const STRIDE = FIRST_MEASURE + MEASURES;

/** Columns without rows. */
export function emptyColumns(unitized: boolean): AgreementColumns {
  const column = (): MeasureColumn => ({ values: [], reasonOf: [], reasons: [] });
  return {
    key: [],
    units: [],
    percentAgreement: column(),
    percentAllAgree: column(),
    cohenKappa: column(),
    fleissKappa: column(),
    krippendorffAlpha: column(),
    alphaU: unitized ? column() : null,
  };
}

/**
 * Rows of measures appended one at a time, each to a group (a code, say), into one row-major typed
 * array that doubles as it fills: consecutive rows sit side by side in memory whatever their group,
 * there is no object per row, and nothing for the garbage collector to trace however many rows there
 * are. `columnsByGroup` sorts them out into each group's AgreementColumns, in the order appended.
 */
export class AgreementRows {
  length = 0;
  private data = new Float64Array(16 * STRIDE);
  /** Per row and measure: 1 + the index of its reason in `reasons` where undefined, else 0. */
  private why = new Int16Array(16 * MEASURES);
  private reasons: string[] = [];

  constructor(readonly unitized: boolean) {}

  /** Start a row (its measures are then set); returns its index. */
  private row(group: number, key: number, units: number): number {
    const i = this.length++;
    if (i * STRIDE === this.data.length) {
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
      const why = new Int16Array(this.why.length * 2);
      why.set(this.why);
      this.why = why;
    }
    const at = i * STRIDE;
    this.data[at + GROUP] = group;
    this.data[at + KEY] = key;
    this.data[at + UNITS] = units;
    return i;
  }

  /** Measure `measure` of row i (its reason index stays 0, as made, where the value is defined). */
  private set(i: number, measure: number, defined: boolean, value: number, reason: string): void {
    if (defined) {
      this.data[i * STRIDE + FIRST_MEASURE + measure] = value;
      return;
    }
    this.data[i * STRIDE + FIRST_MEASURE + measure] = NaN;
    if (reason === '') return;
    let r = this.reasons.indexOf(reason);
    if (r < 0) r = this.reasons.push(reason) - 1;
    this.why[i * MEASURES + measure] = r + 1;
  }

  private setMeasure(i: number, measure: number, m: Measure): void {
    this.set(i, measure, m.value !== null, m.value ?? 0, m.reason ?? '');
  }

  private setSlot(i: number, measure: number, s: Slot): void {
    this.set(i, measure, s.defined, s.value, s.reason);
  }

  /** Append a row measured elsewhere (its measures as objects; |uα kept when the rows are on characters). */
  add(group: number, key: number, a: Pick<TextAgreement, 'units' | 'percentAgreement' | 'percentAllAgree' | 'cohenKappa' | 'fleissKappa' | 'krippendorffAlpha'>, alphaU: Measure | null): void {
    const i = this.row(group, key, a.units);
    this.setMeasure(i, PERCENT, a.percentAgreement);
    this.setMeasure(i, ALL_AGREE, a.percentAllAgree);
    this.setMeasure(i, COHEN, a.cohenKappa);
    this.setMeasure(i, FLEISS, a.fleissKappa);
    this.setMeasure(i, ALPHA, a.krippendorffAlpha);
    // A missing |uα is undefined (NaN), never a silent 0.
    if (this.unitized) this.set(i, ALPHA_U, alphaU !== null && alphaU.value !== null, alphaU?.value ?? 0, alphaU?.reason ?? '');
  }

  /**
   * Append one sweep's slice as a row: the values of agreementFromSlice(slice, coderNames) and
   * sliceUnitizedAlpha(slice), from the same core, without an object per measure.
   */
  addSlice(group: number, key: number, slice: SliceCoverage, coderNames: readonly string[]): void {
    const coders = everyCoder(slice.coders);
    ONE_GROUP[0] = slice;
    const all = BIT[slice.coders] - 1;
    if (coderNames.length !== coders.length || !agreementCore(ONE_GROUP, all, coders, coderNames, null)) {
      this.add(group, key, agreementFromSlice(slice, coderNames), sliceUnitizedAlpha(slice));
      return;
    }
    const i = this.row(group, key, AG.total);
    this.setSlot(i, PERCENT, AG.percent);
    this.set(i, ALL_AGREE, true, AG.allAgree / AG.total, '');
    this.setSlot(i, COHEN, AG.cohen);
    this.setSlot(i, FLEISS, AG.fleiss);
    this.setSlot(i, ALPHA, AG.alpha);
    if (this.unitized) {
      unitizedAlphaCore(ONE_GROUP, all, coders);
      this.setSlot(i, ALPHA_U, UALPHA);
    }
  }

  /**
   * Each group's rows (groups 0 … groups − 1) as columns, in the order they were appended: plain
   * arrays, which go through the contract as they are, or as JSON.
   */
  columnsByGroup(groups: number): AgreementColumns[] {
    const n = this.length;
    const data = this.data;
    const why = this.why;
    const measures = this.unitized ? MEASURES : MEASURES - 1;
    // First pass: each group's rows, and which of its columns have reasons.
    const sizes = new Array<number>(groups).fill(0);
    const withReasons = new Uint8Array(groups * MEASURES);
    for (let i = 0; i < n; i++) {
      const g = data[i * STRIDE + GROUP];
      sizes[g]++;
      for (let k = 0; k < measures; k++) if (why[i * MEASURES + k] !== 0) withReasons[g * MEASURES + k] = 1;
    }
    const out = sizes.map((size, g) => {
      const c = emptyColumns(this.unitized);
      c.key = new Array<number>(size);
      c.units = new Array<number>(size);
      measureColumns(c).forEach((col, k) => {
        col.values = new Array<number>(size);
        if (withReasons[g * MEASURES + k]) col.reasonOf = new Array<number>(size).fill(-1);
      });
      return c;
    });
    const columnsOf = out.map(measureColumns);
    /** Per group and measure: the column's index of each of `reasons` (−1: not yet in that column). */
    const local = columnsOf.map((cols) => cols.map(() => new Array<number>(this.reasons.length).fill(-1)));
    const filled = new Array<number>(groups).fill(0);
    for (let i = 0; i < n; i++) {
      const at = i * STRIDE;
      const g = data[at + GROUP];
      const c = out[g];
      const j = filled[g]++;
      c.key[j] = data[at + KEY];
      c.units[j] = data[at + UNITS];
      const cols = columnsOf[g];
      for (let k = 0; k < measures; k++) {
        cols[k].values[j] = data[at + FIRST_MEASURE + k];
        const w = why[i * MEASURES + k];
        if (w === 0) continue;
        let r = local[g][k][w - 1];
        if (r < 0) r = local[g][k][w - 1] = cols[k].reasons.push(this.reasons[w - 1]) - 1;
        cols[k].reasonOf[j] = r;
      }
    }
    return out;
  }
}

/** The measure columns of `c` in row order (alphaU last, when there is one). */
function measureColumns(c: AgreementColumns): MeasureColumn[] {
  const cols = [c.percentAgreement, c.percentAllAgree, c.cohenKappa, c.fleissKappa, c.krippendorffAlpha];
  if (c.alphaU) cols.push(c.alphaU);
  return cols;
}

/** The one group a slice is measured as (scratch). */
const ONE_GROUP: GroupView[] = [];
