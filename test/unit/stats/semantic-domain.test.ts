// cu-α and Cu-α on the text continuum (shared/stats/semantic-domain.ts): a published worked example,
// Krippendorff's standard α as the limiting case, hand-worked cases and a per-character brute force.
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../shared/stats/agreement';
import {
  addDomainCounts,
  cuAlpha,
  cuAlphaFromCounts,
  domainCounts,
  domainCountsOf,
  emptyDomainCounts,
  type CategorySpan,
} from '../../../shared/stats/semantic-domain';
import { union } from '../../../shared/spans/spans';
import { unitizedAlpha } from '../../../shared/stats/text-agreement';
import { AccordError } from '../../../shared/errors';

const cs = (start: number, end: number, category: string): CategorySpan => ({ start, end, category });

describe('Krippendorff (2019) Content Analysis 4th ed., §12.6, Fig. 12.11 (p. 340): 3 observers, continuum of 60', () => {
  // The figure's segments as transcribed by the R package quallmer (tests/testthat/test-alpha_u.R),
  // 1-based inclusive [first, last] → half-open [first − 1, last). The same transcription gives the
  // book's uα = .510 (test/unit/stats/text-agreement.test.ts). Published cuα = .724 (as quoted there).
  const seg = (first: number, last: number, v: string) => cs(first - 1, last, v);
  const alex = [seg(1, 7, '1'), seg(8, 13, '2'), seg(31, 32, '5'), seg(33, 37, '6'), seg(38, 44, '6'), seg(45, 60, '7')];
  const paul = [seg(1, 7, '1'), seg(8, 13, '3'), seg(14, 21, '5'), seg(33, 44, '6')];
  const suzan = [seg(1, 7, '1'), seg(8, 13, '4'), seg(14, 21, '5'), seg(33, 37, '6'), seg(38, 41, '6'), seg(42, 44, '6')];

  it('cuα = .724', () => {
    // Valued matter two or more observers share (m = 3, so each pair's length is divided by 2):
    //   1–7 all "1": ℓ_11 = 6·7/2 = 21;  8–13 "2","3","4": ℓ_23 = ℓ_32 = ℓ_24 = … = 6/2 = 3 (18 in all);
    //   14–21 Paul and Suzan "5" (Alex gap): ℓ_55 = 2·8/2 = 8;  33–44 all "6": ℓ_66 = 6·12/2 = 36.
    //   n = 83, diagonal 65, D_o = 18; Σ ℓ_c² = 21² + 3·6² + 8² + 36² = 1909.
    // Pairable lengths λ (each character weighted (p − 1)/(m − 1)): 7 and 6 for every observer's
    //   first two segments; Alex 5, 7 (33–37, 38–44); Paul 4 (14–21: one other of two), 12;
    //   Suzan 4, 5, 4, 3 → Σ λ² = 159 + 245 + 151 = 555.
    // cuα = 1 − 18·(83² − 555)/(83·(83² − 1909)) = 1 − 114012/413340 = 0.72417 → .724.
    const a = cuAlpha([60], [[alex], [paul], [suzan]]);
    expect(a.value).toBeCloseTo(1 - 114012 / 413340, 12);
    expect(Math.round((a.value as number) * 1000) / 1000).toBe(0.724);
    expect(a.n).toBe(7 + 6 + 8 + 12); // characters two or more observers coded
  });
});

describe('Krippendorff (2011) "Computing Krippendorff\'s Alpha-Reliability", nominal: α = .743', () => {
  // With one-character segments, each unit its own continuum and only the observers with a value
  // counting there, cu-α is Krippendorff's nominal α with missing data: every λ = 1, π_c = n_c,
  // ε_ck = (n_c n_k − [c=k] n_c)/(n − 1).
  const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
  const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
  const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
  const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
  const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

  it('equals the published value and the categorical α', () => {
    const pooled = emptyDomainCounts();
    for (const row of units) {
      addDomainCounts(
        pooled,
        domainCounts(
          1,
          row.map((v) => (v === null ? [] : [cs(0, 1, v)])),
          row.map((v) => v !== null),
        ),
      );
    }
    const a = cuAlphaFromCounts(pooled);
    expect(a.value).toBeCloseTo(krippendorffAlpha(units).value as number, 12);
    expect(a.value).toBeCloseTo(0.743, 3);
    expect(a.n).toBe(11);
  });
});

