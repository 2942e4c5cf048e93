// The intersections view's pure helpers: collapsing the code tree, cell values, the exported table
// and the network's links above a threshold, on a hand-made matrix.
import { describe, expect, it } from 'vitest';
import type { MatrixCode } from '../../shared/api/intersections';
import type { CodeId } from '../../shared/model/types';
import type { CooccurrenceCell } from '../../shared/stats/cooccurrence';
import { cellValue, indexCells, matrixTable, networkLinks, visibleCodes } from '../../renderer/features/intersections/matrix-model';

const code = (id: number, parentId: number | null, label: string, depth: number, hasChildren = false): MatrixCode => ({
  id: id as CodeId,
  parentId: parentId as CodeId | null,
  label,
  name: `Code ${label}`,
  color: '#000000',
  depth,
  hasChildren,
  n: 1,
  codings: 1,
  characters: 1,
  documents: 1,
  participants: 1,
});

// 1 ─┬─ 2 ── 3
//    └─ 4
// 5
const CODES = [code(1, null, '1', 0, true), code(2, 1, '1a', 1, true), code(3, 2, '1a.i', 2), code(4, 1, '1b', 1), code(5, null, '5', 0)];
const cellOf = (a: number, b: number, n: number, c: number, pBGivenA: number): CooccurrenceCell => ({ a, b, n, c, jaccard: c / 2, pBGivenA, documents: 1, participants: n });
// 4 and 5: n = 2, c = 0.5, P(5|4) = 1, P(4|5) = 0.4. 1 and 5: n = 1, c = 0.1.
const CELLS = [cellOf(4, 5, 2, 0.5, 1), cellOf(5, 4, 2, 0.5, 0.4), cellOf(1, 5, 1, 0.1, 0.2), cellOf(5, 1, 1, 0.1, 0.25), cellOf(4, 4, 5, 1, 1)];

describe('visibleCodes', () => {
  it('hides the whole subtree of a collapsed code, and only that', () => {
    expect(visibleCodes(CODES, new Set()).map((c) => c.label)).toEqual(['1', '1a', '1a.i', '1b', '5']);
    expect(visibleCodes(CODES, new Set([2])).map((c) => c.label)).toEqual(['1', '1a', '1b', '5']);
    expect(visibleCodes(CODES, new Set([1])).map((c) => c.label)).toEqual(['1', '5']);
  });
});

describe('cells and tables', () => {
  const index = indexCells(CELLS);
  it('reads the chosen value, null where codes never co-occur', () => {
    expect(cellValue(index, 4, 5, 'n')).toBe(2);
    expect(cellValue(index, 5, 4, 'pBGivenA')).toBe(0.4);
    expect(cellValue(index, 2, 5, 'n')).toBeNull();
  });

  it('writes the visible matrix with formatted values', () => {
    const t = matrixTable([CODES[3], CODES[4]], index, 'c');
    expect(t.columns).toEqual(['Code', '1b', '5']);
    expect(t.rows).toEqual([
      ['1b Code 1b', '1.00', '0.50'],
      ['5 Code 5', '0.50', ''],
    ]);
  });

  it('links pairs whose larger direction reaches the threshold', () => {
    expect(networkLinks(CODES, index, 'c', 0.2)).toEqual([{ a: 4, b: 5, weight: 0.5, n: 2 }]);
    expect(networkLinks(CODES, index, 'c', 0.1).map((l) => [l.a, l.b])).toEqual([
      [1, 5],
      [4, 5],
    ]);
    // P(B|A) is asymmetric: the link carries the larger share (1 for 4 → 5).
    expect(networkLinks(CODES, index, 'pBGivenA', 0.9)).toEqual([{ a: 4, b: 5, weight: 1, n: 2 }]);
  });
});
