// Agreement within and across semantic domains on the text continuum: Krippendorff's cuα for one
// domain and Cu-α across domains, as ATLAS.ti reports them next to each code's binary α.
//
// Sources
// - Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of unitizing textual
//   continua: Further developments", Quality & Quantity: the unitized family |uα, uα, cuα, (k)uα on
//   one coincidence matrix of lengths.
// - Krippendorff (2019), Content Analysis, 4th ed., §12.6 (uα family; cuα = coding, given the
//   unitizing), worked example Fig. 12.11, p. 340: three observers on a continuum of 60, published
//   uα = .510, |uα = .413, cuα = .724 (reproduced in test/unit/stats/semantic-domain.test.ts).
// - ATLAS.ti's intercoder agreement manual ("Methods for testing ICA", doc.atlasti.com/ManualWin.v9/
//   ICA/ICAMethodsForTesting.html: "Krippendorff's family of alpha coefficients"): codes are grouped
//   into semantic domains whose codes coders apply as mutually exclusive alternatives; α-binary per
//   code and per domain, cu-α per domain (which code of the domain applies, on the text coders coded
//   within it, uncoded text left out) and Cu-α (each domain one category, across the domains).
//   González-Prieto, Perez, Diaz & López-Fernández, "Reliability in software engineering qualitative
//   research through Inter-Coder Agreement" (arXiv 2008.00977, 2020; J. Systems and Software 2023),
//   and their tutorial "ATLAS.TI for Inter-Coder Agreement (ICA): A Tutorial"
//   (blogs.upm.es/qualitativeresearch) treat the three as one α over different label sets.

// Definitions. Each coder partitions a document into segments carrying one category (a code of the
// domain for cu-α, a domain for Cu-α) and gaps. On each run of characters u let k_u be the coders
// who count there (assigned, or all: see the agreement report's scope), p_u of them with a category,
// n_uc of them with category c. Only runs with p_u ≥ 2 enter (valued matter two coders share; gaps
// and text one coder alone coded are left out):
//   observed ℓ_ck = Σ_u |u| · n_uc (n_uk − [c = k]) / (k_u − 1)           (2016 eq. for uα, valued rows)
//   pairable length of a coder's segment g: λ_g = Σ_{u ⊂ g, p_u ≥ 2} |u| (p_u − 1) / (k_u − 1)
//   ℓ_c = Σ_k ℓ_ck (= Σ of λ_g over the segments valued c), n = Σ_c ℓ_c, π_c = Σ_{g valued c} λ_g²
//   expected ε_ck = n (ℓ_c ℓ_k − [c = k] π_c) / (n² − Σ_c π_c)   (self-pairings of a segment excluded)
//   cu-α = 1 − D_o / D_e,  D_o = Σ_{c≠k} ℓ_ck = n − Σ_c ℓ_cc,  D_e = Σ_{c≠k} ε_ck = n (n² − Σ_c ℓ_c²) / (n² − Σ_c π_c)
// With two coders λ_g is simply the part of g the other coder also coded within the domain. With
// three or more, weighting by (p_u − 1)/(k_u − 1) keeps ℓ_c equal to Σ λ_g; this reproduces the
// book's cuα = .724 for Fig. 12.11 (0.72417), where whole segment lengths give 0.740 and unweighted
// pairable lengths 0.728. Where every segment is one character and only the coders who code it
// count, the formula is Krippendorff's nominal α (2011) on those characters.
//
// Overlapping codes of one domain. ATLAS.ti requires the codes of a domain to be mutually exclusive
// (one coder never applies two of them to the same text). Accord computes the value anyway with a
// stated rule: text where one coder applied two or more categories has no single category for that
// coder, so it counts as uncoded (a gap) for that coder; every such span is reported (`overlaps`).
// One exception: in a domain given as a parent code, the parent applied itself is the domain's
// unspecified category and yields to a sub-code the same coder applied to the same text (coders who
// code both the parent and a child are not in conflict). Same-category ranges of one coder that
// overlap merge into one segment; ranges that only touch stay separate segments (as in the
// unitized |uα of text-agreement.ts).
//
// Cost: one sweep per coder over its range boundaries and one merge over all coders' boundaries,
// O(ranges · log ranges + boundaries · coders) per document; pooling documents is addition.
import type { Span } from '../model/types';
import { AccordError } from '../errors';
import type { Measure } from './agreement';

/** A coder's coded range carrying its category (a code of the domain, or a domain). */
export interface CategorySpan extends Span {
  category: string;
}

