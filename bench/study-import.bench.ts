// Study-scale import and search (issue "bring in a whole study"): 2,000 generated transcripts of
// 10,000 words (20 million words) imported into a fresh project, against Debian's sqlite3 bulk-loading
// the same files into an FTS5 table in the same run; then a phrase search against the raw FTS5 query.
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { fmt, transcript } from './synth';

const DOCS = Number(process.env.BENCH_DOCS ?? 2000);
const WORDS = Number(process.env.BENCH_WORDS ?? 10000);
const PHRASE = 'shared engagement';

/**
 * CPU time (ms, 10 ms resolution) used so far by this process's finished children (Linux /proc; null
 * elsewhere). The machine running the bench is often shared, so CPU time is the steadier comparison.
 */
function childCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  // cutime and cstime are fields 16 and 17 of stat (f[13], f[14] after the ")" closing the name), in 1/100 s.
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) * 10;
}

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-study-'));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
try {
  for (let i = 0; i < DOCS; i++) writeFileSync(join(corpus, `ID${i + 1} interview.txt`), transcript(WORDS, `ID${i + 1}`, 1000 + i));
  const totalWords = DOCS * WORDS;

  // The floor: sqlite3's own bulk load into FTS5, and a phrase query on it.
  let floorLoadMs: number | null = null;
  let floorCpuMs: number | null = null;
  let floorQueryMs: number | null = null;
  if (spawnSync('sqlite3', ['--version']).status === 0) {
    const raw = join(dir, 'raw.sqlite');
    const c0 = childCpuMs();
    const t0 = performance.now();
    execFileSync('sqlite3', [raw, `CREATE VIRTUAL TABLE f USING fts5(body); INSERT INTO f(body) SELECT CAST(data AS TEXT) FROM fsdir('${corpus}') WHERE name LIKE '%.txt';`]);
    floorLoadMs = performance.now() - t0;
    const c1 = childCpuMs();
    floorCpuMs = c0 !== null && c1 !== null ? c1 - c0 : null;
    // sqlite3's `.timer` reports whole milliseconds and the query takes less, so the raw query is
    // timed in-process on the same file (better-sqlite3, same FTS5), median of 21 runs.
    const rawDb = new Database(raw, { readonly: true });
    const query = rawDb.prepare(`SELECT count(*) FROM f WHERE f MATCH '"${PHRASE}"'`);
    const reals: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      query.get();
      reals.push(performance.now() - t);
    }
    rawDb.close();
    reals.sort((a, b) => a - b);
    floorQueryMs = reals[10];
    console.log(
      `sqlite3 FTS5 bulk load: ${fmt(floorLoadMs)} ms (${fmt(totalWords / (floorLoadMs / 1000))} words/s)` +
        (floorCpuMs !== null ? `, ${fmt(floorCpuMs)} ms CPU` : '') +
        `; phrase query median ${fmt(floorQueryMs ?? 0, 2)} ms`,
    );
  } else {
    console.log('sqlite3 not installed (apt-get install sqlite3): no floor measured');
  }

  const engine = new Engine({ stateDir: null });
  await engine.call('project:create', { path: join(dir, 'study.accord') });
  const files = readdirSync(corpus);
  let peak = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files) {
    const bytes = readFileSync(join(corpus, f));
    await engine.call('documents:import', { fileName: f, dataBase64: bytes.toString('base64') });
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const importMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const importCpuMs = (cpu.user + cpu.system) / 1000;
  const wps = totalWords / (importMs / 1000);
  console.log(
    `Accord import: ${fmt(DOCS)} transcripts, ${fmt(totalWords)} words in ${fmt(importMs)} ms → ${fmt(wps)} words/s, ${fmt(importCpuMs)} ms CPU, peak RSS ${fmt(peak / 1e6)} MB` +
      (floorLoadMs ? `; ${fmt(importMs / floorLoadMs, 2)}× the sqlite3 bulk load (target ≤ 3×)` : '') +
      (floorCpuMs ? `; CPU ${fmt(importCpuMs / floorCpuMs, 2)}×` : ''),
  );

  const methods = (await import('../shared/api/contract')).methods as Record<string, unknown>;
  if ('search:run' in methods) {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await engine.call('search:run' as never, { query: `"${PHRASE}"`, limit: 50 } as never);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[3];
    console.log(
      `Accord search "${PHRASE}": median ${fmt(median, 1)} ms to first results` +
        (floorQueryMs ? `; ${fmt(median / floorQueryMs, 2)}× the raw FTS5 query (target ≤ 2×)` : ''),
    );
  } else {
    console.log('search:run is not in the contract yet: search not measured');
  }
  engine.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
