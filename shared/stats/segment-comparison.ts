// Segment comparison of two coders in the form MAXQDA's "Intercoder Agreement" reports it, so that
// teams coming from MAXQDA can reproduce its three tables. Two coders, the same documents; every
// coding is one segment (document, code, [start, end)). Codes are compared as applied (no roll-up).
//
// 1. Code existence per document. For code X and a document, the coders agree when both applied X
//    there at least once, and disagree when only one did. Documents where neither applied X are not
//    counted for X (as MAXQDA's table lists only the codes a coder assigned).
//      existence(X) = agree / (agree + disagree)
// 2. Code frequency per document. For code X and a document where at least one coder applied X, the
//    coders agree when both applied X the same number of times.
//      frequency(X) = agree / (agree + disagree)
// 3. Segment agreement. Each coder's segments are checked against the other coder's segments of the
//    same code in the same document, in both directions, so every segment is counted once: a segment
//    agrees when the other coder has a segment of the same code overlapping it by at least x % (default
//    90). Two agreeing segments therefore add 2 to `agree`; a segment the other coder has no match
//    for adds 1 to `disagree`.
//      overlap(s, t) = |s ∩ t| / |s ∪ t|   (characters coded by both over characters coded by either)
//      s agrees  ⇔  max over t of overlap(s, t) ≥ x / 100   (compared exactly: 100·|s ∩ t| ≥ x·|s ∪ t|)
//      percent(X) = agree / (agree + disagree);  overall: the same over all codes' counts
//    κ in Brennan & Prediger's form (Brennan, R. L. & Prediger, D. J. 1981, "Coefficient kappa: some
//    uses, misuses, and alternatives", Educ. Psychol. Meas. 41:687–699: κ_n = (P_o − 1/k)/(1 − 1/k),
//    chance agreement 1/k for k categories):
//      P_o = percent (as above),  P_c = 1 / k,  k = number of codes in the segment table (codes at
//      least one of the two coders applied in the compared documents),  κ = (P_o − P_c) / (1 − P_c)
//    The chance term is MAXQDA's: its manual states that, because the cell "neither coder coded" does
//    not exist for segments, chance agreement follows Brennan & Prediger with the number of categories
//    equal to the number of codes in the results table. A code's own row uses the same P_c = 1/k, so
//    that its κ and the overall κ share one chance model; κ is null (with a reason) when k < 2 or
//    there are no segments.
//
// What we could check and what we could not: the three comparison levels (code existence and code
// frequency in the document, and segment agreement) and the Brennan–Prediger chance term with k =
// the number of codes in the results table are from MAXQDA's manual (Intercoder Agreement chapters,
// maxqda.com/help-max12 and later). Two details we could not read in a published source and define
// here as stated: the overlap denominator (the union of the two segments), and that P_o is the
// table's percentage (segments counted once per direction). The tests check every figure by hand.
//
// Cost: per (document, code) the two coders' segments are sorted by start (n log n) and swept once;
// each segment meets only the other coder's segments overlapping it, which is at most n_A + n_B − 1
// pairs when a coder's own segments of a code do not overlap one another. A segment with no
// overlapping partner finds its nearest one by binary search.
import type { Span } from '../model/types';

/** The default minimum overlap, in percent, for two segments to agree (MAXQDA's default). */
export const DEFAULT_OVERLAP_PERCENT = 90;

/** How one segment fares against the other coder's segments of the same code. */
export interface SegmentMatch {
  /**
   * Index (in the other coder's list as given) of the other coder's segment overlapping this one
   * most, or, when none overlaps, the nearest one; −1 when the other coder has no segment here.
   */
  other: number;
  /** |s ∩ t| / |s ∪ t| with `other` (0 when they do not overlap, or there is none). */
  overlap: number;
  /** True when `overlap` reaches the threshold. */
  agrees: boolean;
}

function checkThreshold(percent: number): void {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`the minimum overlap is a percentage above 0 and at most 100, not ${percent}`);
}

