// The engine in a worker thread, for browser mode: it runs calls one at a time as the server's thread
// sends them and answers each with its envelope and the engine's state (open project, coder).
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Envelope } from '../../shared/errors';
import { Engine } from '../engine/engine';
import type { EngineState, EngineWorkerData, FromWorker, ToWorker } from './engine-protocol';

const port = parentPort;
if (!port) throw new Error('engine-worker runs as a worker thread');
const data = workerData as EngineWorkerData;
const engine = new Engine({ stateDir: data.stateDir, host: data.host, root: data.root, progressIntervalMs: data.progressIntervalMs });
const post = (m: FromWorker) => port.postMessage(m);

function state(): EngineState {
  return { project: engine.isOpen ? engine.current.path : null };
}

/** Why the project the host had open could not be opened again here (null: it was, or there was none). */
let lost: string | null = null;

async function start(): Promise<void> {
  // Restoring after a restart, or for the report worker: the host's own path, not confined to the
  // root (the demo study lives outside it). A project that can no longer be opened leaves the engine
  // without one, and says why below.
  if (data.project) {
    const opened = engine.reopen(data.project, { readOnly: data.readOnly });
    if (!opened.ok) lost = `${basename(data.project)} could not be opened again: ${opened.error.message}`;
  }
  if (engine.isOpen) for (const c of data.coders ?? []) await engine.invoke('coders:select', { name: c.name }, c.caller);
  post({ type: 'ready' });
}

/** A call that found no project, where the host's project could not be opened again, says why. */
function explained(envelope: Envelope<unknown>): Envelope<unknown> {
  if (lost === null || envelope.ok || envelope.error.code !== 'NO_PROJECT') return envelope;
  return { ok: false, error: { code: 'NO_PROJECT', message: lost } };
}

// Change events per subscription, each filtered by the engine for its caller.
const subscriptions = new Map<number, () => void>();

port.on('message', (m: ToWorker) => {
  if (m.type === 'close') {
    for (const stop of subscriptions.values()) stop();
    engine.close();
    post({ type: 'closed' });
    return;
  }
  if (m.type === 'subscribe') {
    subscriptions.set(m.sub, engine.subscribe((event) => post({ type: 'event', sub: m.sub, event }), m.caller));
    return;
  }
  if (m.type === 'unsubscribe') {
    subscriptions.get(m.sub)?.();
    subscriptions.delete(m.sub);
    return;
  }
  // Progress goes out from inside the call's loop: posting from a worker needs no turn of its event loop.
  const onProgress = m.progress ? (done: number, total: number, unit: string) => post({ type: 'progress', id: m.id, done, total, unit }) : undefined;
  void engine.invoke(m.method, m.input, m.caller, { onProgress }).then((envelope) => {
    // A project opened since, or closed by the user, replaces the one that was lost.
    if (engine.isOpen || m.method === 'project:close') lost = null;
    post({ type: 'result', id: m.id, envelope: explained(envelope), state: state() });
  });
});

void start();
