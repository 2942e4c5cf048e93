// Two programs writing one project at once (the server and the CLI, two CLIs): every write
// transaction starts IMMEDIATE, so the second waits for the first within the busy timeout instead of
// failing with "database is locked". Two real processes, each with its own connection.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();
const writer = fileURLToPath(new URL('./fixtures/concurrent-writer.ts', import.meta.url));

function runWriter(path: string, coder: string, startAt: number, count: number): Promise<{ done: number; errors: string[]; errorCount: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path, coder, String(startAt), String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('concurrent writers from two processes', () => {
  it('never get "database is locked": both programs\' writes all land', { timeout: 120_000 }, async () => {
    const path = join(dir, 'shared.accord');
    const engine = await newProject(dir, 'shared.accord', 'Ana');
    await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('x'.repeat(2000)) });
    await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
    engine.close();

    const count = 300;
    // Both start at the same moment, once both have loaded (node + tsx start-up takes a few seconds here).
    const startAt = Date.now() + 8000;
    const [ben, cy] = await Promise.all([runWriter(path, 'Ben', startAt, count), runWriter(path, 'Cy', startAt, count)]);
    expect(ben.errors).toEqual([]);
    expect(cy.errors).toEqual([]);
    expect([ben.done, cy.done]).toEqual([count, count]);

    await engine.call('project:open', { path });
    const coders = await engine.call('coders:list', {});
    const [doc] = await engine.call('documents:list', {});
    const codings = await engine.call('codings:list', { documentId: doc.id });
    for (const name of ['Ben', 'Cy']) {
      const id = coders.find((c) => c.name === name)!.id;
      expect(codings.filter((c) => c.coderId === id).length, name).toBe(count);
    }
    expect((await engine.call('codebook:list', {})).length).toBe(1 + 2 * (count / 10));
  });
});
