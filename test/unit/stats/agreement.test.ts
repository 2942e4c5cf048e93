// Categorical agreement measures checked against published reference values and hand calculations.
import { describe, it, expect } from 'vitest';
import {
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  matrixReport,
  pairwiseCohen,
  parseMatrixCsv,
  percentAgreement,
  percentAllAgree,
} from '../../../shared/stats/agreement';
import { AccordError } from '../../../shared/errors';

/** Expand a 2×2-style contingency (pairs of values → count) into a units matrix. */
function fromPairs(pairs: [string, string, number][]): string[][] {
  const out: string[][] = [];
  for (const [a, b, n] of pairs) for (let i = 0; i < n; i++) out.push([a, b]);
  return out;
}

function errorOf(fn: () => unknown): AccordError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AccordError) return e;
    throw e;
  }
  throw new Error('expected an AccordError');
}

describe('Krippendorff (2011) "Computing Krippendorff\'s Alpha-Reliability", nominal, 4 observers × 12 units', () => {
  // Section C of the paper (also the doctest of the Python `krippendorff` package): observers A–D
  // (rows there, columns here), "." = missing. Published nominal α = 0.743.
  const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
  const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
  const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
  const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
  const units = A.map((_, u) => [A[u], B[u], C[u], D[u]]);

  it('gives α = 0.743 over the 11 pairable units (unit 12 has one value)', () => {
    const a = krippendorffAlpha(units);
    expect(a.value).toBeCloseTo(0.743, 3);
    expect(a.n).toBe(11);
  });

  it('percent agreement is the mean of pairwise agreement on the units each pair rated; Fleiss uses the 8 complete units', () => {
    // By hand, pair by pair (units both rated, of them agreeing):
    // AB units 1–9, 8 agree (unit 6: 1/2); AC units 2–9, 5 (units 2, 6, 8 differ); AD units 1–9, 8 (unit 6);
    // BC units 2–10, 6 (2, 6, 8); BD units 1–10, 9 (6); CD units 2–11, 7 (2, 6, 8).
    // Mean = (8/9 + 5/8 + 8/9 + 6/9 + 9/10 + 7/10) / 6 = 0.77824…; n = 11 pairable units.
    const p = percentAgreement(units);
    expect(p.n).toBe(11);
    expect(p.value).toBeCloseTo((8 / 9 + 5 / 8 + 8 / 9 + 6 / 9 + 9 / 10 + 7 / 10) / 6, 12);
    // All who rated agree on units 1, 3, 4, 5, 7, 9, 10, 11 of the 11 pairable ones (not 2, 6, 8).
    const all = percentAllAgree(units);
    expect(all.n).toBe(11);
    expect(all.value).toBeCloseTo(8 / 11, 12);
    expect(fleissKappa(units).n).toBe(8);
  });

  it('Cohen needs exactly two coders', () => {
    const k = cohenKappa(units);
    expect(k.value).toBeNull();
    expect(k.reason).toMatch(/exactly two coders/);
  });
});

describe('Krippendorff (2011) binary data, 2 observers, no missing data', () => {
  // A: 0 1 0 0 0 0 0 0 1 0 / B: 1 1 1 0 0 1 0 0 0 0. By hand: o00 = 10, o01 = o10 = 4, o11 = 2,
  // n0 = 14, n1 = 6, n = 20; α = 1 − (n − 1)·o01 / (n0·n1) = 1 − 19·4/84 = 0.0952 (paper: 0.095).
  const A = '0100000010'.split('');
  const B = '1110010000'.split('');
  const units = A.map((a, i) => [a, B[i]]);
  it('α = 0.095', () => {
    expect(krippendorffAlpha(units).value).toBeCloseTo(1 - 76 / 84, 12);
    expect(krippendorffAlpha(units).value).toBeCloseTo(0.095, 3);
  });
});

describe('Fleiss (1971) "Measuring nominal scale agreement among many raters", Table 1', () => {
  // 30 patients, 6 psychiatrists each, 5 categories (depression, personality disorder, schizophrenia,
  // neurosis, other). Counts per category as published (transcribed in the R package quadagree,
  // data_raw/fleiss1971.csv). Published κ = .430 (p_j = .144, .144, .167, .306, .239).
  const table = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
  ];
  const categories = ['depression', 'personality disorder', 'schizophrenia', 'neurosis', 'other'];
  // Fleiss' kappa does not depend on which rater gave which rating, so any assignment of the counts
  // to six rater columns reproduces the published value.
  const units = table.map((counts) => counts.flatMap((n, j) => Array<string>(n).fill(categories[j])));

  it('every subject has six ratings', () => {
    expect(units.every((u) => u.length === 6)).toBe(true);
  });

  it('κ = 0.430', () => {
    const k = fleissKappa(units);
    expect(k.n).toBe(30);
    expect(k.value).toBeCloseTo(0.430, 3);
  });
});

