// Agreement on coded text: hand-worked character, turn and document cases, Krippendorff's unitized
// alphas against Krippendorff (2019) Fig. 12.11, and the sweeps against per-character brute force.
import { describe, it, expect } from 'vitest';
import type { Span } from '../../../shared/model/types';
import { AccordError } from '../../../shared/errors';
import { krippendorffAlpha } from '../../../shared/stats/agreement';
import {
  binaryUnitizedAlpha,
  characterAgreement,
  characterPatternCounts,
  codeUnitizedAlpha,
  codeUnitizedCounts,
  documentUnits,
  poolPatternCounts,
  rollUpRanges,
  turnUnits,
  unitizedAlpha,
  unitizedCounts,
  unitsPatternCounts,
  agreementFromPatternCounts,
  type ValuedSpan,
} from '../../../shared/stats/text-agreement';
import { rng } from '../../helpers/fixtures';

const sp = (start: number, end: number): Span => ({ start, end });

/** One document, two coders: the character-unit agreement. */
function oneDoc(length: number, a: Span[], b: Span[]) {
  return characterAgreement([length], [[a], [b]]);
}

function counts(length: number, byCoder: Span[][]): Record<string, number> {
  return Object.fromEntries(characterPatternCounts(length, byCoder).counts);
}

describe('character units, two coders, hand-worked', () => {
  it('identical ranges: everything is 1', () => {
    const r = oneDoc(10, [sp(2, 5)], [sp(2, 5)]);
    expect(r.units).toBe(10);
    expect(r.percentAgreement.value).toBe(1);
    expect(r.cohenKappa.value).toBeCloseTo(1, 12);
    expect(r.fleissKappa.value).toBeCloseTo(1, 12);
    expect(r.krippendorffAlpha.value).toBeCloseTo(1, 12);
    expect(codeUnitizedAlpha([10], [[[sp(2, 5)]], [[sp(2, 5)]]]).value).toBeCloseTo(1, 12);
  });

  it('disjoint ranges [0,2) vs [5,7) in 10 characters', () => {
    // Patterns: 10 ×2, 01 ×2, 00 ×6 → po = 0.6; both mark 2/10 → pe = 0.04 + 0.64 = 0.68;
    // κ = (0.6 − 0.68)/0.32 = −0.25 (= Fleiss/Scott with equal marginals).
    // α: o01 = o10 = 4, o00 = 12, n1 = 4, n0 = 16 → 1 − 19·8/(2·4·16) = −0.1875.
    expect(counts(10, [[sp(0, 2)], [sp(5, 7)]])).toEqual({ '10': 2, '01': 2, '00': 6 });
    const r = oneDoc(10, [sp(0, 2)], [sp(5, 7)]);
    expect(r.percentAgreement.value).toBeCloseTo(0.6, 12);
    expect(r.cohenKappa.value).toBeCloseTo(-0.25, 12);
    expect(r.fleissKappa.value).toBeCloseTo(-0.25, 12);
    expect(r.krippendorffAlpha.value).toBeCloseTo(-0.1875, 12);
  });

  it('nested ranges [0,6) vs [2,4) in 10 characters', () => {
    // Patterns 11 ×2, 10 ×4, 00 ×4 → po = 0.6; pA = 0.6, pB = 0.2 → pe = 0.12 + 0.32 = 0.44;
    // κ = 0.16/0.56. Scott/Fleiss: p1 = 0.4 → pe = 0.52, π = 0.08/0.48.
    // α: o11 = 4, o10 = o01 = 4, o00 = 8; n1 = 8, n0 = 12 → 1 − 19·8/(2·8·12) = 0.208333.
    const r = oneDoc(10, [sp(0, 6)], [sp(2, 4)]);
    expect(r.percentAgreement.value).toBeCloseTo(0.6, 12);
    expect(r.cohenKappa.value).toBeCloseTo(0.16 / 0.56, 12);
    expect(r.fleissKappa.value).toBeCloseTo(0.08 / 0.48, 12);
    expect(r.krippendorffAlpha.value).toBeCloseTo(1 - 152 / 192, 12);
  });

  it("a coder's own overlapping and nested ranges count each character once", () => {
    expect(counts(10, [[sp(0, 4), sp(2, 6), sp(3, 5)], [sp(0, 6)]])).toEqual({ '11': 6, '00': 4 });
  });

  it('touching ranges [0,2)+[2,4) vs [0,3)', () => {
    // As characters A covers [0,4): patterns 11 ×3, 10 ×1, 00 ×6 → po = 0.9;
    // α: o11 = 6, o10 = o01 = 1, o00 = 12; n1 = 7, n0 = 13 → 1 − 19·2/(2·7·13) = 0.791209.
    const r = oneDoc(10, [sp(0, 2), sp(2, 4)], [sp(0, 3)]);
    expect(r.percentAgreement.value).toBeCloseTo(0.9, 12);
    expect(r.krippendorffAlpha.value).toBeCloseTo(1 - 38 / 182, 12);
  });

  it('a coder with no ranges', () => {
    // Patterns 10 ×4, 00 ×6 → po = 0.6; pB(1) = 0 → pe = 0.4·0 + 0.6·1 = 0.6 → κ = 0.
    // α: o10 = o01 = 4, o00 = 12; n1 = 4, n0 = 16 → 1 − 19·8/(2·4·16) = −0.1875.
    const r = oneDoc(10, [sp(0, 4)], []);
    expect(r.percentAgreement.value).toBeCloseTo(0.6, 12);
    expect(r.cohenKappa.value).toBeCloseTo(0, 12);
    expect(r.krippendorffAlpha.value).toBeCloseTo(-0.1875, 12);
  });

  it('no coder applied the code: kappas and alpha null with a reason, percent 1', () => {
    const r = oneDoc(10, [], []);
    expect(r.percentAgreement.value).toBe(1);
    expect(r.cohenKappa.value).toBeNull();
    expect(r.cohenKappa.reason).toMatch(/expected agreement is 1/);
    expect(r.krippendorffAlpha.value).toBeNull();
    expect(codeUnitizedAlpha([10], [[[]], [[]]]).value).toBeNull();
  });

  it('matches the categorical measures on the expanded per-character matrix', () => {
    const r = characterAgreement([12], [[[sp(1, 5), sp(7, 9)]], [[sp(0, 4)]], [[sp(3, 11)]]]);
    const a = [sp(1, 5), sp(7, 9)];
    const b = [sp(0, 4)];
    const c = [sp(3, 11)];
    const inAny = (spans: Span[], i: number) => (spans.some((s) => s.start <= i && i < s.end) ? '1' : '0');
    const matrix = Array.from({ length: 12 }, (_, i) => [inAny(a, i), inAny(b, i), inAny(c, i)]);
    expect(r.krippendorffAlpha.value).toBeCloseTo(krippendorffAlpha(matrix).value as number, 12);
    expect(r.pairwiseCohen).toHaveLength(3);
    expect(r.cohenKappa.value).toBeNull();
  });
});

