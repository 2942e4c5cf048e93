// Reliability measures of a units × coders matrix beyond the nominal ones in ./agreement, for teams
// reproducing figures from other tools:
//
// - Krippendorff's α at the nominal, ordinal, interval and ratio levels, from the coincidence matrix
//   with the difference functions of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
//   §A and §E:  α = 1 − (n.. − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck, where
//   o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1) over units with m_u ≥ 2 values, and
//     nominal  δ² = 0 if c = k else 1
//     ordinal  δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²   (categories in rank order)
//     interval δ² = (c − k)²
//     ratio    δ² = ((c − k)/(c + k))²
// - Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance in the presence of high
//   agreement", Brit. J. Math. Stat. Psychol. 61:29–48; multi-rater form with missing ratings, Gwet
//   2014 Handbook ch. 2): p_a = mean over units with r_i ≥ 2 of Σ_k r_ik(r_ik − 1)/(r_i(r_i − 1));
//   π_k = mean over units with r_i ≥ 1 of r_ik/r_i; p_e = Σ_k π_k(1 − π_k)/(q − 1); AC1 = (p_a − p_e)/(1 − p_e).
// - Brennan & Prediger's κ (1981, Educ. Psychol. Meas. 41:687–699), multi-rater form as Gwet (2014):
//   the same p_a with chance agreement 1/q, q = the number of categories used.
// - A bootstrap 95 % interval for α (Hayes & Krippendorff 2007, "Answering the call for a standard
//   reliability measure for coding data", Commun. Methods Meas. 1:77–89): with D_e fixed from the
//   data, draw N of the N pairable value pairs (unordered pairs within units) with replacement, each
//   contributing 2δ²/(m_u − 1); α* = 1 − (n.. − 1)·Σ/(n..·D_e·…) as below; the 2.5th and 97.5th
//   percentiles of α* over the replicates; reproducible from a seed.
// Everything is linear in units × values per unit (a bootstrap replicate is linear in pairs).
import { AccordError } from '../api/errors';
import type { Measure, UnitsMatrix } from './agreement';

export const ALPHA_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;
export type AlphaLevel = (typeof ALPHA_LEVELS)[number];

interface Values {
  /** Distinct values in rank order (numeric when the level needs numbers). */
  categories: string[];
  numeric: number[] | null;
  /** Distinct units (identical rows collapse, `weight` = how many): counts per category index. */
  units: { counts: Map<number, number>; m: number; weight: number }[];
}

function valuesOf(units: UnitsMatrix, level: AlphaLevel): Values {
  const seen = new Set<string>();
  for (const row of units) for (const v of row) if (v !== null) seen.add(v);
  let categories = [...seen];
  let numeric: number[] | null = null;
  if (level !== 'nominal') {
    const bad = categories.find((c) => !Number.isFinite(Number(c)));
    if (bad !== undefined) throw new AccordError('INVALID_INPUT', `the ${level} level needs numeric values; "${bad}" is not a number`);
    categories.sort((a, b) => Number(a) - Number(b));
    numeric = categories.map(Number);
    if (level === 'ratio' && numeric.some((x) => x < 0)) throw new AccordError('INVALID_INPUT', 'the ratio level needs values ≥ 0');
  } else {
    categories = categories.sort();
  }
  const index = new Map(categories.map((c, i) => [c, i]));
  // Identical rows collapse into one weighted unit: a million units of few patterns cost little.
  const patterns = new Map<string, { counts: Map<number, number>; m: number; weight: number }>();
  for (const row of units) {
    const key = row.map((v) => (v === null ? '\u0001' : v)).join('\u0000');
    const found = patterns.get(key);
    if (found) {
      found.weight++;
      continue;
    }
    const counts = new Map<number, number>();
    let m = 0;
    for (const v of row) {
      if (v === null) continue;
      const i = index.get(v)!;
      counts.set(i, (counts.get(i) ?? 0) + 1);
      m++;
    }
    patterns.set(key, { counts, m, weight: 1 });
  }
  return { categories, numeric, units: [...patterns.values()] };
}

function undefinedMeasure(reason: string, n: number): Measure {
  return { value: null, reason, n };
}

/** The squared difference function of the level, given the coincidence marginals n_c (for ordinal). */
function deltaSquared(level: AlphaLevel, numeric: number[] | null, marginals: number[]): (c: number, k: number) => number {
  if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
  const x = numeric!;
  if (level === 'interval') return (c, k) => (x[c] - x[k]) ** 2;
  if (level === 'ratio') return (c, k) => (x[c] + x[k] === 0 ? 0 : ((x[c] - x[k]) / (x[c] + x[k])) ** 2);
  // Ordinal: cumulative marginals, so that each δ² is O(1).
  const cum = [0];
  for (const n of marginals) cum.push(cum[cum.length - 1] + n);
  return (c, k) => {
    const lo = Math.min(c, k);
    const hi = Math.max(c, k);
    return (cum[hi + 1] - cum[lo] - (marginals[c] + marginals[k]) / 2) ** 2;
  };
}

interface Coincidences {
  q: number;
  /** o_ck, dense q × q. */
  o: Float64Array;
  marginals: number[];
  total: number;
  unitsUsed: number;
  delta: (c: number, k: number) => number;
}

function coincidences(v: Values, level: AlphaLevel): Coincidences {
  const q = v.categories.length;
  const o = new Float64Array(q * q);
  let unitsUsed = 0;
  for (const u of v.units) {
    if (u.m < 2) continue;
    unitsUsed += u.weight;
    for (const [c, nc] of u.counts) {
      for (const [k, nk] of u.counts) o[c * q + k] += (u.weight * nc * (c === k ? nc - 1 : nk)) / (u.m - 1);
    }
  }
  const marginals = new Array<number>(q).fill(0);
  let total = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) marginals[c] += o[c * q + k];
    total += marginals[c];
  }
  return { q, o, marginals, total, unitsUsed, delta: deltaSquared(level, v.numeric, marginals) };
}

