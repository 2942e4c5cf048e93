// Import benchmark (foundation): 200 generated transcripts of 8,000 words through the engine's
// import channel, each file read by path (documents:importFile, as the desktop app and the CLI call
// it). Prints words per second and peak memory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/engine';
import { fmt, transcript } from './synth';

const DOCS = Number(process.env.BENCH_DOCS ?? 200);
const WORDS = Number(process.env.BENCH_WORDS ?? 8000);

const dir = mkdtempSync(join(tmpdir(), 'accord-bench-'));
try {
  const engine = new Engine({ stateDir: null });
  await engine.call('project:create', { path: join(dir, 'bench.accord') });
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const files = Array.from({ length: DOCS }, (_, i) => {
    const path = join(corpus, `ID${i + 1} interview.txt`);
    writeFileSync(path, transcript(WORDS, `ID${i + 1}`, i + 1));
    return path;
  });
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  for (const path of files) {
    await engine.call('documents:importFile', { path });
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = performance.now() - t0;
  const info = engine.info();
  engine.close();
  console.log(
    `import: ${info.documents} transcripts × ${fmt(WORDS)} words (${fmt(DOCS * WORDS)} words) in ${fmt(ms)} ms → ` +
      `${fmt((DOCS * WORDS) / (ms / 1000))} words/s, ${fmt(ms / DOCS, 1)} ms per transcript, peak RSS ${fmt(peak / 1e6)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
