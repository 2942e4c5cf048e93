#!/usr/bin/env node
// Bundle the desktop shell and the preload for Electron (dependencies stay external to the main
// bundle; the sandboxed preload is self-contained).
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
});
await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
});
console.log('Built dist/electron/main.cjs and dist/electron/preload.cjs');
