// Inter-coder agreement on categorical data: a units × coders matrix (null = missing) → percent
// agreement, Cohen's kappa, Fleiss' kappa and Krippendorff's nominal alpha, plus the CLI's JSON report.
// Every measure is also available on weighted units so that text measures can feed run-length counts.
import { AccordError } from '../errors';
import { alphaBootstrap, brennanPrediger, gwetAc1, krippendorffAlphaAt, type AlphaLevel } from './reliability';

/** One value of an agreement measure. `value` is null (never NaN) when undefined; `reason` says why. */
export interface Measure {
  value: number | null;
  reason?: string;
  /** Units used (for weighted input: the summed weight, e.g. characters). */
  n: number;
}

/** Cohen's kappa for one pair of coders. */
export interface PairMeasure extends Measure {
  coderA: string;
  coderB: string;
}

/** A unit's values, one per coder (null = missing), standing for `weight` identical units. */
export interface WeightedUnit {
  values: readonly (string | null)[];
  weight: number;
}

/** The CLI's JSON contract for a units × coders matrix. */
export interface MatrixReport {
  units: number;
  coders: string[];
  /** Mean over coder pairs of their agreement on the units both rated. */
  percent_agreement: number | null;
  /** Share of the units rated by two or more coders on which all who rated agree. */
  percent_all_agree: number | null;
  cohen_kappa: number | null;
  fleiss_kappa: number | null;
  fleiss_units: number;
  krippendorff_alpha: number | null;
  /** The level of measurement of krippendorff_alpha. */
  level?: AlphaLevel;
  /** Gwet's AC1 (Gwet 2008), q = categories used. */
  gwet_ac1?: number | null;
  /** Brennan & Prediger's κ, chance 1/q over the categories used. */
  brennan_prediger?: number | null;
  /** Bootstrap 95 % interval of α (Hayes & Krippendorff 2007), with --bootstrap. */
  krippendorff_alpha_ci95?: [number, number] | null;
  bootstrap?: { replicates: number; seed: number };
  /** `<measure>_reason`: why a measure is null (present only then). */
  [reason: `${string}_reason`]: string | undefined;
}

export type UnitsMatrix = readonly (readonly (string | null)[])[];

function undefinedMeasure(reason: string, n: number): Measure {
  return { value: null, reason, n };
}

/**
 * Units as weighted patterns: identical rows collapse into one pattern whose weight is their count,
 * so every measure runs over the distinct patterns (a handful for typical category sets) instead of
 * every row.
 */
function asWeighted(units: UnitsMatrix): WeightedUnit[] {
  const patterns = new Map<string, WeightedUnit>();
  for (const values of units) {
    const key = values.map((v) => (v === null ? '\u0001' : v)).join('\u0000');
    const found = patterns.get(key);
    if (found) found.weight++;
    else patterns.set(key, { values, weight: 1 });
  }
  return [...patterns.values()];
}

function coderCount(units: readonly WeightedUnit[]): number {
  return units.reduce((m, u) => Math.max(m, u.values.length), 0);
}

function isComplete(u: WeightedUnit, coders: number): boolean {
  if (u.values.length < coders) return false;
  for (const v of u.values) if (v === null) return false;
  return true;
}

function completeUnits(units: readonly WeightedUnit[]): { units: WeightedUnit[]; coders: number; n: number } {
  const coders = coderCount(units);
  const complete = units.filter((u) => u.weight > 0 && isComplete(u, coders));
  return { units: complete, coders, n: complete.reduce((s, u) => s + u.weight, 0) };
}

/** Why a pair's measures are undefined when the two coders never rate (count on) the same unit. */
export const NO_SHARED_UNIT = 'no unit was rated by both coders';

/**
 * Percent agreement as the mean of pairwise agreement: for every pair of coders, the share of the
 * units both rated on which they gave the same value; then the mean over the pairs that share at
 * least one unit. With two coders this is plain percent agreement. `n` = units with two or more values.
 */
