// The engine behind an object with the engine's own `invoke`, running in a worker thread, so the
// server's thread never blocks on a report. Calls queue here and go to the worker one at a time.
// A queued call can be cancelled at once; a running one that only reads is cancelled by stopping the
// worker and starting a fresh one on the same project and coder (SQLite leaves the file as it was:
// a read has nothing to roll back). A running write is never interrupted: it completes.
//
// Long reports (calls the page follows with progress, that only read) run in a second worker, which
// opens the same project for reading only, so the page's other calls are answered while a report
// runs (SQLite's WAL lets one connection read while another writes). A report starts only once the
// writes sent before it are done; other calls never wait for a report. Stopping a report stops only
// that worker.
import { Worker } from 'node:worker_threads';
import type { Caller } from '../../shared/api/access';
import { ACCESS, isMethod } from '../../shared/api/contract';
import type { Envelope } from '../../shared/errors';
import type { ChangeEvent } from '../../shared/api/events';
import type { EngineState, EngineWorkerData, FromWorker, ToWorker } from './engine-protocol';
import type { ProgressListener } from '../engine/progress';

/** What the server needs from an engine: the in-process Engine and EngineThread both have it. */
export interface EngineHandle {
  invoke(method: string, input: unknown, caller?: Caller, options?: { signal?: AbortSignal; onProgress?: ProgressListener }): Promise<Envelope<unknown>>;
  /** The engine's change events as `caller` may see them; returns the unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void, caller?: Caller): () => void;
}

interface Pending {
  id: number;
  method: string;
  input: unknown;
  caller?: Caller;
  resolve: (e: Envelope<unknown>) => void;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

const CANCELLED: Envelope<unknown> = { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } };

/** Channels whose running call may be interrupted: they only read. */
function interruptible(method: string): boolean {
  return isMethod(method) && (ACCESS[method] === 'read' || ACCESS[method] === 'unblinded');
}

/** Settles when `worker` says it is ready (its project reopened and coders selected). */
function readyOf(worker: Worker): Promise<void> {
  return new Promise<void>((ok) => {
    const onReady = (m: FromWorker) => {
      if (m.type === 'ready') {
        worker.off('message', onReady);
        ok();
      }
    };
    worker.on('message', onReady);
  });
}

export interface EngineThreadOptions {
  /** The worker's module (dist/cli/engine-worker.mjs, or the TypeScript source under a loader). */
  url: URL;
  execArgv?: string[];
  data: EngineWorkerData;
}

/** The worker that runs long reports, with the call it runs. */
interface ReportWorker {
  worker: Worker;
  ready: Promise<void>;
  running: Pending | null;
  /** A caller chose another coder since it started: replaced once its report is done. */
  stale: boolean;
}

export class EngineThread implements EngineHandle {
  private worker!: Worker;
  private reports: ReportWorker | null = null;
  private ready!: Promise<void>;
  private readonly queue: Pending[] = [];
  private running: Pending | null = null;
  private nextId = 1;
  private state: EngineState;
  /** Each caller's chosen coder, replayed into a restarted worker. */
  private readonly coders = new Map<string, { caller?: Caller; name: string }>();
  private closed = false;
  private readonly subscriptions = new Map<number, { listener: (event: ChangeEvent) => void; caller?: Caller }>();
  private nextSub = 1;

  constructor(private readonly options: EngineThreadOptions) {
    this.state = { project: options.data.project ?? null };
    this.spawn();
  }

  /** Change events from the worker's engine, filtered there for `caller` (the server's event streams). */
  subscribe(listener: (event: ChangeEvent) => void, caller?: Caller): () => void {
    const sub = this.nextSub++;
    this.subscriptions.set(sub, { listener, caller });
    if (!this.closed) this.worker.postMessage({ type: 'subscribe', sub, caller } satisfies ToWorker);
    return () => {
      if (!this.subscriptions.delete(sub) || this.closed) return;
      this.worker.postMessage({ type: 'unsubscribe', sub } satisfies ToWorker);
    };
  }

  invoke(
    method: string,
    input: unknown,
    caller?: Caller,
    options: { signal?: AbortSignal; onProgress?: ProgressListener } = {},
  ): Promise<Envelope<unknown>> {
    if (this.closed) return Promise.resolve({ ok: false, error: { code: 'NO_PROJECT', message: 'the engine has stopped' } });
    if (options.signal?.aborted) return Promise.resolve(CANCELLED);
    return new Promise((resolve) => {
      const call: Pending = { id: this.nextId++, method, input, caller, resolve, signal: options.signal, onProgress: options.onProgress };
      options.signal?.addEventListener('abort', () => this.cancel(call), { once: true });
      this.queue.push(call);
      this.pump();
    });
  }

