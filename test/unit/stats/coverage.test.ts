// Coverage counts: one sweep per (code, document) for all coders, from which pattern counts,
// unitized counts (|uα) and the categorical measures for all coders or any pair are derived.
// Checked by hand on a small case and against the direct computations on random ranges.
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/types';
import { union } from '../../../shared/spans/spans';
import {
  addCoverage,
  addUncoded,
  agreementFromCoverage,
  agreementFromSlice,
  AgreementRows,
  columnMeasure,
  clearCoverage,
  coverageUnitizedAlpha,
  sliceUnitizedAlpha,
  type SliceCoverage,
  agreementFromPatternCounts,
  characterCoverage,
  characterPatternCounts,
  codeUnitizedCounts,
  coveragePatternCounts,
  coverageUnitizedCounts,
  emptyCoverage,
  mergeUnits,
  poolUnitizedCounts,
  sweepCoverage,
  unitizedAlphaFromCounts,
  unitsOfSorted,
  type CoverageCounts,
  type UnitizedCounts,
} from '../../../shared/stats/text-agreement';
import { rng } from '../../helpers/fixtures';


/** Random ranges for `m` coders on `length` characters: overlapping, touching, sometimes none. */
function randomRanges(rand: () => number, m: number, length: number): Span[][] {
  return Array.from({ length: m }, () => {
    const out: Span[] = [];
    const n = Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const start = Math.floor(rand() * (length - 1));
      const end = Math.min(length, start + 1 + Math.floor(rand() * 20));
      out.push({ start, end });
      if (rand() < 0.3 && end < length) out.push({ start: end, end: Math.min(length, end + 1 + Math.floor(rand() * 5)) });
    }
    return out;
  });
}

const units = (ranges: Span[][]) => ranges.map((r) => union(r, false));
/** The group of units every coder counts on. */
const full = (c: CoverageCounts) => c.groups.get(c.all)!;
const sortedEntries = <K, V>(m: Map<K, V>) => [...m].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

function expectUnitizedClose(actual: UnitizedCounts, expected: UnitizedCounts): void {
  expect(actual.coders).toBe(expected.coders);
  expect(actual.length).toBe(expected.length);
  const cells = (u: UnitizedCounts) =>
    new Map([...u.observed].flatMap(([a, row]) => [...row].map(([b, n]) => [`${a}|${b}`, n] as const)).filter(([, n]) => n !== 0));
  const a = cells(actual);
  const e = cells(expected);
  expect([...a.keys()].sort()).toEqual([...e.keys()].sort());
  for (const [k, n] of e) expect(a.get(k)).toBeCloseTo(n, 9);
  expect(sortedEntries(actual.correction)).toEqual(sortedEntries(expected.correction));
}

describe('characterCoverage (hand-worked)', () => {
  // Ana [0,20), Ben [10,30) on 100 characters: Ana only ×10, both ×10, Ben only ×10, neither ×70
  // (the 10a row of test/engine/agreement/report.test.ts). Masks: Ana = 1, Ben = 2.
  const c = characterCoverage(100, [[{ start: 0, end: 20 }], [{ start: 10, end: 30 }]]);

  it('counts each pattern, Σ L² and the characters covered per coder', () => {
    expect(sortedEntries(full(c).patterns)).toEqual([
      [0, 70],
      [1, 10],
      [2, 10],
      [3, 10],
    ]);
    expect(full(c).squares).toEqual([400, 400]);
    expect(full(c).covered).toEqual([20, 20]);
    expect(full(c).length).toBe(100);
  });

  it('gives the hand-worked |uα = 0.39 and the pattern counts of the direct sweep', () => {
    // ℓ11 = 20, ℓ1∅ = ℓ∅1 = 20, ℓ∅∅ = 140; self-pairings 20² + 20² + 80 + 80 = 960;
    // α = 1 − 40 / (200·(200² − 40² − 160²)/(200² − 960)) = 0.39 (report.test.ts works it through).
    expect(unitizedAlphaFromCounts(coverageUnitizedCounts(c)).value).toBeCloseTo(0.39, 12);
    expect(coveragePatternCounts(c).counts).toEqual(characterPatternCounts(100, [[{ start: 0, end: 20 }], [{ start: 10, end: 30 }]]).counts);
  });

  it('keeps touching units apart for |uα but not for the patterns', () => {
    // [0,10) and [10,20) are two units (Σ L² = 200), yet one run of 20 covered characters.
    const touching = characterCoverage(40, [[{ start: 0, end: 10 }, { start: 10, end: 20 }], [{ start: 0, end: 20 }]]);
    expect(full(touching).squares).toEqual([200, 400]);
    expect(sortedEntries(full(touching).patterns)).toEqual([
      [0, 20],
      [3, 20],
    ]);
  });

  it('refuses units out of order or outside the document', () => {
    expect(() => characterCoverage(10, [[{ start: 5, end: 8 }, { start: 2, end: 4 }], []])).toThrow(/out of order or not inside/);
    expect(() => characterCoverage(10, [[{ start: 5, end: 12 }], []])).toThrow(/not inside \[0, 10\)/);
    expect(() => emptyCoverage(53)).toThrow(/at most 52 coders/);
  });
});

