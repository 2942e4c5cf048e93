// A code no selected coder applied in scope agrees trivially (everyone left all of it uncoded): the
// report says so (`applied: false`), and neither the text table nor the Word table prints its 100 %.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { run } from '../../../electron/cli/main';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('codes nobody applied in scope', async () => {
  const engine = await newProject(dir, 'applied.accord', 'Ana');
  const { document: d1 } = await engine.call('documents:import', { fileName: 'D1.txt', dataBase64: b64('abcdefghijklmnopqrst') });
  const { document: d2 } = await engine.call('documents:import', { fileName: 'D2.txt', dataBase64: b64('uvwxyzabcdefghijklmn') });
  const parent = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
  const child = await engine.call('codebook:create', { parentId: parent.id, label: '10a', name: 'Adaptation' });
  await engine.call('codebook:create', { parentId: parent.id, label: '10b', name: 'Cost' });
  const outside = await engine.call('codebook:create', { parentId: null, label: '20', name: 'Climate' });
  const ids: Record<string, number> = {};
  for (const name of ['Ana', 'Ben']) ids[name] = (await engine.call('coders:select', { name })).id;
  await engine.call('coders:select', { name: 'Ana' });
  // Both are assigned D1 only; Ana also coded 20 on D2, where she does not count (design scope).
  await engine.call('agreement:assign', { documentIds: [d1.id], coderIds: [ids.Ana, ids.Ben] as never });
  const code = async (coder: string, doc: number, codeId: number, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: doc as never, codeIds: [codeId as never], start, end });
  };
  await code('Ana', d1.id, child.id, 0, 5);
  await code('Ben', d1.id, child.id, 0, 4);
  await code('Ana', d2.id, outside.id, 0, 5);
  engine.close();
  const path = join(dir, 'applied.accord');
  const cli = async (...argv: string[]) => {
    let out = '';
    const status = await run(argv, { out: (s) => (out += s), err: () => {} });
    return { status, out };
  };

  it('flags them per code, a parent counting its sub-codes, and only in scope', async () => {
    const design = JSON.parse((await cli('agreement', path, '--json')).out) as { codes: { code: string; applied: boolean; percent_agreement: number }[] };
    expect(design.codes.map((c) => [c.code, c.applied])).toEqual([
      ['10', true],
      ['10a', true],
      ['10b', false],
      ['20', false],
    ]);
    // The figure it would show: everyone left 10b uncoded on D1's 20 characters.
    expect(design.codes[2].percent_agreement).toBe(1);
    // With every coder counting everywhere, Ana's 20 on D2 is in scope.
    const all = JSON.parse((await cli('agreement', path, '--json', '--scope', 'all')).out) as { codes: { code: string; applied: boolean }[] };
    expect(all.codes.map((c) => c.applied)).toEqual([true, true, false, true]);
  });

  it('the text table says "not applied in scope" instead of figures', async () => {
    const { status, out } = await cli('agreement', path);
    expect(status).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContain('  10b Cost\tnot applied in scope');
    expect(lines).toContain('20 Climate\tnot applied in scope');
    // 10a on D1's 20 characters, Ana [0,5), Ben [0,4): 4 both, 1 Ana only, 15 neither; po = 19/20.
    // κ: pe = 0.25·0.2 + 0.75·0.8 = 0.65 → (0.95 − 0.65)/0.35 = 0.857. α: n1 = 9, n0 = 31 of 40 values,
    // o10 = o01 = 1 → 1 − 39·2/(2·9·31) = 0.860. |uα: coded 9, gap 31, diagonal 38, corrections
    // 41 (squared lengths) + 31 (gaps) → expected 40·(1600 − 1042)/(1600 − 72) = 14.607 → 1 − 2/14.607 = 0.863.
    expect(lines.find((l) => l.startsWith('  10a Adaptation\t'))).toBe('  10a Adaptation\t20\t0.950\t0.857\t0.860\t0.863');
  });

  it('the Word table lists only applied codes', async () => {
    const { Engine } = await import('../../../electron/engine/engine');
    const again = new Engine({ stateDir: null });
    await again.call('project:open', { path });
    const table = await again.call('reports:table', { table: 'agreement' });
    again.close();
    const names = table.rows.map((r) => r.cells[0].runs.map((x) => x.text).join(''));
    expect(names.some((n) => n.includes('Adaptation'))).toBe(true);
    expect(names.some((n) => n.includes('Cost') || n.includes('Climate'))).toBe(false);
    expect(table.footnote).toContain('2 codes that no coder applied in scope, directly or through a sub-code, are not listed.');
  });
});
