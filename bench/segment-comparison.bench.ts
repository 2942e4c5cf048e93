// MAXQDA's segment comparison (agreement:segments) for two coders, beside the agreement report's per
// code + overall figures for the same two coders on the same project (the baseline: the same codings
// read, compared per code and document). Study size (26 documents, 4 coders, 64 codes, 5,000 codings)
// and large (2,000 documents, 8 coders, 500 codes, 2M codings, of which the two coders have about
// 500,000). Random codings rarely match, so the unmatched table is nearly every segment: its worst case.
// The dashboard asks for the first 5,000 unmatched segments (`limit`), timed apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { agreementReport } from '../electron/engine/services/agreement';
import { segmentComparisonReport } from '../electron/engine/services/segment-comparison';
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
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-segments-'));
  const engine = new Engine({ stateDir: null });
  try {
    await engine.call('project:create', { path: join(dir, 's.accord') });
    const { coderIds } = fillCorpus(engine.current.db, { ...spec, parents: 0 });
    const pair = coderIds.slice(0, 2);
    const s = engine.current;
    let info = '';
    const segments = () => {
      const r = segmentComparisonReport(s, { coderIds: pair, scope: 'all' });
      info = `${fmt(r.total.segments.agree + r.total.segments.disagree)} segments, ${fmt(r.unmatched.length)} unmatched`;
    };
    const baseline = () => agreementReport(s, { coderIds: pair, scope: 'all', detail: false });
    const view = () => segmentComparisonReport(s, { coderIds: pair, scope: 'all', limit: 5000 });
    segments();
    baseline();
    view();
    const ours: number[] = [];
    const base: number[] = [];
    const viewed: number[] = [];
    // Alternate them so that load on the machine falls on all alike.
    for (let i = 0; i < repeats; i++) {
      ours.push(time(segments).cpu);
      base.push(time(baseline).cpu);
      viewed.push(time(view).cpu);
    }
    console.log(
      `${label} (${fmt(spec.documents)} documents, ${spec.coders} coders, ${spec.codes} codes, ${fmt(spec.codings)} codings; two coders: ${info}): ` +
        `segment comparison ${fmt(median(ours))} ms CPU, agreement report per code + overall for the same two coders ${fmt(median(base))} ms CPU ` +
        `(${(median(ours) / median(base)).toFixed(2)}×; medians of ${repeats}); as the dashboard asks (the first 5,000 unmatched) ${fmt(median(viewed))} ms CPU ` +
        `(${(median(viewed) / median(base)).toFixed(2)}×)`,
    );
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await run('study', { documents: 26, length: 48_000, coders: 4, codes: 64, codings: 5000 }, 21);
if (!process.argv.includes('--study-only')) await run('large', { documents: 2000, length: 60_000, coders: 8, codes: 500, codings: 2_000_000 }, 3);
