// The shell's side of the engine's utility process: forwards contract calls over the process's port and
// matches the answers, so the shell's own thread only ever waits. If the process dies, the calls in
// flight fail with a message, and the next call starts a new engine with the same project reopened and
// the same coder selected (every change is committed when its call returns, so nothing saved is lost).
//
// Long reports (calls the window follows with progress, that only read) run in a second engine
// process with the project open for reading only, one at a time, each once the changes sent before it
// are answered (so it sees them). The window's other calls never wait for a report, and stopping one
// ends only that process.
import type { Envelope } from '../../shared/api/errors';
import type { FromEngine, ToEngine } from './engine-messages';
import type { ChangeEvent } from '../../shared/api/events';
import { ACCESS, isMethod } from '../../shared/api/contract';

/** What the shell needs of a utility process (Electron's `UtilityProcess` fits). */
export interface EngineChild {
  postMessage(message: ToEngine): void;
  on(event: 'message', listener: (message: FromEngine) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface EngineEvents {
  /** The engine cannot run at all (reported once). */
  fatal(message: string): void;
  /** The engine process ended unexpectedly; it restarts on the next call. */
  crashed(code: number): void;
  /** A change was committed (for the window's views to update from). */
  change?(event: ChangeEvent): void;
}

/** Channels whose successful answer is the project now open (its `path`). */
const OPENS_PROJECT = new Set(['project:open', 'project:create', 'project:openDemo']);

const failure = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'INTERNAL', message } });
const CANCELLED: Envelope<unknown> = { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } };

/** Channels whose running call may be interrupted (by ending the process): they only read. */
function interruptible(method: string): boolean {
  return isMethod(method) && (ACCESS[method] === 'read' || ACCESS[method] === 'unblinded');
}

/** Following one call: its progress, and cancelling it. */
export interface FollowOptions {
  onProgress?: (done: number, total: number, unit: string) => void;
  signal?: AbortSignal;
}

/** The process that runs long reports, and the call it runs. */
interface ReportChild {
  child: EngineChild;
  running: number | null;
  /** The coder changed since it started: it is replaced once its report is done. */
  stale: boolean;
}

export class EngineClient {
  private child: EngineChild | null = null;
  private reports: ReportChild | null = null;
  /** Reports waiting for the report process, in the order they were asked for. */
  private readonly reportQueue: { id: number; message: ToEngine & { type: 'call' } }[] = [];
  /** Changes sent to the main process and not answered yet (a report waits for those sent before it). */
  private readonly changesInFlight = new Set<number>();
  private readonly pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  /** What each waiting call sent (to send it again to a new process after an interrupted read). */
  private readonly sentCalls = new Map<number, ToEngine & { type: 'call' }>();
  private readonly progressOf = new Map<number, NonNullable<FollowOptions['onProgress']>>();
  private nextId = 1;
  private project: string | null = null;
  private coder: string | null = null;
  private fatalMessage: string | null = null;
  private stopping = false;

  constructor(
    private readonly spawn: () => EngineChild,
    private readonly events: EngineEvents,
  ) {}

