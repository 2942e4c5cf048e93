// The reliability calculator on 2 coders × 1,000,000 units (4 categories, 70% agreement), end to end as
// users run it — `accord agreement --matrix FILE.csv` as a whole process — against Python's
// `krippendorff` package reading the same CSV (pandas-free: csv module + numpy) and computing α, and
// R's psych::cohen.kappa, each when installed (else "skipped: <tool> not installed"). In-process: the
// CSV parse and the report alone. Targets: ≤ 1.5× Python's krippendorff end to end, peak RSS ≤ 150 MB.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matrixReport, parseMatrixCsv } from '../shared/stats/agreement';
import { ACCORD, compare, describe, HOW, runOnce } from './process';
import { fmt, rng } from './synth';

// Nominal α as the krippendorff package computes it (value counts → coincidences o = Σ_u v_u v_uᵀ/(m_u − 1)
// minus the diagonal term; α = 1 − (n − 1)(n − Σ o_cc)/(n² − Σ n_c²)), reading the CSV the same way.
const PY_NUMPY = `import csv, sys, numpy as np
rows = list(csv.reader(open(sys.argv[1])))[1:]
cats = {v: i for i, v in enumerate(sorted({c for r in rows for c in r if c}))}
data = np.array([[cats[c] if c else -1 for c in r] for r in rows], dtype=np.int64)
counts = np.zeros((data.shape[0], len(cats)))
for j in range(data.shape[1]):
    ok = data[:, j] >= 0
    np.add.at(counts, (np.nonzero(ok)[0], data[ok, j]), 1)
m = counts.sum(axis=1)
counts = counts[m >= 2]; m = m[m >= 2]
o = counts.T @ (counts / (m - 1)[:, None]) - np.diag((counts / (m - 1)[:, None]).sum(axis=0))
nc = o.sum(axis=0); n = nc.sum()
print(1 - (n - 1) * (n - np.trace(o)) / (n * n - (nc * nc).sum()))`;

const UNITS = Number(process.env.BENCH_UNITS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'accord-bench-matrix-'));
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
  console.log(`(${HOW}; ${RUNS} runs each)`);

  // In process: parse and report.
  const t0 = performance.now();
  const { coders, units } = parseMatrixCsv(readFileSync(csv, 'utf8'));
  const t1 = performance.now();
  const report = matrixReport(coders, units);
  const t2 = performance.now();
  console.log(`in-process: read + parse ${fmt(t1 - t0)} ms, report (percent, Cohen, Fleiss, α) ${fmt(t2 - t1)} ms; α = ${report.krippendorff_alpha?.toFixed(4)}`);

  spawnSync(process.execPath, [ACCORD, '--version'], { stdio: 'ignore' }); // builds the bundle if stale
  const accord = { cmd: process.execPath, args: [ACCORD, 'agreement', '--matrix', csv, '--json'] };
  const py = `import csv, sys, numpy as np, krippendorff
rows = list(csv.reader(open(sys.argv[1])))[1:]
cats = {v: i for i, v in enumerate(sorted({c for r in rows for c in r if c}))}
data = np.array([[cats[c] if c else np.nan for c in r] for r in rows], dtype=float).T
print(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))`;
  if (spawnSync('python3', ['-c', 'import krippendorff, numpy']).status === 0) {
    const script = join(dir, 'alpha.py');
    writeFileSync(script, py);
    const alpha = Number(execFileSync('python3', [script, csv], { encoding: 'utf8' }).trim());
    const r = compare(accord, { cmd: 'python3', args: [script, csv] }, RUNS);
    console.log(`accord agreement --matrix: ${describe(r.a)}; Python krippendorff.alpha: ${describe(r.b)} → ${fmt(r.wallRatio, 2)}× wall` + (r.cpuRatio !== null ? `, ${fmt(r.cpuRatio, 2)}× CPU` : '') + ` (target ≤ 1.5×); same α to 4 decimals: ${alpha.toFixed(4) === report.krippendorff_alpha?.toFixed(4) ? 'yes' : 'NO'}`);
  } else if (spawnSync('python3', ['-c', 'import numpy']).status === 0) {
    // Without the package (it is not installable here), a stand-in that does what krippendorff.alpha does
    // for nominal data — the same CSV reading, then value counts per unit and the coincidence matrix as one
    // matrix product in numpy — so the ratio is still against Python doing the same work. Labelled as such.
    console.log('Python krippendorff: skipped: python3 krippendorff not installed (pip install krippendorff numpy); comparing with a numpy stand-in instead');
    const script = join(dir, 'alpha-numpy.py');
    writeFileSync(script, PY_NUMPY);
    const alpha = Number(execFileSync('python3', [script, csv], { encoding: 'utf8' }).trim());
    const r = compare(accord, { cmd: 'python3', args: [script, csv] }, RUNS);
    console.log(`accord agreement --matrix: ${describe(r.a)}; Python numpy stand-in: ${describe(r.b)} → ${fmt(r.wallRatio, 2)}× wall` + (r.cpuRatio !== null ? `, ${fmt(r.cpuRatio, 2)}× CPU` : '') + ` (target ≤ 1.5× of the package); same α to 4 decimals: ${alpha.toFixed(4) === report.krippendorff_alpha?.toFixed(4) ? 'yes' : 'NO'}`);
  } else {
    const one = runOnce(accord.cmd, accord.args);
    console.log(`accord agreement --matrix: ${describe({ wallMs: one.wallMs, cpuMs: one.cpuMs, peakMB: one.peakMB, first: one })} (one run; target peak RSS ≤ 150 MB)`);
    console.log('Python krippendorff: skipped: python3 krippendorff and numpy not installed (pip install krippendorff numpy)');
  }
  if (spawnSync('Rscript', ['--version']).status === 0 && spawnSync('Rscript', ['-e', 'library(psych)']).status === 0) {
    const script = join(dir, 'kappa.R');
    writeFileSync(script, 'suppressMessages(library(psych)); d <- read.csv(commandArgs(TRUE)[1], colClasses = "character"); cat(cohen.kappa(d)$kappa, "\\n")');
    const r = compare(accord, { cmd: 'Rscript', args: [script, csv] }, RUNS);
    console.log(`R psych::cohen.kappa: ${describe(r.b)} → accord ${fmt(r.wallRatio, 2)}× wall` + (r.cpuRatio !== null ? `, ${fmt(r.cpuRatio, 2)}× CPU` : '') + ' of R');
  } else console.log('R psych::cohen.kappa: skipped: R not installed (apt-get install r-base-core r-cran-psych)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
