#!/usr/bin/env node
// `npm run serve`: build the workbench if needed, then serve it on 127.0.0.1 (args pass through).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCli } from './build-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/renderer/index.html');

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBuilt() {
  const stale = !existsSync(built) || Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared'))) > statSync(built).mtimeMs;
  if (!stale) return;
  console.log('Building the workbench…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Run the bundled server (dist/cli/serve.mjs, rebuilt first when its sources changed). */
export async function serve(args) {
  await ensureCli();
  const child = spawn(process.execPath, [join(root, 'dist/cli/serve.mjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuilt();
  if (!process.argv.includes('--build-only')) await serve(process.argv.slice(2));
}
