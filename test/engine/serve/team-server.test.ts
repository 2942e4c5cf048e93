// The team server: members sign in with their tokens (cookie or bearer) and act as themselves
// whatever the page says; the sign-in page, the cookie's flags, refused channels, change events over
// SSE filtered for a blind coder, revocation that ends sessions and streams at once (also from
// another process), and failed sign-ins rate-limited per address.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../shared/api/events';
import { Engine } from '../../../electron/engine/engine';
import { startServer, type RunningServer } from '../../../electron/serve/server';
import { addressOf, RateLimiter } from '../../../electron/serve/team-auth';
import { REPO } from '../../helpers/shared-dir';
import { b64, tempDir } from '../../helpers/temp';

const dir = tempDir();
const projectPath = join(dir, 'team.accord');
let server: RunningServer;
const engine = new Engine({ stateDir: null });
const tokens: Record<string, string> = {};
let documentId = 0;

interface Reply {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `accord.lab.example:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const call = async (method: string, input: unknown, auth: Record<string, string>) => {
  const r = await send(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(input) });
  return { status: r.status, envelope: r.status === 200 ? JSON.parse(r.body) : null, body: r.body };
};
const bearer = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

async function signIn(token: string): Promise<Reply> {
  return send('/signin', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(token)}` });
}

/** An open SSE stream: the events so far, and whether the server ended it (and why). */
function openStream(headers: Record<string, string>) {
  const state = { events: [] as ChangeEvent[], named: [] as string[], ended: false, status: 0 };
  const req = request({ host: '127.0.0.1', port: server.port, path: '/events', headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
    state.status = res.statusCode ?? 0;
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name) state.named.push(name);
        else if (data) state.events.push(JSON.parse(data) as ChangeEvent);
      }
    });
    res.on('end', () => (state.ended = true));
  });
  req.on('error', () => (state.ended = true));
  req.end();
  return { state, close: () => req.destroy() };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const stat = join(dir, 'static');
  mkdirSync(stat);
  writeFileSync(join(stat, 'index.html'), '<!doctype html><html><head><title>Accord</title></head><body></body></html>');
  await engine.call('project:create', { path: projectPath });
  await engine.call('coders:select', { name: 'Ana' });
  tokens.Ana = (await engine.call('team:init', { lead: 'Ana' })).token;
  tokens.Ben = (await engine.call('team:invite', { name: 'Ben', role: 'coder' })).token;
  tokens.Vi = (await engine.call('team:invite', { name: 'Vi', role: 'viewer' })).token;
  tokens.Cy = (await engine.call('team:invite', { name: 'Cy', role: 'coder' })).token;
  const doc = await engine.call('documents:import', { fileName: 'ID1.txt', dataBase64: b64('ID1: We adapted it to the locality.\n') });
  documentId = doc.document.id;
  const coders = await engine.call('coders:list', {});
  await engine.call('agreement:assign', { documentIds: [documentId], coderIds: coders.filter((c) => !c.isConsensus).map((c) => c.id), assigned: true });
  await engine.call('agreement:setBlind', { blind: true });
  server = await startServer({ engine, staticDir: stat, team: { host: '127.0.0.1', projectName: 'team' } });
}, 30_000);
afterAll(async () => {
  await server.close();
  engine.close();
});