describe('coverage counts against the direct computations (random ranges)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const rand = rng(seed);
      const m = 2 + Math.floor(rand() * 4);
      const length = 1 + Math.floor(rand() * 120);
      const ranges = randomRanges(rand, m, Math.max(2, length));
      const len = Math.max(2, length);
      const c = characterCoverage(len, units(ranges));

      expect(coveragePatternCounts(c).counts).toEqual(characterPatternCounts(len, ranges).counts);
      expectUnitizedClose(coverageUnitizedCounts(c), codeUnitizedCounts(len, ranges));
      const all = Array.from({ length: m }, (_, i) => i);
      for (const i of all) {
        for (const j of all) {
          if (i >= j) continue;
          const pair = [ranges[i], ranges[j]];
          expect(coveragePatternCounts(c, [i, j]).counts).toEqual(characterPatternCounts(len, pair).counts);
          expectUnitizedClose(coverageUnitizedCounts(c, [i, j]), codeUnitizedCounts(len, pair));
          // The direct measures on pairs are the general ones, to the last bit.
          expect(agreementFromCoverage(c, { subset: [i, j], coderNames: ['A', 'B'] })).toEqual(
            agreementFromPatternCounts(coveragePatternCounts(c, [i, j]), { coderNames: ['A', 'B'] }),
          );
        }
      }
      expect(agreementFromCoverage(c)).toEqual(agreementFromPatternCounts(coveragePatternCounts(c)));
    });
  }

  it('pools by addition: two documents swept into one target equal the sum of their counts', () => {
    const rand = rng(99);
    const a = randomRanges(rand, 3, 80);
    const b = randomRanges(rand, 3, 50);
    const pooled = emptyCoverage(3);
    sweepCoverage(80, units(a), [pooled]);
    sweepCoverage(50, units(b), [pooled]);
    const summed = emptyCoverage(3);
    addCoverage(summed, characterCoverage(80, units(a)));
    addCoverage(summed, characterCoverage(50, units(b)));
    expect(pooled).toEqual(summed);
    expectUnitizedClose(coverageUnitizedCounts(pooled), poolUnitizedCounts([codeUnitizedCounts(80, a), codeUnitizedCounts(50, b)]));
    // A document nobody coded: all-absent units and gap characters.
    addUncoded(pooled, 30, 30);
    expectUnitizedClose(
      coverageUnitizedCounts(pooled),
      poolUnitizedCounts([codeUnitizedCounts(80, a), codeUnitizedCounts(50, b), codeUnitizedCounts(30, [[], [], []])]),
    );
  });
});

describe('agreementFromCoverage edge cases equal the general measures', () => {
  const cases: [string, CoverageCounts][] = [
    ['nobody codes anything', characterCoverage(50, [[], [], []])],
    ['everyone codes everything', characterCoverage(50, [[{ start: 0, end: 50 }], [{ start: 0, end: 50 }]])],
    ['one coder codes everything, the other nothing', characterCoverage(50, [[{ start: 0, end: 50 }], []])],
    ['an empty continuum', emptyCoverage(2)],
    ['four coders, mixed', characterCoverage(30, [[{ start: 0, end: 10 }], [{ start: 5, end: 15 }], [], [{ start: 0, end: 30 }]])],
  ];
  for (const [name, c] of cases) {
    it(name, () => {
      expect(agreementFromCoverage(c)).toEqual(agreementFromPatternCounts(coveragePatternCounts(c)));
    });
  }
});

describe('units from sorted ranges and merged lists', () => {
  it('unitsOfSorted merges overlaps, keeps touching ranges apart, and leaves its input alone', () => {
    const input = [
      { start: 0, end: 5 },
      { start: 3, end: 8 },
      { start: 8, end: 10 },
    ];
    const copy = structuredClone(input);
    expect(unitsOfSorted(input)).toEqual([
      { start: 0, end: 8 },
      { start: 8, end: 10 },
    ]);
    expect(input).toEqual(copy);
  });

  it('mergeUnits equals union(…, false) of all lists (random)', () => {
    const rand = rng(7);
    for (let t = 0; t < 50; t++) {
      const lists = randomRanges(rand, 1 + Math.floor(rand() * 5), 100).map((r) => union(r, false));
      const before = structuredClone(lists);
      expect(mergeUnits(lists)).toEqual(union(lists.flat(), false));
      expect(lists).toEqual(before);
    }
  });
});