  /** Stop the worker after it closes the project cleanly. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.queue.splice(0)) c.resolve(CANCELLED);
    this.stopReports();
    await this.ready;
    await new Promise<void>((ok) => {
      const done = () => ok();
      this.worker.once('exit', done);
      this.worker.once('message', (m: FromWorker) => {
        if (m.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
  }

  private spawn(): void {
    const data: EngineWorkerData = { ...this.options.data, project: this.state.project, coders: [...this.coders.values()] };
    const worker = new Worker(this.options.url, { workerData: data, execArgv: this.options.execArgv });
    this.worker = worker;
    this.ready = readyOf(worker);
    worker.on('message', (m: FromWorker) => this.received(worker, m));
    worker.on('error', (err) => this.failed(worker, err));
    // A restarted worker carries on every subscription of the one it replaces.
    for (const [sub, { caller }] of this.subscriptions) worker.postMessage({ type: 'subscribe', sub, caller } satisfies ToWorker);
  }

  private received(worker: Worker, m: FromWorker): void {
    if (worker !== this.worker) return;
    if (m.type === 'result' && this.running?.id === m.id) {
      const call = this.running;
      this.running = null;
      if (m.state.project !== this.state.project) {
        this.coders.clear();
        // A report on the project that was closed is of no use any more.
        this.stopReports();
      }
      this.state = m.state;
      if (call.method === 'coders:select' && m.envelope.ok) {
        this.coders.set(call.caller?.key ?? '', { caller: call.caller, name: (m.envelope.value as { name: string }).name });
        if (this.reports) this.reports.stale = true;
        if (this.reports && !this.reports.running) this.stopReports();
      }
      call.resolve(m.envelope);
      this.pump();
    } else if (m.type === 'progress' && this.running?.id === m.id) {
      this.running.onProgress?.(m.done, m.total, m.unit);
    } else if (m.type === 'event') {
      this.subscriptions.get(m.sub)?.listener(m.event as ChangeEvent);
    }
  }

  /** The worker died (a bug, or out of memory): answer the running call and start a fresh one. */
  private failed(worker: Worker, err: Error): void {
    if (worker !== this.worker || this.closed) return;
    const call = this.running;
    this.running = null;
    call?.resolve({ ok: false, error: { code: 'INTERNAL', message: `the engine stopped: ${err.message}` } });
    this.spawn();
    this.pump();
  }

  private cancel(call: Pending): void {
    const at = this.queue.indexOf(call);
    if (at !== -1) {
      this.queue.splice(at, 1);
      call.resolve(CANCELLED);
      return;
    }
    if (this.reports?.running === call) {
      // Only the report's own worker stops; the main one carries on with whatever it runs.
      this.stopReports();
      this.pump();
      return;
    }
    if (this.running !== call || !interruptible(call.method)) return;
    // Interrupt a read: stop this worker, answer the call, and carry on with a fresh worker.
    this.running = null;
    const old = this.worker;
    this.spawn();
    void old.terminate();
    call.resolve(CANCELLED);
    this.pump();
  }

  /** A long report: followed with progress by the page, and only reading. */
  private isReport(call: Pending): boolean {
    return call.onProgress !== undefined && interruptible(call.method) && this.state.project !== null;
  }

  /**
   * Start what may start, in order: main-worker calls first come, first served; a report as soon as
   * the report worker is free and no write sent before it is pending (it sees those writes). Calls on
   * the main worker never wait for a report: a write made while a report runs may or may not be in
   * it, as with any report read while the project changes (the views reload on change events).
   */
  private pump(): void {
    if (this.closed) return;
    let writeAhead = this.running !== null && !interruptible(this.running.method);
    let mainFree = this.running === null;
    let reportFree = !this.reports?.running;
    for (let i = 0; i < this.queue.length; ) {
      const call = this.queue[i];
      if (this.isReport(call)) {
        if (!writeAhead && reportFree) {
          this.queue.splice(i, 1);
          this.startReport(call);
          reportFree = false;
        } else i++;
        continue;
      }
      writeAhead ||= !interruptible(call.method);
      if (mainFree) {
        this.queue.splice(i, 1);
        this.startMain(call);
        mainFree = false;
      } else i++;
    }
  }

  private startMain(call: Pending): void {
    this.running = call;
    const worker = this.worker;
    void this.ready.then(() => {
      if (this.running !== call || this.worker !== worker) return;
      worker.postMessage({ type: 'call', id: call.id, method: call.method, input: call.input, caller: call.caller, progress: call.onProgress !== undefined } satisfies ToWorker);
    });
  }

  private startReport(call: Pending): void {
    const r = this.reports ?? this.spawnReports();
    r.running = call;
    void r.ready.then(() => {
      if (r.running !== call || this.reports !== r) return;
      r.worker.postMessage({ type: 'call', id: call.id, method: call.method, input: call.input, caller: call.caller, progress: true } satisfies ToWorker);
    });
  }

  /** The report worker: the same project (read only) and each caller's coder. */
  private spawnReports(): ReportWorker {
    const data: EngineWorkerData = { ...this.options.data, stateDir: null, project: this.state.project, coders: [...this.coders.values()], readOnly: true };
    const worker = new Worker(this.options.url, { workerData: data, execArgv: this.options.execArgv });
    const r: ReportWorker = { worker, ready: readyOf(worker), running: null, stale: false };
    worker.on('message', (m: FromWorker) => {
      if (this.reports !== r || !r.running) return;
      if (m.type === 'progress' && m.id === r.running.id) r.running.onProgress?.(m.done, m.total, m.unit);
      else if (m.type === 'result' && m.id === r.running.id) {
        const call = r.running;
        r.running = null;
        if (r.stale) this.stopReports();
        call.resolve(m.envelope);
        this.pump();
      }
    });
    // It ended on its own (a bug, or out of memory): answer its report; the next report starts another.
    const ended = (why: string) => {
      if (this.reports !== r) return;
      const call = r.running;
      this.reports = null;
      call?.resolve({ ok: false, error: { code: 'INTERNAL', message: `the engine stopped: ${why}` } });
      this.pump();
    };
    worker.on('error', (err) => ended(err.message));
    worker.on('exit', (code) => ended(`exit code ${code}`));
    this.reports = r;
    return r;
  }

  /** Stop the report worker; the report it runs, if any, is answered as cancelled. */
  private stopReports(): void {
    const r = this.reports;
    if (!r) return;
    this.reports = null;
    r.running?.resolve(CANCELLED);
    r.running = null;
    void r.worker.terminate();
  }
}
