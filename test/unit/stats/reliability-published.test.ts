// Agreement coefficients against values published by other implementations, on their own data.
//
// irrCAC 1.0 (Gwet; R package, README / "overview" vignette, https://cran.r-project.org/package=irrCAC),
// which follows Gwet (2014) Handbook of Inter-Rater Reliability, 4th ed.:
//  - cont3x3abstractors (2 raters × 100 subjects, a 3×3 contingency table):
//      Cohen κ 0.7964094, Gwet AC1 0.8493305, Brennan–Prediger 0.835, Krippendorff α 0.7972585, percent 0.89;
//  - distrib.6raters (6 raters × 15 subjects, as counts per category):
//      AC1 0.4448007, Fleiss κ 0.4139265, Krippendorff α 0.4204384, Brennan–Prediger 0.4388889;
//  - cac.raw4raters (= Krippendorff 2011's 4 × 12 example): percent 0.8181818, AC1 0.77544,
//      Fleiss κ 0.76117, Krippendorff α 0.74342, Brennan–Prediger 0.77273.
// The Python `krippendorff` package (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py), an
// independent implementation, asserts on the same 4 × 12 data ordinal α = 0.815 and ratio α = 0.797, and on
// Wikipedia's three-coder example nominal α = 0.691358 and interval α = 0.810845.
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement } from '../../../shared/stats/agreement';
import { brennanPrediger, gwetAc1, krippendorffAlphaAt } from '../../../shared/stats/reliability';

/** Rows of two raters from a contingency table: table[i][j] subjects rated category i by rater 1, j by rater 2. */
function fromTable(labels: string[], table: number[][]): (string | null)[][] {
  const rows: (string | null)[][] = [];
  table.forEach((row, i) => row.forEach((n, j) => { for (let k = 0; k < n; k++) rows.push([labels[i], labels[j]]); }));
  return rows;
}

/** Rows of raters from a distribution of raters by subject and category (order of raters is immaterial here). */
function fromDistribution(labels: string[], dist: number[][]): (string | null)[][] {
  return dist.map((counts) => counts.flatMap((n, k) => Array<string>(n).fill(labels[k])));
}

describe('irrCAC: cont3x3abstractors', () => {
  const rows = fromTable(['Ectopic', 'AIU', 'NIU'], [[13, 0, 0], [0, 20, 7], [0, 4, 56]]);
  it('Cohen κ, AC1, Brennan–Prediger, Krippendorff α and percent agreement as irrCAC prints them', () => {
    expect(rows).toHaveLength(100);
    expect(cohenKappa(rows).value).toBeCloseTo(0.7964094, 7);
    expect(gwetAc1(rows).value).toBeCloseTo(0.8493305, 7);
    expect(brennanPrediger(rows).value).toBeCloseTo(0.835, 12);
    expect(krippendorffAlpha(rows).value).toBeCloseTo(0.7972585, 7);
    expect(percentAgreement(rows).value).toBeCloseTo(0.89, 12);
  });
});

describe('irrCAC: distrib.6raters', () => {
  const rows = fromDistribution(['Depression', 'Personality', 'Schizophrenia', 'Neurosis', 'Other'], [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
  ]);
  it('AC1, Fleiss κ, Krippendorff α and Brennan–Prediger as irrCAC prints them', () => {
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(gwetAc1(rows).value).toBeCloseTo(0.4448007, 7);
    expect(fleissKappa(rows).value).toBeCloseTo(0.4139265, 7);
    expect(krippendorffAlpha(rows).value).toBeCloseTo(0.4204384, 7);
    expect(brennanPrediger(rows).value).toBeCloseTo(0.4388889, 7);
  });
  it('percent agreement 0.5511111 (irrCAC\'s p_a): with no rating missing, the mean over coder pairs equals the mean over subjects', () => {
    expect(percentAgreement(rows).value).toBeCloseTo(0.5511111, 7);
  });
});

// cac.raw4raters, one row per subject, raters 1–4; null = not rated.
const RAW4: (string | null)[][] = [
  ['1', '1', null, '1'], ['2', '2', '3', '2'], ['3', '3', '3', '3'], ['3', '3', '3', '3'],
  ['2', '2', '2', '2'], ['1', '2', '3', '4'], ['4', '4', '4', '4'], ['1', '1', '2', '1'],
  ['2', '2', '2', '2'], [null, '5', '5', '5'], [null, null, '1', '1'], [null, null, '3', null],
];

describe('irrCAC and the Python krippendorff package: cac.raw4raters (Krippendorff 2011)', () => {
  it('AC1, Brennan–Prediger and nominal α as irrCAC prints them', () => {
    // irrCAC's percent agreement here (0.8181818) averages each subject's share of agreeing rater pairs;
    // Accord's is the mean over coder pairs of each pair's agreement on the units both rated (see
    // shared/stats/agreement.ts). With ratings missing the two differ, so that figure is not compared here.
    expect(gwetAc1(RAW4).value).toBeCloseTo(0.77544, 5);
    expect(brennanPrediger(RAW4).value).toBeCloseTo(0.77273, 5);
    expect(krippendorffAlphaAt(RAW4, 'nominal').value).toBeCloseTo(0.74342, 5);
  });
  it('ordinal .815 and ratio .797 as the Python package asserts', () => {
    expect(krippendorffAlphaAt(RAW4, 'ordinal').value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlphaAt(RAW4, 'ratio').value).toBeCloseTo(0.797, 3);
  });
});

describe("Wikipedia's three-coder example (as the Python krippendorff package asserts)", () => {
  const A = [null, null, null, null, null, '3', '4', '1', '2', '1', '1', '3', '3', null, '3'];
  const B = ['1', null, '2', '1', '3', '3', '4', '3', null, null, null, null, null, null, null];
  const C = [null, null, '2', '1', '3', '4', '4', null, '2', '1', '1', '3', '3', null, '4'];
  const units = A.map((_, u) => [A[u], B[u], C[u]]);
  it('nominal α = 0.691358, interval α = 0.810845', () => {
    expect(krippendorffAlphaAt(units, 'nominal').value).toBeCloseTo(0.691358, 6);
    expect(krippendorffAlphaAt(units, 'interval').value).toBeCloseTo(0.810845, 6);
  });
});
