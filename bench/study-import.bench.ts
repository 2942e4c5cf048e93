// Study-scale import and search (issue "bring in a whole study"): 2,000 generated transcripts of
// 10,000 words (20 million words) imported into a fresh project, against Debian's sqlite3 bulk-loading
// the same files into an FTS5 table in the same run; then a phrase search against the raw FTS5 query.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { fmt, transcript } from './synth';

const DOCS = Number(process.env.BENCH_DOCS ?? 2000);
const WORDS = Number(process.env.BENCH_WORDS ?? 10000);
const PHRASE = 'shared engagement';

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-study-'));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
try {
  for (let i = 0; i < DOCS; i++) writeFileSync(join(corpus, `ID${i + 1} interview.txt`), transcript(WORDS, `ID${i + 1}`, 1000 + i));
  const totalWords = DOCS * WORDS;

  // The floor: sqlite3's own bulk load into FTS5, and a phrase query on it.
  let floorLoadMs: number | null = null;
  let floorQueryMs: number | null = null;
  if (spawnSync('sqlite3', ['--version']).status === 0) {
    const raw = join(dir, 'raw.sqlite');
    const t0 = performance.now();
    execFileSync('sqlite3', [raw, `CREATE VIRTUAL TABLE f USING fts5(body); INSERT INTO f(body) SELECT CAST(data AS TEXT) FROM fsdir('${corpus}') WHERE name LIKE '%.txt';`]);
    floorLoadMs = performance.now() - t0;
    const out = execFileSync('sqlite3', [raw, '.timer on', `SELECT count(*) FROM f WHERE f MATCH '"${PHRASE}"';`, `SELECT count(*) FROM f WHERE f MATCH '"${PHRASE}"';`, `SELECT count(*) FROM f WHERE f MATCH '"${PHRASE}"';`], { encoding: 'utf8' });
    const reals = [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000).sort((a, b) => a - b);
    floorQueryMs = reals[Math.floor(reals.length / 2)] ?? null;
    console.log(`sqlite3 FTS5 bulk load: ${fmt(floorLoadMs)} ms (${fmt(totalWords / (floorLoadMs / 1000))} words/s); phrase query median ${fmt(floorQueryMs ?? 0, 1)} ms`);
  } else {
    console.log('sqlite3 not installed (apt-get install sqlite3): no floor measured');
  }

  const engine = new Engine({ stateDir: null });
  await engine.call('project:create', { path: join(dir, 'study.accord') });
  const files = readdirSync(corpus);
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  for (const f of files) {
    const bytes = readFileSync(join(corpus, f));
    await engine.call('documents:import', { fileName: f, dataBase64: bytes.toString('base64') });
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const importMs = performance.now() - t0;
  const wps = totalWords / (importMs / 1000);
  console.log(
    `Accord import: ${fmt(DOCS)} transcripts, ${fmt(totalWords)} words in ${fmt(importMs)} ms → ${fmt(wps)} words/s, peak RSS ${fmt(peak / 1e6)} MB` +
      (floorLoadMs ? `; ${fmt(importMs / floorLoadMs, 2)}× the sqlite3 bulk load (target ≤ 3×)` : ''),
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
