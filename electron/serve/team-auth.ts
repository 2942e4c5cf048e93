// Who is calling a team server. A member signs in once with their personal access token (the
// sign-in page sets an HttpOnly, SameSite=Strict session cookie; scripts may send
// `Authorization: Bearer <token>` instead); from then on every request is that member, whatever the
// page says. Failed sign-ins are rate-limited per address. Revoking a member (here or from the
// command line) ends their cookie sessions, cached bearer tokens and open event streams at once:
// the server follows the project's change events and re-reads the members when they change.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Caller } from '../../shared/api/access';
import type { ChangeEvent } from '../../shared/api/events';
import { AccordError, fromEnvelope, type Envelope } from '../../shared/api/errors';
import type { Member } from '../../shared/api/team';

export const SESSION_COOKIE = 'accord_session';
/** A session unused for this long is forgotten (the member signs in again). */
const IDLE_MS = 12 * 60 * 60 * 1000;
/** Failed sign-ins allowed per address within the window before it must wait. */
const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

/** What a team server needs of its engine, whether in this thread or behind a worker. */
export interface TeamEngine {
  invoke(method: string, input: unknown, caller?: Caller): Promise<Envelope<unknown>>;
  subscribe(listener: (event: ChangeEvent) => void, caller?: Caller): () => void;
}

