// electron-builder's beforePack hook: before each platform/architecture is packed, make sure
// build/native/<platform>-<arch>/better_sqlite3.node is built for the Electron being packaged, so that
// extraResources ships the right binary. Fails the package with one line when it can't be built.
import { ensureElectronSqlite } from './electron-sqlite.mjs';

/** electron-builder's Arch enum, by value. */
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH[context.arch] ?? String(context.arch);
  const electron = context.packager?.info?.framework?.version;
  await ensureElectronSqlite({ platform, arch, ...(electron ? { electron } : {}), log: (line) => console.log(`  • ${line}`) });
}