function byStart(list: readonly Span[]): number[] {
  return list.map((_, i) => i).sort((i, j) => list[i].start - list[j].start || list[i].end - list[j].end || i - j);
}

/**
 * Match two coders' segments of one code in one document (each list in any order). Returns one
 * SegmentMatch per segment of `a` and of `b`, in the given order.
 */
export function matchSegments(a: readonly Span[], b: readonly Span[], thresholdPercent = DEFAULT_OVERLAP_PERCENT): { a: SegmentMatch[]; b: SegmentMatch[] } {
  checkThreshold(thresholdPercent);
  // Most (document, code) slices hold one coder's segments only, or one each: answered directly.
  if (a.length === 0 || b.length === 0) {
    const none = (l: readonly Span[]) => l.map((): SegmentMatch => ({ other: -1, overlap: 0, agrees: false }));
    return { a: none(a), b: none(b) };
  }
  if (a.length === 1 && b.length === 1) {
    const [s, t] = [a[0], b[0]];
    const inter = Math.min(s.end, t.end) - Math.max(s.start, t.start);
    const union = Math.max(s.end, t.end) - Math.min(s.start, t.start);
    const m: SegmentMatch = inter > 0 ? { other: 0, overlap: inter / union, agrees: inter * 100 >= thresholdPercent * union } : { other: 0, overlap: 0, agrees: false };
    return { a: [m], b: [{ ...m }] };
  }
  const lists = [a, b] as const;
  const best: { other: number; inter: number; union: number }[][] = lists.map((l) => l.map(() => ({ other: -1, inter: 0, union: 1 })));
  const order = lists.map(byStart);
  // Better = larger intersection over union; ties keep the earlier-starting segment (met first).
  const offer = (side: number, i: number, j: number, inter: number, union: number): void => {
    const cur = best[side][i];
    if (cur.other === -1 || inter * cur.union > cur.inter * union) {
      cur.other = j;
      cur.inter = inter;
      cur.union = union;
    }
  };
  // Sweep both lists in start order; each arriving segment meets the other side's active segments
  // (started no later, not yet ended), which are exactly the other side's segments overlapping it
  // that started first. Every overlapping pair is met once, by its later-starting member.
  const active: number[][] = [[], []];
  const pos = [0, 0];
  while (pos[0] < a.length || pos[1] < b.length) {
    let side: number;
    if (pos[0] >= a.length) side = 1;
    else if (pos[1] >= b.length) side = 0;
    else side = a[order[0][pos[0]]].start <= b[order[1][pos[1]]].start ? 0 : 1;
    const i = order[side][pos[side]++];
    const s = lists[side][i];
    const other = 1 - side;
    const still: number[] = [];
    for (const j of active[other]) {
      const t = lists[other][j];
      if (t.end <= s.start) continue; // ended before s starts: overlaps nothing from here on
      still.push(j);
      const inter = Math.min(s.end, t.end) - s.start;
      if (inter <= 0) continue; // an empty segment
      const union = Math.max(s.end, t.end) - t.start;
      offer(side, i, j, inter, union);
      offer(other, j, i, inter, union);
    }
    active[other] = still;
    active[side].push(i);
  }
  // Segments without an overlapping partner: the nearest of the other coder's segments by gap.
  for (const side of [0, 1]) {
    const other = 1 - side;
    const sorted = order[other];
    const theirs = lists[other];
    if (theirs.length === 0) continue;
    // prefixEnd[k] = the segment with the largest end among the first k in start order.
    const prefixEnd: number[] = new Array<number>(sorted.length + 1).fill(-1);
    for (let k = 0; k < sorted.length; k++) {
      const prev = prefixEnd[k];
      prefixEnd[k + 1] = prev === -1 || theirs[sorted[k]].end > theirs[prev].end ? sorted[k] : prev;
    }
    lists[side].forEach((s, i) => {
      if (best[side][i].other !== -1) return;
      // First of theirs starting at or after s.end, and the latest-ending one starting before s.start.
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (theirs[sorted[mid]].start < s.end) lo = mid + 1;
        else hi = mid;
      }
      const after = lo < sorted.length ? sorted[lo] : -1;
      let lo2 = 0;
      let hi2 = sorted.length;
      while (lo2 < hi2) {
        const mid = (lo2 + hi2) >> 1;
        if (theirs[sorted[mid]].start < s.start) lo2 = mid + 1;
        else hi2 = mid;
      }
      const before = prefixEnd[lo2];
      const gapAfter = after === -1 ? Infinity : theirs[after].start - s.end;
      const gapBefore = before === -1 ? Infinity : s.start - theirs[before].end;
      best[side][i].other = gapBefore <= gapAfter ? before : after;
    });
  }
  const result = (side: number): SegmentMatch[] =>
    best[side].map(({ other, inter, union }) => ({
      other,
      overlap: inter > 0 ? inter / union : 0,
      agrees: inter > 0 && inter * 100 >= thresholdPercent * union,
    }));
  return { a: result(0), b: result(1) };
}

