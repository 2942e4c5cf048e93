#!/usr/bin/env node
// Bundle the desktop shell (main), the engine's utility process and the preload for Electron, as
// CommonJS. Dependencies stay external to the Node-side bundles (they ship in node_modules); the
// sandboxed preload is self-contained and tiny: the contract import is replaced by the bare list of
// channel names. Any esbuild warning fails the build: a warning here has meant a crash at start.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/electron');

/** The contract's channel names, read from its source (bundled to a temporary CommonJS file). */
async function channelNames() {
  const dir = mkdtempSync(join(tmpdir(), 'accord-channels-'));
  try {
    const file = join(dir, 'contract.cjs');
    await build({ entryPoints: [join(root, 'shared/api/contract.ts')], outfile: file, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    return createRequire(file)(file).METHOD_NAMES;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const names = await channelNames();
/** In the preload, `shared/api/contract` is only its list of channel names. */
const channelsOnly = {
  name: 'contract-channels-only',
  setup(b) {
    b.onResolve({ filter: /shared\/api\/contract$/ }, () => ({ path: 'contract-channels', namespace: 'accord' }));
    b.onLoad({ filter: /.*/, namespace: 'accord' }, () => ({ contents: `export const METHOD_NAMES = ${JSON.stringify(names)};`, loader: 'js' }));
  },
};

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'silent',
  // ESM sources read `import.meta.url` (pdf.ts resolves pdfjs's font folder with it); CommonJS has none,
  // so every bundle defines it from its own file name.
  define: { 'import.meta.url': '__accordImportMetaUrl' },
  banner: { js: 'const __accordImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

const results = await Promise.all([
  build({ ...node, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(out, 'main.cjs') }),
  build({ ...node, entryPoints: [join(root, 'electron/main/engine-process.ts')], outfile: join(out, 'engine.cjs') }),
  build({
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(out, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    plugins: [channelsOnly],
    logLevel: 'silent',
  }),
]);
const warnings = results.flatMap((r) => r.warnings);
if (warnings.length) {
  for (const w of warnings) console.error(`warning: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}`);
  console.error('The desktop build stopped: esbuild warned (see above).');
  process.exit(1);
}
console.log('Built dist/electron/main.cjs, engine.cjs and preload.cjs');
