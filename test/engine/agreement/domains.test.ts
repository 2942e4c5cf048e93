// Semantic domains through the contract and the CLI: cu-α per domain and Cu-α across domains in the
// study's design (two pairs of coders, each assigned half of the transcripts). Every figure is worked
// out by hand below (formulas in shared/stats/semantic-domain.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { accord } from '../../helpers/cli';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

/**
 * D1–D4: 20 characters each; Ana and Ben are assigned D1 and D2, Cy and Di D3 and D4.
 * Domain 10 "Features of the innovation": 10a Adaptation (with 10a1 Local fit under it), 10b Cost.
 * Domain 20 "Outer setting": 20a Policy, 20b Funding.
 *   D1 Ana 10a [0,10) 10b [10,16); Ben 10a [0,8) 10b [8,14)
 *   D2 Ana 20a [0,5);  Ben 20b [0,5); Ana 10a [10,15); Ben 10a [10,15) and 10b [12,18) (overlap)
 *   D3 Cy 10a1 [0,6) (counts as 10a); Di 10a [0,6); Ana 10b [0,20) (not assigned: missing)
 *   D4 Cy 20a [0,4); Di 10a [0,4)
 */
async function build(engine: Engine) {
  const docs: DocumentId[] = [];
  for (const [name, text] of [
    ['D1', 'abcdefghijklmnopqrst'],
    ['D2', 'bcdefghijklmnopqrstu'],
    ['D3', 'cdefghijklmnopqrstuv'],
    ['D4', 'defghijklmnopqrstuvw'],
  ]) {
    docs.push((await engine.call('documents:import', { fileName: `${name}.txt`, dataBase64: b64(text) })).document.id);
  }
  const c = async (parentId: CodeId | null, label: string, name: string) => (await engine.call('codebook:create', { parentId, label, name })).id;
  const f = await c(null, '10', 'Features of the innovation');
  const a = await c(f, '10a', 'Adaptation');
  const a1 = await c(a, '10a1', 'Local fit');
  const b = await c(f, '10b', 'Cost');
  const o = await c(null, '20', 'Outer setting');
  const p = await c(o, '20a', 'Policy');
  const q = await c(o, '20b', 'Funding');
  const ids: Record<string, number> = {};
  for (const name of ['Ana', 'Ben', 'Cy', 'Di']) ids[name] = (await engine.call('coders:select', { name })).id;
  await engine.call('coders:select', { name: 'Ana' });
  await engine.call('agreement:assign', { documentIds: [docs[0], docs[1]], coderIds: [ids.Ana, ids.Ben] as never });
  await engine.call('agreement:assign', { documentIds: [docs[2], docs[3]], coderIds: [ids.Cy, ids.Di] as never });
  const code = async (coder: string, doc: number, codeId: CodeId, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: docs[doc], codeIds: [codeId], start, end });
  };
  await code('Ana', 0, a, 0, 10);
  await code('Ana', 0, b, 10, 16);
  await code('Ben', 0, a, 0, 8);
  await code('Ben', 0, b, 8, 14);
  await code('Ana', 1, p, 0, 5);
  await code('Ben', 1, q, 0, 5);
  await code('Ana', 1, a, 10, 15);
  await code('Ben', 1, a, 10, 15);
  await code('Ben', 1, b, 12, 18);
  await code('Cy', 2, a1, 0, 6);
  await code('Di', 2, a, 0, 6);
  await code('Ana', 2, b, 0, 20);
  await code('Cy', 3, p, 0, 4);
  await code('Di', 3, a, 0, 4);
  await engine.call('coders:select', { name: 'Ana' });
  return { docs, f, o, a1 };
}

