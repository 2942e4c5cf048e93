// Saturation after Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076: base size, run length and
// new-information threshold. The cases below are worked by hand from the paper's method.
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/api/errors';
import { assessSaturation, GUEST_DEFAULTS } from '../../../shared/stats/saturation';

/** Codes first..first+count−1 (fresh ids). */
const range = (first: number, count: number): number[] => Array.from({ length: count }, (_, i) => first + i);

describe('Guest, Namey & Chen (2020)', () => {
  // The paper's worked example starts with a base of 4 interviews holding 37 distinct themes, and a
  // first run (interviews 5–6) bringing 7 new ones: 7/37 = 18.9 % ("19 %") of new information, above
  // 5 %. The continuation below is our own, worked by hand:
  //   interview:        1–4 (base)  5   6   7   8   9   10
  //   new codes:        37          4   3   1   1   0   0
  //   run 5–6: 4+3 = 7 → 7/37 = 18.9 %      run 6–7: 3+1 = 4 → 10.8 %
  //   run 7–8: 1+1 = 2 → 2/37 = 5.4 % (> 5 %) run 8–9: 1+0 = 1 → 2.7 % ≤ 5 % → saturation at interview 7,
  //   confirmed by interviews 8–9.
  //   At 0 %: run 9–10: 0 → saturation at interview 8.
  const base = [range(1, 12), range(8, 14), range(20, 10), [...range(28, 10), 3, 9]]; // 1..37, with repeats
  const interviews = [...base, [1, 2, ...range(38, 4)], [5, ...range(42, 3)], [45, 7], [46], [2, 3], [40]];

  it('reproduces the paper\'s first run (7 of 37 = 19 %) and reaches saturation at interview 7 at ≤ 5 %', () => {
    const a = assessSaturation(interviews);
    expect(a.baseCodes).toBe(37);
    // Interview 1: codes 1–12 (12 new); 2: 8–21 (13–21 new: 9); 3: 20–29 (22–29: 8); 4: 28–37, 3, 9 (30–37: 8).
    expect(a.newPerInterview).toEqual([12, 9, 8, 8, 4, 3, 1, 1, 0, 0]);
    expect(a.runs.map((r) => [r.from, r.to, r.newCodes])).toEqual([
      [5, 6, 7],
      [6, 7, 4],
      [7, 8, 2],
      [8, 9, 1],
      [9, 10, 0],
    ]);
    expect(a.runs[0].newInformation).toBeCloseTo(7 / 37, 12);
    expect(Math.round(a.runs[0].newInformation! * 100)).toBe(19);
    expect(a.runs[2].newInformation).toBeCloseTo(2 / 37, 12); // 5.4 %: not yet
    expect(a).toMatchObject({ reached: true, reachedAt: 7, reason: null });
    expect(a.confirmedBy).toMatchObject({ from: 8, to: 9, newCodes: 1 });
  });

  it('at the strictest threshold (0 %) saturation comes one interview later', () => {
    const a = assessSaturation(interviews, { ...GUEST_DEFAULTS, threshold: 0 });
    expect(a).toMatchObject({ reached: true, reachedAt: 8 });
    expect(a.confirmedBy).toMatchObject({ from: 9, to: 10, newCodes: 0, newInformation: 0 });
  });

  it('says when saturation is not reached, and why', () => {
    // Without the last two interviews the last run is 7–8 with 2 new codes (5.4 %).
    const a = assessSaturation(interviews.slice(0, 8));
    expect(a).toMatchObject({ reached: false, reachedAt: null, confirmedBy: null });
    expect(a.reason).toBe("every run stayed above the threshold (5 %); the last (interviews 7–8) added 2 new codes, 5.4 % of the base's 37");
  });

  it('needs base + run interviews', () => {
    const a = assessSaturation(interviews.slice(0, 5));
    expect(a).toMatchObject({ reached: false, reachedAt: null, baseCodes: 37, runs: [] });
    expect(a.reason).toBe('only 5 interviews to assess; the method needs at least 6 (base 4 + run 2)');
  });

  it('re-applying a final codebook: only codes allowed to be new count as new information', () => {
    // Codes 1..44 belonged to the codebook before coding began; 45 and 46 were created later.
    const a = assessSaturation(interviews, GUEST_DEFAULTS, (c) => c > 44);
    // Base size still counts every code applied in the base (37). New: interview 7 brings 45, 8 brings 46.
    expect(a.newPerInterview).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    // Run 5–6: 0 → saturation at interview 4 already.
    expect(a).toMatchObject({ reached: true, reachedAt: 4, baseCodes: 37 });
  });

  it('an empty base gives no ratio, with its reason', () => {
    const a = assessSaturation([[], [], [], [], [1], [2]]);
    expect(a.runs[0]).toMatchObject({ newCodes: 2, newInformation: null });
    expect(a.reached).toBe(false);
    expect(a.reason).toBe('the base interviews hold no codes, so new information has no reference');
  });

  it('rejects options that mean nothing', () => {
    expect(() => assessSaturation(interviews, { base: 0, run: 2, threshold: 0.05 })).toThrow(AccordError);
    expect(() => assessSaturation(interviews, { base: 4, run: 1.5, threshold: 0.05 })).toThrow(/run length/);
    expect(() => assessSaturation(interviews, { base: 4, run: 2, threshold: 5 })).toThrow(/0–1/);
  });
});
