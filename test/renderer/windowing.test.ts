// Planning of the document view's highlights: which paragraphs lie in a band of the scroll range,
// and which paragraphs to rebuild near the viewport and in idle time. Expected values are worked out
// by hand from the small layouts in each test.
import { describe, expect, it } from 'vitest';
import { firstIndex, paragraphsInBand, planFill, planNear } from '../../renderer/editor/windowing';

describe('firstIndex', () => {
  it('finds the first index where a monotone predicate holds, or n', () => {
    const xs = [1, 3, 5, 7, 9];
    expect(firstIndex(xs.length, (i) => xs[i] >= 5)).toBe(2);
    expect(firstIndex(xs.length, (i) => xs[i] >= 0)).toBe(0);
    expect(firstIndex(xs.length, (i) => xs[i] > 9)).toBe(5);
    expect(firstIndex(0, () => true)).toBe(0);
  });
  it('asks about log2(n) indices, not all of them (each may read the layout)', () => {
    let calls = 0;
    firstIndex(1449, (i) => {
      calls++;
      return i >= 700;
    });
    expect(calls).toBeLessThanOrEqual(11); // ceil(log2(1449)) = 11
  });
});

describe('paragraphsInBand', () => {
  // Five paragraphs 100 px high, stacked from 0: [0,100) [100,200) [200,300) [300,400) [400,500).
  const top = (i: number) => i * 100;
  const bottom = (i: number) => i * 100 + 100;
  it('returns the paragraphs overlapping the band', () => {
    expect(paragraphsInBand(5, top, bottom, 150, 320)).toEqual({ from: 1, to: 4 });
  });
  it('leaves out a paragraph that only touches the band edge', () => {
    // [200, 300): paragraph 1 ends at 200 and paragraph 3 starts at 300
    expect(paragraphsInBand(5, top, bottom, 200, 300)).toEqual({ from: 2, to: 3 });
  });
  it('clamps bands above and below the document', () => {
    expect(paragraphsInBand(5, top, bottom, -900, 50)).toEqual({ from: 0, to: 1 });
    expect(paragraphsInBand(5, top, bottom, 450, 2000)).toEqual({ from: 4, to: 5 });
    expect(paragraphsInBand(5, top, bottom, 600, 900)).toEqual({ from: 5, to: 5 });
  });
});

describe('planNear', () => {
  const sigs = ['a', '', 'c', 'd', 'e', 'f', 'g', 'h'];
  const sigOf = (i: number) => sigs[i];
  it('decorates the visible paragraphs first, skips those already right and those without marks', () => {
    const shown = new Map([[3, 'd']]);
    const { rebuilds, more } = planNear({ shown, want: { from: 0, to: 5 }, keep: { from: 0, to: 8 }, first: { from: 2, to: 4 }, sigOf });
    // visible 2,3 first (3 is already right), then 0 and 4; 1 has no marks and shows none
    expect(rebuilds).toEqual([
      { index: 2, sig: 'c' },
      { index: 0, sig: 'a' },
      { index: 4, sig: 'e' },
    ]);
    expect(more).toBe(false);
  });
  it('updates decorated paragraphs inside keep whose marks changed, and leaves those outside keep', () => {
    const shown = new Map([
      [5, 'old'],
      [7, 'old'],
    ]);
    const { rebuilds } = planNear({ shown, want: { from: 0, to: 0 }, keep: { from: 4, to: 6 }, sigOf });
    expect(rebuilds).toEqual([{ index: 5, sig: 'f' }]);
  });
  it('turns a decorated paragraph whose marks are all gone back into plain text', () => {
    const { rebuilds } = planNear({ shown: new Map([[1, 'x']]), want: { from: 0, to: 2 }, keep: { from: 0, to: 2 }, sigOf });
    expect(rebuilds).toEqual([
      { index: 0, sig: 'a' },
      { index: 1, sig: '' },
    ]);
  });
  it('leaves pinned paragraphs alone and stops at the limit', () => {
    const { rebuilds, more } = planNear({
      shown: new Map(),
      want: { from: 0, to: 8 },
      keep: { from: 0, to: 8 },
      sigOf,
      pinned: new Set([0, 2]),
      limit: 2,
    });
    expect(rebuilds.map((r) => r.index)).toEqual([3, 4]);
    expect(more).toBe(true);
  });
});

describe('planFill', () => {
  const sigOf = (i: number) => `s${i}`;
  it('works outward from the viewport, alternating below and above', () => {
    const { rebuilds, more } = planFill({ shown: new Map([[4, 's4']]), count: 8, around: { from: 3, to: 5 }, sigOf, limit: 5 });
    // around: 3 (4 is done); then below 5, above 2, below 6, above 1
    expect(rebuilds.map((r) => r.index)).toEqual([3, 5, 2, 6, 1]);
    expect(more).toBe(true);
  });
  it('reports no more work once every paragraph shows its signature', () => {
    const shown = new Map([0, 1, 2].map((i) => [i, `s${i}`] as [number, string]));
    expect(planFill({ shown, count: 3, around: { from: 0, to: 1 }, sigOf, limit: 10 })).toEqual({ rebuilds: [], more: false });
  });
  it('skips pinned paragraphs and finishes the rest', () => {
    const { rebuilds, more } = planFill({ shown: new Map(), count: 3, around: { from: 0, to: 1 }, sigOf, pinned: new Set([1]), limit: 10 });
    expect(rebuilds.map((r) => r.index)).toEqual([0, 2]);
    expect(more).toBe(false);
  });
});
