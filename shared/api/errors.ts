// The error envelope that crosses every boundary (IPC, HTTP, CLI). A user's mistake is an
// AccordError with a stable code and a one-line message; anything else is a bug.

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  /** The caller may not do this (role, blind mode, or the project the server was started for). */
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'BAD_FILE'
  | 'NOT_A_PROJECT'
  | 'NEWER_VERSION'
  | 'NO_PROJECT'
  | 'CANCELLED'
  | 'INTERNAL';

export class AccordError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AccordError';
    this.code = code;
  }
}

export interface ErrorEnvelope {
  ok: false;
  error: { code: ErrorCode; message: string };
}

export interface OkEnvelope<T> {
  ok: true;
  value: T;
}

export type Envelope<T> = OkEnvelope<T> | ErrorEnvelope;

export function toEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof AccordError) return { ok: false, error: { code: err.code, message: err.message } };
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: 'INTERNAL', message } };
}

export function fromEnvelope<T>(env: Envelope<T>): T {
  if (env.ok) return env.value;
  throw new AccordError(env.error.code, env.error.message);
}
