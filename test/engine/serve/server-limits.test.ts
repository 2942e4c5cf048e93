// Browser mode's server and bad requests: a malformed %-escape is a 400 (not a server error), and a
// body larger than the cap is refused from its Content-Length before any of it is read.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import type { RunningServer } from '../../../electron/serve/server';
import { tempDir } from '../../helpers/temp';
import { startTestServer } from './test-server';

const dir = tempDir();
let server: RunningServer;
let engine: Engine;

beforeAll(async () => {
  ({ engine, server } = await startTestServer(dir, 'secret'));
});
afterAll(async () => {
  await server.close();
  engine.close();
});

function send(path: string, method = 'GET', headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('bad requests', () => {
  it('answers 400 to a malformed %-escape, in a page path or a method name', async () => {
    expect(await send('/%zz')).toEqual({ status: 400, body: 'malformed URL' });
    expect(await send('/assets/%E0%A4%A.js')).toMatchObject({ status: 400 });
    const api = await send('/api/documents%zz', 'POST', { 'Content-Type': 'application/json', 'X-Accord-Token': 'secret' }, '{}');
    expect(api.status).toBe(400);
  });

  it('refuses a body over the cap from its Content-Length, before reading it', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/documents:import',
          method: 'POST',
          headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', 'X-Accord-Token': 'secret', 'Content-Length': String(200 * 1024 * 1024) },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write('{"fileName":"big.txt","dataBase64":"');
    });
    expect(r).toEqual({ status: 413, body: 'request too large (at most 140 MB)' });
    // The server still answers.
    expect((await send('/health')).status).toBe(200);
  });
});
