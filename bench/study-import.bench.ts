// Study-scale import and search (2,000 generated transcripts × 10,000 words, 20 million words),
// each against SQLite's own FTS5 doing the same work in the same run:
// - import end to end through the CLI (`accord init` + `accord import` of every file, whole processes)
//   against Debian's sqlite3 bulk-loading the same files into an FTS5 table (one process); then the
//   same import in-process (engine calls, the file read by path) for the engine's own share;
// - search in-process on one connection: the first page (50 hits with their context) against FTS5's
//   first 50 rows with snippet(); every hit of a common phrase against FTS5 counting the matches, and
//   against FTS5 returning each matching document's text (what a hit list with context must read).
// Targets: CLI import ≤ 2× sqlite3 (CPU), peak RSS ≤ 120 MB; first page ≤ 2× snippet(); all hits ≤ 3× FTS5.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { ACCORD, describe, HOW, median, runOnce, type Run } from './process';
import { fmt, transcript } from './synth';

const DOCS = Number(process.env.BENCH_DOCS ?? 2000);
const WORDS = Number(process.env.BENCH_WORDS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PHRASE = 'shared engagement';

/** Median wall time of `n` runs after one warm-up; async work is awaited inside the timing. */
async function timeIt(f: () => unknown, n = 7): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-study-'));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
try {
  for (let i = 0; i < DOCS; i++) writeFileSync(join(corpus, `ID${i + 1} interview.txt`), transcript(WORDS, `ID${i + 1}`, 1000 + i));
  const files = readdirSync(corpus).sort();
  console.log(`(${HOW}; ${RUNS} runs each)`);

  // End to end: the CLI against sqlite3, alternating runs, each into a fresh file.
  const project = join(dir, 'study.accord');
  const raw = join(dir, 'raw.sqlite');
  const hasSqlite = spawnSync('sqlite3', ['--version']).status === 0;
  spawnSync(process.execPath, [ACCORD, '--version'], { stdio: 'ignore' }); // builds the bundle if stale
  const cli: Run[] = [];
  const floor: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const f of [project, `${project}-wal`, `${project}-shm`]) rmSync(f, { force: true });
    const init = runOnce(process.execPath, [ACCORD, 'init', project]);
    const imp = runOnce(process.execPath, [ACCORD, 'import', project, '--json', ...files], { cwd: corpus });
    if (imp.status !== 0) throw new Error('accord import failed');
    cli.push({ wallMs: init.wallMs + imp.wallMs, cpuMs: init.cpuMs !== null && imp.cpuMs !== null ? init.cpuMs + imp.cpuMs : null, peakMB: imp.peakMB, status: 0 });
    if (hasSqlite) {
      rmSync(raw, { force: true });
      floor.push(runOnce('sqlite3', [raw, `CREATE VIRTUAL TABLE f USING fts5(body); INSERT INTO f(body) SELECT CAST(data AS TEXT) FROM fsdir('${corpus}') WHERE name LIKE '%.txt';`]));
    }
  }
  const words = DOCS * WORDS;
  const sum = (rs: Run[]) => ({ wallMs: median(rs.map((r) => r.wallMs)), cpuMs: rs[0].cpuMs === null ? null : median(rs.map((r) => r.cpuMs!)), peakMB: rs[0].peakMB === null ? null : Math.max(...rs.map((r) => r.peakMB!)), first: rs[0] });
  const c = sum(cli);
  console.log(`CLI import, ${fmt(DOCS)} files, ${fmt(words)} words: ${describe(c)} (${fmt(words / (c.wallMs / 1000))} words/s); first run ${Math.round(c.first.wallMs)} ms wall`);
  if (hasSqlite) {
    const f = sum(floor);
    console.log(`sqlite3 FTS5 bulk load of the same files: ${describe(f)}`);
    console.log(`→ CLI import ${fmt(c.wallMs / f.wallMs, 2)}× wall` + (c.cpuMs !== null && f.cpuMs !== null ? `, ${fmt(c.cpuMs / f.cpuMs, 2)}× CPU` : '') + ' the sqlite3 load (target ≤ 2×; peak RSS ≤ 120 MB)');
  } else console.log('sqlite3 bulk load: skipped: sqlite3 not installed (apt-get install sqlite3)');

  // In process: the engine's share, the same files read by path, into a fresh project.
  {
    const engine = new Engine({ stateDir: null });
    await engine.call('project:create', { path: join(dir, 'inproc.accord') });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const f of files) await engine.call('documents:importFile', { path: join(corpus, f) });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    console.log(`in-process import (documents:importFile): ${fmt(ms)} ms wall, ${fmt((cpu.user + cpu.system) / 1000)} ms CPU`);
    engine.close();
  }

  // Search, in-process on the CLI's project, raw FTS5 on the same connection.
  const engine = new Engine({ stateDir: null });
  await engine.call('project:open', { path: project });
  const db = engine.current.db;
  const expr = `"${PHRASE}"`;
  const snippet = db.prepare(`SELECT rowid, snippet(documents_fts, 0, '[', ']', '…', 16) FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid LIMIT 50`);
  const count = db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck();
  const texts = db.prepare('SELECT d.id, d.text FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? ORDER BY f.rowid');
  const page = await timeIt(() => engine.call('search:run', { query: expr, limit: 50 }));
  const rawPage = await timeIt(() => snippet.all(expr));
  console.log(`search "${PHRASE}", first page of 50 hits with context: ${fmt(page, 1)} ms; FTS5 first 50 rows with snippet(): ${fmt(rawPage, 1)} ms → ${fmt(page / rawPage, 2)}× (target ≤ 2×)`);
  let hits = 0;
  const all = await timeIt(async () => {
    hits = (await engine.call('search:run', { query: expr, limit: 100000 })).hits.length;
  }, 3);
  const rawCount = await timeIt(() => count.get(expr));
  const rawTexts = await timeIt(() => {
    for (const r of texts.iterate(expr)) void r;
  }, 3);
  console.log(
    `all ${fmt(hits)} hits of "${PHRASE}" (in ${fmt(count.get(expr) as number)} documents): ${fmt(all)} ms; FTS5 count: ${fmt(rawCount, 1)} ms → ${fmt(all / rawCount, 1)}× (target ≤ 3×); ` +
      `FTS5 returning the matching documents' text: ${fmt(rawTexts)} ms → ${fmt(all / rawTexts, 2)}×`,
  );
  const and = await engine.call('search:run', { query: 'shared engagement', limit: 50 });
  console.log(`AND query "shared engagement" (both words, anywhere): first page ${and.hits.length} hits, ${fmt(and.documents)} matching documents counted by FTS5`);
  engine.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
