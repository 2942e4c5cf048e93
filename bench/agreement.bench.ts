// The agreement report on a coded project: study size (26 documents × 48,000 characters, 4 coders,
// 64 codes in two levels, 5,000 codings; target: full report ≤ 100 ms) and large (2,000 documents,
// 8 coders, 500 codes, 2M codings; target ≤ 5 s for per code + overall, and for the breakdowns
// without each code's per-document rows, which are opened per code). Character unit, roll-up, |uα.
// Wall and CPU time are both reported (medians): on a shared machine wall time includes waiting.
// Issue #10's comparison: the report with every breakdown (what `--by document --by pair` asks:
// each code per document and per pair, overall per document and pair) against "today's report", the
// plain report per code and overall (what `accord agreement` prints without --by); target ≤ 1.5×.
// The same comparison through the CLI, JSON output included, is in cli-reports.bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { agreementReport, type AgreementSelection } from '../electron/engine/services/agreement';
import type { Session } from '../electron/engine/session';
import { fillCorpus, type CorpusSpec } from './corpus-db';
import { fmt } from './synth';

interface Case {
  name: string;
  sel: (s: Session) => AgreementSelection;
}

function time(f: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  f();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(label: string, spec: CorpusSpec, target: number, repeats: number, cases: Case[], ratio?: { of: string; to: string }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-agree-'));
  const engine = new Engine({ stateDir: null });
  try {
    await engine.call('project:create', { path: join(dir, 'a.accord') });
    const t0 = performance.now();
    fillCorpus(engine.current.db, spec);
    console.log(
      `${label}: ${fmt(spec.documents)} documents × ${fmt(spec.length)} characters, ${spec.coders} coders, ${spec.codes} codes, ` +
        `${fmt(spec.codings)} codings (generated in ${fmt(performance.now() - t0)} ms); target ≤ ${fmt(target)} ms`,
    );
    const cpuOf = new Map<string, number>();
    for (const c of cases) {
      const sel = c.sel(engine.current);
      // The first call also compiles the code and prepares the statements: reported apart.
      const first = time(() => agreementReport(engine.current, sel));
      const runs = Array.from({ length: repeats }, () => time(() => agreementReport(engine.current, sel)));
      cpuOf.set(c.name, median(runs.map((r) => r.cpu)));
      console.log(
        `  ${c.name}: ${fmt(median(runs.map((r) => r.wall)))} ms wall, ${fmt(median(runs.map((r) => r.cpu)))} ms CPU ` +
          `(median of ${repeats}; first call ${fmt(first.wall)} ms)`,
      );
    }
    if (ratio && cpuOf.has(ratio.of) && cpuOf.has(ratio.to)) {
      console.log(`  issue #10: every breakdown / plain report = ${fmt(cpuOf.get(ratio.of)! / cpuOf.get(ratio.to)!, 2)}× CPU (target ≤ 1.5×)`);
    }
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first top-level code with children: opening it shows its roll-up per document and pair. */
function firstParent(s: Session): number {
  return (s.db.prepare('SELECT id FROM codes c WHERE parent_id IS NULL AND EXISTS (SELECT 1 FROM codes k WHERE k.parent_id = c.id) ORDER BY id LIMIT 1').get() as { id: number }).id;
}

await run('study', { documents: 26, length: 48_000, coders: 4, codes: 64, parents: 9, codings: 5000 }, 100, 21, [
  { name: 'per code + overall', sel: () => ({ detail: false }) },
  { name: 'full report (per code with roll-up, |uα, per-document and per-pair breakdowns, overall)', sel: () => ({ detail: true }) },
]);
if (!process.argv.includes('--study-only')) {
  await run('large', { documents: 2000, length: 60_000, coders: 8, codes: 500, parents: 20, codings: 2_000_000 }, 5000, 3, [
    { name: 'per code + overall', sel: () => ({ detail: false }) },
    { name: 'with per-pair breakdowns (per code and overall) and overall per document', sel: () => ({ detail: true, codeDocuments: false }) },
    { name: 'full report: per code with every document and pair, overall per document and pair', sel: () => ({ detail: true }) },
    { name: "one code opened: a parent's full breakdowns", sel: (s) => ({ detail: true, codeIds: [firstParent(s)] }) },
  ], { of: 'full report: per code with every document and pair, overall per document and pair', to: 'per code + overall' });
}