describe('hand-worked cases', () => {
  it('two coders, two codes: cu-α = 7808/10080', () => {
    // A: x [0,10), y [10,16); B: x [0,8), y [8,14); length 20. Both coded [0,14):
    //   [0,8) x/x: ℓ_xx = 2·8 = 16; [8,10) x/y: ℓ_xy = ℓ_yx = 2; [10,14) y/y: ℓ_yy = 8.
    //   n = 28, ℓ_x = 18, ℓ_y = 10, Σ ℓ_c² = 424, D_o = 4.
    //   λ: A.x 10, A.y 4 (10–14), B.x 8, B.y 6 → π = 100 + 16 + 64 + 36 = 216.
    //   D_e = 28·(784 − 424)/(784 − 216) = 10080/568; cu-α = 1 − 4·568/10080 = 7808/10080.
    const a = cuAlpha([20], [[[cs(0, 10, 'x'), cs(10, 16, 'y')]], [[cs(0, 8, 'x'), cs(8, 14, 'y')]]]);
    expect(a.value).toBeCloseTo(7808 / 10080, 12);
    expect(a.n).toBe(14);
  });

  it('domains as categories (Cu-α): same-domain ranges of a coder merge, different domains compare', () => {
    // A: D1 [0,6) and D1 [4,10) → one segment [0,10); D2 [12,20). B: D1 [0,10), D2 [12,16), D1 [16,20).
    //   [0,10) D1/D1: ℓ_11 = 20; [12,16) D2/D2: ℓ_22 = 8; [16,20) D2/D1: ℓ_12 = ℓ_21 = 4.
    //   n = 36, ℓ_1 = 24, ℓ_2 = 12, Σ ℓ_c² = 720, D_o = 8.
    //   λ: A 10, 8; B 10, 4, 4 → π = 100 + 64 + 100 + 16 + 16 = 296.
    //   Cu-α = 1 − 8·(1296 − 296)/(36·(1296 − 720)) = 1 − 8000/20736 = 12736/20736.
    const counts = domainCounts(20, [
      [cs(0, 6, 'D1'), cs(4, 10, 'D1'), cs(12, 20, 'D2')],
      [cs(0, 10, 'D1'), cs(12, 16, 'D2'), cs(16, 20, 'D1')],
    ]);
    expect(counts.overlaps).toEqual([]);
    expect(cuAlphaFromCounts(counts).value).toBeCloseTo(12736 / 20736, 12);
  });

  it('two codes of one domain on the same text: uncoded for that coder, and reported', () => {
    // A applies x [0,10) and y [5,12): [5,10) has no single code for A. Same counts as A = x [0,5), y [10,12).
    const b = [cs(0, 10, 'x'), cs(10, 12, 'y'), cs(14, 18, 'x')];
    const counts = domainCounts(20, [[cs(0, 10, 'x'), cs(5, 12, 'y'), cs(14, 18, 'y')], b]);
    expect(counts.overlaps).toEqual([{ coder: 0, start: 5, end: 10, categories: ['x', 'y'] }]);
    const same = domainCounts(20, [[cs(0, 5, 'x'), cs(10, 12, 'y'), cs(14, 18, 'y')], b]);
    expect(cuAlphaFromCounts(counts).value).toBeCloseTo(cuAlphaFromCounts(same).value as number, 12);
    // [0,5) x/x 10, [10,12) y/y 4, [14,18) y/x 4+4: n = 22, ℓ_x = 14, ℓ_y = 8, D_o = 8;
    // λ: A 5, 2, 4; B 5 ([0,10) only [0,5) shared), 2, 4 → π = 25 + 4 + 16 + 25 + 4 + 16 = 90.
    // cu-α = 1 − 8·(484 − 90)/(22·(484 − 196 − 64)) = 1 − 3152/4928.
    expect(cuAlphaFromCounts(counts).value).toBeCloseTo(1 - 3152 / 4928, 12);
  });

  it("a parent code applied itself yields to its sub-code where one coder applied both", () => {
    // Categories P (the parent), a, b. A: P [0,20) and a [0,10); B: a [0,10), b [10,20).
    // With P as the fallback, A is a on [0,10) and P on [10,20): [0,10) a/a ℓ_aa 20, [10,20) P/b
    // ℓ_Pb = ℓ_bP 10; n = 40, Σ ℓ_c² = 400 + 100 + 100, D_o = 20; λ 10 each → π = 400.
    //   cu-α = 1 − 20·(1600 − 400)/(40·(1600 − 600)) = 0.4, and no overlap.
    const A = { start: [0, 0], end: [20, 10], cat: [0, 1] };
    const B = { start: [0, 10], end: [10, 20], cat: [1, 2] };
    const withParent = domainCountsOf(20, ['P', 'a', 'b'], [A, B], undefined, 0);
    expect(withParent.overlaps).toEqual([]);
    expect(cuAlphaFromCounts(withParent).value).toBeCloseTo(0.4, 12);
    // Without the rule, A's [0,10) is an overlap (uncoded for A): only [10,20) P/b is left, α = 0.
    const strict = domainCountsOf(20, ['P', 'a', 'b'], [A, B]);
    expect(strict.overlaps).toEqual([{ coder: 0, start: 0, end: 10, categories: ['P', 'a'] }]);
    expect(cuAlphaFromCounts(strict).value).toBeCloseTo(0, 12);
  });

  it('a coder who does not count there is missing, not a gap', () => {
    const a = [cs(0, 10, 'x'), cs(10, 16, 'y')];
    const b = [cs(0, 8, 'x'), cs(8, 14, 'y')];
    const c = [cs(0, 20, 'y')];
    const withMissing = cuAlphaFromCounts(domainCounts(20, [a, b, c], [true, true, false]));
    expect(withMissing.value).toBeCloseTo(7808 / 10080, 12);
    // Counting, the third coder changes the figure.
    expect(cuAlphaFromCounts(domainCounts(20, [a, b, c])).value).not.toBeCloseTo(7808 / 10080, 3);
  });

  it('says why when undefined', () => {
    expect(cuAlpha([20], [[[cs(0, 5, 'x')]], [[cs(10, 15, 'x')]]]).reason).toMatch(/both coded/);
    expect(cuAlpha([20], [[[cs(0, 5, 'x'), cs(6, 8, 'x')]], [[cs(0, 8, 'x')]]]).reason).toMatch(/only one category/);
    expect(cuAlphaFromCounts(domainCounts(20, [[cs(0, 5, 'x')], [cs(0, 5, 'y')]], [true, false])).value).toBeNull();
  });

  it('a continuum too long for packed sort keys sorts the same way', () => {
    // 10^8 characters: (start · 2^27 + end) no longer fits in 53 bits with the category, so the ranges
    // are sorted by comparison; the text beyond the ranges changes nothing.
    const a = [cs(10, 16, 'y'), cs(0, 10, 'x'), cs(30, 40, 'x')];
    const b = [cs(8, 14, 'y'), cs(0, 8, 'x'), cs(30, 36, 'y')];
    const long = cuAlphaFromCounts(domainCounts(100_000_000, [a, b]));
    expect(long.value).toBeCloseTo(cuAlphaFromCounts(domainCounts(50, [a, b])).value as number, 12);
    expect(long.n).toBe(20);
  });

  it('rejects ranges outside the document', () => {
    expect(() => domainCounts(10, [[cs(5, 12, 'x')], []])).toThrow(AccordError);
  });
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The definition character by character: each coder's segments per category, then runs of one character. */
function brute(length: number, byCoder: CategorySpan[][], counting: boolean[], fallback?: string) {
  const coders = byCoder.map((_, c) => c).filter((c) => counting[c]);
  const k = coders.length;
  const segs = coders.map((c) => {
    const cats = [...new Set(byCoder[c].map((s) => s.category))];
    return cats.flatMap((cat) => union(byCoder[c].filter((s) => s.category === cat), false).map((r) => ({ ...r, cat, lambda: 0 })));
  });
  const observed = new Map<string, number>();
  let units = 0;
  for (let x = 0; x < length; x++) {
    const here = segs.map((list) => {
      let covering = list.filter((s) => s.start <= x && x < s.end);
      if (fallback !== undefined && new Set(covering.map((s) => s.cat)).size > 1) covering = covering.filter((s) => s.cat !== fallback);
      return new Set(covering.map((s) => s.cat)).size === 1 ? covering : [];
    });
    const valued = here.filter((h) => h.length > 0);
    const p = valued.length;
    if (p < 2 || k < 2) continue;
    units++;
    for (const h of valued) for (const s of h) s.lambda += (p - 1) / (k - 1) / h.length;
    for (let i = 0; i < here.length; i++) {
      for (let j = 0; j < here.length; j++) {
        if (i === j || here[i].length === 0 || here[j].length === 0) continue;
        const key = `${here[i][0].cat}|${here[j][0].cat}`;
        observed.set(key, (observed.get(key) ?? 0) + 1 / (k - 1));
      }
    }
  }
  let n = 0;
  let diagonal = 0;
  const marg = new Map<string, number>();
  for (const [key, v] of observed) {
    const [a, b] = key.split('|');
    n += v;
    if (a === b) diagonal += v;
    marg.set(a, (marg.get(a) ?? 0) + v);
  }
  let squares = 0;
  for (const v of marg.values()) squares += v * v;
  let pi = 0;
  for (const list of segs) for (const s of list) pi += s.lambda * s.lambda;
  const value = n === 0 || n * n - squares <= 1e-9 * n * n ? null : 1 - ((n - diagonal) * (n * n - pi)) / (n * (n * n - squares));
  return { units, value };
}

describe('cu-α is uα where nobody leaves a gap', () => {
  it('random full partitions of the continuum, 2–4 coders: equal to the unitized α of text-agreement.ts', () => {
    // With no gap, the unitized coincidence matrix has no gap row or column and every segment is
    // wholly pairable (λ = its length), so cu-α and uα (Krippendorff et al. 2016) coincide.
    const rand = rng(99);
    for (let trial = 0; trial < 100; trial++) {
      const length = 2 + Math.floor(rand() * 40);
      const m = 2 + Math.floor(rand() * 3);
      const byCoder = Array.from({ length: m }, () => {
        const spans: CategorySpan[] = [];
        for (let at = 0; at < length; ) {
          const end = Math.min(length, at + 1 + Math.floor(rand() * 8));
          spans.push(cs(at, end, ['a', 'b', 'c'][Math.floor(rand() * 3)]));
          at = end;
        }
        return spans;
      });
      const u = unitizedAlpha([length], byCoder.map((spans) => [spans.map((x) => ({ start: x.start, end: x.end, value: x.category }))]));
      const cu = cuAlpha([length], byCoder.map((spans) => [spans]));
      if (u.value === null) expect(cu.value).toBeNull();
      else expect(cu.value).toBeCloseTo(u.value, 10);
    }
  });
});

describe('the sweep equals the per-character definition on random cases', () => {
  it('300 random documents, 2–4 coders, 1–3 categories, overlaps included', () => {
    const rand = rng(4242);
    for (let trial = 0; trial < 300; trial++) {
      const length = 1 + Math.floor(rand() * 40);
      const m = 2 + Math.floor(rand() * 3);
      const cats = ['a', 'b', 'c'].slice(0, 1 + Math.floor(rand() * 3));
      const byCoder = Array.from({ length: m }, () =>
        Array.from({ length: Math.floor(rand() * 6) }, () => {
          const start = Math.floor(rand() * length);
          return cs(start, Math.min(length, start + 1 + Math.floor(rand() * 10)), cats[Math.floor(rand() * cats.length)]);
        }),
      );
      const counting = byCoder.map(() => rand() > 0.2);
      // Every other trial with "a" as a parent code's own category (yielding to the others).
      const parent = trial % 2 === 1;
      const want = brute(length, byCoder, counting, parent ? 'a' : undefined);
      const toArrays = (spans: CategorySpan[]) => ({ start: spans.map((x) => x.start), end: spans.map((x) => x.end), cat: spans.map((x) => ['a', 'b', 'c'].indexOf(x.category)) });
      const got = cuAlphaFromCounts(
        parent ? domainCountsOf(length, ['a', 'b', 'c'], byCoder.map(toArrays), counting, 0) : domainCounts(length, byCoder, counting),
      );
      expect(got.n).toBe(want.units);
      if (want.value === null) expect(got.value).toBeNull();
      else expect(got.value).toBeCloseTo(want.value, 9);
    }
  });
});