/** Failed sign-ins per address in a sliding window. */
export class RateLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max = MAX_FAILURES,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }

  /** Seconds to wait before the next attempt from `address`, or 0 when it may try now. */
  retryAfter(address: string): number {
    const list = this.recent(address);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[0] + this.windowMs - this.now()) / 1000));
  }

  fail(address: string): void {
    // Bound the memory a flood of addresses can take: forget the oldest entries first.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(address, [...this.recent(address), this.now()]);
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function callerOf(m: Member): Caller {
  return { coderId: m.coderId, name: m.name, role: m.role, key: `member:${m.id}` };
}

export type Authorized = { caller: Caller; member: Member } | { status: 401 | 429; message: string; retryAfter?: number };

export class TeamAuth {
  private members = new Map<number, Member>();
  private readonly sessions = new Map<string, { memberId: number; lastUsed: number }>();
  /** Bearer tokens already verified in this run (by SHA-256, never the token itself). */
  private readonly bearers = new Map<string, number>();
  /** Open event streams per member, each with the function that ends it. */
  private readonly streams = new Map<number, Set<() => void>>();
  readonly limiter = new RateLimiter();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly engine: TeamEngine,
    private readonly log: (line: string) => void = () => undefined,
    /** Behind a reverse proxy: a request's address is the one the proxy adds to X-Forwarded-For. */
    private readonly trustProxy = false,
  ) {}

  /** The address a request comes from, as the limit and the sign-in record count it. */
  addressOf(req: IncomingMessage): string {
    return addressOf(req, this.trustProxy);
  }

  async start(): Promise<void> {
    await this.refresh();
    if (this.members.size === 0) throw new AccordError('INVALID_INPUT', 'not a team project yet: run `accord team init PROJECT.accord --lead NAME` first');
    this.unsubscribe = this.engine.subscribe((e) => {
      if (Object.prototype.hasOwnProperty.call(e.tables, 'team_members')) void this.refresh();
    });
  }

  stop(): void {
    this.unsubscribe?.();
    for (const set of this.streams.values()) for (const end of [...set]) end();
  }

  /** Re-read the members; end everything of anyone revoked, and restart the streams of anyone whose role changed. */
  async refresh(): Promise<void> {
    const list = fromEnvelope(await this.engine.invoke('team:members', {})) as Member[];
    const before = this.members;
    this.members = new Map(list.map((m) => [m.id, m]));
    for (const m of list) {
      const old = before.get(m.id);
      if (m.revokedAt !== null) this.endMember(m.id);
      else if (old && old.role !== m.role) this.endStreams(m.id);
    }
  }

  private endStreams(memberId: number): void {
    for (const end of [...(this.streams.get(memberId) ?? [])]) end();
  }

  private endMember(memberId: number): void {
    for (const [sid, s] of this.sessions) if (s.memberId === memberId) this.sessions.delete(sid);
    for (const [h, id] of this.bearers) if (id === memberId) this.bearers.delete(h);
    this.endStreams(memberId);
  }

  private active(memberId: number | undefined): Member | null {
    const m = memberId === undefined ? undefined : this.members.get(memberId);
    return m && m.revokedAt === null ? m : null;
  }

  /** Register an open event stream of a member; returns the function to call when it closes. */
  trackStream(memberId: number, end: () => void): () => void {
    let set = this.streams.get(memberId);
    if (!set) this.streams.set(memberId, (set = new Set()));
    set.add(end);
    return () => set.delete(end);
  }

  /** The member behind a request: its session cookie, else its bearer token. */
  async authorize(req: IncomingMessage): Promise<Authorized> {
    const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = sid ? this.sessions.get(sid) : undefined;
    if (session && Date.now() - session.lastUsed < IDLE_MS) {
      const m = this.active(session.memberId);
      if (m) {
        session.lastUsed = Date.now();
        return { caller: callerOf(m), member: m };
      }
    }
    if (sid && session) this.sessions.delete(sid);
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice('Bearer '.length).trim();
      const known = this.active(this.bearers.get(digest(token)));
      if (known) return { caller: callerOf(known), member: known };
      const result = await this.signIn(token, this.addressOf(req));
      if ('member' in result) this.bearers.set(digest(token), result.member.id);
      return result;
    }
    return { status: 401, message: 'sign in first: open this server in a browser, or send Authorization: Bearer <your token>' };
  }

  /** Verify a token (rate-limited per address); the engine records the sign-in. */
  async signIn(token: string, address: string): Promise<Authorized> {
    const wait = this.limiter.retryAfter(address);
    if (wait > 0) return { status: 429, message: `too many failed sign-ins from ${address}: try again in ${wait} s`, retryAfter: wait };
    try {
      const member = fromEnvelope(await this.engine.invoke('team:signIn', { token, from: address })) as Member;
      this.members.set(member.id, member);
      return { caller: callerOf(member), member };
    } catch (err) {
      if (!(err instanceof AccordError) || (err.code !== 'UNAUTHORIZED' && err.code !== 'INVALID_INPUT')) throw err;
      this.limiter.fail(address);
      this.log(`failed sign-in from ${address}`);
      return { status: 401, message: err.code === 'UNAUTHORIZED' ? err.message : 'that token is not valid (wrong, mistyped or revoked)' };
    }
  }

  /** Start a cookie session for a member; returns the Set-Cookie value. */
  startSession(memberId: number, secure: boolean): string {
    const sid = randomBytes(32).toString('base64url');
    this.sessions.set(sid, { memberId, lastUsed: Date.now() });
    return `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  }

  endSession(req: IncomingMessage, secure: boolean): string {
    const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (sid) this.sessions.delete(sid);
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  }
}

/**
 * The address a request comes from. Directly, the peer's. With `trustProxy` (the server is reachable
 * only through a reverse proxy on the same machine or network), the last address in
 * X-Forwarded-For: the one the proxy itself appended, which a client cannot choose (addresses
 * before it are whatever the client sent). Without the header, the peer's.
 */
export function addressOf(req: IncomingMessage, trustProxy = false): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((a) => a.trim()).filter((a) => a !== '');
  const last = list[list.length - 1];
  // Only an IP address counts (the value is also written to the log and the sign-in record).
  return last !== undefined && isIP(last) !== 0 ? last : peer;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The sign-in page: a plain form (no script), posting the token to /signin. */
export function signInPage(project: string, message = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · ${escapeHtml(project)} · Accord</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f5f5f2;color:#1d1d1b;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #ddd;border-radius:8px;padding:2rem;max-width:28rem;width:90%}
h1{font-size:1.3rem;margin:0 0 .25rem}label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;font-family:ui-monospace,monospace;font-size:.85rem}
button{margin-top:1rem;padding:.5rem 1.2rem;font:inherit;background:#2d5a88;color:#fff;border:0;border-radius:4px}
.error{color:#a11;background:#fdecec;padding:.5rem;border-radius:4px}.hint{color:#666;font-size:.9rem}
</style></head>
<body><main>
<h1>Accord — ${escapeHtml(project)}</h1>
<p class="hint">A team project. Sign in with the personal access token your lead gave you.</p>
${message ? `<p class="error" role="alert" data-testid="signin-error">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/signin">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus data-testid="signin-token">
<button type="submit" data-testid="signin-submit">Sign in</button>
</form>
</main></body></html>`;
}

/** Read a small urlencoded form body (the sign-in form). */
export function readForm(req: IncomingMessage, limit = 4096): Promise<URLSearchParams> {
  return new Promise((ok, fail) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
      if (body.length > limit) {
        fail(new Error('form too large'));
        req.destroy();
      }
    });
    req.on('end', () => ok(new URLSearchParams(body)));
    req.on('error', fail);
  });
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...headers });
  res.end();
}

export { escapeHtml };
