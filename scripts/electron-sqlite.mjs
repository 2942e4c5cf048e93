// better-sqlite3 built for Electron's ABI, kept apart from the Node build in node_modules (which the
// tests, the CLI and browser mode use): build/native/<platform>-<arch>/better_sqlite3.node. `npm start`
// and the packaging step (scripts/before-pack.mjs) both call ensureElectronSqlite. The rebuild works on
// a copy of the module in build/native/.work-*, so node_modules is never touched (and prebuild-install is
// still found there, so a prebuilt Electron binary is downloaded where one exists before compiling).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAbi } from 'node-abi';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The Electron version the project depends on (from node_modules/electron). */
export function electronVersion(base = root) {
  return readJson(join(base, 'node_modules/electron/package.json')).version;
}

/** Where the Electron build for one platform and architecture lives. */
export function electronSqlitePath(platform = process.platform, arch = process.arch, base = root) {
  return join(base, 'build/native', `${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * Make sure build/native/<platform>-<arch>/better_sqlite3.node is built for `electron` (default: the
 * installed Electron). Returns its path; throws an Error whose message is one line saying why not.
 */
export async function ensureElectronSqlite({ electron = electronVersion(), platform = process.platform, arch = process.arch, base = root, log = () => {} } = {}) {
  const out = electronSqlitePath(platform, arch, base);
  const stampFile = join(dirname(out), 'build.json');
  const sqliteVersion = readJson(join(base, 'node_modules/better-sqlite3/package.json')).version;
  const stamp = { electron, betterSqlite3: sqliteVersion, platform, arch };
  if (existsSync(out) && existsSync(stampFile) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) return out;
  if (platform !== process.platform) {
    throw new Error(`better-sqlite3 for ${platform} can't be built on ${process.platform}: package each platform on its own system (the release workflow does)`);
  }
  log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electron} (${platform}-${arch}), once…`);
  // In a child process: @electron/rebuild and node-gyp print a lot; the log keeps it, the user gets one line.
  const logFile = join(dirname(out), 'rebuild.log');
  mkdirSync(dirname(out), { recursive: true });
  // npm passes its config to scripts as npm_config_* variables; node-gyp would obey a `nodedir` or
  // `target` meant for Node and quietly build for Node's ABI. The rebuild gets none of them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|arch|target_arch|build_from_source)$/i.test(k)));
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rebuild', JSON.stringify({ ...stamp, base, out })], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(logFile, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const text = `${r.stdout}\n${r.stderr}`;
    const why = /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(text)
      ? "Electron's headers could not be downloaded (no internet?)"
      : (text.match(/^FAILED: (.*)$/m)?.[1] ?? `the rebuild exited with ${r.status ?? r.signal}`);
    throw new Error(`better-sqlite3 could not be built for Electron ${electron}: ${why} (details: ${logFile})`);
  }
  writeFileSync(stampFile, JSON.stringify(stamp));
  return out;
}

/** Whether a native module registers itself for Node module ABI `abi` (its `node_register_module_v<abi>` symbol). */
export function builtForAbi(file, abi) {
  return readFileSync(file).includes(`node_register_module_v${abi}\0`);
}

/** The rebuild itself, run as `node electron-sqlite.mjs --rebuild <json>`. */
async function rebuildInto({ electron, platform, arch, base, out }) {
  const work = join(base, 'build/native', `.work-${platform}-${arch}`);
  rmSync(work, { recursive: true, force: true });
  try {
    const moduleDir = join(work, 'node_modules/better-sqlite3');
    const source = join(base, 'node_modules/better-sqlite3');
    cpSync(source, moduleDir, { recursive: true, filter: (src) => src !== join(source, 'build') });
    const version = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'accord-native', version: '0.0.0', private: true, dependencies: { 'better-sqlite3': version } }));
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: work, electronVersion: electron, platform, arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
    const built = join(moduleDir, 'build/Release/better_sqlite3.node');
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished without producing ${built}`);
    const abi = getAbi(electron, 'electron');
    if (!builtForAbi(built, abi)) throw new Error(`the build of ${built} is not for Electron ${electron}'s ABI ${abi}`);
    cpSync(built, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--rebuild') {
  rebuildInto(JSON.parse(process.argv[3])).catch((err) => {
    console.error(err?.stack ?? err);
    console.log(`FAILED: ${String(err?.message ?? err).split('\n')[0]}`);
    process.exit(1);
  });
}
