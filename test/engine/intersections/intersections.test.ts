// Intersection reports through the engine on a hand-worked project: every co-occurrence mode (chained
// overlaps, touching, nested, identical, one coding overlapping several), layers, group and attribute
// filters, roll-up, evidence quotes, code × attribute, saturation, and code queries (run, save, rerun,
// code the results as one undoable step). Expected numbers are worked by hand in the comments.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MatrixResult } from '../../../shared/api/intersections';
import type { Engine } from '../../../electron/engine/engine';
import { ensureConsensusCoder } from '../../../electron/engine/services/consensus';
import { applyCodings } from '../../../electron/engine/services/codings';
import { b64, newProject, tempDir } from '../../helpers/temp';

// D1 is 200 characters long; offsets below are hand-placed in it.
const D1 = 'abcdefghij'.repeat(20);
const D2 = 'klmnopqrst'.repeat(10);
// Two speaker turns: [0, 37) and [38, 85).
const D3 = 'Interviewer: Tell me about the start.\nID3: We met in a room and then we wrote a plan.';

let e: Engine;
let ids: { A: number; B: number; C: number; P: number; d1: number; d2: number; d3: number; ana: number; ben: number; group: number };

const cell = (m: MatrixResult, a: number, b: number) => m.cells.find((c) => c.a === a && c.b === b);

beforeAll(async () => {
  e = await newProject(tempDir());
  const d1 = (await e.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64(D1) })).document.id;
  const d2 = (await e.call('documents:import', { fileName: 'ID2 interview.txt', dataBase64: b64(D2) })).document.id;
  const d3 = (await e.call('documents:import', { fileName: 'ID3 interview.txt', dataBase64: b64(D3) })).document.id;
  const P = (await e.call('codebook:create', { parentId: null, label: '1', name: 'Parent' })).id;
  const A = (await e.call('codebook:create', { parentId: P, label: '10a', name: 'Alpha' })).id;
  const C = (await e.call('codebook:create', { parentId: P, label: '30c', name: 'Gamma' })).id;
  const B = (await e.call('codebook:create', { parentId: null, label: '20b', name: 'Beta' })).id;
  const ana = (await e.call('coders:current', {}))!.id;
  const code = (documentId: number, codeId: number, start: number, end: number) => e.call('codings:apply', { documentId, codeIds: [codeId], start, end });
  // D1, coder Ana:
  //   chained   A1 [0,10)  B1 [5,15)  A2 [12,20)   → one group
  //   touching  A3 [30,40) B2 [40,50)               → no overlap (0 characters apart)
  //   nested    A4 [60,90) B3 [70,80)               → one group
  //   identical A5 [100,110) B4 [100,110)           → one group
  //   several   B5 [120,160) A6 [120,125) A7 [130,135) A8 [150,155) → one group
  //   C1 [180,190) alone
  for (const [s, t] of [[0, 10], [12, 20], [30, 40], [60, 90], [100, 110], [120, 125], [130, 135], [150, 155]]) await code(d1, A, s, t);
  for (const [s, t] of [[5, 15], [40, 50], [70, 80], [100, 110], [120, 160]]) await code(d1, B, s, t);
  await code(d1, C, 180, 190);
  // D2, Ana: A [0,10) B [5,15) → one group.
  await code(d2, A, 0, 10);
  await code(d2, B, 5, 15);
  // D3, Ana: A [43,50) and B [60,70) in the same turn [38,85), apart; C [0,10) in the interviewer's turn.
  await code(d3, A, 43, 50);
  await code(d3, B, 60, 70);
  await code(d3, C, 0, 10);
  // Ben codes D2 only: A [0,10), B [50,60) — apart.
  const ben = (await e.call('coders:select', { name: 'Ben' })).id;
  await code(d2, A, 0, 10);
  await code(d2, B, 50, 60);
  await e.call('coders:select', { name: 'Ana' });
  // Attributes: ID1 and ID3 are clinicians, ID2 a manager; all at site North except ID3.
  await e.call('participants:import', {
    fileName: 'people.csv',
    text: 'Participant ID,Role,Site,Interviewed\nID1,Clinician,North,2021-03-02\nID2,Manager,North,2021-01-15\nID3,Clinician,South,2021-02-01\n',
  });
  const group = (await e.call('groups:create', { name: 'Managers' })).id;
  await e.call('groups:setMembers', { groupId: group, documentIds: [d2] });
  ids = { A, B, C, P, d1, d2, d3, ana, ben, group };
});