/** Where one coder applied two or more categories of the domain to the same text. */
export interface CategoryOverlap {
  /** Index of the coder in the input. */
  coder: number;
  start: number;
  end: number;
  categories: string[];
}

/** The sufficient statistics of cu-α, poolable by addition over documents. */
export interface DomainCounts {
  /** Observed coincidences ℓ_ck between categories (gaps left out). */
  observed: Map<string, Map<string, number>>;
  /** π_c: Σ of squared pairable lengths of the segments valued c (self-pairings). */
  correction: Map<string, number>;
  /** Characters where two or more counting coders applied a category (the text cu-α compares). */
  units: number;
  /** Spans where a coder applied several categories (treated as uncoded for that coder). */
  overlaps: CategoryOverlap[];
}

export function emptyDomainCounts(): DomainCounts {
  return { observed: new Map(), correction: new Map(), units: 0, overlaps: [] };
}

function addObserved(c: DomainCounts, a: string, b: string, n: number): void {
  if (n === 0) return;
  let row = c.observed.get(a);
  if (!row) c.observed.set(a, (row = new Map()));
  row.set(b, (row.get(b) ?? 0) + n);
}

function addCorrection(c: DomainCounts, v: string, n: number): void {
  if (n !== 0) c.correction.set(v, (c.correction.get(v) ?? 0) + n);
}

/** One coder's partition: pieces where exactly one category applies, each part of a segment. */
interface Pieces {
  start: number[];
  end: number[];
  /** Category index of each piece. */
  cat: number[];
  /** Segment of each piece (index into the sweep's λ). */
  seg: number[];
}

/** One coder's ranges as parallel arrays: [start, end) and the index of its category. */
export interface CoderRanges {
  start: number[];
  end: number[];
  cat: number[];
}

/** Empty ranges for one coder, to push into. */
export function emptyCoderRanges(): CoderRanges {
  return { start: [], end: [], cat: [] };
}

/** The ranges of a coder sorted by start, then end (copies; the input is not changed). */
function sortedRanges(r: CoderRanges, length: number, coder: number, categories: number): CoderRanges {
  const n = r.start.length;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const a = r.start[i];
    const b = r.end[i];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b > length) {
      throw new AccordError('INVALID_INPUT', `coder ${coder + 1}: range [${a}, ${b}) is not inside [0, ${length})`);
    }
    const c = r.cat[i];
    if (!Number.isInteger(c) || c < 0 || c >= categories) throw new AccordError('INVALID_INPUT', `coder ${coder + 1}: category ${c} is not one of ${categories}`);
    if (i > 0 && (a < r.start[i - 1] || (a === r.start[i - 1] && b < r.end[i - 1]))) sorted = false;
  }
  const out = emptyCoderRanges();
  const push = (a: number, b: number, c: number) => {
    if (b > a) {
      out.start.push(a);
      out.end.push(b);
      out.cat.push(c);
    }
  };
  if (sorted) {
    for (let i = 0; i < n; i++) push(r.start[i], r.end[i], r.cat[i]);
    return out;
  }
  // One number per range, (start · P + end) · K + category, sorted natively when it fits in 53 bits.
  let P = 1;
  while (P <= length) P *= 2;
  let K = 1;
  while (K < categories) K *= 2;
  if (P * P * K <= 2 ** 53) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (r.start[i] * P + r.end[i]) * K + r.cat[i];
    keys.sort();
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const c = key % K;
      const se = (key - c) / K;
      const b = se % P;
      push((se - b) / P, b, c);
    }
    return out;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => r.start[x] - r.start[y] || r.end[x] - r.end[y] || r.cat[x] - r.cat[y]);
  for (const i of order) push(r.start[i], r.end[i], r.cat[i]);
  return out;
}

/**
 * One coder's partition of the continuum: per category the union of its ranges (overlapping ones
 * merge, touching ones stay separate segments), then pieces where exactly one category applies.
 * Text under two or more categories is recorded as an overlap and left uncoded. `segCat` receives
 * each new segment's category.
 */
