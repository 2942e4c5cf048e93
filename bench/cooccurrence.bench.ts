// Micro benchmark for the co-occurrence matrix (not a test): study-size and large synthetic corpora.
// Run with `npx tsx bench/cooccurrence.bench.ts`. Targets: study < 100 ms, large ≤ 3 s. Large corpora are
// timed with typed-array columns (as the service passes them) and, for overlap, with objects too.
import { cooccurrence, toColumns, type CoCoding, type CoDocument, type CooccurrenceMode } from '../shared/stats/cooccurrence';

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A corpus of `docs` documents with `codings` codings spread evenly, lengths 50–500 characters. */
function corpus(docs: number, codes: number, codings: number, docLength: number) {
  const rand = rng(42);
  const documents: CoDocument[] = [];
  for (let d = 1; d <= docs; d++) {
    const turns = [];
    for (let t = 0; t < docLength; t += 400) turns.push({ start: t, end: Math.min(docLength, t + 400) });
    documents.push({ id: d, length: docLength, participant: `P${Math.ceil(d / 2)}`, turns });
  }
  const list: CoCoding[] = [];
  for (let i = 0; i < codings; i++) {
    const documentId = 1 + (i % docs);
    const len = 50 + Math.floor(rand() * 450);
    const start = Math.floor(rand() * (docLength - len));
    list.push({ id: i + 1, documentId, codeId: 1 + Math.floor(rand() * codes), start, end: start + len });
  }
  return { documents, codings: list, codeIds: Array.from({ length: codes }, (_, k) => k + 1) };
}

/** Best and median of `repeat` runs after a warm-up. */
function time(label: string, run: () => { cells: unknown[] }, repeat: number): void {
  run(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let cells = 0;
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    cells = run().cells.length;
    const used = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  // CPU time is reported too because wall time on a busy machine says little.
  console.log(
    `${label.padEnd(50)} ${Math.min(...wall).toFixed(1).padStart(8)} ms wall ${Math.min(...cpu).toFixed(1).padStart(8)} ms cpu best, ` +
      `${median(wall).toFixed(1)} / ${median(cpu).toFixed(1)} median  (${cells} cells)`,
  );
}

const modes: CooccurrenceMode[] = [{ kind: 'overlap' }, { kind: 'chars', n: 100 }, { kind: 'turn' }, { kind: 'document' }];

const study = corpus(26, 64, 5000, 60000);
for (const mode of modes) {
  time(`study 26 docs, 64 codes, 5k codings, ${mode.kind}`, () => cooccurrence(study.codings, study.documents, study.codeIds, mode), 5);
}
if (process.argv.includes('--study-only')) process.exit(0);
const large = corpus(2000, 500, 2_000_000, 50000);
const largeColumns = toColumns(large.codings);
const largeModes = process.argv.includes('--overlap-only') ? modes.slice(0, 1) : modes.slice(0, 3);
for (const mode of largeModes) {
  time(`large 2k docs, 500 codes, 2M codings, ${mode.kind}`, () => cooccurrence(largeColumns, large.documents, large.codeIds, mode), 3);
}
time('large, overlap, codings as objects', () => cooccurrence(large.codings, large.documents, large.codeIds, modes[0]), 1);