describe('team server', () => {
  it('sends a visitor without a session to the sign-in page, a plain form with no script', async () => {
    const home = await send('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/signin');
    const page = await send('/signin');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post" action="/signin">');
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('<h1>Accord — team</h1>');
    expect(String(page.headers['content-security-policy'])).toContain("form-action 'self'");
    expect((await call('project:info', {}, {})).status).toBe(401);
    // No per-launch secret in team mode: the local secret is not a way in.
    expect((await call('project:info', {}, { 'X-Accord-Token': server.token })).status).toBe(401);
  });

  it('signs in with a token: an HttpOnly, SameSite=Strict session cookie; a wrong token gets the form again', async () => {
    const wrong = await signIn(tokens.Ben.slice(0, -2) + 'xx');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('that token is not valid');
    const ok = await signIn(tokens.Ben);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/');
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/^accord_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = { Cookie: cookie.split(';')[0] };
    const home = await send('/', { headers: session });
    expect(home.status).toBe(200);
    expect(home.body).toContain('<meta name="accord-member" content="{&quot;name&quot;:&quot;Ben&quot;,&quot;role&quot;:&quot;coder&quot;}">');
    expect(home.body).not.toContain('accord-token');
    const me = await call('coders:current', {}, session);
    expect(me.envelope.value.name).toBe('Ben');
  });

  it('acts as the signed-in member whatever the page says', async () => {
    const code = (await call('codebook:create', { parentId: null, name: 'Adaptation' }, bearer('Ana'))).envelope.value;
    // Ben asks to be Ana, then codes: the coding is Ben's.
    await call('coders:select', { name: 'Ana' }, bearer('Ben'));
    const made = await call('codings:apply', { documentId, codeIds: [code.id], start: 5, end: 15 }, bearer('Ben'));
    const coders = (await call('coders:list', {}, bearer('Ana'))).envelope.value as { id: number; name: string }[];
    expect(coders.find((c) => c.id === made.envelope.value[0].coderId)!.name).toBe('Ben');
    // Ana's coding stays hidden from blind Ben, and Ben's from Cy.
    await call('codings:apply', { documentId, codeIds: [code.id], start: 16, end: 20 }, bearer('Ana'));
    const seenByBen = (await call('codings:list', { documentId }, bearer('Ben'))).envelope.value as { coderId: number }[];
    expect(seenByBen.map((c) => c.coderId)).toEqual([made.envelope.value[0].coderId]);
    expect((await call('codings:list', { documentId }, bearer('Cy'))).envelope.value).toEqual([]);
    expect((await call('codings:list', { documentId }, bearer('Ana'))).envelope.value).toHaveLength(2);
  });

  it('refuses what only the host or the lead may do, and project switching', async () => {
    expect((await call('team:signIn', { token: tokens.Ben }, bearer('Ana'))).status).toBe(403);
    expect((await call('project:backup', { path: join(dir, 'b.accord') }, bearer('Ana'))).status).toBe(403);
    expect((await call('project:open', { path: projectPath }, bearer('Ana'))).status).toBe(403);
    expect((await call('project:create', { path: join(dir, 'x.accord') }, bearer('Ana'))).status).toBe(403);
    const invite = await call('team:invite', { name: 'Eve', role: 'lead' }, bearer('Ben'));
    expect(invite.envelope).toMatchObject({ ok: false });
    expect((await call('codebook:create', { parentId: null, name: 'Viewer code' }, bearer('Vi'))).envelope).toMatchObject({ ok: false });
    expect((await call('team:members', {}, bearer('Vi'))).envelope.value.map((m: { name: string }) => m.name)).toEqual(['Ana', 'Ben', 'Vi', 'Cy']);
  });

  it('accepts any Host name but refuses a foreign Origin', async () => {
    expect((await call('project:info', {}, { ...bearer('Ana'), Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('project:info', {}, { ...bearer('Ana'), Origin: `https://accord.lab.example:${server.port}` })).status).toBe(200);
  });

  it("streams change events, without Ana's codings for blind Ben", async () => {
    const ben = openStream(bearer('Ben'));
    const ana = openStream(bearer('Ana'));
    await until(() => ben.state.status === 200 && ana.state.status === 200);
    const code = (await call('codebook:create', { parentId: null, name: 'Locality' }, bearer('Ana'))).envelope.value;
    await call('codings:apply', { documentId, codeIds: [code.id], start: 0, end: 3 }, bearer('Ana'));
    await until(() => ana.state.events.length >= 2 && ben.state.events.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(ana.state.events.map((e) => e.action)).toEqual(['code.create', 'coding.apply']);
    expect(ben.state.events.map((e) => e.action)).toEqual(['code.create']);
    expect(ben.state.events[0]).toMatchObject({ actor: 'Ana', tables: { codes: [code.id] } });
    expect(JSON.stringify(ben.state.events)).not.toContain('"label"');
    ben.close();
    ana.close();
  });

  it('revoking a member ends their cookie session, bearer token and open stream at once', async () => {
    const cookie = String((await signIn(tokens.Cy)).headers['set-cookie']).split(';')[0];
    const stream = openStream({ Cookie: cookie });
    await until(() => stream.state.status === 200);
    expect((await call('coders:current', {}, bearer('Cy'))).status).toBe(200);
    const revoked = await call('team:revoke', { name: 'Cy' }, bearer('Ana'));
    expect(revoked.envelope.value.revokedAt).not.toBeNull();
    await until(() => stream.state.ended);
    expect(stream.state.named).toEqual(['signed-out']);
    expect((await call('coders:current', {}, { Cookie: cookie })).status).toBe(401);
    expect((await call('coders:current', {}, bearer('Cy'))).status).toBe(401);
    expect((await send('/', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('a revoke from the command line, in another process, ends the session within a second', async () => {
    const cookie = String((await signIn(tokens.Vi)).headers['set-cookie']).split(';')[0];
    const stream = openStream({ Cookie: cookie });
    await until(() => stream.state.status === 200);
    execFileSync(process.execPath, [join(REPO, 'bin/accord.mjs'), 'team', 'revoke', projectPath, 'Vi'], { stdio: 'ignore' });
    const t0 = Date.now();
    await until(() => stream.state.ended, 3000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await call('project:info', {}, { Cookie: cookie })).status).toBe(401);
  }, 30_000);

  it('limits failed sign-ins per address: after ten, even the right token waits', async () => {
    // Earlier tests in this file failed twice from this address (a wrong token, a revoked bearer).
    let failures = 2;
    let last: Reply;
    while ((last = await signIn(`accord_${'0'.repeat(16)}_${'A'.repeat(43)}`)).status === 401 && failures < 20) failures++;
    expect(failures).toBe(10);
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(800);
    const blocked = await signIn(tokens.Ana);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('too many failed sign-ins from 127.0.0.1');
    // Bearer tokens already verified keep working: the limit is on guessing, not on members at work.
    expect((await call('project:info', {}, bearer('Ana'))).status).toBe(200);
  }, 30_000);
});

describe('rate limiter', () => {
  it('counts failures in a sliding window per address', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.fail('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(60);
    expect(limiter.retryAfter('10.0.0.2')).toBe(0);
    now = 30_000;
    expect(limiter.retryAfter('10.0.0.1')).toBe(30);
    now = 60_001;
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
  });
});

describe('the address a request comes from', () => {
  const req = (peer: string, forwarded?: string | string[]) =>
    ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

  it('is the peer, whatever the request says, unless the server trusts its proxy', () => {
    expect(addressOf(req('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(addressOf(req('::1'))).toBe('::1');
  });

  it('behind a trusted proxy, is the address the proxy appended last', () => {
    expect(addressOf(req('127.0.0.1', '203.0.113.9'), true)).toBe('203.0.113.9');
    // The client sent its own X-Forwarded-For; the proxy appended the address it saw.
    expect(addressOf(req('127.0.0.1', '10.9.9.9, 198.51.100.4'), true)).toBe('198.51.100.4');
    expect(addressOf(req('127.0.0.1', ['10.9.9.9', '2001:db8::7']), true)).toBe('2001:db8::7');
    // No header, or something that is not an address: the peer.
    expect(addressOf(req('127.0.0.1'), true)).toBe('127.0.0.1');
    expect(addressOf(req('127.0.0.1', '198.51.100.4, <script>'), true)).toBe('127.0.0.1');
  });
});

describe('team server behind a reverse proxy (--trust-proxy)', () => {
  it('limits failed sign-ins per client, so one guesser does not lock every member out', async () => {
    const logged: string[] = [];
    const proxied = await startServer({ engine, staticDir: join(dir, 'static'), team: { projectName: 'team', trustProxy: true, log: (l) => logged.push(l) } });
    const signInVia = (client: string, token: string) =>
      new Promise<Reply>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: proxied.port,
            path: '/signin',
            method: 'POST',
            headers: { Host: 'accord.lab.example', 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client },
          },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
          },
        );
        req.on('error', reject);
        req.end(`token=${encodeURIComponent(token)}`);
      });
    try {
      const wrong = `accord_${'0'.repeat(16)}_${'B'.repeat(43)}`;
      for (let i = 0; i < 10; i++) expect((await signInVia('203.0.113.9', wrong)).status).toBe(401);
      const blocked = await signInVia('203.0.113.9', tokens.Ben);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toContain('too many failed sign-ins from 203.0.113.9');
      // Another member, through the same proxy, signs in.
      expect((await signInVia('198.51.100.4', tokens.Ben)).status).toBe(303);
      expect(logged.filter((l) => l === 'failed sign-in from 203.0.113.9')).toHaveLength(10);
      // The audit log records where the sign-in came from: the client, not the proxy.
      const audit = await engine.call('audit:list', { limit: 20 });
      expect(audit.map((a) => a.action).filter((a) => a.includes('Ben signed in'))[0]).toMatch(/^team\.signIn: Ben signed in from 198\.51\.100\.4 /);
    } finally {
      await proxied.close();
    }
  }, 30_000);
});

describe('team server over TLS', () => {
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  if (!hasOpenssl) console.log('skipping the TLS test: openssl is not installed (needed to make a test certificate)');
  it.skipIf(!hasOpenssl)('serves HTTPS with the given certificate and marks the session cookie Secure', async () => {
    const key = join(dir, 'tls-key.pem');
    const cert = join(dir, 'tls-cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const tls = await startServer({ engine, staticDir: join(dir, 'static'), team: { projectName: 'team', tls: { cert: readFileSync(cert), key: readFileSync(key) } } });
    try {
      expect(tls.url).toBe(`https://127.0.0.1:${tls.port}/`);
      const reply = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port: tls.port, path: '/signin', method: 'POST', rejectUnauthorized: false, headers: { Host: `localhost:${tls.port}`, 'Content-Type': 'application/x-www-form-urlencoded' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']) }));
          },
        );
        req.on('error', reject);
        req.end(`token=${encodeURIComponent(tokens.Ana)}`);
      });
      expect(reply.status).toBe(303);
      expect(reply.cookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await tls.close();
    }
  }, 30_000);
});
