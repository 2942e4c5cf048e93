#!/usr/bin/env node
// `npm start`: the desktop app when the Electron runtime is available, with better-sqlite3 built for
// Electron's ABI (once, into build/native/, never replacing the Node build in node_modules). Where the
// runtime or that build can't be had, one line says why and the same workbench opens in the browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronSqlite, root } from './electron-sqlite.mjs';
import { ensureBuilt, serve } from './serve.mjs';

function electronBinary() {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function browserInstead(why) {
  console.log(`${why}, so Accord opens in your browser instead.`);
  serve(process.argv.slice(2));
}

ensureBuilt();
let bin = electronBinary();
if (!bin && existsSync(join(root, 'node_modules/electron/install.js'))) {
  // Electron fetches its runtime on first use; give it one short try.
  spawnSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'ignore', timeout: 60_000 });
  bin = electronBinary();
}
if (!bin) {
  browserInstead('The Electron runtime is not available on this machine (offline?)');
} else {
  let binding = null;
  try {
    binding = await ensureElectronSqlite({ log: (line) => console.log(line) });
  } catch (err) {
    browserInstead(err.message);
  }
  if (binding) {
    const b = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
    const env = { ...process.env, ACCORD_SQLITE_BINDING: binding };
    delete env.ELECTRON_RUN_AS_NODE;
    // `electron .`: the app is this folder (package.json's main is dist/electron/main.cjs).
    const child = spawn(bin, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
