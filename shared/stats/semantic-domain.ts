// Agreement within and across semantic domains on the text continuum: Krippendorff's cuα for one
// domain and Cu-α across domains, as ATLAS.ti reports them next to each code's binary α.
//
// Sources
// - Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of unitizing textual
//   continua: Further developments", Quality & Quantity 50:2347–2364: the unitized family |uα, uα,
//   cuα, (k)uα on one coincidence matrix of lengths.
// - Krippendorff (2019), Content Analysis, 4th ed., §12.6 (uα family; cuα = "coding, given
//   unitizing"), worked example Fig. 12.11, p. 340: three observers on a continuum of 60, published
//   uα = .510, |uα = .413, cuα = .724 (reproduced in test/unit/stats/semantic-domain.test.ts).
// - ATLAS.ti intercoder agreement manual ("Krippendorff's family of alpha coefficients"): a semantic
//   domain is a group of codes that coders apply as mutually exclusive alternatives; ATLAS.ti reports
//   α-binary per code and per domain, cu-α per domain (agreement on which code of the domain applies,
//   on the text both coders coded with the domain, uncoded text left out), and Cu-α (the same with
//   each domain as one category, across the domains analysed). González-Prieto, Perez, Diaz &
//   Santana (arXiv 2008.00977, 2020; J. Systems and Software 2023) and their tutorial "ATLAS.TI for
//   Inter-Coder Agreement (ICA): A Tutorial" (blogs.upm.es/qualitativeresearch) describe the same
//   three coefficients as one α with different label sets.
//
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
// book's cuα = .724 for Fig. 12.11 (0.72417), where squared raw or raw pairable lengths do not
// (0.740 and 0.728). Where every segment is one character and every counting coder codes it, the
// formula is Krippendorff's nominal α (2011) on those characters.
//
// Overlapping codes of one domain. ATLAS.ti requires the codes of a domain to be mutually exclusive
// (one coder never applies two of them to the same text). Accord computes the value anyway with a
// stated rule: text where one coder applied two or more categories has no single category for that
// coder, so it counts as uncoded (a gap) for that coder; every such span is reported (`overlaps`).
// Same-category ranges of one coder that overlap merge into one segment; ranges that only touch
// stay separate segments (as in the unitized |uα of text-agreement.ts).
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

/** A piece of one coder's partition: one category, part of segment `seg`. */
interface Piece {
  start: number;
  end: number;
  category: string;
  seg: number;
}

/**
 * One coder's partition of the continuum: per category the union of its ranges (overlapping ones
 * merge, touching ones stay separate segments), then pieces where exactly one category applies.
 * Text under two or more categories is recorded as an overlap and left uncoded.
 */
function partition(
  spans: readonly CategorySpan[],
  length: number,
  coder: number,
  segCategory: string[],
  overlaps: CategoryOverlap[],
): Piece[] {
  const byCategory = new Map<string, Span[]>();
  for (const s of spans) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > length) {
      throw new AccordError('INVALID_INPUT', `coder ${coder + 1}: range [${s.start}, ${s.end}) is not inside [0, ${length})`);
    }
    if (s.end === s.start) continue;
    let list = byCategory.get(s.category);
    if (!list) byCategory.set(s.category, (list = []));
    list.push({ start: s.start, end: s.end });
  }
  const segs: { start: number; end: number; category: string; id: number }[] = [];
  for (const [category, ranges] of byCategory) {
    ranges.sort((a, b) => a.start - b.start || a.end - b.end);
    let cur: Span | null = null;
    const flush = () => {
      if (cur) {
        segs.push({ start: cur.start, end: cur.end, category, id: segCategory.length });
        segCategory.push(category);
      }
    };
    for (const r of ranges) {
      if (cur && r.start < cur.end) {
        if (r.end > cur.end) cur.end = r.end;
      } else {
        flush();
        cur = { start: r.start, end: r.end };
      }
    }
    flush();
  }
  if (byCategory.size <= 1) {
    // One category: its segments never overlap each other, so they are the pieces.
    return segs.sort((a, b) => a.start - b.start).map((s) => ({ start: s.start, end: s.end, category: s.category, seg: s.id }));
  }
  // Several categories: sweep the boundaries with the active segments (almost always 0 or 1).
  const points = [...new Set(segs.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  segs.sort((a, b) => a.start - b.start);
  const pieces: Piece[] = [];
  let active: typeof segs = [];
  let next = 0;
  let overlap: CategoryOverlap | null = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((s) => s.end > from);
    while (next < segs.length && segs[next].start <= from) active.push(segs[next++]);
    if (active.length === 1) {
      const s = active[0];
      const last = pieces[pieces.length - 1];
      if (last && last.seg === s.id && last.end === from) last.end = to;
      else pieces.push({ start: from, end: to, category: s.category, seg: s.id });
    }
    if (active.length >= 2) {
      const categories = [...new Set(active.map((s) => s.category))].sort();
      if (overlap && overlap.end === from && overlap.categories.join('\u0000') === categories.join('\u0000')) overlap.end = to;
      else overlaps.push((overlap = { coder, start: from, end: to, categories }));
    }
  }
  return pieces;
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
  const out = emptyDomainCounts();
  if (!Number.isInteger(length) || length < 0) throw new AccordError('INVALID_INPUT', `length ${length} is not a non-negative integer`);
  if (counting && counting.length !== spansByCoder.length) {
    throw new AccordError('INVALID_INPUT', `${counting.length} counting flags for ${spansByCoder.length} coders`);
  }
  const coders: number[] = [];
  for (let c = 0; c < spansByCoder.length; c++) if (!counting || counting[c]) coders.push(c);
  const k = coders.length;
  const segCategory: string[] = [];
  const parts = coders.map((c) => partition(spansByCoder[c], length, c, segCategory, out.overlaps));
  if (k < 2) return out;

  const lambda = new Float64Array(segCategory.length);
  const points = new Set<number>();
  for (const pieces of parts) for (const p of pieces) points.add(p.start).add(p.end);
  const sorted = [...points].sort((a, b) => a - b);
  const cursor = new Array<number>(k).fill(0);
  const here: Piece[] = [];
  const count = new Map<string, number>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i];
    const len = sorted[i + 1] - from;
    here.length = 0;
    for (let x = 0; x < k; x++) {
      const pieces = parts[x];
      while (cursor[x] < pieces.length && pieces[cursor[x]].end <= from) cursor[x]++;
      const p = pieces[cursor[x]];
      if (p !== undefined && p.start <= from) here.push(p);
    }
    const p = here.length;
    if (p < 2) continue;
    out.units += len;
    const w = len / (k - 1);
    count.clear();
    for (const piece of here) {
      lambda[piece.seg] += w * (p - 1);
      count.set(piece.category, (count.get(piece.category) ?? 0) + 1);
    }
    for (const [a, na] of count) for (const [b, nb] of count) addObserved(out, a, b, w * na * (a === b ? nb - 1 : nb));
  }
  for (let g = 0; g < lambda.length; g++) if (lambda[g] > 0) addCorrection(out, segCategory[g], lambda[g] * lambda[g]);
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
