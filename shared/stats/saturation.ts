// Thematic saturation as Guest, Namey & Chen (2020) assess it: "A simple method to assess and report
// thematic saturation in qualitative research", PLoS ONE 15(5): e0232076,
// https://doi.org/10.1371/journal.pone.0232076.
//
// Interviews are taken in the order they were conducted. The first `base` interviews are the base:
// the number of distinct codes in them is the reference amount of information. A run is `run`
// consecutive interviews after the base; its new information is the number of codes that first
// appear in it (not seen in any earlier interview), as a share of the base's codes:
//
//     new information of the run = new codes in the run / distinct codes in the base.
//
// The first run starts right after the base and each next run starts one interview later (the base
// stays the same). Saturation is reached at the last interview before the first run whose new
// information is at or below the threshold; that run confirms it. The paper's defaults: base 4,
// run 2, threshold ≤ 5 % (0 % for the strictest reading).
//
// Codebook development versus re-applying a final codebook: when the codes were defined before
// coding (a final codebook, or one carried over from another study), the first application of such
// a code is not new information. `countsAsNew` then says which codes may count as new (e.g. those
// created after a date); the base's size still counts every code applied in it.

import { AccordError } from '../api/errors';

export interface SaturationOptions {
  /** Interviews in the base (the paper's default: 4). */
  base: number;
  /** Interviews in a run (default: 2). */
  run: number;
  /** New-information threshold as a share of the base's codes; saturation when ≤ it (default 0.05). */
  threshold: number;
}

export const GUEST_DEFAULTS: SaturationOptions = { base: 4, run: 2, threshold: 0.05 };

export interface SaturationRun {
  /** First and last interview of the run, 1-based positions in the order given. */
  from: number;
  to: number;
  /** Codes that first appear in the run's interviews. */
  newCodes: number;
  /** newCodes / the base's distinct codes; null when the base holds no codes. */
  newInformation: number | null;
}

export interface SaturationAssessment {
  options: SaturationOptions;
  interviews: number;
  /** Distinct codes in the base interviews; null when there are fewer interviews than the base. */
  baseCodes: number | null;
  /** Per interview (same order), the codes that first appear there and may count as new. */
  newPerInterview: number[];
  runs: SaturationRun[];
  reached: boolean;
  /** The interview (1-based) at which saturation was reached; null when not reached. */
  reachedAt: number | null;
  /** The run that confirms it. */
  confirmedBy: SaturationRun | null;
  /** Why there is no saturation point (too few interviews, empty base, or no run under the threshold). */
  reason: string | null;
}

/** Checks the options: whole numbers ≥ 1 for base and run, a threshold within [0, 1]. */
export function checkSaturationOptions(o: SaturationOptions): void {
  if (!Number.isInteger(o.base) || o.base < 1) throw new AccordError('INVALID_INPUT', `the base size must be a whole number ≥ 1, not ${o.base}`);
  if (!Number.isInteger(o.run) || o.run < 1) throw new AccordError('INVALID_INPUT', `the run length must be a whole number ≥ 1, not ${o.run}`);
  if (!(o.threshold >= 0 && o.threshold <= 1)) throw new AccordError('INVALID_INPUT', `the new-information threshold must lie within 0–1 (e.g. 0.05 for 5 %), not ${o.threshold}`);
}

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toString()} %`;

/**
 * Assess saturation over interviews in order, each given as the codes applied in it.
 * `countsAsNew(code)` (default: every code) says whether a code's first appearance is new information.
 */
export function assessSaturation(
  interviews: readonly (readonly number[])[],
  options: SaturationOptions = GUEST_DEFAULTS,
  countsAsNew: (code: number) => boolean = () => true,
): SaturationAssessment {
  checkSaturationOptions(options);
  const { base, run, threshold } = options;
  const seen = new Set<number>();
  const newPerInterview = interviews.map((codes) => {
    let fresh = 0;
    for (const c of new Set(codes)) {
      if (seen.has(c)) continue;
      seen.add(c);
      if (countsAsNew(c)) fresh++;
    }
    return fresh;
  });
  const out: SaturationAssessment = {
    options: { ...options },
    interviews: interviews.length,
    baseCodes: null,
    newPerInterview,
    runs: [],
    reached: false,
    reachedAt: null,
    confirmedBy: null,
    reason: null,
  };
  if (interviews.length < base + run) {
    out.reason = `only ${interviews.length} interview${interviews.length === 1 ? '' : 's'} to assess; the method needs at least ${base + run} (base ${base} + run ${run})`;
    if (interviews.length >= base) out.baseCodes = new Set(interviews.slice(0, base).flat()).size;
    return out;
  }
  const baseCodes = new Set(interviews.slice(0, base).flat()).size;
  out.baseCodes = baseCodes;
  for (let from = base + 1; from + run - 1 <= interviews.length; from++) {
    const to = from + run - 1;
    let fresh = 0;
    for (let i = from; i <= to; i++) fresh += newPerInterview[i - 1];
    const r: SaturationRun = { from, to, newCodes: fresh, newInformation: baseCodes > 0 ? fresh / baseCodes : null };
    out.runs.push(r);
    if (!out.reached && r.newInformation !== null && r.newInformation <= threshold + 1e-12) {
      out.reached = true;
      out.reachedAt = from - 1;
      out.confirmedBy = r;
    }
  }
  if (baseCodes === 0) out.reason = 'the base interviews hold no codes, so new information has no reference';
  else if (!out.reached) {
    const last = out.runs[out.runs.length - 1];
    out.reason = `every run stayed above the threshold (${pct(threshold)}); the last (${interviewsText(last.from, last.to)}) added ${last.newCodes} new code${last.newCodes === 1 ? '' : 's'}, ${pct(last.newInformation!)} of the base's ${baseCodes}`;
  }
  return out;
}

/** "interview 5" or "interviews 5–6". */
export function interviewsText(from: number, to: number): string {
  return from === to ? `interview ${from}` : `interviews ${from}–${to}`;
}

/** The threshold as written in a report: "≤ 5 %". */
export function thresholdText(threshold: number): string {
  return `≤ ${pct(threshold)}`;
}

export { pct as percentText };
