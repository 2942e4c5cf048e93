// Co-occurrence matrix and evidence: hand-worked cases for each mode and coefficient, plus randomised
// comparisons with a brute-force union-find reference, the c-coefficient bounds, and columns vs objects.
import { describe, it, expect } from 'vitest';
import {
  cooccurrence,
  cooccurrenceEvidence,
  rollUpColumns,
  rollUpToAncestors,
  toColumns,
  type CoCoding,
  type CoDocument,
  type CooccurrenceMode,
  type CooccurrenceResult,
} from '../../../shared/stats/cooccurrence';
import { AccordError } from '../../../shared/errors';
import { rng } from '../../helpers/fixtures';

const A = 1;
const B = 2;
const C = 3;
const D = 4;

let nextId = 1;
function cod(codeId: number, start: number, end: number, documentId = 1): CoCoding {
  return { id: nextId++, documentId, codeId, start, end };
}
function doc(id: number, participant: string | null = null, length = 1000, turns?: { start: number; end: number }[]): CoDocument {
  return { id, length, participant, turns };
}
function cell(r: CooccurrenceResult, a: number, b: number) {
  return r.cells.find((c) => c.a === a && c.b === b);
}
const overlap: CooccurrenceMode = { kind: 'overlap' };

describe('overlap mode', () => {
  it('chains overlaps into one group (A1 ∩ B1 ∩ A2)', () => {
    // A1 [0,10), B1 [5,15), A2 [12,20): A1–B1 overlap on [5,10), B1–A2 on [12,15): one group.
    // n(A,B)=1, n(A)=2, n(B)=1 → c = 1/(2+1−1) = 0.5. Both A-codings are in the group → P(B|A)=2/2=1.
    // Jaccard: A covers 10+8=18 chars, B 10, both 5+3=8 → 8/(18+10−8) = 0.4.
    const r = cooccurrence([cod(A, 0, 10), cod(B, 5, 15), cod(A, 12, 20)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toEqual({ a: A, b: B, n: 1, c: 0.5, jaccard: 0.4, pBGivenA: 1, documents: 1, participants: 0 });
    expect(cell(r, B, A)).toEqual({ a: B, b: A, n: 1, c: 0.5, jaccard: 0.4, pBGivenA: 1, documents: 1, participants: 0 });
    expect(cell(r, A, A)).toMatchObject({ n: 2, c: 1, pBGivenA: 1, documents: 1 });
    expect(cell(r, B, B)).toMatchObject({ n: 1 });
    expect(r.totals).toEqual([
      { codeId: A, n: 2, codings: 2, characters: 18, documents: 1, participants: 0 },
      { codeId: B, n: 1, codings: 1, characters: 10, documents: 1, participants: 0 },
    ]);
  });

  it('does not chain through a third code', () => {
    // A [0,5) overlaps C [3,12) which overlaps B [10,15); A and B share nothing → no (A,B) cell.
    const r = cooccurrence([cod(A, 0, 5), cod(C, 3, 12), cod(B, 10, 15)], [doc(1)], [A, B, C], overlap);
    expect(cell(r, A, B)).toBeUndefined();
    expect(cell(r, B, A)).toBeUndefined();
    expect(cell(r, A, C)?.n).toBe(1);
    expect(cell(r, C, B)?.n).toBe(1);
    // The matrix holds 3 diagonal cells + (A,C),(C,A),(B,C),(C,B).
    expect(r.cells).toHaveLength(7);
  });

  it('touching ranges do not overlap', () => {
    // [0,5) and [5,9) share no character.
    const r = cooccurrence([cod(A, 0, 5), cod(B, 5, 9)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toBeUndefined();
  });

  it('nested codings', () => {
    // A [0,20) contains B1 [2,5) and B2 [10,15): one group. n(A)=1, n(B)=2 → c = 1/(1+2−1) = 0.5;
    // P(B|A) = 1/1, P(A|B) = 2/2. Jaccard: both = 3+5 = 8, either = 20 → 0.4.
    const r = cooccurrence([cod(A, 0, 20), cod(B, 2, 5), cod(B, 10, 15)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toMatchObject({ n: 1, c: 0.5, jaccard: 0.4, pBGivenA: 1 });
    expect(cell(r, B, A)).toMatchObject({ n: 1, c: 0.5, jaccard: 0.4, pBGivenA: 1 });
  });

  it('counts characters once where codings of the same code overlap', () => {
    // A [0,10), A [5,15), B [8,20): one chained group. A covers [0,15) = 15 chars, B 12,
    // both [8,15) = 7 → Jaccard 7/(15+12−7) = 0.35; c = 1/(2+1−1) = 0.5.
    const r = cooccurrence([cod(A, 0, 10), cod(A, 5, 15), cod(B, 8, 20)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toMatchObject({ n: 1, c: 0.5, pBGivenA: 1 });
    expect(cell(r, A, B)?.jaccard).toBeCloseTo(0.35, 12);
    expect(r.totals[0].characters).toBe(15);
  });

  it('identical ranges', () => {
    const r = cooccurrence([cod(A, 3, 8), cod(B, 3, 8)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toMatchObject({ n: 1, c: 1, jaccard: 1, pBGivenA: 1 });
  });

  it('one coding overlapping several', () => {
    // B [5,25) overlaps A1 [0,10) and A2 [20,30); A3 [40,50) stands alone. One group {A1,B,A2}.
    // n(A)=3, n(B)=1 → c = 1/(3+1−1) = 1/3. P(B|A) = 2/3, P(A|B) = 1.
    // Jaccard: A covers 30, B 20, both [5,10)+[20,25) = 10 → 10/(30+20−10) = 0.25.
    const r = cooccurrence([cod(A, 0, 10), cod(B, 5, 25), cod(A, 20, 30), cod(A, 40, 50)], [doc(1)], [A, B], overlap);
    const ab = cell(r, A, B)!;
    expect(ab.n).toBe(1);
    expect(ab.c).toBeCloseTo(1 / 3, 12);
    expect(ab.pBGivenA).toBeCloseTo(2 / 3, 12);
    expect(ab.jaccard).toBeCloseTo(0.25, 12);
    expect(cell(r, B, A)?.pBGivenA).toBe(1);
  });

  it('separate groups each count once', () => {
    // {A[0,10), B[5,12)} and {A[30,40), B[35,45)}: n=2, n(A)=n(B)=2 → c = 2/(2+2−2) = 1.
    const r = cooccurrence([cod(A, 0, 10), cod(B, 5, 12), cod(A, 30, 40), cod(B, 35, 45)], [doc(1)], [A, B], overlap);
    expect(cell(r, A, B)).toMatchObject({ n: 2, c: 1 });
  });

  it('counts documents and distinct participants', () => {
    // A and B overlap in documents 1 (P1), 2 (P1), 3 (P2) and 4 (no participant); A alone in 5 (P3).
    const docs = [doc(1, 'P1'), doc(2, 'P1'), doc(3, 'P2'), doc(4, null), doc(5, 'P3')];
    const codings = [1, 2, 3, 4].flatMap((d) => [cod(A, 0, 10, d), cod(B, 5, 15, d)]).concat([cod(A, 0, 4, 5)]);
    const r = cooccurrence(codings, docs, [A, B], overlap);
    expect(cell(r, A, B)).toMatchObject({ n: 4, documents: 4, participants: 2 });
    expect(cell(r, A, A)).toMatchObject({ n: 5, documents: 5, participants: 3 });
    // c = 4/(5+4−4) = 0.8; P(B|A) = 4/5.
    expect(cell(r, A, B)?.c).toBeCloseTo(0.8, 12);
    expect(cell(r, A, B)?.pBGivenA).toBeCloseTo(0.8, 12);
  });
});

describe('proximity modes', () => {
  it('within N characters: gap ≤ N, touching is 0 apart', () => {
    // A [0,5), B [8,12): characters 5,6,7 lie between → gap 3.
    const codings = [cod(A, 0, 5), cod(B, 8, 12)];
    expect(cell(cooccurrence(codings, [doc(1)], [A, B], { kind: 'chars', n: 2 }), A, B)).toBeUndefined();
    expect(cell(cooccurrence(codings, [doc(1)], [A, B], { kind: 'chars', n: 3 }), A, B)?.n).toBe(1);
    const touching = [cod(A, 0, 5), cod(B, 5, 9)];
    expect(cell(cooccurrence(touching, [doc(1)], [A, B], { kind: 'chars', n: 0 }), A, B)?.n).toBe(1);
  });

  it('within N characters chains and reports Jaccard 0 when nothing is shared', () => {
    // A [0,5), B [7,10), A [12,15), N = 2: gaps 2 and 2 → one group; no shared characters.
    const r = cooccurrence([cod(A, 0, 5), cod(B, 7, 10), cod(A, 12, 15)], [doc(1)], [A, B], { kind: 'chars', n: 2 });
    expect(cell(r, A, B)).toMatchObject({ n: 1, c: 0.5, jaccard: 0, pBGivenA: 1 });
  });

  it('same speaker turn', () => {
    // Turns [0,50) and [50,100). A [5,10) and B [30,40) share turn 1; C [60,70) is in turn 2;
    // D [45,55) touches both turns. Pair (A,C): never together (D does not chain them).
    const turns = [{ start: 0, end: 50 }, { start: 50, end: 100 }];
    const codings = [cod(A, 5, 10), cod(B, 30, 40), cod(C, 60, 70), cod(D, 45, 55)];
    const r = cooccurrence(codings, [doc(1, null, 100, turns)], [A, B, C, D], { kind: 'turn' });
    expect(cell(r, A, B)?.n).toBe(1);
    expect(cell(r, A, C)).toBeUndefined();
    expect(cell(r, A, D)?.n).toBe(1);
    expect(cell(r, C, D)?.n).toBe(1);
    expect(cell(r, B, C)).toBeUndefined();
    // The same codings in overlap mode: nothing overlaps, so only the 4 diagonal cells remain.
    expect(cooccurrence(codings, [doc(1, null, 100, turns)], [A, B, C, D], overlap).cells).toHaveLength(4);
  });

  it('turn mode falls back to overlap where a document has no turns', () => {
    const r = cooccurrence([cod(A, 5, 10), cod(B, 30, 40), cod(A, 60, 70), cod(B, 65, 80)], [doc(1)], [A, B], { kind: 'turn' });
    expect(cell(r, A, B)?.n).toBe(1);
  });

  it('same document: every number counts documents', () => {
    // Doc 1 (P1): A, A, B far apart. Doc 2 (P2): A only. Doc 3 (P1): A, B.
    // Documents: with A = {1, 2, 3} = 3, with B = {1, 3} = 2, with both = {1, 3} = 2.
    // n(A,B) = 2; c = 2 / (3 + 2 − 2) = 2/3; Jaccard over documents = |{1,3}| / |{1,2,3}| = 2/3;
    // P(B|A) = 2/3, P(A|B) = 2/2 = 1. On the diagonal n(A) = 3 documents (4 codings).
    const codings = [cod(A, 0, 5, 1), cod(A, 100, 110, 1), cod(B, 500, 510, 1), cod(A, 0, 5, 2), cod(A, 0, 5, 3), cod(B, 50, 60, 3)];
    const r = cooccurrence(codings, [doc(1, 'P1'), doc(2, 'P2'), doc(3, 'P1')], [A, B], { kind: 'document' });
    expect(cell(r, A, B)).toEqual({ a: A, b: B, n: 2, c: 2 / 3, jaccard: 2 / 3, pBGivenA: 2 / 3, documents: 2, participants: 1 });
    expect(cell(r, B, A)?.pBGivenA).toBe(1);
    expect(cell(r, A, A)?.n).toBe(3);
    expect(r.totals[0]).toMatchObject({ n: 3, codings: 4, documents: 3 });
  });
});

describe('evidence', () => {
  it('lists the groups behind a cell with their extents', () => {
    const a1 = cod(A, 0, 10);
    const b1 = cod(B, 5, 15);
    const a2 = cod(A, 12, 20);
    const a3 = cod(A, 40, 50);
    const b2 = cod(B, 3, 6, 2);
    const a4 = cod(A, 5, 9, 2);
    const codings = [a1, b1, a2, a3, b2, a4, cod(C, 0, 50)];
    const groups = cooccurrenceEvidence(codings, [doc(1), doc(2)], A, B, overlap);
    expect(groups).toEqual([
      { documentId: 1, start: 0, end: 20, aCodingIds: [a1.id, a2.id], bCodingIds: [b1.id] },
      { documentId: 2, start: 3, end: 9, aCodingIds: [a4.id], bCodingIds: [b2.id] },
    ]);
    // The evidence agrees with the matrix's count.
    expect(cell(cooccurrence(codings, [doc(1), doc(2)], [A, B], overlap), A, B)?.n).toBe(groups.length);
  });

  it('diagonal evidence is each coding of the code', () => {
    const a1 = cod(A, 10, 20);
    const a2 = cod(A, 0, 5);
    expect(cooccurrenceEvidence([a1, a2], [doc(1)], A, A, overlap).map((g) => g.aCodingIds)).toEqual([[a2.id], [a1.id]]);
  });
});

describe('parent roll-up', () => {
  it('a parent stands for the union of its children', () => {
    // Parent P=10 with children 11 [0,5) and 12 [20,25); B=20 at [3,8) overlaps child 11 only.
    // Rolled up, P holds 2 codings, one co-occurs with B: n(P,B)=1, c = 1/(2+1−1) = 0.5, P(B|P) = 0.5.
    const parentOf = new Map<number, number | null>([[10, null], [11, 10], [12, 10], [20, null]]);
    const c11 = cod(11, 0, 5);
    const rolled = rollUpToAncestors([c11, cod(12, 20, 25), cod(20, 3, 8)], parentOf);
    expect(rolled).toHaveLength(5);
    expect(rolled.filter((c) => c.codeId === 10).map((c) => c.id)).toContain(c11.id);
    const r = cooccurrence(rolled, [doc(1)], [10, 20], overlap);
    expect(cell(r, 10, 20)).toMatchObject({ n: 1, c: 0.5, pBGivenA: 0.5 });
    expect(cell(r, 10, 10)?.n).toBe(2);
  });

  it('copies to every ancestor and rejects a cycle', () => {
    const tree = new Map<number, number | null>([[1, null], [2, 1], [3, 2]]);
    expect(rollUpToAncestors([cod(3, 0, 1)], tree).map((c) => c.codeId)).toEqual([3, 2, 1]);
    const cyclic = new Map<number, number | null>([[1, 2], [2, 1]]);
    expect(() => rollUpToAncestors([cod(1, 0, 1)], cyclic)).toThrow(AccordError);
  });
});

describe('input errors', () => {
  it('rejects codings outside their document or of unknown documents', () => {
    expect(() => cooccurrence([cod(A, 5, 2000)], [doc(1)], [A], overlap)).toThrow(/outside document 1/);
    expect(() => cooccurrence([cod(A, 5, 5)], [doc(1)], [A], overlap)).toThrow(AccordError);
    expect(() => cooccurrence([cod(A, 0, 5, 9)], [doc(1)], [A], overlap)).toThrow(/document 9/);
    expect(() => cooccurrence([], [doc(1)], [A], { kind: 'chars', n: -1 })).toThrow(AccordError);
    expect(() => cooccurrence([], [doc(1)], [A, A], overlap)).toThrow(/twice/);
  });
});

/** Brute force: per document, union-find over the A- and B-codings with an explicit pair test. */
function reference(codings: CoCoding[], docs: CoDocument[], a: number, b: number, mode: CooccurrenceMode) {
  let n = 0;
  let partA = 0;
  let documents = 0;
  const people = new Set<string>();
  for (const d of docs) {
    const items = codings.filter((c) => c.documentId === d.id && (c.codeId === a || c.codeId === b));
    const parent = items.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const turnOf = (c: CoCoding) => (d.turns ?? []).filter((t) => t.start < c.end && c.start < t.end);
    const connected = (x: CoCoding, y: CoCoding): boolean => {
      const ov = x.start < y.end && y.start < x.end;
      switch (mode.kind) {
        case 'overlap':
          return ov;
        case 'chars':
          return Math.max(x.start, y.start) - Math.min(x.end, y.end) <= mode.n;
        case 'turn':
          return ov || turnOf(x).some((t) => turnOf(y).includes(t));
        case 'document':
          return true;
      }
    };
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) if (connected(items[i], items[j])) parent[find(i)] = find(j);
    }
    const comps = new Map<number, { a: number; b: number }>();
    items.forEach((c, i) => {
      const k = find(i);
      const g = comps.get(k) ?? { a: 0, b: 0 };
      if (c.codeId === a) g.a++;
      else g.b++;
      comps.set(k, g);
    });
    let here = 0;
    for (const g of comps.values()) {
      if (g.a > 0 && g.b > 0) {
        here++;
        partA += g.a;
      }
    }
    n += here;
    if (here > 0) documents++;
    if (here > 0 && d.participant !== null) people.add(d.participant);
  }
  return { n, partA, documents, participants: people.size };
}

/** In same-document mode: documents holding a, holding both, holding either (P(B|A) and Jaccard count documents). */
function documentRatios(codings: CoCoding[], a: number, b: number): { pBGivenA: number; jaccard: number } {
  const docsOf = (code: number) => new Set(codings.filter((c) => c.codeId === code).map((c) => c.documentId));
  const x = docsOf(a);
  const y = docsOf(b);
  const both = [...x].filter((d) => y.has(d)).length;
  return { pBGivenA: both / x.size, jaccard: both / (x.size + y.size - both) };
}

/** Jaccard by brute force over sets of (document, character offset). */
function jaccardReference(codings: CoCoding[], a: number, b: number): number {
  const chars = (code: number) => {
    const set = new Set<string>();
    for (const c of codings) if (c.codeId === code) for (let x = c.start; x < c.end; x++) set.add(`${c.documentId}:${x}`);
    return set;
  };
  const x = chars(a);
  const y = chars(b);
  let both = 0;
  for (const k of x) if (y.has(k)) both++;
  return both / (x.size + y.size - both);
}


describe('random cases', () => {
  it('match a brute-force reference and keep c, Jaccard and P(B|A) within [0, 1]', () => {
    const modes: CooccurrenceMode[] = [{ kind: 'overlap' }, { kind: 'chars', n: 3 }, { kind: 'turn' }, { kind: 'document' }];
    const codes = [1, 2, 3, 4, 5];
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rand = rng(seed);
      const docs: CoDocument[] = [];
      const codings: CoCoding[] = [];
      for (let d = 1; d <= 3; d++) {
        const turns = [];
        for (let t = 0; t < 200; t += 25 + Math.floor(rand() * 30)) turns.push({ start: t, end: Math.min(200, t + 20 + Math.floor(rand() * 15)) });
        docs.push(doc(d, rand() < 0.3 ? null : `P${Math.floor(rand() * 2)}`, 200, turns.filter((t) => t.end > t.start)));
        const count = Math.floor(rand() * 14);
        for (let k = 0; k < count; k++) {
          const start = Math.floor(rand() * 190);
          codings.push(cod(codes[Math.floor(rand() * codes.length)], start, start + 1 + Math.floor(rand() * Math.min(30, 200 - start - 1))));
        }
      }
      // Interleave documents in the input, as a database query may return them.
      codings.sort(() => rand() - 0.5);
      // Turns in the reference must not overlap, as the implementation merges overlapping turns.
      for (const d of docs) d.turns = (d.turns ?? []).filter((t, i, all) => i === 0 || t.start >= all[i - 1].end);
      for (const mode of modes) {
        const r = cooccurrence(codings, docs, codes, mode);
        for (const a of codes) {
          for (const b of codes) {
            if (a === b) continue;
            const ref = reference(codings, docs, a, b, mode);
            const got = cell(r, a, b);
            expect(got?.n ?? 0, `seed ${seed} ${mode.kind} (${a},${b})`).toBe(ref.n);
            if (!got) continue;
            const nA = codings.filter((c) => c.codeId === a).length;
            const byDoc = mode.kind === 'document' ? documentRatios(codings, a, b) : null;
            expect(got.pBGivenA).toBeCloseTo(byDoc ? byDoc.pBGivenA : ref.partA / nA, 12);
            expect(got.documents).toBe(ref.documents);
            expect(got.participants).toBe(ref.participants);
            expect(got.jaccard).toBeCloseTo(byDoc ? byDoc.jaccard : jaccardReference(codings, a, b), 12);
            expect(got.c).toBeGreaterThan(0);
            expect(got.c).toBeLessThanOrEqual(1);
            expect(got.jaccard).toBeGreaterThanOrEqual(0);
            expect(got.jaccard).toBeLessThanOrEqual(1);
            expect(got.pBGivenA).toBeLessThanOrEqual(1);
            const evidence = cooccurrenceEvidence(codings, docs, a, b, mode);
            expect(evidence).toHaveLength(got.n);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('columns and dense cases', () => {
  const modes: CooccurrenceMode[] = [{ kind: 'overlap' }, { kind: 'chars', n: 2 }, { kind: 'turn' }, { kind: 'document' }];
  /** Many short codings on short documents: same-code overlaps, touching ranges, identical ranges and ties. */
  function dense(seed: number, codes: number[], docs: number, perDoc: number, length: number, span = 8) {
    const rand = rng(seed);
    const documents: CoDocument[] = [];
    const codings: CoCoding[] = [];
    for (let d = 1; d <= docs; d++) {
      const turns = [];
      for (let t = 0; t < length; t += 8 + Math.floor(rand() * 10)) turns.push({ start: t, end: Math.min(length, t + 6 + Math.floor(rand() * 6)) });
      documents.push(doc(d, rand() < 0.25 ? null : `P${Math.floor(rand() * 3)}`, length, turns.filter((t, i, all) => i === 0 || t.start >= all[i - 1].end)));
      for (let k = 0; k < perDoc; k++) {
        const start = Math.floor(rand() * (length - 1));
        codings.push(cod(codes[Math.floor(rand() * codes.length)], start, start + 1 + Math.floor(rand() * Math.min(span, length - start - 1)), d));
      }
    }
    codings.sort(() => rand() - 0.5);
    return { documents, codings };
  }
  const asColumns = (codings: CoCoding[]) => ({
    length: codings.length,
    id: Int32Array.from(codings, (c) => c.id),
    documentId: Int32Array.from(codings, (c) => c.documentId),
    codeId: Int32Array.from(codings, (c) => c.codeId),
    start: Int32Array.from(codings, (c) => c.start),
    end: Int32Array.from(codings, (c) => c.end),
  });

  it('dense documents match the brute-force reference (groups through chains of one code)', () => {
    const codes = [1, 2, 3];
    let checked = 0;
    for (let seed = 100; seed < 160; seed++) {
      const { documents, codings } = dense(seed, codes, 3, 25, 60);
      for (const mode of modes) {
        const r = cooccurrence(codings, documents, codes, mode);
        for (const a of codes) {
          for (const b of codes) {
            if (a === b) continue;
            const ref = reference(codings, documents, a, b, mode);
            const got = cell(r, a, b);
            expect(got?.n ?? 0, `seed ${seed} ${mode.kind} (${a},${b})`).toBe(ref.n);
            if (!got) continue;
            const byDoc = mode.kind === 'document' ? documentRatios(codings, a, b) : null;
            expect(got.pBGivenA).toBeCloseTo(byDoc ? byDoc.pBGivenA : ref.partA / codings.filter((c) => c.codeId === a).length, 12);
            expect(got.documents).toBe(ref.documents);
            expect(got.participants).toBe(ref.participants);
            expect(got.jaccard).toBeCloseTo(byDoc ? byDoc.jaccard : jaccardReference(codings, a, b), 12);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('many codes (pair records in several blocks, whose queues fill up and are applied mid-way) match the reference', () => {
    // 150 codes make 11,175 pairs, in three blocks of 4,096 records; these documents give about 85,000
    // (document, pair) results, more than a block's queue of 16,384 holds.
    const codes = Array.from({ length: 150 }, (_, k) => k + 1);
    const { documents, codings } = dense(7, codes, 10, 700, 400, 40);
    const r = cooccurrence(codings, documents, codes, { kind: 'overlap' });
    let nonzero = 0;
    for (let a = 1; a <= 150; a += 7) {
      for (const b of codes) {
        if (a === b) continue;
        const ref = reference(codings, documents, a, b, { kind: 'overlap' });
        const got = cell(r, a, b);
        expect(got?.n ?? 0, `(${a},${b})`).toBe(ref.n);
        if (got) {
          expect(got.documents).toBe(ref.documents);
          expect(got.participants).toBe(ref.participants);
          nonzero++;
        }
      }
    }
    expect(nonzero).toBeGreaterThan(100);
  });

  it('typed-array columns give exactly the result and evidence of objects', () => {
    for (let seed = 200; seed < 230; seed++) {
      const codes = [1, 2, 3, 4, 5, 6];
      const { documents, codings } = dense(seed, codes, 4, 30, 80);
      for (const mode of modes) {
        expect(cooccurrence(asColumns(codings), documents, codes, mode)).toEqual(cooccurrence(codings, documents, codes, mode));
        expect(cooccurrenceEvidence(asColumns(codings), documents, 1, 2, mode)).toEqual(cooccurrenceEvidence(codings, documents, 1, 2, mode));
      }
    }
  });

  it('toColumns copies objects, and columns report errors like objects', () => {
    const list = [cod(A, 0, 5), cod(B, 3, 9, 2)];
    const cols = toColumns(list);
    expect(cols.length).toBe(2);
    expect(Array.from(cols.codeId)).toEqual([A, B]);
    expect(Array.from(cols.start)).toEqual([0, 3]);
    expect(toColumns(cols)).toBe(cols);
    const bad = [cod(A, 5, 2000)];
    expect(() => cooccurrence(asColumns(bad), [doc(1)], [A], overlap)).toThrow(`coding ${bad[0].id} has range [5, 2000)`);
    expect(() => cooccurrence(asColumns([cod(A, 0, 5, 9)]), [doc(1)], [A], overlap)).toThrow(/document 9/);
  });

  it('rollUpColumns equals rollUpToAncestors, in the same order', () => {
    const tree = new Map<number, number | null>([[1, null], [2, 1], [3, 2], [4, null]]);
    const list = [cod(3, 0, 4), cod(4, 1, 2), cod(2, 5, 9, 2), cod(9, 0, 1)];
    const rolled = rollUpColumns(toColumns(list), tree);
    const expected = rollUpToAncestors(list, tree);
    expect(rolled.length).toBe(expected.length);
    expect(Array.from(rolled.codeId)).toEqual(expected.map((c) => c.codeId));
    expect(Array.from(rolled.id)).toEqual(expected.map((c) => c.id));
    expect(Array.from(rolled.documentId)).toEqual(expected.map((c) => c.documentId));
    expect(Array.from(rolled.start)).toEqual(expected.map((c) => c.start));
    expect(Array.from(rolled.end)).toEqual(expected.map((c) => c.end));
    expect(() => rollUpColumns(toColumns([cod(1, 0, 1)]), new Map([[1, 2], [2, 1]]))).toThrow(AccordError);
  });
});
