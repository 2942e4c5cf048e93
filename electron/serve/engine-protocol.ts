// The messages between the browser-mode server and the engine running in its worker threads. The
// server's thread keeps answering requests (pages, health checks, cancellations) while a worker runs
// a long report; calls reach each worker one at a time (see engine-thread.ts for which goes where).
import type { Caller } from '../../shared/api/access';
import type { Envelope } from '../../shared/errors';

/** What the worker is started with (Worker `workerData`). */
export interface EngineWorkerData {
  stateDir: string | null;
  host: 'local' | 'browser';
  /** The folder file paths are confined to (EngineOptions.root). */
  root?: string;
  /** Re-open this project at start (after a restart). */
  project?: string | null;
  /** The least time between two progress messages of one call (default 100 ms). */
  progressIntervalMs?: number;
  /** Re-select each caller's coder at start (after a restart). */
  coders?: { caller?: Caller; name: string }[];
  /** Open the project for reading only: the worker that runs long reports beside the main one. */
  readOnly?: boolean;
}

/** Server → worker. */
export type ToWorker =
  /** `progress`: send this call's progress messages (only a caller showing them asks). */
  | { type: 'call'; id: number; method: string; input: unknown; caller?: Caller; progress?: boolean }
  /** Start (or stop) forwarding the engine's change events as `caller` may see them, tagged `sub`. */
  | { type: 'subscribe'; sub: number; caller?: Caller }
  | { type: 'unsubscribe'; sub: number }
  | { type: 'close' };

/** The open project after a call, so a restarted worker can re-open it. */
export interface EngineState {
  project: string | null;
}

/** Worker → server. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; envelope: Envelope<unknown>; state: EngineState }
  /** Progress of call `id` while it runs: `done` of `total` `unit` (e.g. documents), at most ten a second. */
  | { type: 'progress'; id: number; done: number; total: number; unit: string }
  /** An engine change event for subscription `sub`, filtered for that subscription's caller. */
  | { type: 'event'; sub: number; event: unknown }
  | { type: 'closed' };
