// The optimised agreement report (one sweep per code and document, pairs and pools derived from it)
// against a straightforward computation on random small projects: every document, code and coder
// pair recounted from the raw codings with the pure measures of shared/stats/text-agreement.
import { describe, expect, it } from 'vitest';
import { documentRows, type AgreementMeasures, type AgreementReport, type AgreementUnit, type DocumentRow, type PairAgreement, type RowMeasure } from '../../../shared/api/agreement';
import type { CodeId, Span } from '../../../shared/model/types';
import type { Measure } from '../../../shared/stats/agreement';
import { agreementFromPatternCounts, emptyColumns, unitizedAlphaFromCounts } from '../../../shared/stats/text-agreement';
import type { Engine } from '../../../electron/engine/engine';
import { agreementReport, type AgreementSelection } from '../../../electron/engine/services/agreement';
import { b64, newProject, tempDir } from '../../helpers/temp';
import { rng } from '../../helpers/fixtures';
import { referenceRecount, type ReferencePart } from '../../support/agreement-reference';

const dir = tempDir();


interface Fixture {
  docs: { id: number; name: string; length: number; turns: Span[] }[];
  codes: { id: number; parentId: number | null }[];
  coderIds: number[];
  codings: { doc: number; code: number; coder: number; start: number; end: number }[];
  assignments: { doc: number; coder: number }[];
}

/** A random transcript project: speaker turns, a three-level code tree, overlapping and touching ranges. */
async function randomProject(engine: Engine, seed: number, bigIds = false): Promise<Fixture> {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const docs: Fixture['docs'] = [];
  for (let d = 0; d < int(2, 4); d++) {
    const lines = Array.from({ length: int(2, 6) }, (_, i) => `${i % 2 ? `ID${d + 1}` : 'Interviewer'}: ${'abc def '.repeat(int(1, 6))}`);
    const { document } = await engine.call('documents:import', { fileName: `ID${d + 1} s${seed}.txt`, dataBase64: b64(lines.join('\n')) });
    const full = await engine.call('documents:get', { id: document.id });
    docs.push({ id: document.id, name: document.name, length: full.text.length, turns: full.turns.map((t) => ({ start: t.start, end: t.end })) });
  }
  const codes: Fixture['codes'] = [];
  for (let i = 0; i < int(4, 8); i++) {
    // Earlier codes are possible parents, so the tree has roots, children and grandchildren.
    const parentId = i === 0 || rand() < 0.35 ? null : codes[int(0, codes.length - 1)].id;
    const c = await engine.call('codebook:create', { parentId: parentId as CodeId | null, label: `${seed}.${i}`, name: `Code ${i}` });
    codes.push({ id: c.id, parentId });
  }
  const db = engine.current.db;
  // Huge coder ids do not fit the report's packed reading (ids and offsets in 53 bits): the plain path.
  const coderIds = Array.from({ length: int(2, 4) }, (_, i) =>
    Number(
      db
        .prepare("INSERT INTO coders (id, name, color, created_at) VALUES (?, ?, '#000000', 'now')")
        .run(bigIds ? 2 ** 45 + i : null, `S${seed} coder ${i + 1}`).lastInsertRowid,
    ),
  );
  const insert = db.prepare('INSERT OR IGNORE INTO codings (document_id, code_id, coder_id, start, "end", text, created_at) VALUES (?, ?, ?, ?, ?, \'\', \'now\')');
  const codings: Fixture['codings'] = [];
  const add = (doc: number, code: number, coder: number, start: number, end: number) => {
    if (insert.run(doc, code, coder, start, end).changes > 0) codings.push({ doc, code, coder, start, end });
  };
  for (let i = 0; i < int(20, 70); i++) {
    const doc = docs[int(0, docs.length - 1)];
    const start = int(0, doc.length - 2);
    const end = Math.min(doc.length, start + int(1, 30));
    const code = codes[int(0, codes.length - 1)].id;
    const coder = coderIds[int(0, coderIds.length - 1)];
    add(doc.id, code, coder, start, end);
    // Touching and overlapping neighbours of the same code and coder: separate and merged units.
    if (rand() < 0.2 && end < doc.length) add(doc.id, code, coder, end, Math.min(doc.length, end + int(1, 10)));
    if (rand() < 0.2) add(doc.id, code, coder, Math.max(0, start - int(1, 5)), Math.min(doc.length, start + 2));
  }
  // Some projects assign documents: then only assigned coders count there (others' codings are missing data).
  const assignments: Fixture['assignments'] = [];
  if (seed % 2 === 0) {
    for (const d of docs.slice(0, -1)) {
      for (const coder of coderIds) if (rand() < 0.6) assignments.push({ doc: d.id, coder });
      if (!assignments.some((a) => a.doc === d.id)) assignments.push({ doc: d.id, coder: coderIds[0] });
    }
    const put = db.prepare("INSERT INTO coder_assignments (document_id, coder_id, assigned_at) VALUES (?, ?, 'now')");
    for (const a of assignments) put.run(a.doc, a.coder);
  }
  return { docs, codes, coderIds, codings, assignments };
}

