// How far the running call has got. Long reports (agreement, co-occurrence, retrieval exports) say
// "done of total" units of work (documents, segments) as they go; a host that asked for progress
// (Engine.call's `onProgress`) hears it at most every `intervalMs` and once at the end, from the same
// synchronous loop that does the work, so it costs a clock read per step. Without a listener nothing
// is done. Hosts carry it beside the call: the worker's and the utility process's port messages,
// the HTTP response of that call, the CLI's terminal.
import { AsyncLocalStorage } from 'node:async_hooks';

/** `done` of `total` units of work (`unit`, e.g. "documents"), reported while a call runs. */
export type ProgressListener = (done: number, total: number, unit: string) => void;

interface Reporter {
  listener: ProgressListener;
  intervalMs: number;
  last: number;
}

const store = new AsyncLocalStorage<Reporter>();

/** At most ten reports a second by default: enough for a bar, cheap for the report. */
export const PROGRESS_INTERVAL_MS = 100;

/** Run `fn` (and everything it awaits) with `listener` hearing its progress; without one, as is. */
export function withProgress<T>(listener: ProgressListener | undefined, fn: () => T, intervalMs = PROGRESS_INTERVAL_MS): T {
  if (!listener) return fn();
  return store.run({ listener, intervalMs, last: -Infinity }, fn);
}

/** Say that `done` of `total` `unit` are done: passed on when the interval has passed, and at the end. */
export function progress(done: number, total: number, unit: string): void {
  const r = store.getStore();
  if (!r) return;
  const now = performance.now();
  if (done < total && now - r.last < r.intervalMs) return;
  r.last = now;
  r.listener(done, total, unit);
}
