// Reports through the command line on the large project (2,000 documents, 8 coders, 500 codes, 2M
// codings): `accord agreement`, `accord report cooccurrence` and `accord themes` as whole processes (start-up, opening
// the file — SQLite's quick_check of every page included —, reading the codings once as typed
// columns, the report, printing JSON), against the same channel in one long-lived process — its first
// (cold) call and its warm calls (codings cached). Target (#13): the CLI's first call ≤ 1.5× the warm
// in-process time. The opening's integrity check is timed apart, since it grows with the file, not
// with the report. Issue #10's benchmark is here too: `agreement --by document --by pair` through the
// CLI against the plain `agreement` through the CLI ("today's report": per code and overall, without
// the breakdowns), both whole processes, target ≤ 1.5×. BENCH_PROJECT=FILE reuses a project.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { fillCorpus } from './corpus-db';
import { ACCORD, compare, describe, HOW, median, runOnce } from './process';
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
    { label: 'co-occurrence matrix (overlap, default layer: one coder)', method: 'intersections:matrix', input: { mode: 'overlap' }, cli: ['report', 'cooccurrence', project, '--format', 'json'] },
    { label: 'co-occurrence matrix (overlap, all coders pooled: every coding)', method: 'intersections:matrix', input: { mode: 'overlap', layer: 'all' }, cli: ['report', 'cooccurrence', project, '--layer', 'all', '--format', 'json'] },
    // No themes on this project: what is left is finding the layer's coded documents (from the coding counts).
    { label: 'theme support (themes:list, default layer; no target)', method: 'themes:list', input: { layer: 'default' }, cli: ['themes', project, '--json'] },
  ] as const;
  {
    // Opening the project: its quick_check reads every page (part of every CLI call on this file).
    const engine = new Engine({ stateDir: null });
    const u = process.cpuUsage();
    await engine.call('project:open', { path: project });
    const d = process.cpuUsage(u);
    engine.close();
    console.log(`opening the project (integrity check of every page included): ${fmt((d.user + d.system) / 1000)} ms CPU`);
  }
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
        (run.cpuMs !== null ? ` → ${fmt(run.cpuMs / warm, 2)}× the warm in-process CPU${c.method === 'themes:list' ? '' : ' (target ≤ 1.5×)'}` : ''),
    );
  }
  // Issue #10: the breakdowns against the plain report, both through the CLI, alternating.
  const r = compare(
    { cmd: process.execPath, args: [ACCORD, 'agreement', project, '--json', '--by', 'document', '--by', 'pair'] },
    { cmd: process.execPath, args: [ACCORD, 'agreement', project, '--json'] },
    2,
  );
  console.log(
    `agreement --by document --by pair: ${describe(r.a)}; plain agreement (per code and overall): ${describe(r.b)} → ${fmt(r.wallRatio, 2)}× wall` +
      (r.cpuRatio !== null ? `, ${fmt(r.cpuRatio, 2)}× CPU` : '') +
      ' (target ≤ 1.5×)',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