describe('pooling', () => {
  it('two documents pool to the same counts as one concatenated document', () => {
    const pooled = characterAgreement([10, 8], [[[sp(0, 3)], [sp(2, 8)]], [[sp(1, 4)], [sp(0, 5)]]], ['ann', 'bob']);
    const joined = characterAgreement([18], [[[sp(0, 3), sp(12, 18)]], [[sp(1, 4), sp(10, 15)]]], ['ann', 'bob']);
    expect(pooled.units).toBe(18);
    expect(pooled.pooling).toBe('pooled over all characters of 2 documents');
    expect(pooled.krippendorffAlpha.value).toBeCloseTo(joined.krippendorffAlpha.value as number, 12);
    expect(pooled.pairwiseCohen[0]).toMatchObject({ coderA: 'ann', coderB: 'bob' });
    expect(pooled.pairwiseCohen[0].value).toBeCloseTo(joined.cohenKappa.value as number, 12);
  });

  it('counts pool across codes by addition', () => {
    const code1 = characterPatternCounts(10, [[sp(0, 2)], [sp(5, 7)]]);
    const code2 = characterPatternCounts(5, [[sp(0, 5)], [sp(0, 5)]]);
    const r = agreementFromPatternCounts(poolPatternCounts([code1, code2]), { pooling: 'pooled over all characters of 2 codes' });
    expect(r.units).toBe(15);
    expect(r.pooling).toBe('pooled over all characters of 2 codes');
    // 10 ×2, 01 ×2, 00 ×6, 11 ×5 → po = 11/15.
    expect(r.percentAgreement.value).toBeCloseTo(11 / 15, 12);
  });

  it('unitized counts pool across documents like one concatenated continuum', () => {
    const pooled = codeUnitizedAlpha([10, 8], [[[sp(0, 3)], [sp(2, 8)]], [[sp(1, 4)], [sp(0, 5)]]]);
    const joined = codeUnitizedAlpha([18], [[[sp(0, 3), sp(12, 18)]], [[sp(1, 4), sp(10, 15)]]]);
    expect(pooled.n).toBe(18);
    expect(pooled.value).toBeCloseTo(joined.value as number, 12);
  });
});

