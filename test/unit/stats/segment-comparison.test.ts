// MAXQDA-style segment comparison: code existence and frequency per document, segment agreement at
// a minimum overlap, κ in Brennan & Prediger's form, and the unmatched segments. No published worked
// example with raw segments was found, so every reference value is computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/types';
import { compareSegments, kappaBrennanPrediger, matchSegments, type SegmentSlice } from '../../../shared/stats/segment-comparison';

const s = (start: number, end: number): Span => ({ start, end });

// Two documents, three codes, coders A and B:
//   D1  X: A [0,100) [200,300)   B [5,100) [200,280)
//       Y: A [400,500)           B —
//   D2  X: A [0,50)              B [0,50)
//       Z: A —                   B [10,20) [30,40)
//       Y: A [60,70)             B [60,70) [80,90)
const slices: SegmentSlice<string, string>[] = [
  { document: 'D1', code: 'X', a: [s(0, 100), s(200, 300)], b: [s(5, 100), s(200, 280)] },
  { document: 'D1', code: 'Y', a: [s(400, 500)], b: [] },
  { document: 'D2', code: 'X', a: [s(0, 50)], b: [s(0, 50)] },
  { document: 'D2', code: 'Z', a: [], b: [s(10, 20), s(30, 40)] },
  { document: 'D2', code: 'Y', a: [s(60, 70)], b: [s(60, 70), s(80, 90)] },
];

describe('compareSegments on a hand-worked example (threshold 90 %)', () => {
  const r = compareSegments(slices, 90);
  const row = (code: string) => r.codes.find((c) => c.code === code)!;

  it('code existence per document: X 2/2, Y 1/2, Z 0/1, overall 3/5', () => {
    // X: both coders in D1 and D2. Y: only A in D1, both in D2. Z: only B in D2.
    expect(row('X').existence).toEqual({ agree: 2, disagree: 0, percent: 1 });
    expect(row('Y').existence).toEqual({ agree: 1, disagree: 1, percent: 0.5 });
    expect(row('Z').existence).toEqual({ agree: 0, disagree: 1, percent: 0 });
    expect(r.total.existence).toEqual({ agree: 3, disagree: 2, percent: 0.6 });
  });

  it('code frequency per document: X 2/2 (2 = 2, 1 = 1), Y 0/2 (1 ≠ 0, 1 ≠ 2), Z 0/1, overall 2/5', () => {
    expect(row('X').frequency.percent).toBe(1);
    expect(row('Y').frequency).toEqual({ agree: 0, disagree: 2, percent: 0 });
    expect(row('Z').frequency).toEqual({ agree: 0, disagree: 1, percent: 0 });
    expect(r.total.frequency).toEqual({ agree: 2, disagree: 3, percent: 0.4 });
  });

  it('segment agreement, each segment once per direction: X 4/6, Y 2/4, Z 0/2, overall 6/12', () => {
    // X: [0,100)~[5,100) overlap 95/100 = .95 ≥ .9 → 2 agree; [200,300)~[200,280) 80/100 = .8 → 2
    // disagree; D2 [0,50)~[0,50) → 2 agree. Y: A [400,500) has no partner → 1 disagree; [60,70) both
    // → 2 agree; B [80,90) → 1 disagree. Z: B's two segments → 2 disagree.
    expect(row('X').segments).toMatchObject({ agree: 4, disagree: 2 });
    expect(row('X').segments.percent).toBeCloseTo(4 / 6, 15);
    expect(row('Y').segments).toMatchObject({ agree: 2, disagree: 2, percent: 0.5 });
    expect(row('Z').segments).toMatchObject({ agree: 0, disagree: 2, percent: 0 });
    expect(r.total.segments).toMatchObject({ agree: 6, disagree: 6, percent: 0.5 });
  });

  it('κ (Brennan & Prediger) with P_c = 1/k, k = 3 codes in the table', () => {
    // overall (0.5 − 1/3)/(1 − 1/3) = (1/6)/(2/3) = 0.25; X (2/3 − 1/3)/(2/3) = 0.5;
    // Y (1/2 − 1/3)/(2/3) = 0.25; Z (0 − 1/3)/(2/3) = −0.5.
    expect(r.chance).toEqual({ codes: 3, pc: 1 / 3 });
    expect(r.total.segments.kappaBP).toBeCloseTo(0.25, 15);
    expect(row('X').segments.kappaBP).toBeCloseTo(0.5, 15);
    expect(row('Y').segments.kappaBP).toBeCloseTo(0.25, 15);
    expect(row('Z').segments.kappaBP).toBeCloseTo(-0.5, 15);
  });

  it('lists the six unmatched segments with the other coder’s closest segment and the overlap', () => {
    const u = r.unmatched.map((x) => [x.document, x.code, 'AB'[x.coder], x.segment.start, x.segment.end, x.other && [x.other.start, x.other.end], x.overlap]);
    expect(u).toEqual([
      ['D1', 'X', 'A', 200, 300, [200, 280], 0.8],
      ['D1', 'X', 'B', 200, 280, [200, 300], 0.8],
      ['D1', 'Y', 'A', 400, 500, null, 0],
      ['D2', 'Z', 'B', 10, 20, null, 0],
      ['D2', 'Z', 'B', 30, 40, null, 0],
      // B's [80,90) overlaps nothing; A's nearest Y segment is [60,70), 10 characters before it.
      ['D2', 'Y', 'B', 80, 90, [60, 70], 0],
    ]);
    expect(r.unmatched.length).toBe(r.total.segments.disagree);
  });

  it('per document: D1 codes X, Y (existence 1/1, frequency 1/1, segments 2/3); D2 codes X, Z, Y (2/1, 1/2, 4/3)', () => {
    // D1: X both, Y only A → existence 1/1; X 2 = 2, Y 1 ≠ 0 → 1/1; segments X 2/2 + Y 0/1 = 2/3.
    // D2: X both, Z only B, Y both → 2/1; X 1 = 1, Z 0 ≠ 2, Y 1 ≠ 2 → 1/2; X 2/0 + Z 0/2 + Y 2/1 = 4/3.
    expect(r.documents.map((d) => [d.document, d.existence.agree, d.existence.disagree, d.frequency.agree, d.frequency.disagree, d.segments.agree, d.segments.disagree])).toEqual([
      ['D1', 1, 1, 1, 1, 2, 3],
      ['D2', 2, 1, 1, 2, 4, 3],
    ]);
  });

  it('at 80 % the [200,300)~[200,280) pair agrees exactly at the threshold', () => {
    // 100·80 ≥ 80·100. X 6/6; overall 8/12; κ = (2/3 − 1/3)/(2/3) = 0.5.
    const r80 = compareSegments(slices, 80);
    expect(r80.codes.find((c) => c.code === 'X')!.segments).toMatchObject({ agree: 6, disagree: 0, percent: 1 });
    expect(r80.total.segments.percent).toBeCloseTo(8 / 12, 15);
    expect(r80.total.segments.kappaBP).toBeCloseTo(0.5, 15);
  });
});

