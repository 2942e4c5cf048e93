// Browser mode: the same engine behind HTTP on 127.0.0.1. Every API call must carry the per-launch
// secret (handed to the page inside index.html); requests with a foreign Host or Origin are refused,
// which defeats DNS rebinding and cross-site requests. In team mode (team-auth.ts) every call is a
// signed-in member's instead, and the server may listen on other addresses, over TLS if given.
// Both modes stream the project's change events at GET /events (event-stream.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { localCaller, type Caller } from '../../shared/api/access';
import { isMethod } from '../../shared/api/contract';
import type { EngineHandle } from './engine-thread';
import { HOST_ONLY_METHODS } from '../../shared/api/team';
import { streamEvents } from './event-stream';
import { escapeHtml, readForm, redirect, signInPage, TeamAuth } from './team-auth';
import type { Recording } from '../../shared/api/exchange';

/** Without sign-in, each browser tab is a local caller of its own (its coder, its undo/redo). */
function tabCaller(req: IncomingMessage): Caller {
  const tab = req.headers['x-accord-tab'];
  return localCaller(typeof tab === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(tab) ? `tab:${tab}` : 'local');
}

/**
 * Largest request body accepted: the largest file an import takes (100 MB) as base64 JSON, and a
 * little more. Bodies are read into one buffer of their declared size, so memory stays near the
 * body's own size; a larger one is refused from its Content-Length before any of it is read.
 */
const MAX_BODY = 140 * 1024 * 1024;

class TooLarge extends Error {}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface ServeOptions {
  /** The engine in this thread (tests) or in a worker thread (`accord serve`): its calls, with the caller, and its change events. */
  engine: EngineHandle;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed secret for tests; a random one otherwise. */
  token?: string;
  /** Team mode: only signed-in members, each as themselves; may listen beyond loopback. */
  team?: TeamServeOptions;
}

export interface TeamServeOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /** The project's name, shown on the sign-in page. */
  projectName: string;
  /** Where to report failed sign-ins (default: nowhere). */
  log?: (line: string) => void;
  /**
   * Behind a reverse proxy: count and record each request by the client address the proxy adds to
   * X-Forwarded-For, not by the proxy's own (which every member would share).
   */
  trustProxy?: boolean;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  /** Team mode's sign-in state (null in single-user mode). */
  auth: TeamAuth | null;
  close(): Promise<void>;
}

/** Channels a team server refuses: it serves one project, chosen when it started. */
const TEAM_REFUSED = new Set(['project:create', 'project:open', 'project:close', 'project:recent', 'project:openDemo', 'exchange:merge']);

const SIGNIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY) return Promise.reject(new TooLarge());
  return new Promise((resolveBody, reject) => {
    // One buffer of the declared size (no list of chunks to concatenate); grown by doubling otherwise.
    let buf = Buffer.allocUnsafe(Number.isInteger(declared) && declared >= 0 ? declared : 64 * 1024);
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size + c.length > MAX_BODY) {
        reject(new TooLarge());
        req.destroy();
        return;
      }
      if (size + c.length > buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(MAX_BODY, Math.max(buf.length * 2, size + c.length)));
        buf.copy(bigger, 0, 0, size);
        buf = bigger;
      }
      c.copy(buf, size);
      size += c.length;
    });
    req.on('end', () => resolveBody(buf.subarray(0, size)));
    req.on('error', reject);
  });
}

