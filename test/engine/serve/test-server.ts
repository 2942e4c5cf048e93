// A browser-mode server for HTTP tests: an engine with no project, a built-looking static folder with
// an empty index.html, and the given secret; closed after the test file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../../electron/engine/engine';
import { startServer, type RunningServer } from '../../../electron/serve/server';

export async function startTestServer(dir: string, token: string, indexHtml = '<!doctype html><html><head></head><body></body></html>'): Promise<{ engine: Engine; server: RunningServer }> {
  const engine = new Engine({ stateDir: null });
  const stat = join(dir, 'static');
  mkdirSync(stat);
  writeFileSync(join(stat, 'index.html'), indexHtml);
  const server = await startServer({ engine, staticDir: stat, token });
  return { engine, server };
}
