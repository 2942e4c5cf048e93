// Krippendorff's α at every level of measurement, Gwet's AC1, Brennan–Prediger κ and the bootstrap
// interval of α, against published values and hand calculations.
import { describe, expect, it } from 'vitest';
import { matrixReport } from '../../../shared/stats/agreement';
import { alphaBootstrap, brennanPrediger, gwetAc1, krippendorffAlphaAt } from '../../../shared/stats/reliability';

// Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", §C–E: 4 observers × 12 units,
// values 1–5, missing as null (the same data is Gwet 2014, Handbook 4th ed., p. 120, irrCAC's cac.raw4raters).
const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

describe('Krippendorff (2011): α at each level on the published example', () => {
  it('nominal .743, ordinal .815, interval .849, ratio .797 (the values the paper reports)', () => {
    expect(krippendorffAlphaAt(units, 'nominal').value).toBeCloseTo(0.743, 3);
    expect(krippendorffAlphaAt(units, 'ordinal').value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlphaAt(units, 'interval').value).toBeCloseTo(0.849, 3);
    expect(krippendorffAlphaAt(units, 'ratio').value).toBeCloseTo(0.797, 3);
    expect(krippendorffAlphaAt(units, 'interval').n).toBe(11);
  });

  it('interval α by hand on two coders × three units', () => {
    // Units (1,2), (2,2), (3,3): coincidences o_12 = o_21 = 1, o_22 = 2, o_33 = 2; n1 = 1, n2 = 3, n3 = 2, n.. = 6.
    // Σ o δ² = 2·1 = 2; Σ n_c n_k δ² = 2·(1·3·1 + 1·2·4 + 3·2·1) = 34 → α = 1 − 5·2/34 = 12/17.
    expect(krippendorffAlphaAt([['1', '2'], ['2', '2'], ['3', '3']], 'interval').value).toBeCloseTo(12 / 17, 12);
  });

  it('refuses non-numeric values at the ordinal, interval and ratio levels, and negative ratios', () => {
    expect(() => krippendorffAlphaAt([['low', 'high']], 'ordinal')).toThrow(/ordinal level needs numeric values; "high"|"low"/);
    expect(() => krippendorffAlphaAt([['-1', '2']], 'ratio')).toThrow(/ratio level needs values ≥ 0/);
  });
});

describe("Gwet's AC1 and Brennan–Prediger κ", () => {
  it('on the Krippendorff/Gwet example, by hand', () => {
    // p_a over the 11 units with ≥ 2 ratings: units 2 and 8 give (3·2)/(4·3) = 1/2, unit 6 gives 0,
    // the other eight 1 → 9/11. π_k (mean of r_ik/r_i over the 12 rated units): 3, 3.25, 3.5, 1.25, 1 (/12).
    // Σ π_k(1 − π_k) = 1 − (9 + 10.5625 + 12.25 + 1.5625 + 1)/144; p_e = that / (q − 1), q = 5.
    const pe = (1 - 34.375 / 144) / 4;
    expect(gwetAc1(units).value).toBeCloseTo((9 / 11 - pe) / (1 - pe), 12);
    expect(gwetAc1(units).value).toBeCloseTo(0.7754, 4);
    expect(brennanPrediger(units).value).toBeCloseTo((9 / 11 - 1 / 5) / (1 - 1 / 5), 12);
  });

  it("on Wikipedia's 2×2 Cohen example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)", () => {
    const rows = [...Array(20).fill(['y', 'y']), ...Array(5).fill(['y', 'n']), ...Array(10).fill(['n', 'y']), ...Array(15).fill(['n', 'n'])];
    // p_a = 0.7; π_y = (25 + 30)/100 = 0.55 → p_e = 2·0.55·0.45 / 1 = 0.495 → AC1 = 0.205/0.505; BP = (0.7 − 0.5)/0.5.
    expect(gwetAc1(rows).value).toBeCloseTo(0.205 / 0.505, 12);
    expect(brennanPrediger(rows).value).toBeCloseTo(0.4, 12);
  });

  it('one category: null with a reason', () => {
    expect(gwetAc1([['a', 'a']]).reason).toMatch(/only one category/);
    expect(brennanPrediger([['a', 'a']]).reason).toMatch(/only one category/);
  });
});

describe('bootstrap interval of α (Hayes & Krippendorff 2007)', () => {
  it('is reproducible from its seed, brackets α and differs with another seed', () => {
    const a = alphaBootstrap(units, 'nominal', 2000, 7);
    const b = alphaBootstrap(units, 'nominal', 2000, 7);
    const c = alphaBootstrap(units, 'nominal', 2000, 8);
    expect(a).toEqual(b);
    expect(a.ci95).not.toEqual(c.ci95);
    const [lo, hi] = a.ci95!;
    expect(lo).toBeLessThan(0.743);
    expect(hi).toBeGreaterThan(0.743);
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(1);
  });

  it('has no interval when α is undefined', () => {
    expect(alphaBootstrap([['a', 'a'], ['a', 'a']], 'nominal', 100, 1)).toEqual({ ci95: null, reason: 'α is undefined: nothing to resample' });
  });

  it('matrixReport carries the level, AC1, Brennan–Prediger and the interval', () => {
    const r = matrixReport(['A', 'B', 'C', 'D'], units, { level: 'interval', bootstrap: 500, seed: 3 });
    expect(r.level).toBe('interval');
    expect(r.krippendorff_alpha).toBeCloseTo(0.849, 3);
    expect(r.gwet_ac1).toBeCloseTo(0.7754, 4);
    expect(r.brennan_prediger).toBeCloseTo(0.7727, 4);
    expect(r.krippendorff_alpha_ci95).toEqual(alphaBootstrap(units, 'interval', 500, 3).ci95);
    expect(r.bootstrap).toEqual({ replicates: 500, seed: 3 });
  });
});
