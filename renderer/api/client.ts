// The renderer's only way to reach the engine: a typed `call(method, input)` that goes through the
// desktop preload (`window.accord`) when present, else over HTTP to the local server with its token.
import type { AccordApi, Input, Method, Output } from '../../shared/api/contract';
import { AccordError, fromEnvelope, type Envelope } from '../../shared/api/errors';

/** What the desktop preload exposes on `window.accord`. */
export interface AccordBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
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
function readToken(): string {
  const meta = document.querySelector('meta[name="accord-token"]');
  return meta?.getAttribute('content') ?? '';
}

/**
 * This tab's id for the server: its current coder and undo/redo are kept per tab (a local caller per
 * tab). Kept in sessionStorage, so a reload keeps it and another tab gets its own.
 */
function tabId(): string {
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
  const body = await response.text();
  try {
    const parsed = JSON.parse(body) as Envelope<unknown>;
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
  } catch {
    // Not JSON: fall through and report the HTTP status, which is more useful than a parse error.
  }
  throw new AccordError('INTERNAL', `${method}: the server answered HTTP ${response.status} ${body.slice(0, 200)}`.trim());
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