describe('co-occurrence matrix (overlap)', () => {
  it('counts chained, nested, identical and one-to-several overlaps as one each; touching is not overlap', async () => {
    const m = await e.call('intersections:matrix', { layer: ids.ana, documentIds: [ids.d1 as never] });
    const ab = cell(m, ids.A, ids.B)!;
    // Groups with both codes: chained, nested, identical, several = 4 (touching excluded).
    expect(ab.n).toBe(4);
    // n(A) = 8, n(B) = 5: c = 4 / (8 + 5 − 4) = 4/9.
    expect(ab.c).toBeCloseTo(4 / 9, 12);
    // A-codings in a co-occurrence: A1 A2 A4 A5 A6 A7 A8 = 7 of 8; B-codings: B1 B3 B4 B5 = 4 of 5.
    expect(ab.pBGivenA).toBeCloseTo(7 / 8, 12);
    expect(cell(m, ids.B, ids.A)!.pBGivenA).toBeCloseTo(4 / 5, 12);
    // Characters: A covers 18+10+30+10+15 = 83, B covers 10·4+40 = 80, both 5+3+10+10+15 = 43 → 43/120.
    expect(ab.jaccard).toBeCloseTo(43 / 120, 12);
    expect(ab.documents).toBe(1);
    expect(ab.participants).toBe(1);
    expect(cell(m, ids.A, ids.A)!.n).toBe(8);
    expect(cell(m, ids.B, ids.B)!.n).toBe(5);
    // C never meets A or B, and P has no codings of its own.
    expect(cell(m, ids.A, ids.C)).toBeUndefined();
    expect(cell(m, ids.P, ids.P)).toBeUndefined();
    expect(m.codes.map((c) => c.label)).toEqual(['1', '10a', '30c', '20b']);
    expect(m.scope.layer).toBe('coder Ana');
  });

  it('pools documents and participants, and keeps c within 0–1', async () => {
    const m = await e.call('intersections:matrix', { layer: ids.ana });
    const ab = cell(m, ids.A, ids.B)!;
    // D1: 4, D2: 1, D3: A and B apart → 0. n(A) = 10, n(B) = 7: c = 5 / (10 + 7 − 5) = 5/12.
    expect(ab.n).toBe(5);
    expect(ab.c).toBeCloseTo(5 / 12, 12);
    expect(ab.documents).toBe(2);
    expect(ab.participants).toBe(2);
    for (const c of m.cells) {
      expect(c.c).toBeGreaterThanOrEqual(0);
      expect(c.c).toBeLessThanOrEqual(1);
    }
  });

  it('connects within N characters: touching ranges are 0 apart; gaps of 10 join at chars:10 only', async () => {
    const n = async (mode: string) => cell(await e.call('intersections:matrix', { layer: ids.ana, documentIds: [ids.d1 as never], mode }), ids.A, ids.B)?.n;
    // chars:0 adds the touching pair: 5 groups.
    expect(await n('chars:0')).toBe(5);
    // The five clusters are 10 characters apart (20→30, 50→60, 90→100, 110→120): still 5 at chars:9 …
    expect(await n('chars:9')).toBe(5);
    // … and one chain at chars:10.
    expect(await n('chars:10')).toBe(1);
    expect(await n('document')).toBe(1);
  });

  it('turn mode connects codings in the same speaker turn', async () => {
    const run = (mode: string) => e.call('intersections:matrix', { layer: ids.ana, documentIds: [ids.d3 as never], mode });
    // A [43,50) and B [60,70) are apart but share the turn [38,85); C is in the interviewer's turn.
    expect(cell(await run('overlap'), ids.A, ids.B)).toBeUndefined();
    expect(cell(await run('turn'), ids.A, ids.B)!.n).toBe(1);
    expect(cell(await run('turn'), ids.A, ids.C)).toBeUndefined();
    expect(cell(await run('document'), ids.A, ids.C)!.n).toBe(1);
  });

  it('rolls children up into their parent on request', async () => {
    const m = await e.call('intersections:matrix', { layer: ids.ana, rollUp: true });
    // P = A ∪ C: n(P) = 10 + 2; P × B as A × B (C never meets B) = 5.
    expect(cell(m, ids.P, ids.P)!.n).toBe(12);
    expect(cell(m, ids.P, ids.B)!.n).toBe(5);
    expect(m.codes.find((c) => c.id === ids.P)).toMatchObject({ n: 12, hasChildren: true, depth: 0 });
  });

  it('rejects an unknown mode', async () => {
    await expect(e.call('intersections:matrix', { layer: 'all', mode: 'sentence' })).rejects.toThrow(/mode/);
  });

  it('same-document mode counts documents in n, c, Jaccard and P(B|A)', async () => {
    const m = await e.call('intersections:matrix', { layer: ids.ana, mode: 'document' });
    // Ana: A in D1, D2, D3 (3 documents, 10 codings); B in D1, D2, D3 (3 documents, 7 codings); both in all 3.
    // n(A,B) = 3, c = 3 / (3 + 3 − 3) = 1, Jaccard = 3/3 = 1, P(B|A) = 3/3 = 1; diagonal n(A) = 3.
    expect(cell(m, ids.A, ids.B)).toMatchObject({ n: 3, c: 1, jaccard: 1, pBGivenA: 1, documents: 3 });
    expect(cell(m, ids.A, ids.A)!.n).toBe(3);
    // C in D1 and D3: n(A,C) = 2, c = 2 / (3 + 2 − 2) = 2/3, P(C|A) = 2/3, P(A|C) = 2/2 = 1.
    expect(cell(m, ids.A, ids.C)).toMatchObject({ n: 2, c: 2 / 3, jaccard: 2 / 3, pBGivenA: 2 / 3 });
    expect(cell(m, ids.C, ids.A)!.pBGivenA).toBe(1);
    expect(m.codes.find((c) => c.id === ids.A)).toMatchObject({ n: 3, codings: 10, documents: 3 });
    expect(m.unit).toBe('documents');
    expect(m.counts).toMatch(/^Counts documents: n\(A,B\) is the documents holding both codes/);
  });
});

