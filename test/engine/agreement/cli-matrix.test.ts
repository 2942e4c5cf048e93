// `accord agreement --matrix FILE.csv --json`: the reliability calculator for data coded outside
// the text, on Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: four
// observers × twelve units, nominal, with missing values — published α = 0.743.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../electron/cli/main';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

async function accord(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

// Rows of the paper's table are observers A–D; here each is a column, one row per unit, empty = ".".
const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', '', '', ''];
const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', '', '3'];
const C = ['', '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', ''];
const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', ''];

describe('accord agreement --matrix', () => {
  it('Krippendorff (2011): α = 0.743, mean pairwise percent, all-agree share, Fleiss over the 8 units all four rated', async () => {
    const file = join(dir, 'k2011.csv');
    writeFileSync(file, ['A,B,C,D', ...A.map((_, u) => [A[u], B[u], C[u], D[u]].join(','))].join('\r\n') + '\r\n');
    const r = await accord('agreement', '--matrix', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual([
      'units', 'coders', 'percent_agreement', 'percent_all_agree', 'cohen_kappa', 'fleiss_kappa', 'fleiss_units', 'krippendorff_alpha', 'level',
      'gwet_ac1', 'brennan_prediger', 'cohen_kappa_reason',
    ]);
    expect(out.cohen_kappa_reason).toBe("Cohen's kappa needs exactly two coders, got 4");
    expect(out.units).toBe(12);
    expect(out.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(out.krippendorff_alpha).toBeCloseTo(0.743, 3);
    // Mean pairwise agreement, worked pair by pair in test/unit/stats/agreement.test.ts.
    expect(out.percent_agreement).toBeCloseTo((8 / 9 + 5 / 8 + 8 / 9 + 6 / 9 + 9 / 10 + 7 / 10) / 6, 12);
    // All who rated a unit agree on 8 of the 11 pairable units (not 2, 6, 8).
    expect(out.percent_all_agree).toBeCloseTo(8 / 11, 12);
    expect(out.fleiss_units).toBe(8);
    expect(typeof out.fleiss_kappa).toBe('number');
    // Four coders: Cohen's kappa is for two.
    expect(out.cohen_kappa).toBeNull();
  });

  it('--level interval and --bootstrap N --seed S: the published interval α and a reproducible interval', async () => {
    const file = join(dir, 'k2011-levels.csv');
    writeFileSync(file, ['A,B,C,D', ...A.map((_, u) => [A[u], B[u], C[u], D[u]].join(','))].join('\n'));
    const run1 = JSON.parse((await accord('agreement', '--matrix', file, '--level', 'interval', '--bootstrap', '300', '--seed', '42', '--json')).out);
    const run2 = JSON.parse((await accord('agreement', '--matrix', file, '--level', 'interval', '--bootstrap', '300', '--seed', '42', '--json')).out);
    // Krippendorff (2011) reports interval α = .849 for these data.
    expect(run1.level).toBe('interval');
    expect(run1.krippendorff_alpha).toBeCloseTo(0.849, 3);
    expect(run1.krippendorff_alpha_ci95).toHaveLength(2);
    expect(run1.krippendorff_alpha_ci95).toEqual(run2.krippendorff_alpha_ci95);
    expect(run1.bootstrap).toEqual({ replicates: 300, seed: 42 });
    const bad = await accord('agreement', '--matrix', file, '--level', 'cardinal', '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--level is nominal, ordinal, interval, ratio/);
  });

  it('two coders: Cohen\'s kappa on a 2×2 textbook table', async () => {
    // The worked example of Wikipedia's "Cohen's kappa" article: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    // po = 35/50 = 0.7; pA(yes) = 0.5, pB(yes) = 0.6 → pe = 0.3 + 0.2 = 0.5 → κ = 0.4.
    const rows = [...Array(20).fill('yes,yes'), ...Array(5).fill('yes,no'), ...Array(10).fill('no,yes'), ...Array(15).fill('no,no')];
    const file = join(dir, 'two.csv');
    writeFileSync(file, ['R1,R2', ...rows].join('\n'));
    const out = JSON.parse((await accord('agreement', '--matrix', file, '--json')).out);
    expect(out.units).toBe(50);
    expect(out.cohen_kappa).toBeCloseTo(0.4, 12);
    expect(out.percent_agreement).toBeCloseTo(0.7, 12);
  });

  it('a ragged row is an error naming the row; a missing file exits 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'A,B\n1,1\n1\n');
    const r = await accord('agreement', '--matrix', file, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/row 3/);
    expect((await accord('agreement', '--matrix', join(dir, 'nope.csv'))).code).toBe(1);
  });
});
