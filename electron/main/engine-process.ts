// The entry of the engine's utility process: one Engine, answering the shell's calls over the process's
// port, so a long report runs here and never blocks the window or the shell. Plain Node: it imports
// nothing from Electron (the runtime gives it `process.parentPort`).
import Database from 'better-sqlite3';
import { Engine } from '../engine/engine';
import type { FromEngine, ToEngine } from './engine-messages';

interface ParentPort {
  on(event: 'message', listener: (e: { data: ToEngine }) => void): void;
  postMessage(message: FromEngine): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('the Accord engine process runs under the desktop shell (no parent port)');

/** Load SQLite once before anything else, so a wrong or missing binary is named at start, not on first open. */
function checkSqlite(): string | null {
  const binding = process.env.ACCORD_SQLITE_BINDING;
  try {
    new Database(':memory:', binding ? { nativeBinding: binding } : {}).close();
    return null;
  } catch (err) {
    const where = binding ?? 'better-sqlite3 in node_modules';
    return `Accord's SQLite library could not be loaded from ${where}: ${(err as Error).message.split('\n')[0]}`;
  }
}

const problem = checkSqlite();
if (problem) {
  port.postMessage({ type: 'fatal', message: problem });
} else {
  const engine = new Engine({ stateDir: process.env.ACCORD_STATE_DIR || null });
  // Every committed change goes to the shell, which hands it to the window (views update from it).
  engine.subscribe((event) => port.postMessage({ type: 'event', event }));
  port.on('message', ({ data }) => {
    if (data.type === 'shutdown') {
      engine.close();
      process.exit(0);
    }
    if (data.type !== 'call') return;
    // Progress leaves from inside the call's loop (posting needs no turn of the event loop).
    const onProgress = data.progress ? (done: number, total: number, unit: string) => port.postMessage({ type: 'progress', id: data.id, done, total, unit }) : undefined;
    void engine.invoke(data.method, data.input, undefined, { onProgress }).then((envelope) => port.postMessage({ type: 'result', id: data.id, envelope }));
  });
  port.postMessage({ type: 'ready' });
}
