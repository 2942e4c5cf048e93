// The agreement report on a coded project: study size (26 documents × 8,000 words, 4 coders, 64 codes,
// ~5,000 codings; target ≤ 100 ms) and large (2,000 documents, 8 coders, 500 codes, 2M codings;
// target ≤ 5 s). Character unit, every code with roll-up, |uα included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { agreementReport } from '../electron/engine/services/agreement';
import { fillCorpus, type CorpusSpec } from './corpus-db';
import { fmt } from './synth';

async function run(label: string, spec: CorpusSpec, target: number, repeats: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-agree-'));
  const engine = new Engine({ stateDir: null });
  try {
    await engine.call('project:create', { path: join(dir, 'a.accord') });
    const t0 = performance.now();
    fillCorpus(engine.current.db, spec);
    const genMs = performance.now() - t0;
    const times = { detail: [] as number[], summary: [] as number[] };
    for (let i = 0; i < repeats; i++) {
      let t = performance.now();
      agreementReport(engine.current, { detail: false });
      times.summary.push(performance.now() - t);
      t = performance.now();
      agreementReport(engine.current, { detail: true });
      times.detail.push(performance.now() - t);
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `${label}: ${fmt(spec.documents)} documents, ${spec.coders} coders, ${spec.codes} codes, ${fmt(spec.codings)} codings (generated in ${fmt(genMs)} ms): ` +
        `report per code + overall ${fmt(med(times.summary))} ms; with per-document and per-pair breakdowns ${fmt(med(times.detail))} ms (target ≤ ${fmt(target)} ms; median of ${repeats})`,
    );
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run('study', { documents: 26, length: 48_000, coders: 4, codes: 64, parents: 9, codings: 5000 }, 100, 5);
if (!process.argv.includes('--study-only')) {
  await run('large', { documents: 2000, length: 60_000, coders: 8, codes: 500, parents: 20, codings: 2_000_000 }, 5000, 1);
}