/** Serve a file whole or, for a Range request, the part asked for (206), as media players expect. */
function sendFileRange(req: IncomingMessage, res: ServerResponse, file: string, type: string): void {
  const size = statSync(file).size;
  const headers = {
    'Content-Type': type,
    'Accept-Ranges': 'bytes',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  let start = 0;
  let end = size - 1;
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    } else {
      start = Math.max(0, size - Number(range[2]));
    }
    if (start > end || start >= size) {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': String(size) });
  }
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  createReadStream(file, { start, end }).pipe(res);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(opts.staticDir);
  const team = opts.team ?? null;
  const auth = team ? new TeamAuth(opts.engine, team.log, team.trustProxy) : null;
  if (auth) await auth.start();
  const secure = !!team?.tls;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // A team server answers to whatever name its members use; a page from elsewhere still sends its
  // own Origin, which must be this same host (cross-site requests), and every call needs a member.
  const hostAllowed = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    if (team ? host === '' : !allowedHosts().has(host)) return 'forbidden host';
    const origin = req.headers.origin?.replace(/^https?:\/\//, '');
    if (origin && (team ? origin !== host : !allowedHosts().has(origin))) return 'forbidden origin';
    return null;
  };
  const cookieSecure = (req: IncomingMessage) => secure || req.headers['x-forwarded-proto'] === 'https';

  /** The caller of an API or event request, or undefined after answering it with an error. */
  const authorize = async (req: IncomingMessage, res: ServerResponse): Promise<{ caller?: Caller; memberId?: number } | undefined> => {
    if (!auth) {
      const given = req.headers['x-accord-token'];
      if (typeof given !== 'string' || !sameSecret(given, token)) return void send(res, 403, 'missing or wrong secret');
      return {};
    }
    const who = await auth.authorize(req);
    if ('caller' in who) return { caller: who.caller, memberId: who.member.id };
    return void send(res, who.status, who.message, undefined, who.retryAfter ? { 'Retry-After': String(who.retryAfter) } : {});
  };

  const signInRoutes = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const page = (status: number, message = '', extra: Record<string, string> = {}) =>
      send(res, status, signInPage(team!.projectName, message), TYPES['.html'], {
        ...extra,
        'Content-Security-Policy': SIGNIN_CSP,
        // With no-referrer the browser would post the form with `Origin: null`, which the origin check refuses.
        'Referrer-Policy': 'same-origin',
      });
    if (path === '/signout') {
      if (req.method !== 'POST') return send(res, 405, 'use POST');
      return redirect(res, '/signin', { 'Set-Cookie': auth!.endSession(req, cookieSecure(req)) });
    }
    if (req.method === 'GET' || req.method === 'HEAD') return page(200);
    if (req.method !== 'POST') return send(res, 405, 'method not allowed');
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (err) {
      return send(res, 400, `bad request: ${(err as Error).message}`);
    }
    const result = await auth!.signIn(form.get('token') ?? '', auth!.addressOf(req));
    if (!('member' in result)) return page(result.status, result.message, result.retryAfter ? { 'Retry-After': String(result.retryAfter) } : {});
    return redirect(res, '/', { 'Set-Cookie': auth!.startSession(result.member.id, cookieSecure(req)) });
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const refused = hostAllowed(req);
    if (refused) return send(res, 403, refused);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (auth && (url.pathname === '/signin' || url.pathname === '/signout')) return signInRoutes(req, res, url.pathname);

    if (url.pathname === '/events') {
      if (req.method !== 'GET') return send(res, 405, 'use GET');
      const who = await authorize(req, res);
      if (!who) return;
      const end = streamEvents(res, opts.engine, who.caller, { 'X-Content-Type-Options': 'nosniff' });
      if (auth && who.memberId !== undefined) {
        const untrack = auth.trackStream(who.memberId, () => end('signed-out'));
        res.on('close', untrack);
      }
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'use POST');
      const who = await authorize(req, res);
      if (!who) return;
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isMethod(method)) return send(res, 404, `unknown method ${method}`);
      if (HOST_ONLY_METHODS.includes(method)) return send(res, 403, `${method} is not available over HTTP`);
      if (auth && TEAM_REFUSED.has(method)) return send(res, 403, `${method}: a team server serves one project; do this on the command line`);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'send JSON');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch (err) {
        if (err instanceof TooLarge) {
          res.setHeader('Connection', 'close');
          return send(res, 413, `request too large (at most ${MAX_BODY / 1024 / 1024} MB)`);
        }
        return send(res, 400, `bad request: ${(err as Error).message}`);
      }
      // A client that goes away (closed tab, aborted fetch) cancels its call: dropped from the queue,
      // or interrupted if it is a running read.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      // A page showing progress asks for it (X-Accord-Progress: 1): the answer is then JSON lines, a
      // {"progress":{done,total,unit}} line as the report goes, and the envelope last. The same request
      // carries the cancellation (the page aborts it), so progress and Cancel travel together.
      if (req.headers['x-accord-progress'] === '1') {
        res.writeHead(200, {
          'Content-Type': 'application/x-ndjson; charset=utf-8',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
          'Cache-Control': 'no-store',
        });
        const onProgress = (done: number, total: number, unit: string) => {
          if (!gone.signal.aborted) res.write(`${JSON.stringify({ progress: { done, total, unit } })}\n`);
        };
        const envelope = await opts.engine.invoke(method, input, who.caller ?? tabCaller(req), { signal: gone.signal, onProgress });
        if (gone.signal.aborted) return;
        res.end(`${JSON.stringify(envelope)}\n`);
        return;
      }
      const envelope = await opts.engine.invoke(method, input, who.caller ?? tabCaller(req), { signal: gone.signal });
      if (gone.signal.aborted) return;
      return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    // A transcript's recording, for <audio>/<video>, which cannot send headers: the secret rides in
    // the query (the page sends no Referer, and the response is never cached). Ranges let the player seek.
    const media = /^\/media\/(\d+)$/.exec(url.pathname);
    if (media) {
      const given = url.searchParams.get('token');
      if (!given || !sameSecret(given, token)) return send(res, 403, 'missing or wrong secret');
      const envelope = await opts.engine.invoke('recordings:get', { documentId: Number(media[1]) });
      if (!envelope.ok) return send(res, 404, envelope.error.message);
      const rec = envelope.value as Recording | null;
      if (!rec) return send(res, 404, 'this document has no recording');
      if (rec.status !== 'ok') return send(res, 404, `${rec.fileName}: the recording is ${rec.status}; relink it`);
      return sendFileRange(req, res, rec.file, rec.mime);
    }
    if (url.pathname === '/health') return send(res, 200, 'ok');

    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '/index.html') {
      const indexFile = join(staticRoot, 'index.html');
      if (!existsSync(indexFile)) return send(res, 500, 'the workbench is not built: run `npm run build` (or `npm run serve`)');
      let meta = `<meta name="accord-token" content="${token}">`;
      if (auth) {
        // The page learns who signed in (to show it); the server never takes the page's word for it.
        const who = await auth.authorize(req);
        if (!('member' in who)) return redirect(res, '/signin');
        meta = `<meta name="accord-member" content="${escapeHtml(JSON.stringify({ name: who.member.name, role: who.member.role }))}">`;
      }
      const html = readFileSync(indexFile, 'utf8').replace('</head>', `${meta}\n</head>`);
      return send(res, 200, html, TYPES['.html']);
    }
    if (rel === '/favicon.ico') rel = '/favicon.svg';
    const file = normalize(join(staticRoot, rel));
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found');
    return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch((err: unknown) => {
      // A malformed %-escape in the path is the client's mistake, not the server's.
      if (err instanceof URIError) return res.headersSent ? undefined : send(res, 400, 'malformed URL');
      if (!res.headersSent) send(res, 500, `internal error: ${(err as Error).message}`);
    });
  };
  const server: Server = team?.tls ? createHttpsServer({ cert: team.tls.cert, key: team.tls.key }, listener) : createServer(listener);
  const host = team?.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    port,
    token,
    auth,
    url: `${secure ? 'https' : 'http'}://${shownHost}:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        auth?.stop();
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}