function partition(
  ranges: CoderRanges,
  length: number,
  coder: number,
  cats: readonly string[],
  segCat: number[],
  overlaps: CategoryOverlap[],
  fallback: number,
): Pieces {
  const list = sortedRanges(ranges, length, coder, cats.length);
  const n = list.start.length;
  // Usually no range overlaps another (touching is fine): then each range is a segment and a piece.
  let disjoint = true;
  for (let i = 1; i < n && disjoint; i++) disjoint = list.start[i] >= list.end[i - 1];
  if (disjoint) {
    const seg: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      seg[i] = segCat.length;
      segCat.push(list.cat[i]);
    }
    return { start: list.start, end: list.end, cat: list.cat, seg };
  }
  const out: Pieces = { start: [], end: [], cat: [], seg: [] };
  // Segments: per category, overlapping ranges merged (the list is sorted by start).
  const open = new Map<number, { start: number; end: number; cat: number; id: number }>();
  const segs: { start: number; end: number; cat: number; id: number }[] = [];
  for (let i = 0; i < n; i++) {
    const cat = list.cat[i];
    const cur = open.get(cat);
    if (cur && list.start[i] < cur.end) {
      if (list.end[i] > cur.end) cur.end = list.end[i];
    } else {
      const x = { start: list.start[i], end: list.end[i], cat, id: segCat.length };
      segCat.push(cat);
      open.set(cat, x);
      segs.push(x);
    }
  }
  // Sweep the segments' boundaries with the active ones (almost always 0 or 1).
  const points = [...new Set(segs.flatMap((x) => [x.start, x.end]))].sort((a, b) => a - b);
  let active: typeof segs = [];
  let next = 0;
  let overlap: CategoryOverlap | null = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((x) => x.end > from);
    while (next < segs.length && segs[next].start <= from) active.push(segs[next++]);
    // The fallback category (a parent code applied itself) yields to any other where both apply.
    const here = active.length > 1 && fallback >= 0 ? active.filter((x) => x.cat !== fallback) : active;
    if (here.length === 1) {
      const x = here[0];
      const k = out.start.length;
      if (k > 0 && out.seg[k - 1] === x.id && out.end[k - 1] === from) out.end[k - 1] = to;
      else {
        out.start.push(from);
        out.end.push(to);
        out.cat.push(x.cat);
        out.seg.push(x.id);
      }
    } else if (here.length >= 2) {
      const categories = [...new Set(here.map((x) => cats[x.cat]))].sort();
      if (overlap && overlap.end === from && overlap.categories.join('\u0000') === categories.join('\u0000')) overlap.end = to;
      else overlaps.push((overlap = { coder, start: from, end: to, categories }));
    }
  }
  return out;
}

/**
 * cu-α counts for one continuum (document) of `length` characters. `spansByCoder[c]` are coder c's
 * coded ranges with their categories (any order, may overlap). `counting[c]` false: coder c does
 * not count on this document (missing); default: every coder counts. With fewer than two counting
 * coders nothing is pairable and the counts are empty.
 */
export function domainCounts(
  length: number,
  spansByCoder: readonly (readonly CategorySpan[])[],
  counting?: readonly boolean[],
): DomainCounts {
  const catOf = new Map<string, number>();
  const cats: string[] = [];
  const byCoder = spansByCoder.map((spans) => {
    const r = emptyCoderRanges();
    for (const x of spans) {
      let c = catOf.get(x.category);
      if (c === undefined) {
        catOf.set(x.category, (c = cats.length));
        cats.push(x.category);
      }
      r.start.push(x.start);
      r.end.push(x.end);
      r.cat.push(c);
    }
    return r;
  });
  return domainCountsOf(length, cats, byCoder, counting);
}

/**
 * domainCounts on ranges given as arrays: `byCoder[c].cat[i]` indexes `categories`. What the engine
 * uses, so that reading a large project's codings allocates no object per coding. `fallback` (a
 * category index, or −1): the category of a parent code applied itself, which yields to any of the
 * other categories where one coder applied both (no overlap is reported then).
 */
