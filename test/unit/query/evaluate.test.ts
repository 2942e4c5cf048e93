// Evaluation of code queries over codings: each operator on hand-worked cases, nesting, name
// resolution, and agreement of AND / NEAR with the co-occurrence matrix.
import { describe, it, expect } from 'vitest';
import { codeResolver, evaluateQuery } from '../../../shared/query/evaluate';
import { cooccurrence, type CoCoding } from '../../../shared/stats/cooccurrence';
import { AccordError } from '../../../shared/errors';
import { rng } from '../../helpers/fixtures';

const A = 1; // 10a
const B = 2; // 100
const C = 3; // 30a "Leadership"
const P = 4; // 10, parent of 10a

const codes = [
  { id: A, label: '10a', name: 'Trust', parentId: P },
  { id: B, label: '100', name: 'Barriers', parentId: null },
  { id: C, label: '30a', name: 'Leadership', parentId: null },
  { id: P, label: '10', name: 'Relationships', parentId: null },
];
const resolve = codeResolver(codes);

let nextId = 1;
const cod = (codeId: number, start: number, end: number, documentId = 1): CoCoding => ({ id: nextId++, documentId, codeId, start, end });

// Document 1:  a1 [0,10) b1 [5,15) a2 [12,20)  → one overlap group [0,20)
//              c2 [0,10) identical to a1
//              a3 [30,40) b2 [40,50)           → touching, not overlapping
//              b3 [55,80) ⊃ a4 [60,65)
// Document 2:  a5 [0,5) c1 [3,9)
const a1 = cod(A, 0, 10);
const b1 = cod(B, 5, 15);
const a2 = cod(A, 12, 20);
const c2 = cod(C, 0, 10);
const a3 = cod(A, 30, 40);
const b2 = cod(B, 40, 50);
const b3 = cod(B, 55, 80);
const a4 = cod(A, 60, 65);
const a5 = cod(A, 0, 5, 2);
const c1 = cod(C, 3, 9, 2);
const codings = [a1, b1, a2, c2, a3, b2, b3, a4, a5, c1];

const spans = (q: string) => evaluateQuery(q, codings, resolve).map((s) => [s.documentId, s.start, s.end]);

