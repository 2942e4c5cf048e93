// Progress of a long report through the engine's worker thread: progress messages of the running call
// reach the caller before its result, count up to the number of documents, and stop at once when the
// call is cancelled (the worker is stopped; nothing it sent afterwards is passed on).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineThread } from '../../../electron/serve/engine-thread';
import { REPO } from '../../helpers/shared-dir';
import { b64, tempDir } from '../../helpers/temp';

const DOCUMENTS = 40;
let engine: EngineThread;

beforeAll(async () => {
  const { ensureCli } = (await import(pathToFileURL(join(REPO, 'scripts/build-cli.mjs')).href)) as { ensureCli: () => Promise<void> };
  await ensureCli();
  // Every step reported (no throttle), so a small project gives many messages.
  engine = new EngineThread({ url: pathToFileURL(join(REPO, 'dist/cli/engine-worker.mjs')), data: { stateDir: null, host: 'browser', progressIntervalMs: 0 } });
  const ok = async (method: string, input: unknown) => {
    const r = await engine.invoke(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  await ok('project:create', { path: join(tempDir(), 'p.accord') });
  const rows = ['document,coder,code,start,end'];
  for (let d = 1; d <= DOCUMENTS; d++) {
    await ok('documents:import', { fileName: `ID${d} interview.txt`, dataBase64: b64(`ID${d}: ${'we talked about the records and the plan. '.repeat(20)}`) });
    for (const [coder, shift] of [['Ana', 0], ['Ben', 5]] as const) rows.push(`ID${d} interview,${coder},10a,${10 + shift},${60 + shift}`, `ID${d} interview,${coder},20b,${200 + shift},${300}`);
  }
  await ok('codebook:create', { parentId: null, label: '10a', name: 'Records' });
  await ok('codebook:create', { parentId: null, label: '20b', name: 'Plans' });
  await ok('codings:importCsv', { fileName: 'codings.csv', text: rows.join('\n') });
}, 60_000);
afterAll(() => engine.close());

describe('progress of a running call', () => {
  it('arrives before the result, document by document', async () => {
    const seen: { done: number; total: number; unit: string; resolved: boolean }[] = [];
    let resolved = false;
    const call = engine.invoke('agreement:report', { unit: 'character' }, undefined, { onProgress: (done, total, unit) => seen.push({ done, total, unit, resolved }) });
    const r = await call.then((x) => {
      resolved = true;
      return x;
    });
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(DOCUMENTS / 2);
    expect(seen.every((p) => !p.resolved && p.total === DOCUMENTS && p.unit === 'documents')).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    // A call that does not ask for progress gets none sent (and the same answer).
    const quiet = await engine.invoke('agreement:report', { unit: 'character' });
    expect(quiet).toEqual(r);
  });

  it('stops when the call is cancelled, and the engine carries on', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const call = engine.invoke('intersections:matrix', { mode: 'overlap', layer: 'all' }, undefined, {
      signal: abort.signal,
      onProgress: (done) => {
        seen.push(done);
        if (seen.length === 2) abort.abort();
      },
    });
    expect(await call).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect(seen.length).toBe(2);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(seen.length).toBe(2);
    expect(await engine.invoke('project:info', {})).toMatchObject({ ok: true, value: { documents: DOCUMENTS } });
  });
});