export function domainCountsOf(
  length: number,
  categories: readonly string[],
  byCoder: readonly CoderRanges[],
  counting?: readonly boolean[],
  fallback = -1,
): DomainCounts {
  const out = emptyDomainCounts();
  if (!Number.isInteger(length) || length < 0) throw new AccordError('INVALID_INPUT', `length ${length} is not a non-negative integer`);
  if (counting && counting.length !== byCoder.length) {
    throw new AccordError('INVALID_INPUT', `${counting.length} counting flags for ${byCoder.length} coders`);
  }
  const cats = categories;
  const segCat: number[] = [];
  const parts: Pieces[] = [];
  for (let c = 0; c < byCoder.length; c++) {
    if (counting && !counting[c]) continue;
    parts.push(partition(byCoder[c], length, c, cats, segCat, out.overlaps, fallback));
  }
  const k = parts.length;
  if (k < 2) return out;

  // The boundaries of every coder's pieces, sorted, without repeats.
  let total = 0;
  for (const p of parts) total += 2 * p.start.length;
  const all = new Float64Array(total);
  let w = 0;
  for (const p of parts) {
    for (let i = 0; i < p.start.length; i++) {
      all[w++] = p.start[i];
      all[w++] = p.end[i];
    }
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i];

  const C = cats.length;
  const observed = new Float64Array(C * C);
  const lambda = new Float64Array(segCat.length);
  const cursor = new Int32Array(k);
  const hereSeg = new Int32Array(k);
  const hereCat = new Int32Array(k);
  const count = new Int32Array(C);
  const used = new Int32Array(C);
  for (let i = 0; i + 1 < n; i++) {
    const from = all[i];
    const len = all[i + 1] - from;
    let p = 0;
    for (let x = 0; x < k; x++) {
      const part = parts[x];
      let j = cursor[x];
      while (j < part.start.length && part.end[j] <= from) j++;
      cursor[x] = j;
      if (j < part.start.length && part.start[j] <= from) {
        hereSeg[p] = part.seg[j];
        hereCat[p++] = part.cat[j];
      }
    }
    if (p < 2) continue;
    out.units += len;
    const wt = len / (k - 1);
    let distinct = 0;
    for (let x = 0; x < p; x++) {
      lambda[hereSeg[x]] += wt * (p - 1);
      const c = hereCat[x];
      if (count[c]++ === 0) used[distinct++] = c;
    }
    for (let a = 0; a < distinct; a++) {
      const ca = used[a];
      const na = count[ca];
      for (let b = 0; b < distinct; b++) {
        const cb = used[b];
        observed[ca * C + cb] += wt * na * (ca === cb ? na - 1 : count[cb]);
      }
    }
    for (let a = 0; a < distinct; a++) count[used[a]] = 0;
  }
  for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) addObserved(out, cats[a], cats[b], observed[a * C + b]);
  for (let g = 0; g < lambda.length; g++) if (lambda[g] > 0) addCorrection(out, cats[segCat[g]], lambda[g] * lambda[g]);
  return out;
}

/** Add `from` into `into` (pooling documents = concatenating continua). */
export function addDomainCounts(into: DomainCounts, from: DomainCounts): void {
  for (const [a, row] of from.observed) for (const [b, n] of row) addObserved(into, a, b, n);
  for (const [v, n] of from.correction) addCorrection(into, v, n);
  into.units += from.units;
  for (const o of from.overlaps) into.overlaps.push(o);
}

/** The categories that occur in the compared text, with their share ℓ_c of the coincidences. */
export function categoryMarginals(counts: DomainCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [a, row] of counts.observed) {
    let s = 0;
    for (const n of row.values()) s += n;
    out.set(a, s);
  }
  return out;
}

/** cu-α (or Cu-α, when the categories are domains) from pooled counts; null with a reason when undefined. */
export function cuAlphaFromCounts(counts: DomainCounts): Measure {
  const units = counts.units;
  let n = 0;
  let diagonal = 0;
  let squares = 0;
  for (const [a, row] of counts.observed) {
    let marginal = 0;
    for (const [b, x] of row) {
      marginal += x;
      if (a === b) diagonal += x;
    }
    n += marginal;
    squares += marginal * marginal;
  }
  if (n === 0) {
    return { value: null, reason: 'no text that two or more coders counting there both coded within the domain', n: units };
  }
  let pi = 0;
  for (const x of counts.correction.values()) pi += x;
  const spread = n * n - squares;
  const pairs = n * n - pi;
  if (!(spread > 1e-9 * n * n)) {
    return { value: null, reason: 'only one category occurs where coders both coded: no variation to assess', n: units };
  }
  if (!(pairs > 0)) {
    return { value: null, reason: 'the compared text is one unit per coder: no pairs of units to compare', n: units };
  }
  return { value: 1 - ((n - diagonal) * pairs) / (n * spread), n: units };
}

/** cu-α over several documents (`spansByCoder[coder][doc]`), every coder counting on every document. */
export function cuAlpha(docLengths: readonly number[], spansByCoder: readonly (readonly (readonly CategorySpan[])[])[]): Measure {
  const pooled = emptyDomainCounts();
  docLengths.forEach((len, d) => {
    addDomainCounts(
      pooled,
      domainCounts(
        len,
        spansByCoder.map((docs, c) => {
          if (docs.length !== docLengths.length) {
            throw new AccordError('INVALID_INPUT', `coder ${c + 1} has ranges for ${docs.length} documents, expected ${docLengths.length}`);
          }
          return docs[d];
        }),
      ),
    );
  });
  return cuAlphaFromCounts(pooled);
}
