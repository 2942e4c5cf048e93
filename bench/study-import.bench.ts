// Study-scale import and search (2,000 generated transcripts × 10,000 words, 20 million words),
// each against SQLite's own FTS5 doing the same work in the same run:
// - import end to end through the CLI (`accord init` + `accord import` of every file, whole processes)
//   against Debian's sqlite3 bulk-loading the same files into an FTS5 table (one process); then the
//   same import in-process (engine calls, the file read by path) for the engine's own share;
// - search in-process on one connection: the first page (50 hits with their context) against FTS5's
//   first 50 rows with snippet(); every hit of a common phrase (offsets, text and context) against
//   FTS5 counting the matching documents, FTS5 listing the phrase words' token positions from its
//   index (fts5vocab 'instance', counted in SQLite), FTS5 marking every hit in every matching text
//   (highlight(): FTS5's own way to locate hits as character offsets), and SQLite returning the
//   matching documents' text (what a hit list with context must read). Cold (the first call on a
//   freshly opened project, each side) and warm (median after a warm-up).
// - the same search end to end: `accord search … --json` against sqlite3 counting and highlighting
//   the matches, whole processes, alternating.
// Targets: CLI import ≤ 2× sqlite3 (CPU), peak RSS ≤ 120 MB; first page ≤ 2× snippet(); all hits ≤ 3× FTS5.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../electron/engine/engine';
import { TURN_BATCH, TURN_COLUMNS } from '../electron/engine/services/documents';
import { detectTurns } from '../shared/text/turns';
import { ACCORD, compare, CPU_RESOLUTION_MS, describe, HOW, median, runOnce, type Run } from './process';
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
      // The tokenizer Accord's index uses (migration 2), so both sides build the same index.
      floor.push(
        runOnce('sqlite3', [
          raw,
          `CREATE VIRTUAL TABLE f USING fts5(body, tokenize = 'unicode61 remove_diacritics 2'); INSERT INTO f(body) SELECT CAST(data AS TEXT) FROM fsdir('${corpus}') WHERE name LIKE '%.txt';`,
        ]),
      );
    }
  }
  const words = DOCS * WORDS;
  const sum = (rs: Run[]) => ({ wallMs: median(rs.map((r) => r.wallMs)), cpuMs: rs[0].cpuMs === null ? null : median(rs.map((r) => r.cpuMs!)), peakMB: rs[0].peakMB === null ? null : Math.max(...rs.map((r) => r.peakMB!)), first: rs[0] });
  const c = sum(cli);
  let sqliteCpuMs: number | null = null;
  console.log(`CLI import, ${fmt(DOCS)} files, ${fmt(words)} words: ${describe(c)} (${fmt(words / (c.wallMs / 1000))} words/s); first run ${Math.round(c.first.wallMs)} ms wall`);
  if (hasSqlite) {
    const f = sum(floor);
    sqliteCpuMs = f.cpuMs;
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
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`in-process import (documents:importFile): ${fmt(ms)} ms wall, ${fmt(cpuMs)} ms CPU` + (sqliteCpuMs ? ` (${fmt(cpuMs / sqliteCpuMs, 2)}× the sqlite3 load's CPU)` : ''));
    engine.close();
  }

  // The storage alone, in process: the rows an import writes (the document with its index entry,
  // its speaker turns, 32 to a statement as the import writes them) from plain prepared statements
  // into a fresh project, one transaction a file and the import's checkpoint threshold, with the
  // files read and their turns found beforehand. What SQLite itself costs Accord's schema, whatever
  // the code around it does.
  {
    const engine = new Engine({ stateDir: null });
    const path = join(dir, 'storage.accord');
    await engine.call('project:create', { path });
    engine.close();
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('wal_autocheckpoint = 16384');
    const read = files.map((f) => {
      const text = readFileSync(join(corpus, f), 'utf8').trimEnd();
      return { f, text, turns: detectTurns(text), hash: createHash('sha256').update(text).digest('hex') };
    });
    const doc = db.prepare(
      "INSERT INTO documents (name, kind, source_name, format, content_hash, imported_at, ord, length, text) VALUES (?, 'transcript', ?, 'txt', ?, ?, ?, ?, ?)",
    );
    // The import's own statement shape (services/documents.ts): TURN_BATCH rows of TURN_COLUMNS a statement.
    const turns32 = db.prepare(`INSERT INTO turns ${TURN_COLUMNS} VALUES ${Array(TURN_BATCH).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    const turn = db.prepare(`INSERT INTO turns ${TURN_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const now = new Date().toISOString();
    const cpu0 = process.cpuUsage();
    read.forEach((r, i) =>
      db
        .transaction(() => {
          const id = doc.run(r.f, r.f, r.hash, now, i, r.text.length, r.text).lastInsertRowid;
          let k = 0;
          for (; k + TURN_BATCH <= r.turns.length; k += TURN_BATCH) turns32.run(r.turns.slice(k, k + TURN_BATCH).flatMap((t, j) => [id, k + j, t.speaker, t.start, t.end, null, null]));
          for (; k < r.turns.length; k++) turn.run(id, k, r.turns[k].speaker, r.turns[k].start, r.turns[k].end, null, null);
        })
        .immediate(),
    );
    db.close();
    const cpu = process.cpuUsage(cpu0);
    const turns = read.reduce((n, r) => n + r.turns.length, 0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      `storage alone (${fmt(files.length)} documents and their index, ${fmt(turns)} turns, ${TURN_BATCH} to a statement; prepared statements, nothing read or parsed): ${fmt(cpuMs)} ms CPU` +
        (sqliteCpuMs ? ` (${fmt(cpuMs / sqliteCpuMs, 2)}× the sqlite3 load's CPU, which also reads the files)` : ''),
    );
  }

  // Search, in-process on the CLI's project, raw FTS5 on the same connection.
  const expr = `"${PHRASE}"`;
  const countSql = 'SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?';
  // Cold: the first call on a freshly opened project (its statements compiled, its pages read; for
  // Accord also the search code loaded and not yet optimised).
  const coldEngine = new Engine({ stateDir: null });
  await coldEngine.call('project:open', { path: project });
  let t = performance.now();
  await coldEngine.call('search:run', { query: expr, limit: 100000 });
  const coldAll = performance.now() - t;
  coldEngine.close();
  const coldDb = new Engine({ stateDir: null });
  await coldDb.call('project:open', { path: project });
  t = performance.now();
  coldDb.current.db.prepare(countSql).pluck().get(expr);
  const coldCount = performance.now() - t;
  coldDb.close();

  const engine = new Engine({ stateDir: null });
  await engine.call('project:open', { path: project });
  const db = engine.current.db;
  const snippet = db.prepare(`SELECT rowid, snippet(documents_fts, 0, '[', ']', '…', 16) FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid LIMIT 50`);
  const count = db.prepare(countSql).pluck();
  const texts = db.prepare('SELECT d.id, d.text FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? ORDER BY f.rowid');
  const highlight = db.prepare(`SELECT rowid, highlight(documents_fts, 0, char(1), char(2)) FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid`);
  // The index's own token positions of the phrase's words (temp schema: nothing written to the project).
  db.exec('CREATE VIRTUAL TABLE temp.bench_instances USING fts5vocab(main, documents_fts, instance)');
  const instances = db.prepare('SELECT count(*) FROM temp.bench_instances WHERE term = ?').pluck();
  const page = await timeIt(() => engine.call('search:run', { query: expr, limit: 50 }));
  const rawPage = await timeIt(() => snippet.all(expr));
  console.log(`search "${PHRASE}", first page of 50 hits with context: ${fmt(page, 1)} ms; FTS5 first 50 rows with snippet(): ${fmt(rawPage, 1)} ms → ${fmt(page / rawPage, 2)}× (target ≤ 2×)`);
  let hits = 0;
  const all = await timeIt(async () => {
    hits = (await engine.call('search:run', { query: expr, limit: 100000 })).hits.length;
  }, 5);
  const rawCount = await timeIt(() => count.get(expr));
  const positions = await timeIt(() => PHRASE.split(' ').reduce((n, w) => n + (instances.get(w) as number), 0), 3);
  const positionCount = PHRASE.split(' ').reduce((n, w) => n + (instances.get(w) as number), 0);
  const rawHighlight = await timeIt(() => {
    for (const r of highlight.iterate(expr)) void r;
  }, 3);
  const rawTexts = await timeIt(() => {
    for (const r of texts.iterate(expr)) void r;
  }, 3);
  console.log(
    `all ${fmt(hits)} hits of "${PHRASE}" (offsets, text and context, in ${fmt(count.get(expr) as number)} documents), in process: ` +
      `warm ${fmt(all)} ms, cold ${fmt(coldAll)} ms\n` +
      `  FTS5 counting the matching documents: warm ${fmt(rawCount, 1)} ms, cold ${fmt(coldCount, 1)} ms → ${fmt(all / rawCount, 1)}× warm, ${fmt(coldAll / coldCount, 1)}× cold (target ≤ 3×)\n` +
      `  FTS5's index listing the token positions of the phrase's words (fts5vocab instance, ${fmt(positionCount)} positions counted in SQLite, no offsets): ${fmt(positions, 1)} ms → ${fmt(all / positions, 1)}×\n` +
      `  FTS5 highlight() marking every hit in every matching text: ${fmt(rawHighlight)} ms → ${fmt(all / rawHighlight, 2)}×\n` +
      `  SQLite returning the matching documents' text, nothing else: ${fmt(rawTexts)} ms → ${fmt(all / rawTexts, 2)}×`,
  );
  const and = await engine.call('search:run', { query: 'shared engagement', limit: 50 });
  console.log(`AND query "shared engagement" (both words, anywhere): first page ${and.hits.length} hits, ${fmt(and.documents)} matching documents counted by FTS5`);
  engine.close();

  // The same search end to end, whole processes: the CLI listing every hit as JSON against sqlite3
  // counting the matching documents and sqlite3 highlighting every hit, each opening the project.
  if (hasSqlite) {
    const cliArgs = [ACCORD, 'search', project, expr, '--limit', '100000', '--json'];
    const quoted = expr.replace(/"/g, '""');
    const vsCount = compare({ cmd: process.execPath, args: cliArgs }, { cmd: 'sqlite3', args: ['-readonly', project, `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '${quoted}'`] }, RUNS);
    const vsHighlight = compare(
      { cmd: process.execPath, args: cliArgs },
      { cmd: 'sqlite3', args: ['-readonly', project, `SELECT rowid, highlight(documents_fts, 0, '[', ']') FROM documents_fts WHERE documents_fts MATCH '${quoted}' ORDER BY rowid`] },
      RUNS,
    );
    // GNU time counts CPU in 10 ms steps: a baseline under that has no CPU ratio.
    const ratios = (r: ReturnType<typeof compare>) =>
      `${fmt(r.wallRatio, 1)}× wall` + (r.cpuRatio === null ? '' : r.b.cpuMs! < CPU_RESOLUTION_MS ? ' (its CPU time is below the 10 ms resolution of /usr/bin/time)' : `, ${fmt(r.cpuRatio, 1)}× CPU`);
    console.log(
      `accord search (every hit, --json), end to end: ${describe(vsCount.a)}; first run ${Math.round(vsCount.a.first.wallMs)} ms wall\n` +
        `  sqlite3 counting the matching documents: ${describe(vsCount.b)} → ${ratios(vsCount)}\n` +
        `  sqlite3 highlight() of every matching text: ${describe(vsHighlight.b)} → ${ratios(vsHighlight)}`,
    );
  } else console.log('accord search end to end against sqlite3: skipped: sqlite3 not installed (apt-get install sqlite3)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
