// cu-α per semantic domain and Cu-α across domains, with every code with sub-codes as a domain (what
// the agreement dashboard asks for), beside the agreement report's per code + overall on the same
// project: study size (26 documents, 4 coders, 64 codes, 5,000 codings) and large (2,000 documents,
// 8 coders, 500 codes, 2M codings). The domains read the same codings once and sweep each domain's
// once per document, so they should cost about what the report does (measured on a shared 2-core
// machine: study 36 vs 35 ms CPU; large 7.5 vs 4.3 s CPU, i.e. within 2× of the report).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { agreementReport } from '../electron/engine/services/agreement';
import { domainsReport } from '../electron/engine/services/agreement-domains';
import { fillCorpus, type CorpusSpec } from './corpus-db';
import { fmt } from './synth';

function time(f: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  f();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(label: string, spec: CorpusSpec, repeats: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-domains-'));
  const engine = new Engine({ stateDir: null });
  try {
    await engine.call('project:create', { path: join(dir, 'a.accord') });
    fillCorpus(engine.current.db, spec);
    const s = engine.current;
    console.log(`${label}: ${fmt(spec.documents)} documents, ${spec.coders} coders, ${spec.codes} codes (${spec.parents} parents), ${fmt(spec.codings)} codings`);
    const cases: [string, () => void][] = [
      ['agreement report, per code + overall (baseline)', () => agreementReport(s, { detail: false })],
      ['cu-α for every code with sub-codes + Cu-α', () => domainsReport(s, { parents: 'all' })],
    ];
    for (const [name, f] of cases) {
      const first = time(f);
      const runs = Array.from({ length: repeats }, () => time(f));
      console.log(`  ${name}: ${fmt(median(runs.map((r) => r.wall)))} ms wall, ${fmt(median(runs.map((r) => r.cpu)))} ms CPU (median of ${repeats}; first call ${fmt(first.wall)} ms)`);
    }
    const r = domainsReport(s, { parents: 'all' });
    console.log(`  ${r.domains.length} domains; Cu-α ${r.globalCuAlpha.value?.toFixed(3) ?? r.globalCuAlpha.reason} on ${fmt(r.globalUnits)} characters`);
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run('study', { documents: 26, length: 48_000, coders: 4, codes: 64, parents: 9, codings: 5000 }, 11);
if (!process.argv.includes('--study-only')) {
  await run('large', { documents: 2000, length: 60_000, coders: 8, codes: 500, parents: 20, codings: 2_000_000 }, 3);
}
