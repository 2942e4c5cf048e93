// The agreement report of a project: a two-coder project whose figures are worked out by hand
// below, through the engine and through `accord agreement PROJECT --json`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { run } from '../../../electron/cli/main';
import type { CodeId } from '../../../shared/model/types';
import { documentRows } from '../../../shared/api/agreement';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

// Four speaker turns of 25 characters each (the newline ends a turn's line), 100 characters in all.
const TEXT = [
  'Interviewer: aaaaaaaaaaa\n',
  'ID21: bbbbbbbbbbbbbbbbbb\n',
  'Interviewer: ccccccccccc\n',
  'ID21: ddddddddddddddddddd',
].join('');

async function accord(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/**
 * Codes 10 (parent), 10a (its child) and 20. Ana: 10a [0,20), 20 [50,60).
 * Ben: 10a [10,30), 20 [50,60), and 10 itself on [90,100).
 */
async function build(engine: Engine) {
  const { document } = await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64(TEXT) });
  const c10 = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features of the innovation' });
  const c10a = await engine.call('codebook:create', { parentId: c10.id, label: '10a', name: 'Adaptation' });
  const c20 = await engine.call('codebook:create', { parentId: null, label: '20', name: 'Outer setting' });
  const code = async (coder: string, codeId: CodeId, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: document.id, codeIds: [codeId], start, end });
  };
  await code('Ana', c10a.id, 0, 20);
  await code('Ana', c20.id, 50, 60);
  await code('Ben', c10a.id, 10, 30);
  await code('Ben', c20.id, 50, 60);
  await code('Ben', c10.id, 90, 100);
  return { document, c10, c10a, c20 };
}

