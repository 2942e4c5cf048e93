// Browser mode's HTTP boundary: loopback only, a per-launch secret on every API call, foreign Host or
// Origin refused (DNS rebinding, CSRF), and the page served with the secret and a strict CSP.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import type { RunningServer } from '../../../electron/serve/server';
import { tempDir } from '../../helpers/temp';
import { startTestServer } from './test-server';

const dir = tempDir();
let server: RunningServer;
let engine: Engine;

beforeAll(async () => {
  writeFileSync(join(dir, 'secret.txt'), 'outside the static root');
  ({ engine, server } = await startTestServer(dir, 'test-secret', '<!doctype html><html><head><title>Accord</title></head><body></body></html>'));
});
afterAll(async () => {
  await server.close();
  engine.close();
});

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const api = (method: string, headers: Record<string, string>, body = '{}') =>
  send(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('hands the secret to the page it serves, with a strict CSP', async () => {
    const r = await send('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<meta name="accord-token" content="test-secret">');
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('answers an API call that carries the secret', async () => {
    const r = await api('project:info', { 'X-Accord-Token': 'test-secret' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: null });
  });

  it('refuses an API call without the secret, or with a wrong one', async () => {
    expect((await api('project:info', {})).status).toBe(403);
    expect((await api('project:info', { 'X-Accord-Token': 'test-secreT' })).status).toBe(403);
  });

  it('refuses a foreign Host even with the secret (DNS rebinding)', async () => {
    const r = await api('project:info', { 'X-Accord-Token': 'test-secret', Host: `evil.example:${server.port}` });
    expect(r.status).toBe(403);
    expect((await send('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a foreign Origin even with the secret (cross-site requests)', async () => {
    const r = await api('project:info', { 'X-Accord-Token': 'test-secret', Origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const same = await api('project:info', { 'X-Accord-Token': 'test-secret', Origin: `http://localhost:${server.port}` });
    expect(same.status).toBe(200);
  });

  it('refuses GET on the API, non-JSON bodies and unknown methods', async () => {
    expect((await send('/api/project:info', { headers: { 'X-Accord-Token': 'test-secret' } })).status).toBe(405);
    expect((await api('project:info', { 'X-Accord-Token': 'test-secret', 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('project:explode', { 'X-Accord-Token': 'test-secret' })).status).toBe(404);
  });

  it('returns a validation error in the envelope for bad input', async () => {
    const r = await api('codings:apply', { 'X-Accord-Token': 'test-secret' }, JSON.stringify({ documentId: 'one' }));
    const env = JSON.parse(r.body);
    expect(env.ok).toBe(false);
    expect(env.error.code).toBe('INVALID_INPUT');
    expect(env.error.message).toMatch(/^codings:apply: documentId: /);
  });

  it('serves nothing outside its static folder', async () => {
    expect((await send('/../secret.txt')).status).toBe(404);
    expect((await send('/%2e%2e/secret.txt')).status).toBe(404);
  });
});