export function percentAgreementWeighted(units: readonly WeightedUnit[]): Measure {
  const m = coderCount(units);
  let pairable = 0;
  for (const u of units) {
    if (u.weight <= 0) continue;
    let given = 0;
    for (const v of u.values) if (v !== null) given++;
    if (given >= 2) pairable += u.weight;
  }
  if (m < 2) return undefinedMeasure('needs at least two coders', pairable);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      let n = 0;
      let agree = 0;
      for (const u of units) {
        const x = u.values[i] ?? null;
        const y = u.values[j] ?? null;
        if (x === null || y === null || u.weight <= 0) continue;
        n += u.weight;
        if (x === y) agree += u.weight;
      }
      if (n > 0) {
        sum += agree / n;
        pairs++;
      }
    }
  }
  if (pairs === 0) return undefinedMeasure('no two coders rated the same unit', 0);
  return { value: sum / pairs, n: pairable };
}

/** Share of the units with two or more values on which every value given is the same ("all agree"). */
export function percentAllAgreeWeighted(units: readonly WeightedUnit[]): Measure {
  if (coderCount(units) < 2) return undefinedMeasure('needs at least two coders', 0);
  let n = 0;
  let agree = 0;
  for (const u of units) {
    if (u.weight <= 0) continue;
    let given = 0;
    let first: string | null = null;
    let same = true;
    for (const v of u.values) {
      if (v === null) continue;
      if (given++ === 0) first = v;
      else if (v !== first) same = false;
    }
    if (given < 2) continue;
    n += u.weight;
    if (same) agree += u.weight;
  }
  if (n === 0) return undefinedMeasure('no unit was rated by two or more coders', 0);
  return { value: agree / n, n };
}

/** Cohen's kappa over weighted units; each unit's values must be exactly [coder A, coder B]. */
export function cohenKappaWeighted(units: readonly WeightedUnit[]): Measure {
  const coders = coderCount(units);
  if (coders !== 2) return undefinedMeasure(`Cohen's kappa needs exactly two coders, got ${coders}`, 0);
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let n = 0;
  let agree = 0;
  for (const u of units) {
    const [x, y] = u.values;
    if (x === null || y === null || x === undefined || y === undefined || u.weight <= 0) continue;
    n += u.weight;
    if (x === y) agree += u.weight;
    a.set(x, (a.get(x) ?? 0) + u.weight);
    b.set(y, (b.get(y) ?? 0) + u.weight);
  }
  if (n === 0) return undefinedMeasure(NO_SHARED_UNIT, 0);
  const po = agree / n;
  let pe = 0;
  for (const [category, countA] of a) pe += (countA / n) * ((b.get(category) ?? 0) / n);
  if (pe >= 1) return undefinedMeasure('expected agreement is 1: both coders used one category', n);
  return { value: (po - pe) / (1 - pe), n };
}

/** Fleiss' kappa over weighted units every coder rated. */
export function fleissKappaWeighted(units: readonly WeightedUnit[]): Measure {
  const { units: complete, coders: m, n } = completeUnits(units);
  if (m < 2) return undefinedMeasure('needs at least two coders', n);
  if (n === 0) return undefinedMeasure('no unit was rated by every coder', 0);
  const categoryTotals = new Map<string, number>();
  let sumP = 0;
  for (const u of complete) {
    const counts = new Map<string, number>();
    for (const v of u.values) counts.set(v as string, (counts.get(v as string) ?? 0) + 1);
    let squares = 0;
    for (const [category, c] of counts) {
      squares += c * c;
      categoryTotals.set(category, (categoryTotals.get(category) ?? 0) + c * u.weight);
    }
    sumP += (u.weight * (squares - m)) / (m * (m - 1));
  }
  const pBar = sumP / n;
  let pe = 0;
  for (const total of categoryTotals.values()) pe += (total / (n * m)) ** 2;
  if (pe >= 1) return undefinedMeasure('expected agreement is 1: all coders used one category', n);
  return { value: (pBar - pe) / (1 - pe), n };
}

/**
 * Krippendorff's alpha for nominal data via the coincidence matrix (Krippendorff 2011). Missing values
 * are allowed; a unit with fewer than two values is not pairable and is left out. `n` = units used.
 */
