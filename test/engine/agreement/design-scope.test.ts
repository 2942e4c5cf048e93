// Agreement in the study's own design: two pairs of coders, each pair assigned half of the
// transcripts. A coder counts only where assigned; elsewhere their values are missing, so each
// character is a unit with two values. Every figure below is worked out by hand.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../electron/cli/main';
import type { Engine } from '../../../electron/engine/engine';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { documentRows } from '../../../shared/api/agreement';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

/**
 * D1–D4: transcripts of 10 characters; Ana and Ben are assigned D1 and D2, Cy and Di D3 and D4.
 * D5: an archival document nobody is assigned to or coded. Code X:
 *   D1 Ana [0,4)  Ben [0,4)      → 4 characters both, 6 neither
 *   D2 Ana [0,5)  Ben [2,5)      → 3 both, 2 Ana only, 5 neither
 *   D3 Cy  [0,6)  Di  [0,3)      → 3 both, 3 Cy only, 4 neither
 *   D4 Cy  —      Di  [5,10)     → 5 Di only, 5 neither (Cy is assigned, so Cy counts: absent)
 *   Ana also codes X on all of D3, where she is not assigned: missing data, left out.
 * Code Y: Ana and Ben on D1 [6,8). Code Z: never applied.
 */
async function build(engine: Engine) {
  const docs: DocumentId[] = [];
  // Distinct texts: a repeated text would be skipped as a duplicate.
  for (const [name, text] of [['D1', 'abcdefghij'], ['D2', 'klmnopqrst'], ['D3', 'uvwxyzabcd'], ['D4', 'efghijklmn']]) {
    const { document } = await engine.call('documents:import', { fileName: `${name}.txt`, dataBase64: b64(text) });
    docs.push(document.id);
  }
  const { document: archive } = await engine.call('documents:import', { fileName: 'D5 archive.txt', dataBase64: b64('an archival memo') });
  const x = await engine.call('codebook:create', { parentId: null, label: 'X', name: 'Adaptation' });
  const y = await engine.call('codebook:create', { parentId: null, label: 'Y', name: 'Cost' });
  await engine.call('codebook:create', { parentId: null, label: 'Z', name: 'Unused' });
  const ids: Record<string, number> = {};
  for (const name of ['Ana', 'Ben', 'Cy', 'Di']) ids[name] = (await engine.call('coders:select', { name })).id;
  await engine.call('coders:select', { name: 'Ana' });
  await engine.call('agreement:assign', { documentIds: [docs[0], docs[1]], coderIds: [ids.Ana, ids.Ben] as never });
  await engine.call('agreement:assign', { documentIds: [docs[2], docs[3]], coderIds: [ids.Cy, ids.Di] as never });
  const code = async (coder: string, doc: number, codeId: CodeId, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: docs[doc], codeIds: [codeId], start, end });
  };
  await code('Ana', 0, x.id, 0, 4);
  await code('Ben', 0, x.id, 0, 4);
  await code('Ana', 1, x.id, 0, 5);
  await code('Ben', 1, x.id, 2, 5);
  await code('Cy', 2, x.id, 0, 6);
  await code('Di', 2, x.id, 0, 3);
  await code('Di', 3, x.id, 5, 10);
  await code('Ana', 2, x.id, 0, 10);
  await code('Ana', 0, y.id, 6, 8);
  await code('Ben', 0, y.id, 6, 8);
  return { docs, archive, x, y };
}