describe("Cohen's kappa", () => {
  it('Wikipedia worked example: 50 units, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → κ = 0.4', () => {
    // po = 35/50 = 0.7; A says yes 25/50, B 30/50 → pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4.
    const units = fromPairs([
      ['yes', 'yes', 20],
      ['yes', 'no', 5],
      ['no', 'yes', 10],
      ['no', 'no', 15],
    ]);
    const k = cohenKappa(units);
    expect(k.n).toBe(50);
    expect(k.value).toBeCloseTo(0.4, 12);
    expect(percentAgreement(units).value).toBeCloseTo(0.7, 12);
  });

  it('three categories, hand-calculated', () => {
    // A: a a b b c c a b c a / B: a b b b c a a b c c. Agreement on units 1,3,4,5,7,8,9 → po = 0.7.
    // A: a 4, b 3, c 3; B: a 3, b 4, c 3 → pe = (12 + 12 + 9)/100 = 0.33; κ = 0.37/0.67 = 0.552239.
    const A = 'aabbccabca'.split('');
    const B = 'abbbcaabcc'.split('');
    const k = cohenKappa(A.map((a, i) => [a, B[i]]));
    expect(k.value).toBeCloseTo(0.37 / 0.67, 12);
  });

  it('irr::kappa2 example (RExRepos): 3×3 table 53 5 2 / 11 14 5 / 1 6 3 → κ = 0.429', () => {
    // po = 0.70; rows 60/30/10, columns 65/25/10 → pe = 0.475; κ = 0.225/0.525 = 0.428571.
    const units = fromPairs([
      ['V', 'V', 53], ['V', 'N', 5], ['V', 'P', 2],
      ['N', 'V', 11], ['N', 'N', 14], ['N', 'P', 5],
      ['P', 'V', 1], ['P', 'N', 6], ['P', 'P', 3],
    ]);
    expect(cohenKappa(units).value).toBeCloseTo(0.225 / 0.525, 12);
  });

  it('uses only units both coders rated', () => {
    const units = [...fromPairs([['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]]),
      ['yes', null], [null, 'no'], [null, null]];
    const k = cohenKappa(units);
    expect(k.n).toBe(50);
    expect(k.value).toBeCloseTo(0.4, 12);
  });

  it('pairwise Cohen for three coders names each pair', () => {
    const A = 'aabbccabca'.split('');
    const B = 'abbbcaabcc'.split('');
    const units = A.map((a, i) => [a, B[i], a]);
    const pairs = pairwiseCohen(units, ['ann', 'bob', 'cy']);
    expect(pairs.map((p) => `${p.coderA}-${p.coderB}`)).toEqual(['ann-bob', 'ann-cy', 'bob-cy']);
    expect(pairs[0].value).toBeCloseTo(0.37 / 0.67, 12);
    expect(pairs[1].value).toBe(1);
    expect(pairs[2].value).toBeCloseTo(0.37 / 0.67, 12);
  });
});

describe('edge cases', () => {
  it('all coders agree on one category: percent 1, kappas and alpha null with a reason', () => {
    const units = [['x', 'x'], ['x', 'x'], ['x', 'x']];
    expect(percentAgreement(units).value).toBe(1);
    const k = cohenKappa(units);
    expect(k.value).toBeNull();
    expect(k.reason).toBe('expected agreement is 1: both coders used one category');
    expect(fleissKappa(units).value).toBeNull();
    expect(fleissKappa(units).reason).toMatch(/expected agreement is 1/);
    expect(krippendorffAlpha(units).value).toBeNull();
    expect(krippendorffAlpha(units).reason).toMatch(/one category/);
  });

  it('one coder: every measure is null with a reason, never NaN', () => {
    const units = [['a'], ['b'], ['a']];
    for (const m of [percentAgreement(units), cohenKappa(units), fleissKappa(units), krippendorffAlpha(units)]) {
      expect(m.value).toBeNull();
      expect(m.reason).toBeTruthy();
    }
  });

  it('empty matrix: every measure is null with n = 0', () => {
    for (const m of [percentAgreement([]), cohenKappa([]), fleissKappa([]), krippendorffAlpha([])]) {
      expect(m.value).toBeNull();
      expect(m.n).toBe(0);
      expect(m.reason).toBeTruthy();
    }
  });

  it('perfect agreement on two categories gives 1 everywhere', () => {
    const units = [['a', 'a', 'a'], ['b', 'b', 'b'], ['a', 'a', 'a']];
    expect(percentAgreement(units).value).toBe(1);
    expect(fleissKappa(units).value).toBeCloseTo(1, 12);
    expect(krippendorffAlpha(units).value).toBeCloseTo(1, 12);
  });
});

describe('matrixReport', () => {
  it('two coders: the CLI contract with every field', () => {
    const units: (string | null)[][] = [...fromPairs([['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]]), ['yes', null]];
    const r = matrixReport(['A', 'B'], units);
    expect(Object.keys(r)).toEqual([
      'units', 'coders', 'percent_agreement', 'percent_all_agree', 'cohen_kappa', 'fleiss_kappa', 'fleiss_units', 'krippendorff_alpha', 'level', 'gwet_ac1', 'brennan_prediger',
    ]);
    expect(r.units).toBe(51);
    expect(r.coders).toEqual(['A', 'B']);
    expect(r.percent_agreement).toBeCloseTo(0.7, 12);
    expect(r.cohen_kappa).toBeCloseTo(0.4, 12);
    expect(r.fleiss_units).toBe(50);
    // Fleiss with two raters is Scott's pi: pooled p(yes) = 55/100 → pe = 0.55² + 0.45² = 0.505;
    // π = (0.7 − 0.505)/0.495 = 0.393939.
    expect(r.fleiss_kappa).toBeCloseTo(0.195 / 0.495, 12);
    // Alpha (no unit with missing is pairable): o_yn = 15, n = 100, n_yes = 55, n_no = 45
    // → α = 1 − 99·30/(2·55·45) = 0.4.
    expect(r.krippendorff_alpha).toBeCloseTo(1 - (99 * 30) / (2 * 55 * 45), 12);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('four coders: Cohen is null, alpha uses missing data (Krippendorff 2011)', () => {
    const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
    const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
    const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
    const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
    const r = matrixReport(['A', 'B', 'C', 'D'], A.map((_, u) => [A[u], B[u], C[u], D[u]]));
    expect(r.units).toBe(12);
    expect(r.cohen_kappa).toBeNull();
    expect(r.fleiss_units).toBe(8);
    expect(r.krippendorff_alpha).toBeCloseTo(0.743, 3);
  });

  it('rejects a row whose width differs from the coders', () => {
    expect(errorOf(() => matrixReport(['A', 'B'], [['a', 'b'], ['a']])).message).toMatch(/unit 2/);
  });
});

describe('parseMatrixCsv', () => {
  it('reads a header of coders, rows of units, empty cells as missing, with a BOM and CRLF', () => {
    const { coders, units } = parseMatrixCsv('\ufeffAnn,Bob,Cy\r\n1,2,\r\n"x, y",x,3\r\n\r\n');
    expect(coders).toEqual(['Ann', 'Bob', 'Cy']);
    expect(units).toEqual([
      ['1', '2', null],
      ['x, y', 'x', '3'],
    ]);
  });

  it('round-trips into matrixReport', () => {
    const { coders, units } = parseMatrixCsv('A,B\nyes,yes\nno,no\nyes,no\nno,no\n');
    const r = matrixReport(coders, units);
    expect(r.units).toBe(4);
    expect(r.percent_agreement).toBeCloseTo(0.75, 12);
  });

  it('reads quoted cells as RFC 4180 does: commas, line breaks and doubled quotes inside quotes', () => {
    const { coders, units } = parseMatrixCsv('A,"B, the second"\n"say ""no""","two\nlines"\n  x ,"y" \n');
    expect(coders).toEqual(['A', 'B, the second']);
    expect(units).toEqual([
      ['say "no"', 'two\nlines'],
      ['x', 'y'],
    ]);
    expect(errorOf(() => parseMatrixCsv('A,B\n1,"2\n')).message).toBe('row 2: a quoted cell is not closed');
    expect(errorOf(() => parseMatrixCsv('A,B\n1,"2"x\n')).message).toBe('row 2: text after a closing quote');
  });

  it('shares one string per category across units (a million units stay small)', () => {
    const { units } = parseMatrixCsv('A,B\nyes,no\nno,yes\n');
    expect(units[0][0]).toBe(units[1][1]);
    expect(units).toEqual([
      ['yes', 'no'],
      ['no', 'yes'],
    ]);
  });

  it('names the row of a ragged line', () => {
    const e = errorOf(() => parseMatrixCsv('A,B\n1,2\n1,2,3\n'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('row 3: expected 2 cells, found 3');
  });

  it('rejects an empty header, a blank coder name and a duplicate coder', () => {
    expect(errorOf(() => parseMatrixCsv('')).message).toMatch(/row 1 \(header\) is empty/);
    expect(errorOf(() => parseMatrixCsv('\n1,2\n')).message).toMatch(/row 1 \(header\) is empty/);
    expect(errorOf(() => parseMatrixCsv('A,,C\n1,2,3\n')).message).toMatch(/column 2 has no coder name/);
    expect(errorOf(() => parseMatrixCsv('A,A\n1,2\n')).message).toMatch(/appears twice/);
  });
});
