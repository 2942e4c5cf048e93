#!/usr/bin/env node
// Bundle the `accord` command line and the browser-mode server into dist/cli/ as ES modules, so
// neither transpiles TypeScript when it starts. `npm install` runs this (the `prepare` script);
// bin/accord.mjs and scripts/serve.mjs call `ensureCli()`, which rebuilds when a source file changed
// since the last build (a checkout being edited), so the bundle is never stale.
//
// Only better-sqlite3 (a native module) and pdfjs-dist (its own worker and font files, loaded on
// the first PDF) stay in node_modules; the rest is bundled and split, and the engine loads
// namespaces and file readers on first use, so a small command reads little code.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'dist/cli');
const manifest = join(outDir, 'inputs.json');

const ENTRIES = {
  accord: 'electron/cli/main.ts',
  serve: 'electron/serve/entry.ts',
  'engine-worker': 'electron/serve/engine-worker.ts',
};

/**
 * `import { z } from 'zod'` as a namespace keeps every export of zod in a bundle, its 40 locales and
 * JSON-schema converters included, which the engine never uses; this plugin gives our sources a `z`
 * with the schema builders, checks, errors and parsing only (a third of the code to read at start-up).
 */
export const zodLean = {
  name: 'zod-lean',
  setup(b) {
    const resolveDir = join(root, 'node_modules/zod/v4/classic');
    b.onResolve({ filter: /^zod$/ }, (a) => (a.importer.includes('node_modules') ? undefined : { path: 'zod', namespace: 'zod-lean' }));
    b.onResolve({ filter: /^zod-lean-external$/ }, () => ({ path: 'external', namespace: 'zod-lean' }));
    b.onLoad({ filter: /^zod$/, namespace: 'zod-lean' }, () => ({
      resolveDir,
      contents: "import * as z from 'zod-lean-external'; export * from 'zod-lean-external'; export { z, z as default };",
    }));
    b.onLoad({ filter: /^external$/, namespace: 'zod-lean' }, () => ({
      resolveDir,
      contents: `export * from './schemas.js'; export * from './checks.js'; export * from './errors.js'; export * from './parse.js'; export * from './compat.js';
export { globalRegistry, registry, config, $output, $input, $brand, clone, regexes, treeifyError, prettifyError, formatError, flattenError, TimePrecision, util, NEVER } from '../core/index.js';
export * as coerce from './coerce.js';`,
    }));
  },
};

/** True when the bundle is missing, or a source file it was built from changed or vanished since. */
export function isStale() {
  let built;
  try {
    built = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return true;
  }
  for (const input of built.inputs) {
    try {
      if (statSync(join(root, input)).mtimeMs > built.time) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** Build into a fresh folder and swap it in, so a command running meanwhile never sees half a bundle. */
export async function buildCli({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed (it comes with the development dependencies: run `npm install`)');
  }
  const started = Date.now();
  const tmp = `${outDir}.${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).filter(([, src]) => existsSync(join(root, src)))),
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    plugins: [zodLean],
    logLevel: 'warning',
    external: ['better-sqlite3', 'pdfjs-dist', 'pdfjs-dist/*'],
    // Bundled CommonJS packages may still call require() for Node built-ins.
    banner: { js: "import { createRequire as __accordRequire } from 'node:module'; const require = __accordRequire(import.meta.url);" },
  });
  // Our own source files (not packages, not the plugin's virtual modules): the staleness check's list.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules') && !p.includes(':'));
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ time: started, inputs: inputs.map((p) => relative(root, join(root, p))) }));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  if (!quiet) console.log(`Built dist/cli/ (${inputs.length} source files) in ${Date.now() - started} ms`);
}

/** Rebuild the bundle when it is missing or stale; quietly, with one line on stderr saying why. */
export async function ensureCli() {
  if (!isStale()) return;
  process.stderr.write(existsSync(manifest) ? 'accord: sources changed, rebuilding the command line…\n' : 'accord: building the command line…\n');
  await buildCli({ quiet: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildCli();
  } catch (err) {
    console.error(`build-cli: ${err.message}`);
    process.exit(1);
  }
}