describe("Krippendorff's unitized alpha", () => {
  // Formula (Krippendorff, Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019 §12.6): observed
  // coincidences ℓ_ck = Σ over coder pairs of intersection lengths / (m − 1); expected
  // ε_ck = ℓ..(ℓ_c.ℓ_.k − [c=k]·Σ L²(valued) or Σ L(gaps)) / (ℓ..² − Σ all those terms);
  // α = 1 − Σ_{c≠k} ℓ_ck / Σ_{c≠k} ε_ck.

  it('disjoint [0,2) vs [5,7) in 10: |uα = −0.175', () => {
    // ℓ_vφ = ℓ_φv = 4, ℓ_φφ = 12, ℓ.. = 20; ℓ_v. = 4, ℓ_φ. = 16; corrections 2² + 2² + 8 + 8 = 24.
    // D_e = 20·(2·4·16)/(400 − 24) = 2560/376; D_o = 8 → α = 1 − 3008/2560 = −0.175.
    expect(codeUnitizedAlpha([10], [[[sp(0, 2)]], [[sp(5, 7)]]]).value).toBeCloseTo(-0.175, 12);
  });

  it('nested [0,6) vs [2,4) in 10: |uα = 0.275', () => {
    // ℓ_vv = 4, ℓ_vφ = ℓ_φv = 4, ℓ_φφ = 8; ℓ_v. = 8, ℓ_φ. = 12; corrections 36 + 4 + 4 + 8 = 52.
    // D_e = 20·(2·8·12)/348 = 3840/348; D_o = 8 → α = 1 − 2784/3840 = 0.275.
    expect(codeUnitizedAlpha([10], [[[sp(0, 6)]], [[sp(2, 4)]]]).value).toBeCloseTo(0.275, 12);
  });

  it('touching ranges stay separate units; overlapping ones merge', () => {
    // A [0,2)+[2,4) vs B [0,3): ℓ_vv = 6, ℓ_vφ = ℓ_φv = 1, ℓ_φφ = 12; ℓ_v. = 7, ℓ_φ. = 13.
    // Touching: corrections 4 + 4 + 9 + 6 + 7 = 30 → D_e = 20·182/370 → α = 1 − 740/3640.
    // Merged (A = [0,4)): corrections 16 + 9 + 6 + 7 = 38 → α = 1 − 724/3640.
    const touching = codeUnitizedAlpha([10], [[[sp(0, 2), sp(2, 4)]], [[sp(0, 3)]]]).value;
    const overlapping = codeUnitizedAlpha([10], [[[sp(0, 3), sp(1, 4)]], [[sp(0, 3)]]]).value;
    expect(touching).toBeCloseTo(1 - 740 / 3640, 12);
    expect(overlapping).toBeCloseTo(1 - 724 / 3640, 12);
  });

  it('a coder with no ranges: |uα = −0.15', () => {
    // ℓ_vφ = ℓ_φv = 4, ℓ_φφ = 12; corrections 16 + 6 + 10 = 32 → D_e = 20·128/368; α = 1 − 2944/2560.
    expect(codeUnitizedAlpha([10], [[[sp(0, 4)]], [[]]]).value).toBeCloseTo(-0.15, 12);
  });

  it('one coder: null with a reason', () => {
    const a = codeUnitizedAlpha([10], [[[sp(0, 4)]]]);
    expect(a.value).toBeNull();
    expect(a.reason).toMatch(/two coders/);
  });

  it('rejects overlapping segments of one coder in uα', () => {
    expect(() => unitizedAlpha([10], [[[{ start: 0, end: 4, value: 'a' }, { start: 3, end: 6, value: 'b' }]], [[]]])).toThrow(
      AccordError,
    );
  });

  describe('Krippendorff (2019) Content Analysis 4th ed., Fig. 12.11 (p. 340): 3 observers, continuum of 60', () => {
    // The figure's segments as transcribed by the R package quallmer (tests/testthat/test-alpha_u.R),
    // 1-based inclusive [first, last] → here half-open [first − 1, last). Published: uα = .510, |uα = .413.
    const seg = (first: number, last: number, value: string): ValuedSpan => ({ start: first - 1, end: last, value });
    const alex = [seg(1, 7, '1'), seg(8, 13, '2'), seg(31, 32, '5'), seg(33, 37, '6'), seg(38, 44, '6'), seg(45, 60, '7')];
    const paul = [seg(1, 7, '1'), seg(8, 13, '3'), seg(14, 21, '5'), seg(33, 44, '6')];
    const suzan = [seg(1, 7, '1'), seg(8, 13, '4'), seg(14, 21, '5'), seg(33, 37, '6'), seg(38, 41, '6'), seg(42, 44, '6')];
    const data = [[alex], [paul], [suzan]];

    it('uα = 0.510', () => {
      const a = unitizedAlpha([60], data);
      expect(a.n).toBe(60);
      expect(a.value).toBeCloseTo(0.51, 3);
    });

    it('|uα = 0.413 (exactly 0.41360 from these data; the book rounds its intermediate figures)', () => {
      const a = binaryUnitizedAlpha([60], data).value as number;
      expect(Math.abs(a - 0.413)).toBeLessThan(0.001);
      expect(a).toBeCloseTo(0.4136, 4);
    });
  });
});


