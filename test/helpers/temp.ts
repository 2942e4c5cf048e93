// Temporary directories and projects for engine tests, removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Engine } from '../../electron/engine/engine';

// What to undo when the test file ends, last made first. One hook, registered as the file is collected:
// a hook registered from inside a running test is never run, and its directory would be left behind.
const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

export function tempDir(prefix = 'accord-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A new engine with a freshly created project and a chosen coder. */
export async function newProject(dir: string, name = 'study.accord', coder = 'Ana'): Promise<Engine> {
  const engine = new Engine({ stateDir: null });
  await engine.call('project:create', { path: join(dir, name) });
  await engine.call('coders:select', { name: coder });
  cleanups.push(() => engine.close());
  return engine;
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