describe('matchSegments', () => {
  it('overlap is the intersection over the union, and each direction is judged on its own', () => {
    // A [0,100); B [0,40) and [50,100). At 50 %: A~[50,100) = 50/100 → agrees; A~[0,40) = 40/100.
    // B [0,40) has only A: .4 < .5 → disagrees; B [50,100) → .5 → agrees.
    const m = matchSegments([s(0, 100)], [s(0, 40), s(50, 100)], 50);
    expect(m.a).toEqual([{ other: 1, overlap: 0.5, agrees: true }]);
    expect(m.b).toEqual([
      { other: 0, overlap: 0.4, agrees: false },
      { other: 0, overlap: 0.5, agrees: true },
    ]);
  });

  it('a tie goes to the earlier segment; no overlap gives the nearest by gap; no segment gives −1', () => {
    // A [0,10) against B [5,10) and [0,5): both .5; [0,5) starts first (index 1 as given).
    expect(matchSegments([s(0, 10)], [s(5, 10), s(0, 5)], 90).a[0]).toEqual({ other: 1, overlap: 0.5, agrees: false });
    // A [50,60) against B [0,10), [100,200), [30,45): gaps 40 after, 5 before → [30,45), index 2.
    expect(matchSegments([s(50, 60)], [s(0, 10), s(100, 200), s(30, 45)], 90).a[0]).toEqual({ other: 2, overlap: 0, agrees: false });
    expect(matchSegments([s(50, 60)], [], 90).a[0]).toEqual({ other: -1, overlap: 0, agrees: false });
  });

  it('refuses a threshold outside (0, 100]', () => {
    expect(() => matchSegments([], [], 0)).toThrow(/above 0 and at most 100/);
    expect(() => compareSegments([], 101)).toThrow(/above 0 and at most 100/);
  });

  it('agrees with an all-pairs reference on random segments (the sweep misses no pair)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const random = (n: number): Span[] =>
      Array.from({ length: n }, () => {
        const start = Math.floor(rand() * 1000);
        return s(start, start + 1 + Math.floor(rand() * 120));
      });
    for (let round = 0; round < 200; round++) {
      const a = random(Math.floor(rand() * 12));
      const b = random(Math.floor(rand() * 12));
      const threshold = 1 + Math.floor(rand() * 100);
      const m = matchSegments(a, b, threshold);
      for (const [mine, theirs, got] of [
        [a, b, m.a],
        [b, a, m.b],
      ] as const) {
        mine.forEach((x, i) => {
          let bestOverlap = 0;
          for (const y of theirs) {
            const inter = Math.min(x.end, y.end) - Math.max(x.start, y.start);
            if (inter > 0) bestOverlap = Math.max(bestOverlap, inter / (Math.max(x.end, y.end) - Math.min(x.start, y.start)));
          }
          expect(got[i].overlap).toBeCloseTo(bestOverlap, 12);
          expect(got[i].agrees).toBe(bestOverlap > 0 && bestOverlap * 100 >= threshold - 1e-9);
          expect(got[i].other === -1).toBe(theirs.length === 0);
        });
      }
    }
  });
});

describe('kappaBrennanPrediger', () => {
  it('is null with a reason for one code or no segments', () => {
    expect(kappaBrennanPrediger({ agree: 3, disagree: 1, percent: 0.75 }, 1)).toEqual({ value: null, reason: 'only one code in the table: chance agreement 1/k = 1' });
    expect(kappaBrennanPrediger({ agree: 0, disagree: 0, percent: null, reason: 'none' }, 4).value).toBeNull();
    // Brennan & Prediger (1981) κ_n with k = 4: (0.75 − 0.25)/(0.75) = 2/3.
    expect(kappaBrennanPrediger({ agree: 3, disagree: 1, percent: 0.75 }, 4).value).toBeCloseTo(2 / 3, 15);
  });

  it('one code only: percent but no κ, overall and per code', () => {
    const r = compareSegments([{ document: 1, code: 1, a: [s(0, 10)], b: [s(0, 10)] }]);
    expect(r.total.segments).toEqual({ agree: 2, disagree: 0, percent: 1, kappaBP: null, kappaBPReason: 'only one code in the table: chance agreement 1/k = 1' });
    expect(compareSegments([]).total.segments.percent).toBeNull();
  });
});