  /** Run one contract method in the engine process; resolves with its envelope, never rejects. */
  call(method: string, input: unknown, options: FollowOptions = {}): Promise<Envelope<unknown>> {
    if (this.fatalMessage) return Promise.resolve(failure(this.fatalMessage));
    if (this.stopping) return Promise.resolve(failure('Accord is closing'));
    if (options.signal?.aborted) return Promise.resolve(CANCELLED);
    const report = options.onProgress !== undefined && interruptible(method) && this.project !== null;
    const child = report ? null : this.ensure();
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, (envelope) => {
        this.sentCalls.delete(id);
        this.progressOf.delete(id);
        this.track(method, envelope);
        resolve(envelope);
        if (this.changesInFlight.delete(id)) this.pumpReports();
      });
      const message = { type: 'call' as const, id, method, input, ...(options.onProgress ? { progress: true } : {}) };
      if (options.onProgress) this.progressOf.set(id, options.onProgress);
      options.signal?.addEventListener('abort', () => this.cancel(id, method), { once: true });
      if (report) {
        this.reportQueue.push({ id, message });
        this.pumpReports();
        return;
      }
      this.sentCalls.set(id, message);
      if (!interruptible(method)) this.changesInFlight.add(id);
      child!.postMessage(message);
    });
  }

  /** Send the next report to the report process when it is free and no change sent before it is pending. */
  private pumpReports(): void {
    if (this.stopping || this.fatalMessage || (this.reports && this.reports.running !== null)) return;
    const next = this.reportQueue[0];
    if (!next) return;
    for (const change of this.changesInFlight) if (change < next.id) return;
    this.reportQueue.shift();
    const r = this.reports ?? this.startReports();
    r.running = next.id;
    r.child.postMessage(next.message);
  }

  /** A report process on the open project (read only), with the coder selected. */
  private startReports(): ReportChild {
    const child = this.spawn();
    const r: ReportChild = { child, running: null, stale: false };
    this.reports = r;
    child.on('message', (message) => {
      if (this.reports !== r || r.running === null) return;
      if (message.type === 'progress' && message.id === r.running) this.progressOf.get(message.id)?.(message.done, message.total, message.unit);
      else if (message.type === 'result' && message.id === r.running) {
        const done = this.pending.get(message.id);
        this.pending.delete(message.id);
        r.running = null;
        if (r.stale) this.stopReports();
        done?.(message.envelope);
        this.pumpReports();
      } else if (message.type === 'fatal') this.stopReports(failure(message.message));
    });
    child.on('exit', (code) => {
      if (this.reports !== r) return;
      this.stopReports(failure(`The Accord engine's report process stopped (exit code ${code}). Nothing saved is lost; try again.`));
      this.pumpReports();
    });
    // Handled in order before the report: their own answers are nobody's (a failure shows in the report's).
    child.postMessage({ type: 'call', id: this.nextId++, method: 'project:open', input: { path: this.project, readOnly: true } });
    if (this.coder) child.postMessage({ type: 'call', id: this.nextId++, method: 'coders:select', input: { name: this.coder } });
    return r;
  }

  /** End the report process; the report it runs, if any, is answered with `answer`. */
  private stopReports(answer: Envelope<unknown> = CANCELLED): void {
    const r = this.reports;
    if (!r) return;
    this.reports = null;
    if (r.running !== null) {
      const done = this.pending.get(r.running);
      this.pending.delete(r.running);
      done?.(answer);
    }
    r.child.kill();
  }

  /**
   * Cancel call `id`: it answers CANCELLED at once. Still waiting in the process, its answer is
   * dropped when it comes; running and only reading, the process is ended and a new one takes the
   * calls waiting behind it (the project and coder reopened first); a running write completes.
   */
  private cancel(id: number, method: string): void {
    const done = this.pending.get(id);
    if (!done) return;
    const queued = this.reportQueue.findIndex((r) => r.id === id);
    if (queued !== -1) {
      this.reportQueue.splice(queued, 1);
      this.pending.delete(id);
      done(CANCELLED);
      return;
    }
    if (this.reports?.running === id) {
      // Only the report's own process ends; the main one carries on.
      this.stopReports();
      this.pumpReports();
      return;
    }
    // The main process runs its calls in order: the first one still waiting (reports aside) is running.
    const report = (k: number) => this.reports?.running === k || this.reportQueue.some((r) => r.id === k);
    const running = [...this.pending.keys()].find((k) => !report(k)) === id;
    this.pending.delete(id);
    done(CANCELLED);
    const child = this.child;
    if (!running || !interruptible(method) || !child) return;
    this.child = null;
    child.kill();
    const next = this.ensure();
    for (const [waiting, message] of [...this.sentCalls]) {
      if (!this.pending.has(waiting)) continue;
      // Reads are sent again; a change is not, since the ended process may have made it just before.
      if (interruptible(message.method)) next.postMessage(message);
      else this.pending.get(waiting)?.(failure('A report was cancelled while this change waited for it; check whether it was saved and try again.'));
    }
  }

  /** The project the engine has open (as far as the shell has seen), or null. */
  get openProject(): string | null {
    return this.project;
  }

  /** Start the engine now rather than on the first call (the window opens faster afterwards). */
  start(): void {
    if (!this.fatalMessage) this.ensure();
  }

  /** Close the project cleanly and end the process; kills it if it does not end within `graceMs`. */
  shutdown(graceMs = 3000): Promise<void> {
    this.stopping = true;
    this.stopReports();
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, graceMs);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.postMessage({ type: 'shutdown' });
    });
  }

  private ensure(): EngineChild {
    if (this.child) return this.child;
    const child = this.spawn();
    this.child = child;
    // An ended process's late messages (after a cancelled read) are not its successor's.
    child.on('message', (message) => {
      if (this.child === child) this.receive(message);
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      this.failPending(`The Accord engine stopped (exit code ${code}). Nothing saved is lost; try again.`);
      if (!this.stopping && !this.fatalMessage) this.events.crashed(code);
    });
    // After a crash, the new engine reopens the project (and reselects the coder) the user had before
    // the caller's call runs: messages are handled in the order they are sent.
    if (this.project) {
      this.restore(child, 'project:open', { path: this.project }, () => {
        this.project = null;
        this.coder = null;
      });
      if (this.coder) this.restore(child, 'coders:select', { name: this.coder }, () => (this.coder = null));
    }
    return child;
  }

  private restore(child: EngineChild, method: string, input: unknown, onFailure: () => void): void {
    const id = this.nextId++;
    this.pending.set(id, (envelope) => {
      if (!envelope.ok) onFailure();
    });
    child.postMessage({ type: 'call', id, method, input });
  }

  private receive(message: FromEngine): void {
    if (message.type === 'progress') {
      if (this.pending.has(message.id)) this.progressOf.get(message.id)?.(message.done, message.total, message.unit);
    } else if (message.type === 'result') {
      const done = this.pending.get(message.id);
      this.pending.delete(message.id);
      done?.(message.envelope);
    } else if (message.type === 'event') {
      this.events.change?.(message.event);
    } else if (message.type === 'fatal') {
      this.fatalMessage = message.message;
      this.failPending(message.message);
      this.events.fatal(message.message);
    }
  }

  private failPending(message: string): void {
    this.stopReports(failure(message));
    this.reportQueue.length = 0;
    this.changesInFlight.clear();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const done of waiting) done(failure(message));
  }

  private track(method: string, envelope: Envelope<unknown>): void {
    if (!envelope.ok) return;
    if (OPENS_PROJECT.has(method)) {
      this.project = (envelope.value as { path: string }).path;
      this.coder = null;
      this.stopReports();
    } else if (method === 'project:close') {
      this.project = null;
      this.coder = null;
      this.stopReports();
    } else if (method === 'coders:select') {
      this.coder = (envelope.value as { name: string }).name;
      if (this.reports) this.reports.stale = true;
      if (this.reports?.running === null) this.stopReports();
    }
  }
}