function randomRanges(rand: () => number, length: number, max: number): Span[] {
  const n = Math.floor(rand() * (max + 1));
  return Array.from({ length: n }, () => {
    const start = Math.floor(rand() * (length + 1));
    const end = Math.min(length, start + Math.floor(rand() * 8));
    return sp(start, end);
  });
}

describe('the sweeps equal a per-character brute force on random cases', () => {
  it('character pattern counts', () => {
    const rand = rng(12345);
    for (let trial = 0; trial < 300; trial++) {
      const length = Math.floor(rand() * 30);
      const m = 1 + Math.floor(rand() * 4);
      const byCoder = Array.from({ length: m }, () => randomRanges(rand, length, 5));
      const brute: Record<string, number> = {};
      for (let i = 0; i < length; i++) {
        const key = byCoder.map((rs) => (rs.some((r) => r.start <= i && i < r.end) ? '1' : '0')).join('');
        brute[key] = (brute[key] ?? 0) + 1;
      }
      expect(counts(length, byCoder)).toEqual(brute);
    }
  });

  it('unitized coincidences and corrections ("code vs. not")', () => {
    const rand = rng(777);
    for (let trial = 0; trial < 200; trial++) {
      const length = 1 + Math.floor(rand() * 30);
      const m = 2 + Math.floor(rand() * 3);
      const byCoder = Array.from({ length: m }, () => randomRanges(rand, length, 4));
      const got = codeUnitizedCounts(length, byCoder);
      // Brute force: per character, each ordered pair of distinct coders adds 1/(m − 1) to ℓ.
      const present = byCoder.map((rs) => Array.from({ length }, (_, i) => rs.some((r) => r.start <= i && i < r.end)));
      const ell: Record<string, number> = {};
      for (let i = 0; i < length; i++) {
        for (let a = 0; a < m; a++) {
          for (let b = 0; b < m; b++) {
            if (a === b) continue;
            const key = `${present[a][i] ? 'v' : 'g'}${present[b][i] ? 'v' : 'g'}`;
            ell[key] = (ell[key] ?? 0) + 1 / (m - 1);
          }
        }
      }
      const gotEll: Record<string, number> = {};
      for (const [x, row] of got.observed) {
        for (const [y, n] of row) gotEll[`${x === null ? 'g' : 'v'}${y === null ? 'g' : 'v'}`] = n;
      }
      for (const key of new Set([...Object.keys(ell), ...Object.keys(gotEll)])) {
        expect(gotEll[key] ?? 0).toBeCloseTo(ell[key] ?? 0, 9);
      }
      // Corrections: a unit is a maximal run of a coder's characters inside one merged (overlap-only)
      // range; touching ranges are separate units, so split runs at every range start that touches.
      let valued = 0;
      let gaps = 0;
      for (let c = 0; c < m; c++) {
        const sorted = byCoder[c].filter((r) => r.end > r.start).sort((x, y) => x.start - y.start || x.end - y.end);
        const units: Span[] = [];
        for (const r of sorted) {
          const last = units[units.length - 1];
          if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
          else units.push({ ...r });
        }
        for (const u of units) valued += (u.end - u.start) ** 2;
        gaps += present[c].filter((p) => !p).length;
      }
      expect(got.correction.get('1') ?? 0).toBe(valued);
      expect(got.correction.get(null) ?? 0).toBe(gaps);
    }
  });

  it('multi-valued unitized coincidences', () => {
    const rand = rng(4242);
    for (let trial = 0; trial < 100; trial++) {
      const length = 1 + Math.floor(rand() * 25);
      const m = 2 + Math.floor(rand() * 3);
      // Non-overlapping valued segments: walk along the continuum, alternately skipping and coding.
      const byCoder: ValuedSpan[][] = Array.from({ length: m }, () => {
        const out: ValuedSpan[] = [];
        let pos = Math.floor(rand() * 4);
        while (pos < length) {
          const end = Math.min(length, pos + 1 + Math.floor(rand() * 6));
          out.push({ start: pos, end, value: 'abc'[Math.floor(rand() * 3)] });
          pos = end + Math.floor(rand() * 3);
        }
        return out;
      });
      const got = unitizedCounts(length, byCoder);
      const valueAt = (c: number, i: number) => byCoder[c].find((s) => s.start <= i && i < s.end)?.value ?? null;
      const ell = new Map<string, number>();
      for (let i = 0; i < length; i++) {
        for (let a = 0; a < m; a++) {
          for (let b = 0; b < m; b++) {
            if (a !== b) {
              const key = `${valueAt(a, i)}|${valueAt(b, i)}`;
              ell.set(key, (ell.get(key) ?? 0) + 1 / (m - 1));
            }
          }
        }
      }
      let total = 0;
      for (const [x, row] of got.observed) {
        for (const [y, n] of row) {
          expect(n).toBeCloseTo(ell.get(`${x}|${y}`) ?? 0, 9);
          total += n;
        }
      }
      expect(total).toBeCloseTo(m * length, 9);
    }
  });
});

