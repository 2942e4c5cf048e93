// Start-up of the command line as users meet it: `accord --help` and `accord info` on a small project,
// each against `node -e 0` (the floor: starting Node itself), whole processes measured alike.
// Targets: both ≤ 2.5× `node -e 0`, CPU included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCORD, compare, describe, HOW } from './process';
import { fmt } from './synth';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-cli-'));
try {
  const project = join(dir, 'small.accord');
  // The first call builds the bundle if the sources changed: not part of what is measured.
  spawnSync(process.execPath, [ACCORD, 'init', project], { stdio: 'ignore' });
  const floor = { cmd: process.execPath, args: ['-e', '0'] };
  console.log(`(${HOW}; ${RUNS} runs each)`);
  for (const [label, args] of [
    ['accord --help', ['--help']],
    ['accord info (small project)', ['info', project]],
  ] as const) {
    const r = compare({ cmd: process.execPath, args: [ACCORD, ...args] }, floor, RUNS);
    console.log(
      `${label}: ${describe(r.a)}; node -e 0: ${describe(r.b)} → ${fmt(r.wallRatio, 2)}× wall` +
        (r.cpuRatio !== null ? `, ${fmt(r.cpuRatio, 2)}× CPU` : '') +
        ` (target ≤ 2.5×); first run ${Math.round(r.a.first.wallMs)} ms wall`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