describe('layers', () => {
  it('a single coder, all coders pooled, and a missing consensus layer', async () => {
    const ben = await e.call('intersections:matrix', { layer: ids.ben });
    // Ben's A [0,10) and B [50,60) never overlap: diagonal only.
    expect(ben.cells.map((c) => [c.a, c.b, c.n])).toEqual([
      [ids.A, ids.A, 1],
      [ids.B, ids.B, 1],
    ]);
    const all = await e.call('intersections:matrix', { layer: 'all' });
    // In D2 Ana's A, Ben's A and Ana's B chain into one group; Ben's B stands apart: still 4 + 1 = 5.
    // n(A) = 11, n(B) = 8: c = 5 / (11 + 8 − 5) = 5/14.
    expect(cell(all, ids.A, ids.B)!.n).toBe(5);
    expect(cell(all, ids.A, ids.B)!.c).toBeCloseTo(5 / 14, 12);
    expect(all.scope.layer).toContain('Ana, Ben');
    const none = await e.call('intersections:matrix', { layer: 'consensus' });
    expect(none.cells).toEqual([]);
    expect(none.scope.message).toMatch(/no consensus layer/);
  });

  it('defaults to one layer: the current coder while there is no consensus, never coders pooled', async () => {
    const m = await e.call('intersections:matrix', {});
    expect(m.scope).toMatchObject({ layer: 'coder Ana', layerKind: 'coder', coders: ['Ana'], warning: null });
    expect(m.scope.layerReason).toBe("there is no consensus layer yet, so the current coder's codings are read");
    // The same numbers as Ana's layer chosen by hand (5 groups of A and B, see above).
    expect(cell(m, ids.A, ids.B)!.n).toBe(5);
    expect(m.unit).toBe('passages');
    expect(m.counts).toMatch(/^Counts passages: .*Layer: coder Ana \(default: there is no consensus layer yet/);
    // A chosen layer carries no default reason.
    expect((await e.call('intersections:matrix', { layer: ids.ana })).scope.layerReason).toBeNull();
  });

  it('pooling coders says that a disagreement counts as a co-occurrence (matrix, evidence, queries)', async () => {
    const pooled = await e.call('intersections:matrix', { layer: 'all' });
    expect(pooled.scope.layerKind).toBe('pooled');
    expect(pooled.scope.warning).toMatch(/^Coders pooled \(Ana, Ben\): a disagreement between coders counts as a co-occurrence/);
    expect(pooled.counts).toMatch(/a disagreement between coders counts as a co-occurrence/);
    expect((await e.call('intersections:evidence', { layer: 'all', a: ids.A, b: ids.B })).scope.warning).toMatch(/disagreement/);
    expect((await e.call('queries:run', { layer: 'all', query: '10a AND 20b' })).scope.warning).toMatch(/disagreement/);
    // Counting participants per attribute value puts no codes together: no warning there.
    expect((await e.call('intersections:attributes', { layer: 'all', attribute: 'Role' })).scope.warning).toBeNull();
  });

  it('a current coder without codings in the selection falls back to the coder with most codings there', async () => {
    await e.call('coders:select', { name: 'Ben' });
    try {
      // Ben coded D2 only; in D1 Ana has all 14 codings.
      const m = await e.call('intersections:matrix', { documentIds: [ids.d1 as never] });
      expect(m.scope.layer).toBe('coder Ana');
      expect(m.scope.layerReason).toBe('there is no consensus layer yet and the current coder (Ben) has no codings here, so the coder with most codings here is read');
      // Where Ben has codings, Ben's layer is read.
      expect((await e.call('intersections:matrix', { documentIds: [ids.d2 as never] })).scope.layer).toBe('coder Ben');
    } finally {
      await e.call('coders:select', { name: 'Ana' });
    }
  });

  it('reads the consensus layer when it exists, and not in "all"', async () => {
    const s = e.current;
    const consensus = ensureConsensusCoder(s);
    applyCodings(s, { documentId: ids.d2 as never, codeIds: [ids.A], start: 20, end: 30, coderId: consensus.id });
    applyCodings(s, { documentId: ids.d2 as never, codeIds: [ids.B], start: 25, end: 35, coderId: consensus.id });
    const m = await e.call('intersections:matrix', { layer: 'consensus' });
    expect(cell(m, ids.A, ids.B)!.n).toBe(1);
    expect(m.scope.message).toBeNull();
    const all = await e.call('intersections:matrix', { layer: 'all' });
    expect(cell(all, ids.A, ids.A)!.n).toBe(11);
    // By default the consensus layer is read only where it covers every coded document: here it
    // covers D2 but not D1 or D3, so Ana's layer stays the default …
    const auto = await e.call('intersections:matrix', {});
    expect(auto.scope.layer).toBe('coder Ana');
    expect(auto.scope.layerReason).toBe("the consensus layer covers only 1 of 3 coded documents, so the current coder's codings are read");
    // … and on D2 alone it is the consensus layer.
    const onD2 = await e.call('intersections:matrix', { documentIds: [ids.d2 as never] });
    expect(onD2.scope).toMatchObject({ layer: 'the consensus layer (Consensus)', layerKind: 'consensus', layerReason: 'the consensus layer covers all 1 coded document' });
    expect(cell(onD2, ids.A, ids.B)!.n).toBe(1);
  });
});

describe('filters', () => {
  it('participant attributes, AND-ed, with != too', async () => {
    const n = async (where: string[]) => cell(await e.call('intersections:matrix', { layer: ids.ana, where }), ids.A, ids.B)?.n ?? 0;
    expect(await n(['Role=Clinician'])).toBe(4); // D1 (D3 has no overlap)
    expect(await n(['Role!=Clinician'])).toBe(1); // D2
    expect(await n(['Site=North'])).toBe(5);
    expect(await n(['Site=North', 'Role=Clinician'])).toBe(4);
    expect(await n(['role = clinician', 'site=south'])).toBe(0); // only D3
    const m = await e.call('intersections:matrix', { layer: ids.ana, where: [{ attribute: 'Role', op: '=', value: 'Manager' }] });
    expect(m.scope.documents).toBe(1);
    expect(m.scope.filters).toEqual(['Role = Manager']);
    await expect(e.call('intersections:matrix', { where: ['Grade=7'] })).rejects.toThrow(/no participant attribute called "Grade" \(attributes: Role, Site, Interviewed\)/);
    await expect(e.call('intersections:matrix', { where: ['Role=Nurse'] })).rejects.toThrow(/no participant has Role = Nurse \(values: Clinician, Manager\)/);
    await expect(e.call('intersections:matrix', { where: ['Role'] })).rejects.toThrow(/ATTRIBUTE=VALUE/);
  });

  it('document groups', async () => {
    const m = await e.call('intersections:matrix', { layer: ids.ana, groupIds: [ids.group as never] });
    expect(m.scope.documents).toBe(1);
    expect(cell(m, ids.A, ids.B)!.n).toBe(1);
    expect(cell(m, ids.A, ids.A)!.n).toBe(1);
    await expect(e.call('intersections:matrix', { groupIds: [999 as never] })).rejects.toThrow(/no document group with id 999/);
  });
});

describe('evidence', () => {
  it('gives each co-occurrence as a quote with context, participant and coders', async () => {
    const r = await e.call('intersections:evidence', { layer: ids.ana, a: ids.A, b: ids.B, context: 3 });
    expect(r.quotes.map((q) => [q.document, q.start, q.end])).toEqual([
      ['ID1 interview', 0, 20],
      ['ID1 interview', 60, 90],
      ['ID1 interview', 100, 110],
      ['ID1 interview', 120, 160],
      ['ID2 interview', 0, 15],
    ]);
    const q = r.quotes[1];
    expect(q.text).toBe(D1.slice(60, 90));
    expect(q.before).toBe(D1.slice(57, 60));
    expect(q.after).toBe(D1.slice(90, 93));
    expect(q.participant).toBe('ID1');
    expect(q.coders).toEqual(['Ana']);
    expect(q.codes.sort()).toEqual(['10a', '20b']);
    expect(r.quotes[3].codingIds).toHaveLength(4);
    // The diagonal: each coding of B.
    const diag = await e.call('intersections:evidence', { layer: ids.ana, a: ids.B, b: ids.B, documentIds: [ids.d1 as never] });
    expect(diag.quotes).toHaveLength(5);
  });
});

describe('code × attribute and saturation', () => {
  it('counts participants and codings per attribute value', async () => {
    const t = await e.call('intersections:attributes', { layer: ids.ana, attribute: 'role' });
    expect(t.attribute).toBe('Role');
    expect(t.values).toEqual(['Clinician', 'Manager']);
    expect(t.participantsPerValue).toEqual([2, 1]);
    const a = t.rows.find((r) => r.codeId === ids.A)!;
    // A: ID1 (8 codings) and ID3 (1) are clinicians, ID2 (1) a manager.
    expect(a.participants).toEqual([2, 1]);
    expect(a.codings).toEqual([9, 1]);
    const c = t.rows.find((r) => r.codeId === ids.C)!;
    expect(c.participants).toEqual([2, 0]);
  });

  it('lists new codes per transcript and the cumulative count, in import order or by a date', async () => {
    const curve = await e.call('intersections:saturation', { layer: ids.ana, importOrder: true });
    expect(curve.points.map((p) => [p.interview, p.document, p.newCodes.map((c) => c.label), p.cumulative])).toEqual([
      [1, 'ID1 interview', ['10a', '30c', '20b'], 3],
      [2, 'ID2 interview', [], 3],
      [3, 'ID3 interview', [], 3],
    ]);
    // Three coded transcripts are fewer than base 4 + run 2: the assessment says so rather than guess.
    expect(curve.summary).toBe(
      'Saturation (Guest, Namey & Chen 2020; base 4, run 2, new-information threshold ≤ 5 %) cannot be assessed yet: ' +
        'only 3 interviews to assess; the method needs at least 6 (base 4 + run 2). Counted over 3 transcripts coded in coder Ana, in import order.',
    );
    expect(curve.assessment).toMatchObject({ reached: false, reachedAt: null, baseCodes: null, runs: [] });
    const byDate = await e.call('intersections:saturation', { layer: ids.ana, orderBy: 'Interviewed' });
    // Dates: ID2 2021-01-15, ID3 2021-02-01, ID1 2021-03-02.
    // Without a choice, interview order: Interviewed is the project's only date attribute.
    const byDefault = await e.call('intersections:saturation', { layer: ids.ana });
    expect(byDefault.order).toBe("ordered by Interviewed (the project's interview date)");
    expect(byDefault.points.map((p) => p.document)).toEqual(byDate.points.map((p) => p.document));
    expect(byDate.points.map((p) => [p.document, p.date, p.cumulative])).toEqual([
      ['ID2 interview', '2021-01-15', 2],
      ['ID3 interview', '2021-02-01', 3],
      ['ID1 interview', '2021-03-02', 3],
    ]);
  });

  it('counts only transcripts coded in the layer, and never calls uncoded ones "no new codes"', async () => {
    // Ben coded D2 only: one interview; D1 and D3 are left out, named.
    const ben = await e.call('intersections:saturation', { layer: ids.ben, importOrder: true });
    expect(ben.points.map((p) => p.document)).toEqual(['ID2 interview']);
    expect(ben.uncoded.map((d) => d.document)).toEqual(['ID1 interview', 'ID3 interview']);
    expect(ben.summary).toMatch(/Counted over 1 transcript coded in coder Ben, in import order; 2 transcripts not coded in this layer are left out\.$/);
    expect(ben.summary).not.toMatch(/added no new codes/);
  });

  it('assesses saturation with a chosen base, run and threshold (hand-worked)', async () => {
    // Ana, import order: ID1 {10a, 20b, 30c}, ID2 {10a, 20b}, ID3 {10a, 20b, 30c}.
    // Base 1 (ID1): 3 codes. Run 1 (ID2): 0 new → 0 / 3 = 0 % ≤ 5 % → reached at interview 1, confirmed by 2.
    const c = await e.call('intersections:saturation', { layer: ids.ana, base: 1, run: 1, importOrder: true });
    expect(c.assessment).toMatchObject({ base: 1, run: 1, threshold: 0.05, baseCodes: 3, reached: true, reachedAt: 1, reachedAtDocument: 'ID1 interview', confirmedBy: { from: 2, to: 2 } });
    expect(c.assessment.runs).toEqual([
      { from: 2, to: 2, documents: ['ID2 interview'], newCodes: 0, newInformation: 0 },
      { from: 3, to: 3, documents: ['ID3 interview'], newCodes: 0, newInformation: 0 },
    ]);
    expect(c.summary).toMatch(/^Saturation \(Guest, Namey & Chen 2020; base 1, run 1, new-information threshold ≤ 5 %\) was reached at interview 1 \(ID1 interview\): interview 2 added 0 new codes, 0 % of the 3 codes in the base\./);
    // By date: ID2 {10a, 20b}, ID3 {10a, 20b, 30c}, ID1. Base 1 = 2 codes; run ID3 adds 30c: 1/2 = 50 %;
    // run ID1 adds nothing: 0 % → reached at interview 2 (ID3 interview).
    const byDate = await e.call('intersections:saturation', { layer: ids.ana, base: 1, run: 1, orderBy: 'Interviewed' });
    expect(byDate.assessment.runs.map((r) => r.newInformation)).toEqual([0.5, 0]);
    expect(byDate.assessment).toMatchObject({ reachedAt: 2, reachedAtDocument: 'ID3 interview' });
    expect(byDate.order).toBe('ordered by Interviewed');
    // Re-applying a final codebook: codes created before the date never count as new information.
    const finalBook = await e.call('intersections:saturation', { layer: ids.ana, base: 1, run: 1, orderBy: 'Interviewed', newCodesFrom: '2999-01-01' });
    expect(finalBook.points.map((p) => p.newInformation)).toEqual([0, 0, 0]);
    expect(finalBook.points[1].newCodes.map((x) => x.label)).toEqual(['30c']);
    expect(finalBook.assessment).toMatchObject({ reachedAt: 1, newCodesFrom: '2999-01-01' });
    expect(finalBook.summary).toMatch(/only codes created from 2999-01-01 count as new/);
    await expect(e.call('intersections:saturation', { newCodesFrom: 'yesterday' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('lets the COREQ pre-fill answer item 22', async () => {
    const rows = await e.call('coreq:list', {});
    const item = rows.find((r) => r.number === 22)!;
    // The default layer (Ana) has 3 coded transcripts: too few for base 4 + run 2, and the draft says so.
    expect(item).toMatchObject({ fromProject: true, draft: true });
    expect(item.answer).toMatch(/^Draft: Saturation \(Guest, Namey & Chen 2020; base 4, run 2, new-information threshold ≤ 5 %\) cannot be assessed yet: only 3 interviews to assess/);
  });
});

describe('queries', () => {
  it('runs Boolean and proximity queries; AND results equal n(A,B)', async () => {
    const run = (query: string) => e.call('queries:run', { layer: ids.ana, query, documentIds: [ids.d1 as never, ids.d2 as never] });
    const and = await run('10a AND 20b');
    expect(and.quotes).toHaveLength(5);
    expect(and.quotes[0]).toMatchObject({ document: 'ID1 interview', start: 0, end: 20, text: D1.slice(0, 20) });
    // Only the touching A3 [30,40) shares no character with a B-coding.
    expect((await run('10a NOT 20b')).quotes.map((q) => [q.start, q.end])).toEqual([[30, 40]]);
    // B3 sits inside A4, B4 is identical to A5.
    expect((await run('20b WITHIN 10a')).quotes.map((q) => [q.start, q.end])).toEqual([[70, 80], [100, 110]]);
    // Within 10 characters everything in D1 is one chain; D2 is another.
    expect((await run('10a NEAR(10) "Beta"')).quotes.map((q) => [q.document, q.start, q.end])).toEqual([
      ['ID1 interview', 0, 160],
      ['ID2 interview', 0, 15],
    ]);
    expect((await run('(10a OR 30c) AND 20b')).quotes).toHaveLength(5);
  });

  it('reports parse errors and unknown codes with their column', async () => {
    await expect(e.call('queries:run', { query: '10a AND' })).rejects.toThrow(/column 8/);
    await expect(e.call('queries:run', { query: '10a AND 99z' })).rejects.toThrow(/no code called 99z \(column 9\)/);
    await expect(e.call('queries:save', { name: 'bad', query: '(10a' })).rejects.toThrow(/column/);
  });

  it('saves, lists, reruns and deletes queries', async () => {
    const saved = await e.call('queries:save', { name: 'Alpha with beta', query: '10a AND 20b', filters: { layer: ids.ana, where: ['Role=Clinician'] } });
    expect(saved.filters).toMatchObject({ layer: ids.ana, where: ['Role=Clinician'], includeDescendants: false });
    expect((await e.call('queries:list', {})).map((q) => q.name)).toEqual(['Alpha with beta']);
    // Clinicians only: D1's 4 groups.
    expect((await e.call('queries:rerun', { id: saved.id })).quotes).toHaveLength(4);
    await expect(e.call('queries:save', { name: 'alpha WITH beta', query: '10a' })).rejects.toThrow(/already called/);
    const changed = await e.call('queries:save', { id: saved.id, name: 'Alpha with beta', query: '10a NOT 20b', filters: { layer: ids.ana } });
    // All documents now: A3 in D1 and D3's A, which no B overlaps.
    expect((await e.call('queries:rerun', { id: changed.id })).quotes.map((q) => [q.document, q.start, q.end])).toEqual([
      ['ID1 interview', 30, 40],
      ['ID3 interview', 43, 50],
    ]);
    await e.call('queries:delete', { id: saved.id });
    expect(await e.call('queries:list', {})).toEqual([]);
  });

  it('codes the results with a new code in one undoable step', async () => {
    const before = (await e.call('codebook:list', {})).length;
    const r = await e.call('queries:codeResults', { layer: ids.ana, query: '10a AND 20b', label: '40', name: 'Alpha with beta' });
    expect(r.codings).toBe(5);
    const codings = await e.call('codings:list', { documentId: ids.d1 as never });
    const made = codings.filter((c) => c.codeId === r.code.id);
    expect(made.map((c) => [c.start, c.end, c.coderId])).toEqual([
      [0, 20, ids.ana],
      [60, 90, ids.ana],
      [100, 110, ids.ana],
      [120, 160, ids.ana],
    ]);
    expect(made[0].text).toBe(D1.slice(0, 20));
    const h = await e.call('history:state', {});
    expect(h.undoLabel).toMatch(/code 5 results of 10a AND 20b as 40 Alpha with beta/);
    await e.call('history:undo', {});
    expect((await e.call('codebook:list', {})).length).toBe(before);
    expect((await e.call('codings:list', { documentId: ids.d1 as never })).some((c) => c.codeId === r.code.id)).toBe(false);
  });
});

describe('coding results of pooled coders', () => {
  it('codes a range once even when two coders give it', async () => {
    // In D2, Ana and Ben both coded A on [0,10): `10a NOT 30c` returns that range twice.
    const run = await e.call('queries:run', { layer: 'all', query: '10a NOT 30c', documentIds: [ids.d2 as never] });
    expect(run.quotes.map((q) => [q.start, q.end])).toEqual([
      [0, 10],
      [0, 10],
    ]);
    const r = await e.call('queries:codeResults', { layer: 'all', query: '10a NOT 30c', documentIds: [ids.d2 as never], name: 'Alpha alone' });
    expect(r.codings).toBe(1);
    await e.call('history:undo', {});
  });
});

describe('after changes', () => {
  it('counts new codings and forgets undone ones (no stale cache)', async () => {
    const nA = async () => cell(await e.call('intersections:matrix', { layer: ids.ana }), ids.A, ids.A)!.n;
    const before = await nA();
    await e.call('codings:apply', { documentId: ids.d2 as never, codeIds: [ids.A as never], start: 40, end: 45 });
    expect(await nA()).toBe(before + 1);
    await e.call('history:undo', {});
    expect(await nA()).toBe(before);
  });
});

describe('table export', () => {
  it('writes CSV and Word through the engine writers', async () => {
    const csv = await e.call('intersections:exportTable', { format: 'csv', title: 'Code co-occurrence', columns: ['Code', '10a'], rows: [['20b', '5']] });
    expect(csv.fileName).toBe('code-co-occurrence.csv');
    expect(Buffer.from(csv.dataBase64, 'base64').toString('utf8')).toContain('20b,5');
    const docx = await e.call('intersections:exportTable', { format: 'docx', title: 'Code co-occurrence', columns: ['Code', '10a'], rows: [['20b', '5']] });
    // A .docx is a zip: it starts with "PK".
    expect(Buffer.from(docx.dataBase64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