/** Σ n_c n_k δ²_ck: the expected disagreement times n..(n.. − 1). */
function expectedSum(x: Coincidences): number {
  let e = 0;
  for (let c = 0; c < x.q; c++) for (let k = 0; k < x.q; k++) if (c !== k) e += x.marginals[c] * x.marginals[k] * x.delta(c, k);
  return e;
}

/** Krippendorff's α at the given level (Krippendorff 2011); missing values allowed. `n` = pairable units. */
export function krippendorffAlphaAt(units: UnitsMatrix, level: AlphaLevel): Measure {
  const x = coincidences(valuesOf(units, level), level);
  if (x.unitsUsed === 0) return undefinedMeasure('no unit has two or more values to pair', 0);
  const expected = expectedSum(x);
  if (!(expected > 0)) return undefinedMeasure('only one value was used: no variation to assess', x.unitsUsed);
  let observed = 0;
  for (let c = 0; c < x.q; c++) for (let k = 0; k < x.q; k++) if (c !== k) observed += x.o[c * x.q + k] * x.delta(c, k);
  return { value: 1 - ((x.total - 1) * observed) / expected, n: x.unitsUsed };
}

/** p_a of Gwet's multi-rater coefficients: mean agreement over units with two or more ratings. */
function gwetAgreement(v: Values): { pa: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const u of v.units) {
    if (u.m < 2) continue;
    let s = 0;
    for (const r of u.counts.values()) s += r * (r - 1);
    sum += (u.weight * s) / (u.m * (u.m - 1));
    n += u.weight;
  }
  return { pa: n === 0 ? 0 : sum / n, n };
}

/** Gwet's AC1 (Gwet 2008), q = the categories used. */
export function gwetAc1(units: UnitsMatrix): Measure {
  const v = valuesOf(units, 'nominal');
  const q = v.categories.length;
  const { pa, n } = gwetAgreement(v);
  if (n === 0) return undefinedMeasure('no unit has two or more values', 0);
  if (q < 2) return undefinedMeasure('only one category was used: AC1 needs q ≥ 2', n);
  const pi = new Array<number>(q).fill(0);
  let rated = 0;
  for (const u of v.units) {
    if (u.m < 1) continue;
    rated += u.weight;
    for (const [c, r] of u.counts) pi[c] += (u.weight * r) / u.m;
  }
  let s = 0;
  for (const p of pi) s += (p / rated) * (1 - p / rated);
  const pe = s / (q - 1);
  return { value: (pa - pe) / (1 - pe), n };
}

/** Brennan & Prediger's κ: chance agreement 1/q over the q categories used. */
export function brennanPrediger(units: UnitsMatrix): Measure {
  const v = valuesOf(units, 'nominal');
  const q = v.categories.length;
  const { pa, n } = gwetAgreement(v);
  if (n === 0) return undefinedMeasure('no unit has two or more values', 0);
  if (q < 2) return undefinedMeasure('only one category was used: chance agreement 1/q = 1', n);
  return { value: (pa - 1 / q) / (1 - 1 / q), n };
}

/** A seeded 32-bit generator (mulberry32): the same seed gives the same replicates everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Bootstrap 95 % interval of α (Hayes & Krippendorff 2007): `replicates` resamplings of the pairable
 * value pairs with D_e fixed; percentile interval. Null with the measure's reason when α is undefined.
 */
export function alphaBootstrap(units: UnitsMatrix, level: AlphaLevel, replicates: number, seed: number): { ci95: [number, number] | null; reason?: string } {
  if (!Number.isInteger(replicates) || replicates < 1) throw new AccordError('INVALID_INPUT', `--bootstrap needs a whole number ≥ 1, not ${replicates}`);
  const v = valuesOf(units, level);
  const x = coincidences(v, level);
  const expected = expectedSum(x);
  if (x.unitsUsed === 0 || !(expected > 0)) return { ci95: null, reason: 'α is undefined: nothing to resample' };
  // Each unordered pair of values within a unit contributes 2δ²/(m_u − 1) to Σ o_ck δ²_ck. Pairs of
  // equal contribution form one class; a draw picks a class by its share of the N pairs.
  const classes = new Map<number, number>();
  let N = 0;
  for (const u of v.units) {
    if (u.m < 2) continue;
    const values: number[] = [];
    for (const [c, r] of u.counts) for (let i = 0; i < r; i++) values.push(c);
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        const e = (2 * x.delta(values[i], values[j])) / (u.m - 1);
        classes.set(e, (classes.get(e) ?? 0) + u.weight);
        N += u.weight;
      }
    }
  }
  const value = [...classes.keys()];
  const cumulative: number[] = [];
  let acc = 0;
  for (const e of value) cumulative.push((acc += classes.get(e)!));
  const draw = (r: number): number => {
    const target = r * N;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return value[lo];
  };
  const random = seededRandom(seed);
  const alphas = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += draw(random());
    // α cannot fall below −1 in a meaningful sample (Hayes & Krippendorff 2007 bound it there).
    alphas[b] = Math.max(-1, 1 - ((x.total - 1) * sum) / expected);
  }
  alphas.sort();
  const at = (p: number) => alphas[Math.min(replicates - 1, Math.max(0, Math.round(p * (replicates - 1))))];
  return { ci95: [at(0.025), at(0.975)] };
}