export function krippendorffAlphaWeighted(units: readonly WeightedUnit[]): Measure {
  // Nominal alpha only needs the coincidence matrix's diagonal and its marginals:
  // α = 1 − (n.. − 1)·(n.. − Σ o_cc) / (n..² − Σ n_c²).
  if (coderCount(units) < 2) return undefinedMeasure('needs at least two coders', 0);
  const marginals = new Map<string, number>();
  let diagonal = 0;
  let pairable = 0;
  let unitsUsed = 0;
  for (const u of units) {
    if (u.weight <= 0) continue;
    const counts = new Map<string, number>();
    let mu = 0;
    for (const v of u.values) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      mu++;
    }
    if (mu < 2) continue;
    unitsUsed += u.weight;
    pairable += mu * u.weight;
    for (const [category, c] of counts) {
      diagonal += (u.weight * c * (c - 1)) / (mu - 1);
      marginals.set(category, (marginals.get(category) ?? 0) + c * u.weight);
    }
  }
  if (unitsUsed === 0) return undefinedMeasure('no unit has two or more values to pair', 0);
  let sumSquares = 0;
  for (const c of marginals.values()) sumSquares += c * c;
  const expected = pairable * pairable - sumSquares;
  if (expected <= 0) return undefinedMeasure('only one category was used: no variation to assess', unitsUsed);
  const observed = pairable - diagonal;
  return { value: 1 - ((pairable - 1) * observed) / expected, n: unitsUsed };
}

/** Percent agreement (0–1): the mean over coder pairs of their agreement on the units both rated. */
export function percentAgreement(units: UnitsMatrix): Measure {
  return percentAgreementWeighted(asWeighted(units));
}

/** Share of units (rated by two or more coders) on which every coder who rated it agrees. */
export function percentAllAgree(units: UnitsMatrix): Measure {
  return percentAllAgreeWeighted(asWeighted(units));
}

/** Cohen's kappa for exactly two coders, over the units both rated; null with a reason otherwise. */
export function cohenKappa(units: UnitsMatrix): Measure {
  return cohenKappaWeighted(asWeighted(units));
}

/** Fleiss' kappa over the units every coder rated. */
export function fleissKappa(units: UnitsMatrix): Measure {
  return fleissKappaWeighted(asWeighted(units));
}

/** Krippendorff's nominal alpha; missing values allowed. */
export function krippendorffAlpha(units: UnitsMatrix): Measure {
  return krippendorffAlphaWeighted(asWeighted(units));
}

/** Cohen's kappa for every pair of coders (i < j), over the units both rated, on weighted units. */
export function pairwiseCohenWeighted(units: readonly WeightedUnit[], coderNames: readonly string[]): PairMeasure[] {
  const out: PairMeasure[] = [];
  for (let i = 0; i < coderNames.length; i++) {
    for (let j = i + 1; j < coderNames.length; j++) {
      const pair = units.map((u) => ({ values: [u.values[i] ?? null, u.values[j] ?? null], weight: u.weight }));
      out.push({ coderA: coderNames[i], coderB: coderNames[j], ...cohenKappaWeighted(pair) });
    }
  }
  return out;
}

/** Cohen's kappa for every pair of coders (columns named by `coderNames`), over the units both rated. */
export function pairwiseCohen(units: UnitsMatrix, coderNames: readonly string[]): PairMeasure[] {
  return pairwiseCohenWeighted(asWeighted(units), coderNames);
}

/**
 * The CLI's JSON report. Percent agreement and Fleiss over the units every coder rated
 * (`fleiss_units` says how many), Cohen only with exactly two coders, alpha with missing values.
 */
export function matrixReport(
  coders: readonly string[],
  units: UnitsMatrix,
  options: { level?: AlphaLevel; bootstrap?: number; seed?: number } = {},
): MatrixReport {
  const level = options.level ?? 'nominal';
  units.forEach((row, i) => {
    if (row.length !== coders.length) {
      throw new AccordError('INVALID_INPUT', `unit ${i + 1} has ${row.length} values but there are ${coders.length} coders`);
    }
  });
  const fleiss = fleissKappa(units);
  const measures: [string, Measure][] = [
    ['percent_agreement', percentAgreement(units)],
    ['percent_all_agree', percentAllAgree(units)],
    ['cohen_kappa', coders.length === 2 ? cohenKappa(units) : undefinedMeasure(`Cohen's kappa needs exactly two coders, got ${coders.length}`, 0)],
    ['fleiss_kappa', fleiss],
    ['krippendorff_alpha', level === 'nominal' ? krippendorffAlpha(units) : krippendorffAlphaAt(units, level)],
    ['gwet_ac1', gwetAc1(units)],
    ['brennan_prediger', brennanPrediger(units)],
  ];
  const out = { units: units.length, coders: [...coders] } as unknown as MatrixReport;
  const record = out as unknown as Record<string, unknown>;
  for (const [key, m] of measures) {
    record[key] = m.value;
    if (key === 'fleiss_kappa') record.fleiss_units = fleiss.n;
    if (key === 'krippendorff_alpha') record.level = level;
  }
  if (options.bootstrap !== undefined) {
    const seed = options.seed ?? 1;
    const b = alphaBootstrap(units, level, options.bootstrap, seed);
    record.krippendorff_alpha_ci95 = b.ci95;
    record.bootstrap = { replicates: options.bootstrap, seed };
    if (b.ci95 === null) record.krippendorff_alpha_ci95_reason = b.reason;
  }
  withReasons(record, measures);
  return out;
}

