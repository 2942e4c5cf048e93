// The reliability calculator (`accord agreement --matrix`) on 2 coders × 1,000,000 units, against what
// analysts run today in the same run: R's psych::cohen.kappa (Debian's r-base-core and r-cran-psych).
// Both are timed end to end (read the CSV, compute) and for the computation alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cohenKappa, matrixReport, parseMatrixCsv } from '../shared/stats/agreement';
import { fmt, rng } from './synth';

const UNITS = Number(process.env.BENCH_UNITS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-kappa-'));
try {
  const rand = rng(5);
  const cats = ['a', 'b', 'c', 'd'];
  const lines = ['coder1,coder2'];
  for (let i = 0; i < UNITS; i++) {
    const x = cats[Math.floor(rand() * 4)];
    const y = rand() < 0.7 ? x : cats[Math.floor(rand() * 4)];
    lines.push(`${x},${y}`);
  }
  const csv = join(dir, 'matrix.csv');
  writeFileSync(csv, lines.join('\n') + '\n');

  const t0 = performance.now();
  const { coders, units } = parseMatrixCsv(readFileSync(csv, 'utf8'));
  const t1 = performance.now();
  const report = matrixReport(coders, units);
  const t2 = performance.now();
  const kappaOnly = performance.now();
  cohenKappa(units);
  const kappaMs = performance.now() - kappaOnly;
  console.log(
    `Accord: κ = ${report.cohen_kappa?.toFixed(4)} on ${fmt(report.units)} units; read+parse ${fmt(t1 - t0)} ms, full report (percent, Cohen, Fleiss, α) ${fmt(t2 - t1)} ms, Cohen alone ${fmt(kappaMs)} ms; end to end ${fmt(t2 - t0)} ms`,
  );

  if (spawnSync('Rscript', ['--version']).status !== 0) {
    console.log('R not installed (apt-get install r-base-core r-cran-psych): no comparison');
  } else {
    const script = `suppressMessages(library(psych));
      t0 <- proc.time()[["elapsed"]]; d <- read.csv("${csv}", colClasses = "character"); t1 <- proc.time()[["elapsed"]];
      k <- cohen.kappa(d); t2 <- proc.time()[["elapsed"]];
      cat(sprintf("%.6f %.1f %.1f\\n", k$kappa, (t1 - t0) * 1000, (t2 - t1) * 1000))`;
    const [kappa, readMs, computeMs] = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    console.log(`R psych::cohen.kappa: κ = ${kappa.toFixed(4)}; read.csv ${fmt(readMs)} ms, cohen.kappa ${fmt(computeMs)} ms; end to end ${fmt(readMs + computeMs)} ms`);
    console.log(
      `ratio (R ÷ Accord): end to end ${fmt((readMs + computeMs) / (t2 - t0), 1)}×, computation (cohen.kappa vs Accord's Cohen) ${fmt(computeMs / kappaMs, 1)}×; ` +
        `same κ to 4 decimals: ${kappa.toFixed(4) === report.cohen_kappa?.toFixed(4) ? 'yes' : 'NO'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