type Part = ReferencePart;

const recount = referenceRecount;

function expectMeasure(actual: Measure | null, expected: Measure | null, where: string): void {
  if (expected === null || actual === null) {
    expect(actual, where).toBe(expected);
    return;
  }
  expect(actual.n, `${where}: n`).toBe(expected.n);
  expect(actual.reason, `${where}: reason`).toBe(expected.reason);
  if (expected.value === null) expect(actual.value, where).toBeNull();
  else expect(actual.value, where).toBeCloseTo(expected.value, 9);
}

/** `pairwise` false: a code's per-document row, whose pairwise Cohen list is left empty (the code's pairs are in byPair). */
function expectMeasures(actual: AgreementMeasures, parts: Part[], unit: AgreementUnit, coders: number[], names: string[], where: string, pairwise = true): void {
  const { pattern, unitized } = recount(unit, parts, coders);
  const e = agreementFromPatternCounts(pattern, { coderNames: names });
  expect(actual.units, `${where}: units`).toBe(e.units);
  expectMeasure(actual.percentAgreement, e.percentAgreement, `${where}: percent`);
  expectMeasure(actual.cohenKappa, e.cohenKappa, `${where}: Cohen`);
  expectMeasure(actual.fleissKappa, e.fleissKappa, `${where}: Fleiss`);
  expectMeasure(actual.krippendorffAlpha, e.krippendorffAlpha, `${where}: alpha`);
  expect(actual.pairwiseCohen.map((p) => [p.coderA, p.coderB])).toEqual(pairwise ? e.pairwiseCohen.map((p) => [p.coderA, p.coderB]) : []);
  actual.pairwiseCohen.forEach((p, i) => expectMeasure(p, e.pairwiseCohen[i], `${where}: pairwise ${p.coderA}/${p.coderB}`));
  expectMeasure(actual.alphaU, unitized ? unitizedAlphaFromCounts(unitized) : null, `${where}: |uα`);
}

/** A code's per-document row (from its columns: values and reasons, no n) against the recount. */
function expectRow(actual: DocumentRow, parts: Part[], unit: AgreementUnit, coders: number[], names: string[], where: string): void {
  const { pattern, unitized } = recount(unit, parts, coders);
  const e = agreementFromPatternCounts(pattern, { coderNames: names });
  const same = (a: RowMeasure | null, x: Measure | null, w: string) => {
    if (x === null || a === null) return expect(a, w).toBe(x);
    expect(a.reason, `${w}: reason`).toBe(x.reason);
    if (x.value === null) expect(a.value, w).toBeNull();
    else expect(a.value, w).toBeCloseTo(x.value, 9);
  };
  expect(actual.units, `${where}: units`).toBe(e.units);
  same(actual.percentAgreement, e.percentAgreement, `${where}: percent`);
  same(actual.percentAllAgree, e.percentAllAgree, `${where}: percent all agree`);
  same(actual.cohenKappa, e.cohenKappa, `${where}: Cohen`);
  same(actual.fleissKappa, e.fleissKappa, `${where}: Fleiss`);
  same(actual.krippendorffAlpha, e.krippendorffAlpha, `${where}: alpha`);
  same(actual.alphaU, unitized ? unitizedAlphaFromCounts(unitized) : null, `${where}: |uα`);
}

function expectPairs(actual: PairAgreement[], parts: Part[], unit: AgreementUnit, names: string[], where: string): void {
  const expected: [number, number][] = [];
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) expected.push([i, j]);
  expect(actual.map((p) => [p.coderA, p.coderB])).toEqual(expected.map(([i, j]) => [names[i], names[j]]));
  actual.forEach((p, x) => {
    const [i, j] = expected[x];
    const { pattern, unitized } = recount(unit, parts, [i, j]);
    const e = agreementFromPatternCounts(pattern, { coderNames: [names[i], names[j]] });
    const w = `${where}: pair ${p.coderA}/${p.coderB}`;
    expect(p.units, `${w}: units`).toBe(e.units);
    expectMeasure(p.percentAgreement, e.percentAgreement, `${w}: percent`);
    expectMeasure(p.cohenKappa, e.cohenKappa, `${w}: Cohen`);
    expectMeasure(p.krippendorffAlpha, e.krippendorffAlpha, `${w}: alpha`);
    expectMeasure(p.alphaU, unitized ? unitizedAlphaFromCounts(unitized) : null, `${w}: |uα`);
  });
}

