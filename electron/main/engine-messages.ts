// The messages between the desktop shell and the engine's utility process: the same contract as every
// other host (`Engine.invoke(method, input)` → envelope), carried over the utility process's port.
import type { Envelope } from '../../shared/api/errors';
import type { ChangeEvent } from '../../shared/api/events';

/** Shell → engine. */
export type ToEngine =
  /** `progress`: send this call's progress messages (only a caller showing them asks). */
  | { type: 'call'; id: number; method: string; input: unknown; progress?: boolean }
  | { type: 'shutdown' };

/** Engine → shell. `fatal`: the engine cannot run (its SQLite binding does not load, …). */
export type FromEngine =
  | { type: 'ready' }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  /** How far call `id` has got while it runs: `done` of `total` `unit`, at most ten a second. */
  | { type: 'progress'; id: number; done: number; total: number; unit: string }
  /** A committed change (the engine's feed, filtered for the local user), for the window to update from. */
  | { type: 'event'; event: ChangeEvent }
  | { type: 'fatal'; message: string };

/** The half of a message port each side sees (Electron's UtilityProcess and parentPort both fit). */
export interface PortLike<Out> {
  postMessage(message: Out): void;
}
