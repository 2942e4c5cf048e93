#!/usr/bin/env node
// `npm run package -- --linux | --win | --mac` (default: this system's platform): build the renderer
// and the shell, then electron-builder with electron-builder.yml. electron-builder's progress lines are
// shown; its full output goes to dist/packages/package.log, and a failure ends with one line saying why.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { electronVersion, root } from './electron-sqlite.mjs';

const args = process.argv.slice(2);
/** Terminal colour codes, in case electron-builder colours its lines anyway. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const run = (script, extra = []) => spawnSync(process.execPath, [join(root, script), ...extra], { cwd: root, stdio: 'inherit' }).status === 0;
if (!run('node_modules/vite/bin/vite.js', ['build', '--logLevel', 'warn']) || !run('scripts/build-electron.mjs')) process.exit(1);

const out = join(root, 'dist/packages');
mkdirSync(out, { recursive: true });
const logFile = join(out, 'package.log');
const log = createWriteStream(logFile);
let text = '';
const child = spawn(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.yml', '--publish', 'never', ...args], {
  cwd: root,
  env: { ...process.env, FORCE_COLOR: '0' },
});
for (const stream of [child.stdout, child.stderr]) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    log.write(chunk);
    text += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) if (/^\s+• \S/.test(line.replace(ANSI, ''))) console.log(line);
  });
}
child.on('exit', (code) => {
  log.end();
  if (code === 0) {
    console.log(`Packages are in ${out}`);
    return;
  }
  const electron = electronVersion();
  const target = text.match(/packaging\s+platform=(\S+) arch=(\S+)/);
  const sqlite = text.match(/better-sqlite3 could not be built[^\n]*?(?=\s+failedTask=|\n|$)/);
  let why;
  if (sqlite) why = sqlite[0];
  else if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|getaddrinfo|socket hang up/.test(text)) {
    why = `Electron ${electron}${target ? ` for ${target[1]}-${target[2]}` : ''} could not be downloaded (no internet?); packaging needs it`;
  } else why = text.match(/⨯\s*([^\n]*?)(?=\s+failedTask=|\n|$)/)?.[1] ?? `electron-builder exited with ${code}`;
  console.error(`Packaging failed: ${why.trim()} (full log: ${logFile})`);
  process.exit(1);
});