/** Agreements and disagreements of one kind, with their share. */
export interface AgreementTally {
  agree: number;
  disagree: number;
  /** agree / (agree + disagree), a proportion 0–1; null when nothing was compared. */
  percent: number | null;
  reason?: string;
}

/** The segment table's tally with κ in Brennan & Prediger's form. */
export interface SegmentTally extends AgreementTally {
  kappaBP: number | null;
  kappaBPReason?: string;
}

/** One code in one document: each coder's segments of it. */
export interface SegmentSlice<D, C> {
  document: D;
  code: C;
  a: readonly Span[];
  b: readonly Span[];
}

export interface CodeComparison<C> {
  code: C;
  existence: AgreementTally;
  frequency: AgreementTally;
  segments: SegmentTally;
}

/** A segment the other coder has no match for. */
export interface UnmatchedSegment<D, C> {
  document: D;
  code: C;
  /** Position of its slice among the slices given (slices with no segment included). */
  slice: number;
  /** Whose segment: 0 = coder A, 1 = coder B. */
  coder: 0 | 1;
  /** Index of the segment in the slice's list of that coder. */
  index: number;
  segment: Span;
  /** The other coder's segment overlapping it most, else the nearest; null when they have none here. */
  other: Span | null;
  /** Its index in the slice's list of the other coder (−1 with `other` null). */
  otherIndex: number;
  /** |s ∩ t| / |s ∪ t| with `other` (0 when they do not overlap). */
  overlap: number;
}

export interface SegmentComparison<D, C> {
  thresholdPercent: number;
  /** One row per code that at least one coder applied in the slices, in first-seen order. */
  codes: CodeComparison<C>[];
  total: { existence: AgreementTally; frequency: AgreementTally; segments: SegmentTally };
  /** k: the number of codes in the segment table, and the chance agreement 1/k. */
  chance: { codes: number; pc: number | null };
  unmatched: UnmatchedSegment<D, C>[];
  /**
   * The same counts per document, over the codes either coder applied there (MAXQDA's document
   * view): existence and frequency count codes, segments count segments. No κ: its chance term
   * belongs to the whole table.
   */
  documents: DocumentComparison<D>[];
}

export interface DocumentComparison<D> {
  document: D;
  existence: AgreementTally;
  frequency: AgreementTally;
  segments: AgreementTally;
}

function tally(agree: number, disagree: number, nothing: string): AgreementTally {
  const n = agree + disagree;
  return n === 0 ? { agree, disagree, percent: null, reason: nothing } : { agree, disagree, percent: agree / n };
}

/** κ_n = (P_o − 1/k) / (1 − 1/k) on a tally (Brennan & Prediger 1981). */
export function kappaBrennanPrediger(t: AgreementTally, k: number): { value: number | null; reason?: string } {
  if (t.percent === null) return { value: null, reason: t.reason ?? 'no segments to compare' };
  if (k < 2) return { value: null, reason: 'only one code in the table: chance agreement 1/k = 1' };
  const pc = 1 / k;
  return { value: (t.percent - pc) / (1 - pc) };
}

