// Browser mode: the same engine behind HTTP on 127.0.0.1. Every API call must carry the per-launch
// secret (handed to the page inside index.html); requests with a foreign Host or Origin are refused,
// which defeats DNS rebinding and cross-site requests.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { localCaller, type Caller } from '../../shared/api/access';
import { isMethod } from '../../shared/api/contract';
import type { Engine } from '../engine/engine';

/** Without sign-in, each browser tab is a local caller of its own (its coder, its undo/redo). */
function tabCaller(req: IncomingMessage): Caller {
  const tab = req.headers['x-accord-tab'];
  return localCaller(typeof tab === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(tab) ? `tab:${tab}` : 'local');
}

/** Largest request body accepted: imports travel as base64 JSON. */
const MAX_BODY = 400 * 1024 * 1024;

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
  engine: Engine;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed secret for tests; a random one otherwise. */
  token?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(opts.staticDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a page from another name that resolves here still sends its own Host.
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'forbidden host');
    const origin = req.headers.origin;
    if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'forbidden origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'use POST');
      const given = req.headers['x-accord-token'];
      if (typeof given !== 'string' || !sameSecret(given, token)) return send(res, 403, 'missing or wrong secret');
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isMethod(method)) return send(res, 404, `unknown method ${method}`);
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'send JSON');
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch (err) {
        return send(res, 400, `bad request: ${(err as Error).message}`);
      }
      const envelope = await opts.engine.invoke(method, input, tabCaller(req));
      return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (url.pathname === '/health') return send(res, 200, 'ok');

    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '/index.html') {
      const indexFile = join(staticRoot, 'index.html');
      if (!existsSync(indexFile)) return send(res, 500, 'the workbench is not built: run `npm run build` (or `npm run serve`)');
      const html = readFileSync(indexFile, 'utf8').replace(
        '</head>',
        `<meta name="accord-token" content="${token}">\n</head>`,
      );
      return send(res, 200, html, TYPES['.html']);
    }
    if (rel === '/favicon.ico') rel = '/favicon.svg';
    const file = normalize(join(staticRoot, rel));
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found');
    return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
  };

  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, `internal error: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
