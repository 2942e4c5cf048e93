// Browser mode runs long reports (calls the page follows with progress, that only read) in a second
// worker, so the page's other calls are answered while a report runs: a quick read and a write both
// finish before a long search does, a report sees the writes sent before it, reports run one after
// the other, and stopping a report leaves the main worker (its project, coder and undo history) as it
// was.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineThread } from '../../../electron/serve/engine-thread';
import { REPO } from '../../helpers/shared-dir';
import { b64, tempDir } from '../../helpers/temp';

let engine: EngineThread;
const follow = { onProgress: () => undefined };

async function ok<T>(method: string, input: unknown, options: Parameters<EngineThread['invoke']>[3] = {}): Promise<T> {
  const r = await engine.invoke(method, input, undefined, options);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** When each promise settled, in order. */
function order(named: Record<string, Promise<unknown>>): Promise<string[]> {
  const done: string[] = [];
  return Promise.all(Object.entries(named).map(([name, p]) => p.then(() => done.push(name)))).then(() => done);
}

beforeAll(async () => {
  const { ensureCli } = (await import(pathToFileURL(join(REPO, 'scripts/build-cli.mjs')).href)) as { ensureCli: () => Promise<void> };
  await ensureCli();
  engine = new EngineThread({ url: pathToFileURL(join(REPO, 'dist/cli/engine-worker.mjs')), data: { stateDir: null, host: 'browser' } });
  await ok('project:create', { path: join(tempDir(), 'r.accord') });
  await ok('coders:select', { name: 'Ana' });
  // One long document: every hit of "word" takes the search a while.
  await ok('documents:import', { fileName: 'long.txt', dataBase64: b64('word '.repeat(1_500_000)) });
}, 60_000);
afterAll(() => engine.close());

describe('long reports beside the other calls', () => {
  it('answers a quick read and a write while a followed search runs', async () => {
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, follow);
    const list = engine.invoke('documents:list', {});
    const code = engine.invoke('codebook:create', { parentId: null, label: '10', name: 'Records' });
    expect(await order({ search, list, code })).toEqual(['list', 'code', 'search']);
    expect(await search).toMatchObject({ ok: true, value: { hits: expect.any(Array) } });
    expect(((await search) as { value: { hits: unknown[] } }).value.hits).toHaveLength(100_000);
    expect(await code).toMatchObject({ ok: true, value: { name: 'Records' } });
  });

  it('a report sees the writes sent before it; reports queue for their worker, other calls do not', async () => {
    const write = engine.invoke('codebook:create', { parentId: null, label: '20', name: 'Plans' });
    // Followed, so it runs in the report worker: after the write.
    const codes = engine.invoke('codebook:list', {}, undefined, follow);
    expect(((await codes) as { value: { name: string }[] }).value.map((c) => c.name)).toEqual(['Records', 'Plans']);
    await write;
    // Two reports, a write and a read: the reports one after the other, the others meanwhile.
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, follow);
    const search2 = engine.invoke('search:run', { query: 'word', limit: 10 }, undefined, follow);
    const later = engine.invoke('codebook:create', { parentId: null, label: '30', name: 'Outcomes' });
    const read = engine.invoke('coders:current', {});
    expect(await order({ search, search2, later, read })).toEqual(['later', 'read', 'search', 'search2']);
    expect(await search2).toMatchObject({ ok: true, value: { truncated: true } });
  });

  it('stopping a report stops only its worker: project, coder and undo history stay', async () => {
    expect(await ok('history:state', {})).toMatchObject({ canUndo: true, undoLabel: expect.stringContaining('Outcomes') });
    const abort = new AbortController();
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, { ...follow, signal: abort.signal });
    setTimeout(() => abort.abort(), 30);
    expect(await search).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect(await ok('history:state', {})).toMatchObject({ canUndo: true, undoLabel: expect.stringContaining('Outcomes') });
    expect(await ok('coders:current', {})).toMatchObject({ name: 'Ana' });
    // The next report starts a fresh report worker on the same project.
    expect(await ok('search:run', { query: 'word', limit: 5 }, follow)).toMatchObject({ hits: expect.any(Array), truncated: true });
  });

  it('a report worker that ends on its own fails its report, and the next report starts another', async () => {
    const search = engine.invoke('search:run', { query: 'word', limit: 100_000 }, undefined, follow);
    // Let it start, then end its worker from outside, as a crash would.
    await new Promise((r) => setTimeout(r, 50));
    const internals = engine as unknown as { reports: { worker: { terminate(): Promise<number> } } | null };
    expect(internals.reports).not.toBeNull();
    void internals.reports!.worker.terminate();
    expect(await search).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^the engine stopped/) } });
    expect(await ok('search:run', { query: 'word', limit: 5 }, follow)).toMatchObject({ truncated: true });
    expect(await ok('coders:current', {})).toMatchObject({ name: 'Ana' });
  });

  it('a report runs as the caller who asked: their coder, chosen after the report worker started', async () => {
    const tab = { coderId: null, name: null, role: 'lead', key: 'tab-ben', local: true } as const;
    await engine.invoke('coders:select', { name: 'Ben' }, tab);
    expect(await engine.invoke('coders:current', {}, tab, follow)).toMatchObject({ ok: true, value: { name: 'Ben' } });
    expect(await engine.invoke('coders:current', {}, undefined, follow)).toMatchObject({ ok: true, value: { name: 'Ana' } });
  });
});