/** `<measure>_reason` beside every null measure, so that a null always says why. */
export function withReasons(out: Record<string, unknown>, measures: readonly (readonly [string, Measure | null])[]): void {
  for (const [key, m] of measures) if (m && m.value === null) out[`${key}_reason`] = m.reason ?? 'undefined';
}

/**
 * Parse a reliability matrix CSV: header row = coder names, one row per unit, empty cell = missing.
 * Tolerates a BOM, trailing blank lines and CRLF; quoted cells follow RFC 4180 (`"x, y"`, `""`);
 * throws INVALID_INPUT naming the row otherwise.
 *
 * One pass over the text with no intermediate table; identical units share one frozen array and
 * values one string, so a 2 × 1,000,000 matrix of a few categories costs little more than one
 * pointer per unit (against 400 MB through a general CSV parser). The arrays are read-only.
 */
export function parseMatrixCsv(text: string): { coders: string[]; units: (string | null)[][] } {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const interned = new Map<string, string>();
  const intern = (v: string): string | null => {
    const t = v.trim();
    if (t === '') return null;
    let k = interned.get(t);
    if (k === undefined) interned.set(t, (k = t));
    return k;
  };
  let header: string[] | null = null;
  const units: (string | null)[][] = [];
  const sameUnits = new Map<string, (string | null)[]>();
  let row = 0;
  let i = start;
  const cells: string[] = [];
  while (i <= n) {
    // One line (a record): cells up to an unquoted \n or \r\n, or the end of the text.
    row++;
    cells.length = 0;
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        let out = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) throw new AccordError('INVALID_INPUT', `row ${row}: a quoted cell is not closed`);
          if (text.charCodeAt(q + 1) === 34) {
            out += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          out += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Only spaces may follow the closing quote before the next comma or line end.
        while (i < n && text.charCodeAt(i) === 32) i++;
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) throw new AccordError('INVALID_INPUT', `row ${row}: text after a closing quote`);
        cell = out;
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    i++; // the \n, or past the end
    const blank = cells.length === 1 && cells[0].trim() === '';
    if (header === null) {
      if (cells.every((c) => c.trim() === '')) throw new AccordError('INVALID_INPUT', 'row 1 (header) is empty: expected one coder name per column');
      header = cells.map((c) => c.trim());
      continue;
    }
    // Blank lines are skipped, but rows keep their number in the file (header = row 1) for messages.
    if (blank) continue;
    if (cells.length !== header.length) throw new AccordError('INVALID_INPUT', `row ${row}: expected ${header.length} cells, found ${cells.length}`);
    // Units with the same values share one (frozen) array: a matrix of a few categories holds a
    // few dozen distinct units however many rows it has.
    const key = cells.length === 2 ? `${cells[0].trim()}\u0000${cells[1].trim()}` : cells.map((c) => c.trim()).join('\u0000');
    let unit = sameUnits.get(key);
    if (unit === undefined) {
      unit = Object.freeze(cells.map(intern)) as (string | null)[];
      sameUnits.set(key, unit);
    }
    units.push(unit);
  }
  if (header === null) throw new AccordError('INVALID_INPUT', 'row 1 (header) is empty: expected one coder name per column');
  const coders = header;
  coders.forEach((name, k) => {
    if (name === '') throw new AccordError('INVALID_INPUT', `row 1 (header): column ${k + 1} has no coder name`);
  });
  const seen = new Set<string>();
  for (const name of coders) {
    if (seen.has(name)) throw new AccordError('INVALID_INPUT', `row 1 (header): coder "${name}" appears twice`);
    seen.add(name);
  }
  return { coders, units };
}