describe('evaluateQuery', () => {
  it('a single code yields its codings as quotes', () => {
    expect(evaluateQuery('10a', codings, resolve)).toEqual([
      { documentId: 1, start: 0, end: 10, codeIds: [A], codingIds: [a1.id] },
      { documentId: 1, start: 12, end: 20, codeIds: [A], codingIds: [a2.id] },
      { documentId: 1, start: 30, end: 40, codeIds: [A], codingIds: [a3.id] },
      { documentId: 1, start: 60, end: 65, codeIds: [A], codingIds: [a4.id] },
      { documentId: 2, start: 0, end: 5, codeIds: [A], codingIds: [a5.id] },
    ]);
  });

  it('AND: overlapping groups (chained) as whole extents; touching is not overlap', () => {
    // {a1, b1, a2} chain into [0,20); a3/b2 only touch; {b3, a4} → [55,80).
    expect(evaluateQuery('10a AND 100', codings, resolve)).toEqual([
      { documentId: 1, start: 0, end: 20, codeIds: [A, B], codingIds: [a1.id, b1.id, a2.id].sort((x, y) => x - y) },
      { documentId: 1, start: 55, end: 80, codeIds: [A, B], codingIds: [b3.id, a4.id].sort((x, y) => x - y) },
    ]);
  });

  it('OR: every quote of either side, identical ranges merged', () => {
    expect(evaluateQuery('10a OR "Leadership"', codings, resolve).map((s) => [s.documentId, s.start, s.end, s.codeIds])).toEqual([
      [1, 0, 10, [A, C]],
      [1, 12, 20, [A]],
      [1, 30, 40, [A]],
      [1, 60, 65, [A]],
      [2, 0, 5, [A]],
      [2, 3, 9, [C]],
    ]);
  });

  it('NOT: A-codings sharing no character with B (touching stays)', () => {
    // a1, a2 overlap b1; a4 lies in b3; a3 only touches b2; document 2 has no B.
    expect(spans('10a NOT 100')).toEqual([
      [1, 30, 40],
      [2, 0, 5],
    ]);
  });

  it('WITHIN: A-codings contained in a single B-coding', () => {
    expect(spans('10a WITHIN 100')).toEqual([[1, 60, 65]]);
    expect(spans('100 WITHIN 10a')).toEqual([]);
    // c2 [0,10) equals a1 [0,10): equal ranges count as contained.
    expect(spans('30a WITHIN 10a')).toEqual([[1, 0, 10]]);
  });

  it('NEAR(n): groups within n characters (gaps 10 and 5 in document 1)', () => {
    // Gaps: a2 [12,20) → a3 [30,40) is 10; b2 [40,50) → b3 [55,80) is 5; a3/b2 touch (0).
    expect(spans('10a NEAR(0) 100')).toEqual([
      [1, 0, 20],
      [1, 30, 50],
      [1, 55, 80],
    ]);
    expect(spans('10a NEAR(5) 100')).toEqual([
      [1, 0, 20],
      [1, 30, 80],
    ]);
    expect(spans('10a NEAR(10) 100')).toEqual([[1, 0, 80]]);
  });

  it('nests operators with parentheses and precedence', () => {
    // (A OR C) AND B: [0,10){A,C}, a2 and b1 chain → [0,20) with codes A, B, C; a4/b3 → [55,80).
    expect(evaluateQuery('(10a OR 30a) AND 100', codings, resolve).map((s) => [s.start, s.end, s.codeIds])).toEqual([
      [0, 20, [A, B, C]],
      [55, 80, [A, B]],
    ]);
    // A AND B NOT C reads A AND (B NOT C): b1 overlaps c2 and drops out, so only {a4, b3} remains.
    expect(spans('10a AND 100 NOT 30a')).toEqual([[1, 55, 80]]);
    // (A AND B) NOT C: the group [0,20) overlaps c2 and drops out too.
    expect(spans('(10a AND 100) NOT 30a')).toEqual([[1, 55, 80]]);
    expect(spans('(10a AND 100) OR 30a')).toEqual([
      [1, 0, 10],
      [1, 0, 20],
      [1, 55, 80],
      [2, 3, 9],
    ]);
  });

  it('resolves labels, names (any case) and parents with their subtree', () => {
    expect(resolve('10a', false)).toEqual([A]);
    expect(resolve('Leadership', true)).toEqual([C]);
    expect(resolve('leadership', false)).toEqual([C]);
    expect(resolve('nothing', false)).toBeNull();
    const withChildren = codeResolver(codes, { includeDescendants: true });
    expect(withChildren('10', false)).toEqual([A, P]);
    expect(evaluateQuery('10 AND 100', codings, withChildren)).toHaveLength(2);
    expect(evaluateQuery('10 AND 100', codings, resolve)).toEqual([]);
  });

  it('names an unknown code with its column', () => {
    expect(() => evaluateQuery('10a AND 99', codings, resolve)).toThrow(new AccordError('INVALID_INPUT', 'no code called 99 (column 9)'));
    expect(() => evaluateQuery('10a AND', codings, resolve)).toThrow(/column 8/);
  });
});


describe('agreement with the co-occurrence matrix', () => {
  it('AND and NEAR(n) return as many quotes as n(A,B) in overlap and within-n modes', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = rng(seed);
      const list: CoCoding[] = [];
      for (let k = 0; k < 40; k++) {
        const start = Math.floor(rand() * 300);
        list.push(cod(1 + Math.floor(rand() * 3), start, start + 1 + Math.floor(rand() * 25), 1 + Math.floor(rand() * 2)));
      }
      const docs = [1, 2].map((id) => ({ id, length: 400, participant: null }));
      const byLabel = codeResolver(codes);
      const overlapN = cooccurrence(list, docs, [A, B], { kind: 'overlap' }).cells.find((c) => c.a === A && c.b === B)?.n ?? 0;
      expect(evaluateQuery('10a AND 100', list, byLabel), `seed ${seed}`).toHaveLength(overlapN);
      const nearN = cooccurrence(list, docs, [A, B], { kind: 'chars', n: 7 }).cells.find((c) => c.a === A && c.b === B)?.n ?? 0;
      expect(evaluateQuery('10a NEAR(7) 100', list, byLabel), `seed ${seed}`).toHaveLength(nearN);
    }
  });
});