describe('the per-slice shortcuts give the general figures to the last bit', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}: |uα straight from the coverage, a reused (cleared) coverage, rows without pairs`, () => {
      const rand = rng(1000 + seed);
      const m = 2 + Math.floor(rand() * 4);
      const len = 2 + Math.floor(rand() * 120);
      const c = emptyCoverage(m);
      // Some units where only some coders count (missing values), some where all do.
      const counting = rand() < 0.5 ? c.all : c.all - 1;
      sweepCoverage(len, units(randomRanges(rand, m, len)), [c], counting);
      sweepCoverage(len, units(randomRanges(rand, m, len)), [c]);
      if (rand() < 0.5) addUncoded(c, 7, 7);
      const all = Array.from({ length: m }, (_, i) => i);
      expect(coverageUnitizedAlpha(c)).toEqual(unitizedAlphaFromCounts(coverageUnitizedCounts(c)));
      for (const i of all) for (const j of all) if (i < j) expect(coverageUnitizedAlpha(c, [i, j])).toEqual(unitizedAlphaFromCounts(coverageUnitizedCounts(c, [i, j])));
      const full = agreementFromCoverage(c);
      expect(agreementFromCoverage(c, { pairwise: false })).toEqual({ ...full, pairwiseCohen: [] });
      // A cleared coverage filled again equals a fresh one filled the same way.
      const ranges = units(randomRanges(rand, m, len));
      const fresh = emptyCoverage(m);
      sweepCoverage(len, ranges, [fresh]);
      clearCoverage(c);
      sweepCoverage(len, ranges, [c]);
      expect(agreementFromCoverage(c)).toEqual(agreementFromCoverage(fresh));
      expect(coverageUnitizedAlpha(c)).toEqual(coverageUnitizedAlpha(fresh));
      // One sweep's own arrays measure as the coverage that sweep fills: with some coders not
      // counting, with one coder or none having units, and with all.
      const names = all.map((i) => `C${i}`);
      // Rows appended as columns from one slice refilled sweep after sweep hold the same values and reasons.
      const rows = new AgreementRows(true);
      const reused: SliceCoverage = { coders: 0, counting: 0, length: 0, masks: [], counts: [], squares: [], covered: [] };
      const expected: { a: ReturnType<typeof agreementFromSlice>; u: ReturnType<typeof sliceUnitizedAlpha> }[] = [];
      for (const mask of [c.all, c.all - 1, 1 + 2]) {
        for (const list of [ranges, ranges.map((r, i) => (i === 0 ? r : [])), ranges.map(() => [])]) {
          const one = emptyCoverage(m);
          const slice: SliceCoverage = { coders: 0, counting: 0, length: 0, masks: [], counts: [], squares: [], covered: [] };
          sweepCoverage(len, list, [one], mask, slice);
          expect(agreementFromSlice(slice, names)).toEqual(agreementFromCoverage(one, { coderNames: names, pairwise: false }));
          expect(sliceUnitizedAlpha(slice)).toEqual(coverageUnitizedAlpha(one));
          // Each a few times over: the rows' arrays grow past their first 16 rows.
          for (let again = 0; again < 4; again++) {
            sweepCoverage(len, list, [], mask, reused);
            rows.addSlice(expected.length % 2, expected.length, reused, names);
            expected.push({ a: agreementFromSlice(slice, names), u: sliceUnitizedAlpha(slice) });
          }
        }
      }
      // Rows went to two groups in turn: each group's columns hold its rows in order.
      const [even, odd] = rows.columnsByGroup(2);
      expect(even.key).toEqual(expected.map((_, i) => i).filter((i) => i % 2 === 0));
      expect(odd.key).toEqual(expected.map((_, i) => i).filter((i) => i % 2 === 1));
      const strip = (x: { value: number | null; reason?: string }) => (x.value === null ? { value: null, reason: x.reason } : { value: x.value });
      for (const [g, cols] of [even, odd].entries()) {
        const mine = expected.filter((_, i) => i % 2 === g);
        expect(cols.units).toEqual(mine.map((x) => x.a.units));
        mine.forEach(({ a, u }, i) => {
          expect(columnMeasure(cols.percentAgreement, i)).toEqual(strip(a.percentAgreement));
          expect(columnMeasure(cols.percentAllAgree, i)).toEqual(strip(a.percentAllAgree));
          expect(columnMeasure(cols.cohenKappa, i)).toEqual(strip(a.cohenKappa));
          expect(columnMeasure(cols.fleissKappa, i)).toEqual(strip(a.fleissKappa));
          expect(columnMeasure(cols.krippendorffAlpha, i)).toEqual(strip(a.krippendorffAlpha));
          expect(columnMeasure(cols.alphaU!, i)).toEqual(strip(u));
        });
      }
      const cols = even;
      // The columns survive JSON (undefined values become null) with the same reading.
      const sent = JSON.parse(JSON.stringify(cols)) as typeof cols;
      cols.key.forEach((_, i) => expect(columnMeasure(sent.fleissKappa, i)).toEqual(columnMeasure(cols.fleissKappa, i)));
    });
  }
});