describe('semantic domains in the study design', async () => {
  const engine = await newProject(dir, 'domains.accord', 'Ana');
  const { docs, f, o, a1 } = await build(engine);

  it('cu-α per domain and Cu-α across the top-level domains, by hand', async () => {
    const r = await engine.call('agreement:domains', { parents: 'top-level' });
    expect(r.scope).toBe('design');
    expect(r.documents.map((d) => d.name)).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(r.domains.map((d) => d.name)).toEqual(['10 Features of the innovation', '20 Outer setting']);
    const [features, outer] = r.domains;
    expect(features.parentId).toBe(f);
    expect(features.codes.map((c) => c.label)).toEqual(['10', '10a', '10b']);
    // 10: D1 [0,8) a/a ℓ_aa 16, [8,10) a/b ℓ_ab = ℓ_ba = 2, [10,14) b/b ℓ_bb 8; D2 [10,12) a/a 4
    //   ([12,15) has no single code for Ben: uncoded for him; [15,18) Ben alone); D3 [0,6) a/a 12
    //   (Cy's 10a1 counts as 10a; Ana is not assigned there); D4 Di alone. n = 44, ℓ_a = 34, ℓ_b = 10,
    //   Σ ℓ_c² = 1256, D_o = 4. λ: D1 10, 4, 8, 6; D2 2, 2, 0; D3 6, 6 → π = 296.
    //   cu-α = 1 − 4·(44² − 296)/(44·(44² − 1256)) = 1 − 6560/29920.
    expect(features.cuAlpha.value).toBeCloseTo(1 - 6560 / 29920, 12);
    expect(features.units).toBe(14 + 2 + 6);
    expect(features.overlaps).toEqual({
      count: 1,
      characters: 3,
      spans: [{ document: 'D2', coder: 'Ben', start: 12, end: 15, codes: ['10a Adaptation', '10b Cost'] }],
    });
    // 20: D2 [0,5) Policy/Funding: ℓ_pq = ℓ_qp = 5, D_o = 10, n = 10, Σ ℓ_c² = 50, π = 25 + 25.
    //   cu-α = 1 − 10·(100 − 50)/(10·(100 − 50)) = 0.
    expect(outer.cuAlpha.value).toBeCloseTo(0, 12);
    expect(outer.units).toBe(5);
    // Cu-α (10 vs 20): D1 [0,14) 10/10 ℓ 28 (touching ranges stay separate units: λ 10, 4, 8, 6);
    //   D2 [0,5) 20/20 ℓ 10 (λ 5, 5), [10,15) 10/10 ℓ 10 (Ben's overlapping 10a and 10b are one
    //   10-unit [10,18): λ 5, 5); D3 [0,6) 10/10 ℓ 12 (λ 6, 6); D4 [0,4) 20/10 ℓ_12 = ℓ_21 = 4 (λ 4, 4).
    //   n = 68, ℓ_10 = 54, ℓ_20 = 14, Σ ℓ_c² = 3112, D_o = 8, π = 216 + 50 + 50 + 72 + 32 = 420.
    //   Cu-α = 1 − 8·(68² − 420)/(68·(68² − 3112)) = 1 − 33632/102816.
    expect(r.globalCuAlpha.value).toBeCloseTo(1 - 33632 / 102816, 12);
    expect(r.globalUnits).toBe(14 + 5 + 5 + 6 + 4);
    expect(r.globalOverlaps.count).toBe(0);
    expect(r.sentence).toMatch(/^Agreement between Ana, Ben, Cy and Di was computed per code on 80 characters of 4 documents/);
    expect(r.domainSentence).toMatch(/cu-α/);
    expect(r.notes.join('\n')).toMatch(/10 Features of the innovation: 1 place \(3 characters\)/);
  });

  it('a named list, and nested domains that share codes', async () => {
    const r = await engine.call('agreement:domains', { domains: [{ name: 'Local fit only', codeIds: [a1] }], parents: 'all' });
    expect(r.domains.map((d) => d.name)).toEqual(['Local fit only', '10 Features of the innovation', '10a Adaptation', '20 Outer setting']);
    // "10a Adaptation" as a parent: 10a and 10a1; Cy's 10a1 against Di's 10a on D3 is now a disagreement.
    const adaptation = r.domains[2];
    expect(adaptation.codes.map((c) => c.label)).toEqual(['10a', '10a1']);
    expect(adaptation.cuAlpha.value).not.toBeNull();
    expect(r.domains[0].cuAlpha.value).toBeNull();
    expect(r.domains[0].cuAlpha.reason).toMatch(/one code/);
    // Cu-α across the outer domains (10 and 20): the others lie inside 10.
    expect(r.globalCuAlpha.value).toBeCloseTo(1 - 33632 / 102816, 12);
    expect(r.domainSentence).toMatch(/the outermost domains \(10 Features of the innovation; 20 Outer setting\)/);
    // Two lists sharing a code, neither inside the other: no single domain for 20a.
    const codes = await engine.call('codebook:list', {});
    const id = (label: string) => codes.find((c) => c.label === label)!.id;
    const crossing = await engine.call('agreement:domains', {
      domains: [
        { name: 'X', codeIds: [id('10a'), id('20a')] },
        { name: 'Y', codeIds: [id('10b'), id('20a')] },
      ],
    });
    expect(crossing.globalCuAlpha.value).toBeNull();
    expect(crossing.globalCuAlpha.reason).toBe('the domains share codes, so a coding has no single domain: 20a Policy (X; Y)');
    await expect(engine.call('agreement:domains', {})).rejects.toThrow(/no semantic domain/);
  });

  it('scope all counts Ana on D3, where she is not assigned', async () => {
    const design = await engine.call('agreement:domains', { domains: [{ codeIds: [f] }] });
    const all = await engine.call('agreement:domains', { domains: [{ codeIds: [f] }], scope: 'all' });
    expect(all.scope).toBe('all');
    // Ana's 10b over D3 now counts: [0,6) has three coders' codes (same characters, other weights).
    expect(all.domains[0].units).toBe(design.domains[0].units);
    expect(all.domains[0].cuAlpha.value).not.toBeCloseTo(design.domains[0].cuAlpha.value as number, 6);
    expect(all.globalCuAlpha.reason).toMatch(/one was given/);
  });

  it('accord agreement --domain: JSON fields beside the report', async () => {
    const { code, out, err } = await accord(
      'agreement',
      join(dir, 'domains.accord'),
      '--domain',
      '10 Features of the innovation',
      '--domain',
      'Outer=20a,20b',
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.codes.length).toBeGreaterThan(0);
    expect(j.domains.map((d: { domain: string }) => d.domain)).toEqual(['10 Features of the innovation', 'Outer']);
    expect(j.domains[0].cu_alpha).toBeCloseTo(1 - 6560 / 29920, 12);
    expect(j.domains[0].codes).toEqual(['10 Features of the innovation', '10a Adaptation', '10b Cost']);
    expect(j.domains[0].units).toBe(22);
    expect(j.domains[0].overlaps.count).toBe(1);
    expect(j.domains[1].cu_alpha).toBeCloseTo(0, 12);
    expect(j.global_cu_alpha).toBeCloseTo(1 - 33632 / 102816, 12);
    expect(j.global_units).toBe(34);
    expect(typeof j.domain_sentence).toBe('string');
    expect(j.notes.filter((n: string) => /one coder applied two or more of its codes/.test(n))).toHaveLength(1);

    const none = JSON.parse((await accord('agreement', join(dir, 'domains.accord'), '--domain', 'Only=10b', '--json')).out);
    expect(none.domains[0].cu_alpha).toBeNull();
    expect(none.domains[0].cu_alpha_reason).toMatch(/one code/);
    expect(none.global_cu_alpha_reason).toMatch(/one was given/);

    const text = await accord('agreement', join(dir, 'domains.accord'), '--domains', 'top-level');
    expect(text.out).toMatch(/10 Features of the innovation\t22\t0\.781/);
    // accord agreement --help: the command's own part of the help, with the new fields.
    const help = await accord('agreement', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^ {2}accord agreement PROJECT\.accord/);
    expect(help.out).toMatch(/global_cu_alpha/);
    expect(help.out).not.toMatch(/accord report/);
    const bad = await accord('agreement', join(dir, 'domains.accord'), '--domains', 'some');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--domains is top-level or all/);
  });

  it('in blind mode a coder cannot read the others through it', async () => {
    await engine.call('agreement:setBlind', { blind: true });
    await engine.call('coders:select', { name: 'Ben' });
    await expect(engine.call('agreement:domains', { parents: 'top-level' })).rejects.toThrow(/^blind mode: /);
    // On documents the lead has revealed, as with the agreement report.
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:reveal', { documentIds: [docs[0]] });
    await engine.call('coders:select', { name: 'Ben' });
    await expect(engine.call('agreement:domains', { parents: 'top-level', documentIds: [docs[0], docs[1]] })).rejects.toThrow(/^blind mode: /);
    const revealed = await engine.call('agreement:domains', { parents: 'top-level', documentIds: [docs[0]] });
    expect(revealed.documents.map((d) => d.name)).toEqual(['D1']);
    expect(revealed.domains[0].cuAlpha.value).toBeCloseTo(7808 / 10080, 12);
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:setBlind', { blind: false });
    expect(o).toBeGreaterThan(0);
  });
});