function segmentTally(agree: number, disagree: number, k: number): SegmentTally {
  const t = tally(agree, disagree, 'neither coder applied the code to any segment');
  const kappa = kappaBrennanPrediger(t, k);
  return { ...t, kappaBP: kappa.value, ...(kappa.value === null ? { kappaBPReason: kappa.reason } : {}) };
}

/**
 * The three comparisons over (document, code) slices. Slices with no segment from either coder are
 * ignored; a code with slices in several documents gets one row over all of them.
 */
export function compareSegments<D, C>(slices: Iterable<SegmentSlice<D, C>>, thresholdPercent = DEFAULT_OVERLAP_PERCENT): SegmentComparison<D, C> {
  checkThreshold(thresholdPercent);
  interface Counts {
    code: C;
    ex: [number, number];
    fr: [number, number];
    seg: [number, number];
  }
  const rows = new Map<C, Counts>();
  const perDocument = new Map<D, Omit<Counts, 'code'>>();
  const unmatched: UnmatchedSegment<D, C>[] = [];
  let sliceIndex = -1;
  for (const slice of slices) {
    sliceIndex++;
    if (slice.a.length === 0 && slice.b.length === 0) continue;
    let row = rows.get(slice.code);
    if (!row) rows.set(slice.code, (row = { code: slice.code, ex: [0, 0], fr: [0, 0], seg: [0, 0] }));
    let doc = perDocument.get(slice.document);
    if (!doc) perDocument.set(slice.document, (doc = { ex: [0, 0], fr: [0, 0], seg: [0, 0] }));
    const both = slice.a.length > 0 && slice.b.length > 0 ? 0 : 1;
    const same = slice.a.length === slice.b.length ? 0 : 1;
    row.ex[both]++;
    row.fr[same]++;
    doc.ex[both]++;
    doc.fr[same]++;
    const docCounts = doc;
    const m = matchSegments(slice.a, slice.b, thresholdPercent);
    for (const [side, list, theirs] of [
      [0, m.a, slice.b],
      [1, m.b, slice.a],
    ] as const) {
      list.forEach((r, index) => {
        if (r.agrees) {
          row.seg[0]++;
          docCounts.seg[0]++;
          return;
        }
        row.seg[1]++;
        docCounts.seg[1]++;
        const segment = (side === 0 ? slice.a : slice.b)[index];
        unmatched.push({
          document: slice.document,
          code: slice.code,
          slice: sliceIndex,
          coder: side,
          index,
          segment: { start: segment.start, end: segment.end },
          other: r.other === -1 ? null : { start: theirs[r.other].start, end: theirs[r.other].end },
          otherIndex: r.other,
          overlap: r.overlap,
        });
      });
    }
  }
  const k = rows.size;
  const sum = (pick: (r: Counts) => [number, number]): [number, number] => {
    let agree = 0;
    let disagree = 0;
    for (const r of rows.values()) {
      agree += pick(r)[0];
      disagree += pick(r)[1];
    }
    return [agree, disagree];
  };
  const none = 'no code was applied by either coder in the compared documents';
  const ex = sum((r) => r.ex);
  const fr = sum((r) => r.fr);
  const seg = sum((r) => r.seg);
  return {
    thresholdPercent,
    codes: [...rows.values()].map((r) => ({
      code: r.code,
      existence: tally(r.ex[0], r.ex[1], none),
      frequency: tally(r.fr[0], r.fr[1], none),
      segments: segmentTally(r.seg[0], r.seg[1], k),
    })),
    total: { existence: tally(ex[0], ex[1], none), frequency: tally(fr[0], fr[1], none), segments: k === 0 ? { ...tally(0, 0, none), kappaBP: null, kappaBPReason: none } : segmentTally(seg[0], seg[1], k) },
    chance: { codes: k, pc: k > 0 ? 1 / k : null },
    unmatched,
    documents: [...perDocument].map(([document, d]) => ({
      document,
      existence: tally(d.ex[0], d.ex[1], none),
      frequency: tally(d.fr[0], d.fr[1], none),
      segments: tally(d.seg[0], d.seg[1], none),
    })),
  };
}
