// Reports through the command line on the large project (2,000 documents, 8 coders, 500 codes, 2M
// codings): `accord agreement` and `accord report cooccurrence` as whole processes (start-up, opening
// the file, reading the codings once as typed columns, the report, printing JSON), against the same
// channel in one long-lived process — its first (cold) call and its warm calls (codings cached).
// Target: the CLI's first call ≤ 1.5× the warm in-process time. BENCH_PROJECT=FILE reuses a project.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { fillCorpus } from './corpus-db';
import { ACCORD, describe, HOW, median, runOnce } from './process';
import { fmt } from './synth';

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-reports-'));
try {
  let project = process.env.BENCH_PROJECT ?? '';
  if (!project || !existsSync(project)) {
    project = join(dir, 'large.accord');
    const e = new Engine({ stateDir: null });
    await e.call('project:create', { path: project });
    fillCorpus(e.current.db, { documents: 2000, length: 60_000, coders: 8, codes: 500, parents: 20, codings: 2_000_000 });
    e.close();
  }
  console.log(`(${HOW}; in-process: CPU of this process, cold = first call after opening, warm = median of 3 later calls)`);
  const cases = [
    { label: 'agreement report (character unit, per code and overall)', method: 'agreement:report', input: { unit: 'character', detail: false }, cli: ['agreement', project, '--json'] },
    { label: 'co-occurrence matrix (overlap)', method: 'intersections:matrix', input: { mode: 'overlap' }, cli: ['report', 'cooccurrence', project, '--format', 'json'] },
  ] as const;
  for (const c of cases) {
    const engine = new Engine({ stateDir: null });
    await engine.call('project:open', { path: project });
    const cpu = async () => {
      const u = process.cpuUsage();
      await engine.call(c.method, c.input);
      const d = process.cpuUsage(u);
      return (d.user + d.system) / 1000;
    };
    const cold = await cpu();
    const warm = median([await cpu(), await cpu(), await cpu()]);
    engine.close();
    const run = runOnce(process.execPath, [ACCORD, ...c.cli]);
    if (run.status !== 0) throw new Error(`accord ${c.cli.join(' ')} failed`);
    console.log(
      `${c.label}: in-process cold ${fmt(cold)} ms CPU, warm ${fmt(warm)} ms CPU; CLI first call ${describe({ wallMs: run.wallMs, cpuMs: run.cpuMs, peakMB: run.peakMB, first: run })}` +
        (run.cpuMs !== null ? ` → ${fmt(run.cpuMs / warm, 2)}× the warm in-process CPU (target ≤ 1.5×)` : ''),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
