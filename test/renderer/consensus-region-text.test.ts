// The disagreement explorer's helpers: marked pieces of a text window and keyboard stepping.
import { describe, expect, it } from 'vitest';
import type { ConsensusRegion } from '../../shared/api/agreement';
import { firstRegion, pieces, step, windowOf } from '../../renderer/features/consensus/region-text';

const region = (start: number, end: number, agreed: boolean, decided = false): ConsensusRegion => ({
  index: 0,
  start,
  end,
  agreed,
  coders: [],
  consensus: [],
  decision: decided ? ({ rule: 'union' } as ConsensusRegion['decision']) : null,
});

describe('consensus explorer helpers', () => {
  it('cuts a window at range boundaries, clipping ranges outside it', () => {
    expect(pieces(0, 10, [{ start: 2, end: 4 }, { start: 8, end: 20 }])).toEqual([
      { start: 0, end: 2, marked: false },
      { start: 2, end: 4, marked: true },
      { start: 4, end: 8, marked: false },
      { start: 8, end: 10, marked: true },
    ]);
    // Touching ranges stay two marked pieces; overlapping ones merge into one.
    expect(pieces(0, 6, [{ start: 3, end: 5 }, { start: 1, end: 3 }])).toEqual([
      { start: 0, end: 1, marked: false },
      { start: 1, end: 3, marked: true },
      { start: 3, end: 5, marked: true },
      { start: 5, end: 6, marked: false },
    ]);
    expect(pieces(0, 6, [{ start: 1, end: 3 }, { start: 2, end: 4 }])).toEqual([
      { start: 0, end: 1, marked: false },
      { start: 1, end: 4, marked: true },
      { start: 4, end: 6, marked: false },
    ]);
    expect(pieces(5, 5, [])).toEqual([]);
  });

  it('windows stay inside the text', () => {
    expect(windowOf({ start: 50, end: 60 }, 100, 120)).toEqual({ start: 0, end: 100 });
    expect(windowOf({ start: 500, end: 510 }, 1000, 10)).toEqual({ start: 490, end: 520 });
  });

  it('steps over agreed regions when only disagreements are shown', () => {
    const rs = [region(0, 5, false), region(10, 15, true), region(20, 25, false, true), region(30, 35, false)];
    expect(step(rs, 0, 1, true)).toBe(2);
    expect(step(rs, 0, 1, false)).toBe(1);
    expect(step(rs, 3, 1, true)).toBe(3);
    expect(step(rs, 2, -1, true)).toBe(0);
    expect(firstRegion(rs, true)).toBe(0);
    expect(firstRegion([region(0, 5, true), region(6, 9, false, true)], true)).toBe(1);
    expect(firstRegion([], true)).toBe(-1);
  });
});
