import { describe, expect, it } from 'vitest';
import { contains, coveredLength, intersect, overlaps, segment, subtract, union } from '../../../shared/spans/spans';

const s = (start: number, end: number) => ({ start, end });

describe('span arithmetic (half-open [start, end))', () => {
  it('touching spans do not overlap; sharing one character does', () => {
    expect(overlaps(s(0, 5), s(5, 9))).toBe(false);
    expect(overlaps(s(0, 5), s(4, 9))).toBe(true);
    expect(contains(s(0, 10), s(2, 10))).toBe(true);
    expect(contains(s(0, 10), s(2, 11))).toBe(false);
  });

  it('union merges overlapping and touching spans, drops empty ones', () => {
    expect(union([s(5, 9), s(0, 5), s(20, 25), s(22, 23), s(30, 30)])).toEqual([s(0, 9), s(20, 25)]);
    expect(union([s(0, 5), s(5, 9)], false)).toEqual([s(0, 5), s(5, 9)]);
  });

  it('intersect and subtract', () => {
    expect(intersect([s(0, 10), s(20, 30)], [s(5, 25)])).toEqual([s(5, 10), s(20, 25)]);
    expect(subtract([s(0, 30)], [s(5, 10), s(20, 25)])).toEqual([s(0, 5), s(10, 20), s(25, 30)]);
    expect(subtract([s(0, 10)], [s(0, 10)])).toEqual([]);
    expect(coveredLength([s(0, 10), s(5, 15), s(20, 21)])).toBe(16);
  });

  it('segment splits at every boundary and lists the covering spans', () => {
    const pieces = segment(12, [s(2, 6), s(4, 10)]);
    expect(pieces).toEqual([
      { start: 0, end: 2, covering: [] },
      { start: 2, end: 4, covering: [0] },
      { start: 4, end: 6, covering: [0, 1] },
      { start: 6, end: 10, covering: [1] },
      { start: 10, end: 12, covering: [] },
    ]);
  });

  it('agrees with a per-character model on random cases', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let trial = 0; trial < 200; trial++) {
      const a = Array.from({ length: rnd(5) }, () => { const x = rnd(40); return s(x, x + 1 + rnd(10)); });
      const b = Array.from({ length: rnd(5) }, () => { const x = rnd(40); return s(x, x + 1 + rnd(10)); });
      const setOf = (spans: { start: number; end: number }[]) => { const m = new Set<number>(); for (const x of spans) for (let i = x.start; i < x.end; i++) m.add(i); return m; };
      const A = setOf(a);
      const B = setOf(b);
      expect(setOf(intersect(a, b))).toEqual(new Set([...A].filter((i) => B.has(i))));
      expect(setOf(subtract(a, b))).toEqual(new Set([...A].filter((i) => !B.has(i))));
      expect(coveredLength(a)).toBe(A.size);
    }
  });
});
