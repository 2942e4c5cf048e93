#!/usr/bin/env node
// `npm start`: the desktop app when the Electron runtime is available; otherwise one line saying so,
// and the same workbench in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

ensureBuilt();
let bin = electronBinary();
if (!bin && existsSync(join(root, 'node_modules/electron/install.js'))) {
  // Electron fetches its runtime on first use; give it one short try.
  spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'ignore', timeout: 60_000 });
  bin = electronBinary();
}
if (!bin) {
  console.log('The Electron runtime is not available on this machine (offline?), so Accord opens in your browser instead.');
  serve(process.argv.slice(2));
} else {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
  const child = spawn(bin, [join(root, 'dist/electron/main.cjs')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
