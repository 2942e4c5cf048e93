// The --by document and --by pair breakdowns against the figures they break down, through the CLI's
// JSON on a random project: the overall per-document rows add up to the overall units; with two
// coders the one pair is the code (and the overall) itself; a code applied in every document has
// per-document rows adding up to its units; a pair's all-agree share is its agreement.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../electron/cli/main';
import type { Engine } from '../../../electron/engine/engine';
import { rng } from '../../helpers/fixtures';
import { b64, newProject, tempDir } from '../../helpers/temp';

type Row = Record<string, number | null | string | string[]>;
interface Json {
  codes: (Row & { code: string; documents: (Row & { document: string })[]; pairs: (Row & { coders: string[] })[] })[];
  overall: Row & { documents: Row[]; pairs: Row[] };
}

async function project(coders: string[], seed: number): Promise<string> {
  const dir = tempDir();
  const engine: Engine = await newProject(dir, 'b.accord', coders[0]);
  const rand = rng(seed);
  const docs: number[] = [];
  for (let d = 0; d < 4; d++) docs.push((await engine.call('documents:import', { fileName: `ID${d} interview.txt`, dataBase64: b64(`ID${d}: ${'we kept records and plans together '.repeat(6)}`) })).document.id);
  const codes: number[] = [];
  for (const label of ['10a', '20b', '30c']) codes.push((await engine.call('codebook:create', { parentId: null, label, name: `Code ${label}` })).id);
  for (const coder of coders) {
    await engine.call('coders:select', { name: coder });
    // Code 10a in every document by every coder; the others here and there.
    for (const doc of docs) {
      for (const [k, code] of codes.entries()) {
        if (k > 0 && rand() < 0.5) continue;
        const start = Math.floor(rand() * 100);
        await engine.call('codings:apply', { documentId: doc, codeIds: [code as never], start, end: start + 5 + Math.floor(rand() * 80) });
      }
    }
  }
  engine.close();
  return join(dir, 'b.accord');
}

async function report(path: string, ...extra: string[]): Promise<Json> {
  let out = '';
  const code = await run(['agreement', path, '--json', '--by', 'document', '--by', 'pair', ...extra], { out: (s) => (out += s), err: () => undefined });
  expect(code).toBe(0);
  return JSON.parse(out) as Json;
}

const MEASURES = ['units', 'percent_agreement', 'cohen_kappa', 'krippendorff_alpha', 'alpha_u'] as const;

describe('breakdowns add up to what they break down', () => {
  for (const seed of [1, 2, 3]) {
    it(`two coders (seed ${seed}): the pair is the code, per-document rows add up`, async () => {
      const path = await project(['Ana', 'Ben'], seed);
      for (const scope of ['design', 'all']) {
        const r = await report(path, '--scope', scope);
        const sum = (rows: Row[]) => rows.reduce((n, d) => n + (d.units as number), 0);
        expect(sum(r.overall.documents)).toBe(r.overall.units);
        for (const row of [...r.codes, r.overall]) {
          expect(row.pairs).toHaveLength(1);
          const pair = row.pairs[0];
          for (const m of MEASURES) expect(pair[m], `${m}`).toBe(row[m]);
          expect(pair.percent_all_agree).toBe(pair.percent_agreement);
        }
        // 10a is applied in every document by both coders: its rows cover its units.
        const a = r.codes.find((c) => c.code === '10a')!;
        expect(a.documents).toHaveLength(4);
        expect(sum(a.documents)).toBe(a.units);
      }
    });
  }

  it('three coders: per-document rows add up, and each pair counts the same units', async () => {
    const r = await report(await project(['Ana', 'Ben', 'Cy'], 7), '--scope', 'all');
    const a = r.codes.find((c) => c.code === '10a')!;
    expect(a.documents.reduce((n, d) => n + (d.units as number), 0)).toBe(a.units);
    expect(r.overall.documents.reduce((n, d) => n + (d.units as number), 0)).toBe(r.overall.units);
    for (const row of [...r.codes, r.overall]) {
      expect(row.pairs.map((p) => p.coders)).toEqual([['Ana', 'Ben'], ['Ana', 'Cy'], ['Ben', 'Cy']]);
      for (const p of row.pairs) expect(p.units).toBe(row.units);
      // Percent agreement for three coders is the mean over the pairs.
      const mean = row.pairs.reduce((n, p) => n + (p.percent_agreement as number), 0) / 3;
      expect(row.percent_agreement as number).toBeCloseTo(mean, 12);
    }
  });
});