/** The whole report recomputed the straightforward way and compared figure by figure. */
function check(f: Fixture, r: AgreementReport, unit: AgreementUnit, sel: AgreementSelection): void {
  const coderIds = r.coders.map((c) => c.id as number);
  // Who counts where: assigned coders, or on a document without assignments those who coded there.
  const countingOf = (doc: number): boolean[] =>
    coderIds.map((c) =>
      sel.scope === 'all'
        ? true
        : f.assignments.some((a) => a.doc === doc)
          ? f.assignments.some((a) => a.doc === doc && a.coder === c)
          : f.codings.some((k) => k.doc === doc && k.coder === c),
    );
  const docs = (sel.documentIds ? f.docs.filter((d) => sel.documentIds!.includes(d.id)) : f.docs).filter(
    (d) => countingOf(d.id).filter(Boolean).length >= 2,
  );
  expect(r.documents.map((d) => d.id as number)).toEqual(docs.map((d) => d.id));
  const names = r.coders.map((c) => c.name);
  const all = coderIds.map((_, i) => i);
  const children = (id: number) => f.codes.filter((c) => c.parentId === id).map((c) => c.id);
  const subtree = (id: number): number[] => [id, ...children(id).flatMap(subtree)];
  const rowIds = sel.codeIds ?? f.codes.map((c) => c.id);
  const pooled = [...new Set(rowIds.flatMap(subtree))];
  const part = (doc: Fixture['docs'][number], codes: number[]): Part => ({
    length: unit === 'character' ? doc.length : 0,
    turns: doc.turns,
    counting: countingOf(doc.id),
    ranges: coderIds.map((coder) =>
      f.codings.filter((k) => k.doc === doc.id && k.coder === coder && codes.includes(k.code)).map((k) => ({ start: k.start, end: k.end })),
    ),
  });
  const coded = (p: Part) => p.ranges.some((x, c) => x.length > 0 && p.counting![c]);

  // Rows come in codebook order; which rows there are is what matters here.
  expect(r.codes.map((c) => c.codeId as number).sort((a, b) => a - b)).toEqual([...new Set(rowIds)].sort((a, b) => a - b));
  for (const row of r.codes) {
    const parts = docs.map((d) => part(d, subtree(row.codeId)));
    const where = `${unit} code ${row.label}`;
    expectMeasures(row, parts, unit, all, names, where);
    const codedDocs = docs.filter((_, i) => coded(parts[i]));
    const rows = documentRows(row.byDocument, r.documents);
    expect(rows.map((d) => d.documentId as number)).toEqual(codedDocs.map((d) => d.id));
    rows.forEach((d) => expectRow(d, [part(docs.find((x) => x.id === d.documentId)!, subtree(row.codeId))], unit, all, names, `${where} in ${d.name}`));
    expectPairs(row.byPair, parts, unit, names, where);
  }
  // Overall pools the codes some selected coder applied in scope.
  const applied = pooled.filter((code) => docs.some((d) => coded(part(d, [code]))));
  const overallParts = applied.flatMap((code) => docs.map((d) => part(d, [code])));
  expectMeasures(r.overall, overallParts, unit, all, names, `${unit} overall`);
  expect(r.byDocument.map((d) => d.documentId as number)).toEqual(docs.map((d) => d.id));
  r.byDocument.forEach((d) => expectMeasures(d, applied.map((code) => part(docs.find((x) => x.id === d.documentId)!, [code])), unit, all, names, `${unit} overall in ${d.name}`, false));
  expectPairs(r.byPair, overallParts, unit, names, `${unit} overall`);
}

describe('agreement report equals a straightforward recount (random projects)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7]) {
    const bigIds = seed === 7;
    it(`seed ${seed}${bigIds ? ' (huge coder ids)' : ''}: whole project, then a subset of codes, documents and coders, on every unit`, async () => {
      const engine = await newProject(dir, `random-${seed}.accord`, `Lead ${seed}`);
      const f = await randomProject(engine, seed, bigIds);
      const s = engine.current;
      const root = f.codes.find((c) => c.parentId === null && f.codes.some((x) => x.parentId === c.id)) ?? f.codes[0];
      const selections: AgreementSelection[] = [
        {},
        { codeIds: [root.id], documentIds: f.docs.slice(0, 2).map((d) => d.id) },
        { coderIds: f.coderIds.slice(0, 2), codeIds: [f.codes[f.codes.length - 1].id, root.id] },
      ];
      for (const unit of ['character', 'turn', 'document'] as const) {
        for (const sel of [...selections, ...selections.map((x) => ({ ...x, scope: 'all' as const }))]) {
          const r = agreementReport(s, { ...sel, unit });
          check(f, r, unit, sel);
          // Without each code's per-document rows everything else is unchanged.
          const lean = agreementReport(s, { ...sel, unit, codeDocuments: false });
          expect(lean.codes.every((c) => c.byDocument.key.length === 0)).toBe(true);
          expect(lean).toEqual({ ...r, codes: r.codes.map((c) => ({ ...c, byDocument: emptyColumns(unit === 'character') })) });
        }
      }
    });
  }
});
