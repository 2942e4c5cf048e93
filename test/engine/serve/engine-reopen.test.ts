// Browser mode's workers open the host's project again: the report worker at its start, a fresh main
// worker after a read was interrupted. The page's paths are confined to the root, but these are the
// host's own, and the demo study (opened by the page without a path) is built in the state folder,
// outside the root. They were reopened through the confined contract, so on the demo every report
// (agreement, consensus, intersections) answered "no project is open" while the project was open.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineThread } from '../../../electron/serve/engine-thread';
import { REPO } from '../../helpers/shared-dir';
import { b64, tempDir } from '../../helpers/temp';

const follow = { onProgress: () => undefined };
let engine: EngineThread | null = null;

beforeAll(async () => {
  const { ensureCli } = (await import(pathToFileURL(join(REPO, 'scripts/build-cli.mjs')).href)) as { ensureCli: () => Promise<void> };
  await ensureCli();
}, 60_000);
afterEach(async () => {
  await engine?.close();
  engine = null;
});

/** An engine thread confined to a root, with its state folder elsewhere (as `npm run serve` runs it). */
function confined(): { thread: EngineThread; root: string } {
  const root = tempDir();
  const thread = new EngineThread({ url: pathToFileURL(join(REPO, 'dist/cli/engine-worker.mjs')), data: { stateDir: tempDir(), host: 'browser', root } });
  return { thread, root };
}

async function ok<T>(method: string, input: unknown, options: Parameters<EngineThread['invoke']>[3] = {}): Promise<T> {
  const r = await engine!.invoke(method, input, undefined, options);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('workers reopen the host project, wherever it is', () => {
  it('runs reports on the demo study, which lives outside the root', async () => {
    engine = confined().thread;
    const demo = await ok<{ path: string; codings: number }>('project:openDemo', {});
    expect(demo.path).toMatch(/Accord demo study\.accord$/);
    await ok('coders:select', { name: 'Ana' });
    // Followed with progress, so it runs in the report worker, which opens the project itself.
    const report = await ok<{ coders: { name: string }[]; codes: unknown[] }>('agreement:report', { unit: 'character', scope: 'design' }, follow);
    expect(report.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    expect(report.codes.length).toBeGreaterThan(0);
    const matrix = await ok<{ codes: unknown[] }>('intersections:matrix', { mode: 'overlap' }, follow);
    expect(matrix.codes.length).toBeGreaterThan(0);
  }, 60_000);

  it('keeps the demo open when an interrupted read restarts the main worker', async () => {
    engine = confined().thread;
    const demo = await ok<{ path: string }>('project:openDemo', {});
    await ok('coders:select', { name: 'Ana' });
    // Interrupting a read the page does not follow stops the main worker and starts a fresh one.
    await ok('documents:import', { fileName: 'long.txt', dataBase64: b64('word '.repeat(1_500_000)) });
    const abort = new AbortController();
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, { signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    expect(await search).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect(await ok('project:info', {})).toMatchObject({ path: demo.path });
    expect(await ok('coders:current', {})).toMatchObject({ name: 'Ana' });
  }, 60_000);

  it('a report worker that cannot open the project again says which and why', async () => {
    const { thread, root } = confined();
    engine = thread;
    const path = join(root, 'study.accord');
    await ok('project:create', { path: 'study.accord' });
    await ok('coders:select', { name: 'Ana' });
    // The main worker keeps its open file; the report worker, started now, finds no file at the path.
    renameSync(path, join(root, 'moved.accord'));
    const r = await engine.invoke('agreement:report', { unit: 'character' }, undefined, follow);
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect(!r.ok && r.error.message).toMatch(/^study\.accord could not be opened again: /);
    expect(await ok('project:info', {})).toMatchObject({ path });
  }, 60_000);
});