describe('agreement report, two coders, one 100-character document (hand-worked)', async () => {
  const engine = await newProject(dir, 'report.accord');
  const { document, c10a, c20 } = await build(engine);

  it('the fixture is what the hand calculation assumes', async () => {
    const full = await engine.call('documents:get', { id: document.id });
    expect(full.text.length).toBe(100);
    expect(full.turns.map((t) => t.start)).toEqual([0, 25, 50, 75]);
  });

  it('character units per code, rolled up the hierarchy', async () => {
    const r = await engine.call('agreement:report', { unit: 'character' });
    expect(r.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    expect(r.codes.map((c) => [c.label, c.depth, c.rolledUp])).toEqual([
      ['10', 0, true],
      ['10a', 1, false],
      ['20', 0, false],
    ]);
    const [c10, c10aRow, c20Row] = r.codes;

    // 10a: patterns 10 ×10, 11 ×10, 01 ×10, 00 ×70. po = 0.8; pA = pB = 0.2 → pe = 0.04 + 0.64 = 0.68;
    // κ = 0.12/0.32 = 0.375 (Fleiss = Scott's π, equal marginals: 0.375).
    // α: n = 200 values, n1 = 40, n0 = 160, o01 = 20 → 1 − 199·20/(160·40) = 0.378125.
    expect(c10aRow.units).toBe(100);
    expect(c10aRow.percentAgreement.value).toBeCloseTo(0.8, 12);
    expect(c10aRow.cohenKappa.value).toBeCloseTo(0.375, 12);
    expect(c10aRow.fleissKappa.value).toBeCloseTo(0.375, 12);
    expect(c10aRow.krippendorffAlpha.value).toBeCloseTo(0.378125, 12);
    // |uα (Krippendorff et al. 2016): pieces [0,10) 1/∅, [10,20) 1/1, [20,30) ∅/1, [30,100) ∅/∅ give
    // ℓ11 = 20, ℓ1∅ = ℓ∅1 = 20, ℓ∅∅ = 140 (ℓ.. = 200, marginals 40 and 160). Self-pairings:
    // 20² + 20² for the two units + 80 + 80 gap characters = 960. Expected disagreement
    // = 200·(200² − 40² − 160²)/(200² − 960) = 2,560,000/39,040; observed 40 → α = 1 − 0.61 = 0.39.
    expect(c10aRow.alphaU?.value).toBeCloseTo(0.39, 12);

    // 20: identical ranges → every measure is 1.
    expect(c20Row.percentAgreement.value).toBe(1);
    expect(c20Row.cohenKappa.value).toBeCloseTo(1, 12);
    expect(c20Row.krippendorffAlpha.value).toBeCloseTo(1, 12);
    expect(c20Row.alphaU?.value).toBeCloseTo(1, 12);

    // 10 rolls up 10a: Ana [0,20); Ben [10,30) ∪ [90,100). Patterns 10 ×10, 11 ×10, 01 ×20, 00 ×60:
    // po = 0.7; pA = 0.2, pB = 0.3 → pe = 0.06 + 0.56 = 0.62 → κ = 0.08/0.38.
    // α: n1 = 50, n0 = 150, o01 = 30 → 1 − 199·30/(150·50) = 0.204.
    expect(c10.percentAgreement.value).toBeCloseTo(0.7, 12);
    expect(c10.cohenKappa.value).toBeCloseTo(0.08 / 0.38, 12);
    expect(c10.krippendorffAlpha.value).toBeCloseTo(0.204, 12);
    expect(c10.path).toBe('10 Features of the innovation');
    expect(c10aRow.path).toBe('10 Features of the innovation > 10a Adaptation');

    // Overall: the three codes as applied (10's own range only), 300 (code, character) units:
    // 10 ×10, 01 ×20, 11 ×20, 00 ×250 → po = 0.9; pA = 30/300, pB = 40/300 →
    // pe = 0.1·(2/15) + 0.9·(13/15) = 0.79333…; κ = (0.9 − 0.79333…)/(1 − 0.79333…) = 0.516129…
    // α: n = 600, n1 = 70, n0 = 530, o01 = 30 → 1 − 599·30/(530·70) = 0.515633…
    expect(r.overall.units).toBe(300);
    expect(r.overall.percentAgreement.value).toBeCloseTo(0.9, 12);
    expect(r.overall.cohenKappa.value).toBeCloseTo((0.9 - 11.9 / 15) / (1 - 11.9 / 15), 12);
    expect(r.overall.cohenKappa.value).toBeCloseTo(0.516129, 6);
    expect(r.overall.krippendorffAlpha.value).toBeCloseTo(1 - (599 * 30) / (530 * 70), 12);
    expect(r.overall.pooling).toContain('the 3 codes applied in scope × 100 characters of 1 document');

    // Breakdowns: one document, one pair, equal to the pooled figures here.
    expect(r.byDocument).toHaveLength(1);
    expect(r.byDocument[0].cohenKappa.value).toBeCloseTo(r.overall.cohenKappa.value!, 12);
    expect(r.byPair).toHaveLength(1);
    expect(r.byPair[0]).toMatchObject({ coderA: 'Ana', coderB: 'Ben', units: 300 });
    expect(r.byPair[0].krippendorffAlpha.value).toBeCloseTo(r.overall.krippendorffAlpha.value!, 12);
    expect(c10aRow.byPair[0].alphaU?.value).toBeCloseTo(0.39, 12);
    expect(documentRows(c10aRow.byDocument, r.documents).map((d) => d.name)).toEqual(['ID21 interview']);
  });

  it('turn units: a turn is coded when any of it is', async () => {
    // 10a: Ana codes turn 1 only ([0,20)); Ben turns 1 and 2 ([10,30)). Units 11, 01, 00, 00 →
    // po = 0.75; pA = 0.25, pB = 0.5 → pe = 0.125 + 0.375 = 0.5 → κ = 0.5.
    const r = await engine.call('agreement:report', { unit: 'turn', codeIds: [c10a.id] });
    expect(r.codes).toHaveLength(1);
    expect(r.codes[0].units).toBe(4);
    expect(r.codes[0].percentAgreement.value).toBeCloseTo(0.75, 12);
    expect(r.codes[0].cohenKappa.value).toBeCloseTo(0.5, 12);
    expect(r.codes[0].alphaU).toBeNull();
  });

  it('document units: both coders applied 10a and 20 in the one document', async () => {
    const r = await engine.call('agreement:report', { unit: 'document', codeIds: [c10a.id, c20.id] });
    expect(r.codes.map((c) => c.units)).toEqual([1, 1]);
    expect(r.codes[0].percentAgreement.value).toBe(1);
    // One unit, one category: kappa is undefined, and says why instead of NaN.
    expect(r.codes[0].cohenKappa.value).toBeNull();
    expect(r.codes[0].cohenKappa.reason).toMatch(/one category/);
  });

  it('refuses fewer than two coders', async () => {
    const ana = (await engine.call('coders:list', {})).find((c) => c.name === 'Ana')!;
    await expect(engine.call('agreement:report', { coderIds: [ana.id] })).rejects.toThrow(/at least two coders/);
  });

  it('accord agreement PROJECT --json prints the contract shape', async () => {
    engine.close();
    const r = await accord('agreement', join(dir, 'report.accord'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.unit).toBe('character');
    expect(out.coders).toEqual(['Ana', 'Ben']);
    expect(out.codes.map((c: { code: string }) => c.code)).toEqual(['10', '10a', '20']);
    const c10a = out.codes[1];
    expect(Object.keys(c10a).sort()).toEqual(['alpha_u', 'applied', 'code', 'cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha', 'path', 'percent_agreement', 'percent_all_agree', 'units']);
    expect(c10a.percent_agreement).toBeCloseTo(0.8, 12);
    expect(c10a.cohen_kappa).toBeCloseTo(0.375, 12);
    expect(c10a.krippendorff_alpha).toBeCloseTo(0.378125, 12);
    expect(c10a.alpha_u).toBeCloseTo(0.39, 12);
    expect(c10a.applied).toBe(true);
    expect(out.overall.percent_agreement).toBeCloseTo(0.9, 12);
    expect(out.overall.pooling).toMatch(/pooled over the 3 codes applied in scope/);

    const sel = JSON.parse((await accord('agreement', join(dir, 'report.accord'), '--codes', '10a', '--coders', 'Ana,Ben', '--documents', 'ID21 interview', '--unit', 'turn', '--json')).out);
    expect(sel.unit).toBe('turn');
    expect(sel.codes).toHaveLength(1);
    expect(sel.codes[0].cohen_kappa).toBeCloseTo(0.5, 12);
    expect(sel.codes[0].alpha_u).toBeNull();

    const bad = await accord('agreement', join(dir, 'report.accord'), '--codes', '99');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/no code with label or name "99"/);
    expect((await accord('agreement', join(dir, 'report.accord'), '--unit', 'page')).code).toBe(2);
  });
});