describe('turn and document units', () => {
  const turns = [sp(0, 5), sp(5, 10), sp(10, 15), sp(15, 15)];

  it('a turn is coded when any of its characters is; touching does not count', () => {
    const units = turnUnits(turns, [[sp(4, 6)], [sp(3, 5), sp(14, 15)], []]);
    expect(units).toEqual([
      ['1', '1', '0'],
      ['1', '0', '0'],
      ['0', '1', '0'],
      ['0', '0', '0'],
    ]);
  });

  it('turn order does not matter', () => {
    const reversed = [...turns].reverse();
    const units = turnUnits(reversed, [[sp(11, 12)]]);
    expect(units.map((u) => u[0])).toEqual(['0', '1', '0', '0']);
  });

  it('turn units reduce to the categorical measures', () => {
    // Coders A, B on 4 turns: 11, 10, 01, 00 → po = 0.5, pe = 0.5 → κ = 0.
    const units = turnUnits(turns, [[sp(4, 6)], [sp(3, 5), sp(14, 15)]]);
    const r = agreementFromPatternCounts(unitsPatternCounts(units, 2), { pooling: 'pooled over 4 turns' });
    expect(r.units).toBe(4);
    expect(r.percentAgreement.value).toBeCloseTo(0.5, 12);
    expect(r.cohenKappa.value).toBeCloseTo(0, 12);
  });

  it('document units: present when the coder used the code anywhere', () => {
    expect(documentUnits([[[sp(0, 1)], [], [sp(3, 3)]], [[], [sp(2, 4)], []]])).toEqual([
      ['1', '0'],
      ['0', '1'],
      ['0', '0'],
    ]);
  });
});

describe('rollUpRanges', () => {
  // Tree: 1 ← 2 ← 3, and 4 on its own.
  const parentOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, null],
  ]);

  it("a parent counts the union of its own and its descendants' ranges", () => {
    const ranges = new Map<number, Span[]>([
      [2, [sp(0, 3)]],
      [3, [sp(2, 5), sp(7, 9)]],
      [1, [sp(9, 10)]],
    ]);
    const out = rollUpRanges(parentOf, ranges);
    expect(out.get(3)).toEqual([sp(2, 5), sp(7, 9)]);
    expect(out.get(2)).toEqual([sp(0, 5), sp(7, 9)]);
    // [7,9) and [9,10) only touch: they stay separate units.
    expect(out.get(1)).toEqual([sp(0, 5), sp(7, 9), sp(9, 10)]);
    expect(out.get(4)).toEqual([]);
  });

  it('rejects a cycle and an unknown code', () => {
    const cyclic = new Map<number, number | null>([
      [1, 2],
      [2, 1],
    ]);
    expect(() => rollUpRanges(cyclic, new Map([[1, [sp(0, 1)]]]))).toThrow(/cycle/);
    expect(() => rollUpRanges(parentOf, new Map([[9, [sp(0, 1)]]]))).toThrow(/not in the code tree/);
  });
});

describe('input checks', () => {
  it('a range outside the document is an INVALID_INPUT naming the coder', () => {
    try {
      characterAgreement([5], [[[sp(0, 6)]], [[]]]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccordError);
      expect((e as AccordError).code).toBe('INVALID_INPUT');
      expect((e as AccordError).message).toMatch(/coder 1/);
    }
  });

  it('a coder with the wrong number of documents is rejected', () => {
    expect(() => characterAgreement([5, 5], [[[]], [[], []]])).toThrow(/coder 1 has ranges for 1 documents, expected 2/);
  });
});
