// The shell's side of the engine's utility process: forwards contract calls over the process's port and
// matches the answers, so the shell's own thread only ever waits. If the process dies, the calls in
// flight fail with a message, and the next call starts a new engine with the same project reopened and
// the same coder selected (every change is committed when its call returns, so nothing saved is lost).
import type { Envelope } from '../../shared/api/errors';
import type { FromEngine, ToEngine } from './engine-messages';
import type { ChangeEvent } from '../../shared/api/events';

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

export class EngineClient {
  private child: EngineChild | null = null;
  private readonly pending = new Map<number, (envelope: Envelope<unknown>) => void>();
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
  call(method: string, input: unknown): Promise<Envelope<unknown>> {
    if (this.fatalMessage) return Promise.resolve(failure(this.fatalMessage));
    if (this.stopping) return Promise.resolve(failure('Accord is closing'));
    const child = this.ensure();
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, (envelope) => {
        this.track(method, envelope);
        resolve(envelope);
      });
      child.postMessage({ type: 'call', id, method, input });
    });
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
    child.on('message', (message) => this.receive(message));
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
    if (message.type === 'result') {
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
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const done of waiting) done(failure(message));
  }

  private track(method: string, envelope: Envelope<unknown>): void {
    if (!envelope.ok) return;
    if (OPENS_PROJECT.has(method)) {
      this.project = (envelope.value as { path: string }).path;
      this.coder = null;
    } else if (method === 'project:close') {
      this.project = null;
      this.coder = null;
    } else if (method === 'coders:select') this.coder = (envelope.value as { name: string }).name;
  }
}