describe('agreement in the study design: two pairs of coders, each on half of the transcripts', async () => {
  const engine = await newProject(dir, 'design.accord', 'Ana');
  const { docs, x } = await build(engine);

  it("code X: α by hand over 40 characters with two values each", async () => {
    const r = await engine.call('agreement:report', { unit: 'character' });
    expect(r.scope).toBe('design');
    expect(r.coders.map((c) => c.name)).toEqual(['Ana', 'Ben', 'Cy', 'Di']);
    // D5 has no counting coder: not in any denominator.
    expect(r.documents.map((d) => d.name)).toEqual(['D1', 'D2', 'D3', 'D4']);
    const row = r.codes.find((c) => c.label === 'X')!;
    // Units: 10 both-coded, 10 one-coded (D2 2 + D3 3 + D4 5), 20 neither; m_u = 2, n.. = 80.
    // Coincidences: o11 = 2·10 = 20, o00 = 2·20 = 40, o10 = o01 = 10; n1 = 30, n0 = 50.
    // α = 1 − (n.. − 1)·(o10 + o01) / (2·n1·n0) = 1 − 79·20 / 3000 = 1 − 1580/3000 = 0.473333…
    expect(row.units).toBe(40);
    expect(row.krippendorffAlpha.value).toBeCloseTo(1 - 1580 / 3000, 12);
    expect(row.krippendorffAlpha.n).toBe(40);
    // Mean pairwise percent: Ana–Ben 18/20 = 0.9, Cy–Di 12/20 = 0.6 (other pairs share no unit) → 0.75.
    expect(row.percentAgreement.value).toBeCloseTo(0.75, 12);
    expect(row.percentAllAgree.value).toBeCloseTo(30 / 40, 12);
    // Fleiss needs units all four count on: there are none.
    expect(row.fleissKappa.value).toBeNull();
    expect(row.fleissKappa.reason).toBe('no unit was rated by every coder');
    // Cohen per pair, on the units both count on.
    // Ana–Ben: n11 7, Ana only 2, Ben only 0, n00 11; po = 0.9, pe = (9·7 + 11·13)/400 = 0.515 → κ = 0.385/0.485.
    // Cy–Di: n11 3, Cy only 3, Di only 5, n00 9; po = 0.6, pe = (6·8 + 14·12)/400 = 0.54 → κ = 0.06/0.46.
    const pair = (a: string, b: string) => row.byPair.find((p) => p.coderA === a && p.coderB === b)!;
    expect(pair('Ana', 'Ben').cohenKappa.value).toBeCloseTo(0.385 / 0.485, 12);
    expect(pair('Ana', 'Ben').units).toBe(20);
    expect(pair('Cy', 'Di').cohenKappa.value).toBeCloseTo(0.06 / 0.46, 12);
    expect(pair('Ana', 'Cy').cohenKappa.value).toBeNull();
    expect(pair('Ana', 'Cy').cohenKappa.reason).toBe('no unit was rated by both coders');
    expect(pair('Ana', 'Cy').units).toBe(0);
    expect(documentRows(row.byDocument, r.documents).map((d) => [d.name, d.units])).toEqual([
      ['D1', 10],
      ['D2', 10],
      ['D3', 10],
      ['D4', 10],
    ]);
    expect(r.sentence).toBe(
      'Agreement between Ana, Ben, Cy and Di was computed per code on 40 characters of 4 documents (unit: character; scope: design, ' +
        'each coder counted only on the documents assigned to them (or, where a document had no assignments, on those they coded), ' +
        'with other documents treated as missing rather than as not coded).',
    );
  });

  it('overall pools only the codes applied in scope (X and Y, not Z)', async () => {
    const r = await engine.call('agreement:report', { unit: 'character' });
    // X as above plus Y: 2 both-coded, 38 neither. Units 80, n.. = 160: o11 = 24, o00 = 116, o10 = o01 = 10;
    // n1 = 34, n0 = 126 → α = 1 − 159·20 / (2·34·126) = 1 − 3180/8568.
    expect(r.overall.units).toBe(80);
    expect(r.overall.krippendorffAlpha.value).toBeCloseTo(1 - 3180 / 8568, 12);
    expect(r.overall.pooling).toContain('the 2 codes applied in scope × 40 characters of 4 documents');
    expect(r.overall.pooling).toContain('1 code that no selected coder applied directly in scope left out');
  });

  it('scope all counts every coder on every document (the old reading): α collapses', async () => {
    const r = await engine.call('agreement:report', { unit: 'character', scope: 'all', documentIds: docs });
    const row = r.codes.find((c) => c.codeId === x.id)!;
    // Ana's X on D3 now counts too. 40 units × 4 values, n.. = 160. Per unit (Ana, Ben, Cy, Di):
    //   D1: 4 × (1100), 6 × (0000); D2: 2 × (1000), 3 × (1100), 5 × (0000);
    //   D3: 3 × (1011), 3 × (1010), 4 × (1000); D4: 5 × (0001), 5 × (0000).
    // Σ diagonal (p(p−1) + q(q−1))/3: p = 3: 10 units × 2 = 0 + … → by category counts:
    //   p=2 (1100 ×7, 1010 ×3): 10 units × 4/3; p=3 (1011 ×3): 3 × 6/3; p=1 (1000 ×6, 0001 ×5): 11 × 6/3; p=0: 16 × 12/3.
    //   = 40/3 + 6 + 22 + 64 = 105.333…; n1 = 20 + 9 + 11 = 40, n0 = 120.
    // α = 1 − 159·(160 − 316/3) / (160² − 40² − 120²) = 1 − 159·(164/3) / 9600.
    expect(row.units).toBe(40);
    expect(row.krippendorffAlpha.value).toBeCloseTo(1 - (159 * (164 / 3)) / 9600, 12);
    // Without Ana's unassigned coding of D3 the same reading gives 1 − 7420/7800 = 0.0487 (worked in the file's notes).
  });

  it('accord agreement --by document --by pair --json: the sentence, breakdowns and a reason beside every null', async () => {
    let out = '';
    let err = '';
    const code = await run(['agreement', join(dir, 'design.accord'), '--by', 'document', '--by', 'pair', '--json'], {
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.scope).toBe('design');
    expect(json.sentence).toMatch(/^Agreement between Ana, Ben, Cy and Di was computed per code on 40 characters of 4 documents/);
    const row = json.codes.find((c: { code: string }) => c.code === 'X');
    expect(row.krippendorff_alpha).toBeCloseTo(1 - 1580 / 3000, 12);
    expect(row.cohen_kappa).toBeNull();
    expect(row.cohen_kappa_reason).toBe("Cohen's kappa needs exactly two coders, got 4");
    expect(row.fleiss_kappa_reason).toBe('no unit was rated by every coder');
    expect(row.documents.map((d: { document: string; units: number }) => [d.document, d.units])).toEqual([
      ['D1', 10],
      ['D2', 10],
      ['D3', 10],
      ['D4', 10],
    ]);
    expect(Object.keys(row.documents[0])).toEqual(expect.arrayContaining(['document', 'units', 'percent_agreement', 'cohen_kappa', 'krippendorff_alpha']));
    // Each document row carries its own reasons: four coders, so no Cohen's κ there either.
    expect(row.documents[0].cohen_kappa).toBeNull();
    expect(row.documents[0].cohen_kappa_reason).toBe("Cohen's kappa needs exactly two coders, got 4");
    expect(row.documents[0].alpha_u).toEqual(expect.any(Number));
    const ab = row.pairs.find((p: { coders: string[] }) => p.coders.join() === 'Ana,Ben');
    expect(ab.cohen_kappa).toBeCloseTo(0.385 / 0.485, 12);
    const ac = row.pairs.find((p: { coders: string[] }) => p.coders.join() === 'Ana,Cy');
    expect(ac.krippendorff_alpha).toBeNull();
    expect(ac.krippendorff_alpha_reason).toBe('no unit that two or more of the coders count on');
    expect(json.overall.pooling).toContain('the 2 codes applied in scope');
    // On documents as units the rows have no |uα, and say why.
    out = '';
    await run(['agreement', join(dir, 'design.accord'), '--unit', 'document', '--by', 'document', '--json'], { out: (t) => (out += t), err: () => {} });
    const byDocumentUnit = JSON.parse(out).codes.find((c: { code: string }) => c.code === 'X');
    expect(byDocumentUnit.documents.map((d: { units: number }) => d.units)).toEqual([1, 1, 1, 1]);
    expect(byDocumentUnit.documents[0].alpha_u).toBeNull();
    expect(byDocumentUnit.documents[0].alpha_u_reason).toBe('|uα needs character units');
    // --scope all is the NVivo-style reading: every coder on every selected document.
    out = '';
    await run(['agreement', join(dir, 'design.accord'), '--scope', 'all', '--json'], { out: (t) => (out += t), err: () => {} });
    expect(JSON.parse(out).scope).toBe('all');
    expect(JSON.parse(out).documents).toEqual(['D1', 'D2', 'D3', 'D4', 'D5 archive']);
  });
});

describe('before/after consensus compares the same codes and documents', async () => {
  const engine = await newProject(dir, 'before-after.accord', 'Ana');
  const { document } = await engine.call('documents:import', { fileName: 'ID1.txt', dataBase64: b64('x'.repeat(60) + 'y'.repeat(40)) });
  const x = await engine.call('codebook:create', { parentId: null, label: 'X', name: 'Settled' });
  const y = await engine.call('codebook:create', { parentId: null, label: 'Y', name: 'Not settled' });
  const ana = await engine.call('coders:select', { name: 'Ana' });
  const code = async (coder: string, codeId: CodeId, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: document.id, codeIds: [codeId], start, end });
  };
  await code('Ana', x.id, 0, 20);
  await code('Ben', x.id, 10, 30);
  await code('Ana', y.id, 50, 60);
  await code('Ben', y.id, 50, 60);
  await engine.call('coders:select', { name: 'Ana' });
  await engine.call('consensus:settle', { documentId: document.id, codeId: x.id, start: 0, end: 30, rule: 'accept', coderId: ana.id, rationale: 'Ana' });

  it('only X, the settled code, on its document; Y stays out of both sides', async () => {
    const ba = await engine.call('agreement:beforeAfter', {});
    expect(ba.before.codes.map((c) => c.label)).toEqual(['X']);
    // Before, X on 100 characters: 11 ×10, 10 ×10, 01 ×10, 00 ×70; n.. = 200, o10 = o01 = 20,
    // n1 = 40, n0 = 160 → α = 1 − 199·40 / (2·40·160) = 1 − 7960/12800.
    expect(ba.before.overall.krippendorffAlpha.value).toBeCloseTo(1 - 7960 / 12800, 12);
    expect(ba.before.codes[0].krippendorffAlpha.value).toBeCloseTo(1 - 7960 / 12800, 12);
    // After: the consensus took Ana's [0,20): Ana agrees fully, Ben as before.
    expect(ba.after.map((a) => [a.coder, a.report.overall.krippendorffAlpha.value])).toEqual([
      ['Ana', 1],
      ['Ben', 1 - 7960 / 12800],
    ]);
    expect(ba.settled).toEqual([{ codeId: x.id, documents: 1, disagreements: 1, settled: 1 }]);
  });
});
