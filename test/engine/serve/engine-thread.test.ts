// Browser mode's engine in a worker thread (the bundled dist/cli/engine-worker.mjs, as `npm run serve`
// runs it): calls in order, a queued call cancelled before it runs, a running read interrupted with the
// project and coder kept, and the server's thread free while the worker is busy.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineThread } from '../../../electron/serve/engine-thread';
import { REPO } from '../../helpers/shared-dir';
import { b64, tempDir } from '../../helpers/temp';

const dir = tempDir();
let engine: EngineThread;

beforeAll(async () => {
  const { ensureCli } = (await import(pathToFileURL(join(REPO, 'scripts/build-cli.mjs')).href)) as { ensureCli: () => Promise<void> };
  await ensureCli();
  engine = new EngineThread({ url: pathToFileURL(join(REPO, 'dist/cli/engine-worker.mjs')), data: { stateDir: null, host: 'browser' } });
}, 60_000);
afterAll(() => engine.close());

describe('the engine in a worker thread', () => {
  it('runs calls in the order they came, with the same envelopes as the engine', async () => {
    const created = engine.invoke('project:create', { path: join(dir, 'w.accord') });
    const coder = engine.invoke('coders:select', { name: 'Ana' });
    const imported = engine.invoke('documents:import', { fileName: 'ID01 interview.txt', dataBase64: b64('ID01: We shared records.\n') });
    expect(await created).toMatchObject({ ok: true, value: { documents: 0 } });
    expect(await coder).toMatchObject({ ok: true, value: { name: 'Ana' } });
    expect(await imported).toMatchObject({ ok: true, value: { participant: 'ID01' } });
    expect(await engine.invoke('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Browser mode's engine does not read files by path.
    expect(await engine.invoke('documents:importFile', { path: '/etc/hostname' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('cancels a queued call before it runs', async () => {
    const first = engine.invoke('documents:list', {});
    const abort = new AbortController();
    const second = engine.invoke('project:create', { path: join(dir, 'never.accord') }, undefined, { signal: abort.signal });
    abort.abort();
    expect(await second).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect((await first).ok).toBe(true);
    expect(existsSync(join(dir, 'never.accord'))).toBe(false);
  });

  it('interrupts a running read and carries on with the same project and coder', async () => {
    await engine.invoke('documents:import', { fileName: 'long.txt', dataBase64: b64('word '.repeat(1_500_000)) });
    const abort = new AbortController();
    const started = performance.now();
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, { signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    // This thread is not blocked while the worker searches.
    const tick = await new Promise<number>((ok) => setTimeout(() => ok(performance.now() - started), 10));
    expect(tick).toBeLessThan(1000);
    expect(await search).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    const info = await engine.invoke('project:info', {});
    expect(info).toMatchObject({ ok: true, value: { path: join(dir, 'w.accord'), documents: 2 } });
    expect(await engine.invoke('coders:current', {})).toMatchObject({ ok: true, value: { name: 'Ana' } });
  });
});
