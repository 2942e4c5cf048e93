// The renderer's only way to reach the engine: a typed `call(method, input)` that goes through the
// desktop preload (`window.accord`) when present, else over HTTP to the local server with its token.
import type { AccordApi, Input, Method, Output } from '../../shared/api/contract';
import type { Role } from '../../shared/api/access';
import { AccordError, fromEnvelope, type Envelope } from '../../shared/errors';
import type { ChangeEvent } from '../../shared/api/events';

/** How far a long call has got: `done` of `total` `unit` (e.g. documents). */
export interface Progress {
  done: number;
  total: number;
  unit: string;
}

/** A call the page can follow and stop: `onProgress` hears how far it is; aborting `signal` cancels it. */
export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

/** What the desktop preload exposes on `window.accord`. */
export interface AccordBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  /** A call with progress and cancellation (when the desktop host offers them). */
  invokeFollowed?(method: string, input: unknown, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<Envelope<unknown>>;
  /** Change events of the open project (when the desktop host delivers them); returns the unsubscribe function. */
  subscribe?(listener: (event: ChangeEvent) => void): () => void;
  /** The desktop shell's menu commands (renderer/api/host.ts); one listener, returns its removal. */
  onCommand?(listener: (command: unknown) => void): () => void;
  /** The path of a dropped file (renderer/api/host.ts). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    accord?: AccordBridge;
  }
}

/** The server puts its per-session secret into index.html; every HTTP call must carry it. */
export function readToken(): string {
  const meta = document.querySelector('meta[name="accord-token"]');
  return meta?.getAttribute('content') ?? '';
}

/** On a team server, the signed-in member (the server says who; it never takes the page's word). */
export function teamMember(): { name: string; role: Role } | null {
  const meta = typeof document === 'undefined' ? null : document.querySelector('meta[name="accord-member"]');
  const content = meta?.getAttribute('content');
  if (!content) return null;
  try {
    return JSON.parse(content) as { name: string; role: Role };
  } catch {
    return null;
  }
}

/** End this browser's team session and go back to the sign-in page. */
export async function signOut(): Promise<void> {
  await fetch('/signout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  window.location.assign('/signin');
}

/**
 * This tab's id for the server: its current coder and undo/redo are kept per tab (a local caller per
 * tab). Kept in sessionStorage, so a reload keeps it and another tab gets its own.
 */
export function tabId(): string {
  try {
    let id = sessionStorage.getItem('accord-tab');
    if (!id) sessionStorage.setItem('accord-tab', (id = crypto.randomUUID()));
    return id;
  } catch {
    return 'local';
  }
}

async function invokeHttp(method: string, input: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Accord-Token': readToken(), 'X-Accord-Tab': tabId() },
      body: JSON.stringify(input ?? {}),
    });
  } catch (err) {
    throw new AccordError('INTERNAL', `Cannot reach the Accord server (${(err as Error).message}).`);
  }
  // A team member whose session ended (revoked, or signed out elsewhere) signs in again.
  if (response.status === 401 && teamMember()) window.location.assign('/signin');
  const body = await response.text();
  try {
    const parsed = JSON.parse(body) as Envelope<unknown>;
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
  } catch {
    // Not JSON: fall through and report the HTTP status, which is more useful than a parse error.
  }
  throw new AccordError('INTERNAL', `${method}: the server answered HTTP ${response.status} ${body.slice(0, 200)}`.trim());
}

/**
 * The address the page plays a transcript's recording from: in browser mode the server's media route
 * (the secret rides in the query, as <audio> cannot send headers; `version` changes after a relink);
 * in the desktop app the shell's `accord-media:` scheme.
 */
export function mediaUrl(documentId: number, version: string): string {
  const v = encodeURIComponent(version.slice(0, 12));
  if (typeof window !== 'undefined' && window.accord) return `accord-media://document/${documentId}?v=${v}`;
  return `/media/${documentId}?token=${encodeURIComponent(readToken())}&v=${v}`;
}

const CANCELLED: Envelope<unknown> = { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } };

/**
 * Over HTTP with progress: the server answers JSON lines ({"progress":…} as the call goes, the
 * envelope last); aborting the request cancels the call on the server.
 */
async function invokeHttpFollowed(method: string, input: unknown, options: CallOptions): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Accord-Token': readToken(), 'X-Accord-Tab': tabId(), 'X-Accord-Progress': '1' },
      body: JSON.stringify(input ?? {}),
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) return CANCELLED;
    throw new AccordError('INTERNAL', `Cannot reach the Accord server (${(err as Error).message}).`);
  }
  if (response.status === 401 && teamMember()) window.location.assign('/signin');
  if (!response.ok || !response.body) {
    const body = await response.text();
    throw new AccordError('INTERNAL', `${method}: the server answered HTTP ${response.status} ${body.slice(0, 200)}`.trim());
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) rest += value;
      let nl: number;
      while ((nl = rest.indexOf('\n')) !== -1) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (!line) continue;
        const parsed = JSON.parse(line) as { progress?: Progress } | Envelope<unknown>;
        if ('progress' in parsed && parsed.progress) options.onProgress?.(parsed.progress);
        else if ('ok' in parsed) return parsed;
      }
      if (done) break;
    }
  } catch (err) {
    if (options.signal?.aborted) return CANCELLED;
    throw new AccordError('INTERNAL', `${method}: the answer broke off (${(err as Error).message})`);
  }
  throw new AccordError('INTERNAL', `${method}: the server's answer ended without a result`);
}

/**
 * Call one engine method and follow it: progress as it runs, and cancelled (rejects with CANCELLED)
 * when `signal` aborts. Where the host cannot report progress, the call runs without it.
 */
export async function callFollowed<M extends Method>(method: M, input: Input<M>, options: CallOptions): Promise<Output<M>> {
  if (options.signal?.aborted) return fromEnvelope(CANCELLED as Envelope<Output<M>>);
  const bridge = typeof window !== 'undefined' ? window.accord : undefined;
  let envelope: Envelope<unknown>;
  if (bridge?.invokeFollowed) envelope = await bridge.invokeFollowed(method, input, options.onProgress ?? (() => undefined), options.signal ?? new AbortController().signal);
  else if (bridge) {
    // No progress from this host: the answer of a cancelled call is dropped.
    const answer = bridge.invoke(method, input);
    envelope = options.signal
      ? await Promise.race([answer, new Promise<Envelope<unknown>>((ok) => options.signal!.addEventListener('abort', () => ok(CANCELLED), { once: true }))])
      : await answer;
  } else envelope = await invokeHttpFollowed(method, input, options);
  return fromEnvelope(envelope as Envelope<Output<M>>);
}

/** Call one engine method; resolves with its typed output or rejects with an AccordError. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const bridge = typeof window !== 'undefined' ? window.accord : undefined;
  const envelope = bridge ? await bridge.invoke(method, input) : await invokeHttp(method, input);
  return fromEnvelope(envelope as Envelope<Output<M>>);
}

/** The same calls as an object: `api['codings:apply']({...})`. */
export const api: AccordApi = new Proxy({} as AccordApi, {
  get(_target, name) {
    return (input: unknown) => call(name as Method, input as never);
  },
});

/** A readable one-line message for anything a call can throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof AccordError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
