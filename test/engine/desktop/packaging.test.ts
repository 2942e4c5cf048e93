// The packaging configuration (electron-builder.yml, package.json, the icons and the beforePack hook):
// the three platforms' targets, what goes into the app, the extra resources the app reads at run time,
// the fuses, and better-sqlite3 built for Electron apart from the Node build.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it('builds AppImage and .deb, NSIS, and dmg for arm64 and x64', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('packs only the built app, without source maps or better-sqlite3 Node build', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json', '!dist/electron/**/*.map']));
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs');
    expect(config.asar).toBe(true);
  });

  it('ships the Electron SQLite binding, the demo study and the guide as resources where the app looks for them', () => {
    const from = Object.fromEntries((config.extraResources as { from: string; to: string }[]).map((r) => [r.to, r.from]));
    expect(from).toEqual({ native: 'build/native/${platform}-${arch}', demo: 'resources/demo', docs: 'docs' });
    expect(existsSync(join(root, 'resources/demo/participants.csv'))).toBe(true);
    expect(existsSync(join(root, 'docs/team-workflow.md'))).toBe(true);
    // The shell and the demo service read exactly these names under process.resourcesPath.
    const main = readFileSync(join(root, 'electron/main/main.ts'), 'utf8');
    expect(main).toContain("join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    expect(main).toContain("join(process.resourcesPath, 'docs', 'team-workflow.md')");
    expect(readFileSync(join(root, 'electron/engine/services/demo.ts'), 'utf8')).toContain("join(resourcesPath, 'demo')");
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspector; ASAR integrity; app only from the ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it("rebuilds better-sqlite3 for the target in its beforePack hook, never in node_modules", async () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/before-pack.mjs');
    const { electronSqlitePath } = await import('../../../scripts/electron-sqlite.mjs');
    expect(electronSqlitePath('darwin', 'arm64', '/r')).toBe(join('/r', 'build/native/darwin-arm64/better_sqlite3.node'));
    // A binary for another operating system can't be compiled here: one clear line, before any work.
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    const hook = (await import('../../../scripts/before-pack.mjs')).default as (c: unknown) => Promise<void>;
    await expect(hook({ electronPlatformName: other, arch: 1, packager: { info: { framework: { version: '45.3.4' } } } })).rejects.toThrow(
      `better-sqlite3 for ${other} can't be built on ${process.platform}: package each platform on its own system`,
    );
  });

  it('checks a binary is built for the ABI it is meant for', async () => {
    const { builtForAbi } = await import('../../../scripts/electron-sqlite.mjs');
    const nodeBuild = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(builtForAbi(nodeBuild, process.versions.modules)).toBe(true);
    expect(builtForAbi(nodeBuild, 150)).toBe(false);
  });

  it('associates .accord files and has icons for every platform', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'accord', name: 'Accord project', role: 'Editor' })]);
    expect(config.mac.icon).toBe('build/icon.icns');
    expect(config.win.icon).toBe('build/icon.ico');
    expect(config.linux.icon).toBe('build/icons');
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(readFileSync(join(root, 'build/icon.icns')).subarray(0, 4).toString()).toBe('icns');
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]);
    expect(readdirSync(join(root, 'build/icons')).sort()).toEqual(['128x128.png', '16x16.png', '256x256.png', '32x32.png', '48x48.png', '512x512.png', '64x64.png']);
  });
});

describe('package.json', () => {
  it('names an author and keeps build tools and renderer libraries out of the runtime dependencies', () => {
    expect(pkg.author).toMatchObject({ name: expect.any(String), email: expect.stringContaining('@') });
    expect(pkg.productName).toBe('Accord');
    for (const tool of ['electron', 'electron-builder', '@electron/rebuild', 'esbuild', 'vite', 'typescript', 'react', 'react-dom', 'lexical', 'd3']) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
    }
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(pkg.scripts).toMatchObject({
      package: 'node scripts/package.mjs',
      'package:linux': 'node scripts/package.mjs --linux',
      'package:win': 'node scripts/package.mjs --win',
      'package:mac': 'node scripts/package.mjs --mac',
    });
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/install-app-deps/);
  });
});
