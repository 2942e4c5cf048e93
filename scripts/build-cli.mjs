#!/usr/bin/env node
// Bundle the `accord` command line and the browser-mode server into dist/cli/ as ES modules, so
// neither transpiles TypeScript when it starts. `npm install` runs this (the `prepare` script);
// bin/accord.mjs and scripts/serve.mjs call `ensureCli()` (cli-bundle.mjs), which rebuilds when a
// source file changed since the last build (a checkout being edited), so the bundle is never stale.
//
// Only better-sqlite3 (a native module) and pdfjs-dist (its own worker and font files, loaded on
// the first PDF) stay in node_modules; the rest is bundled and split, and the engine loads
// namespaces and file readers on first use, so a small command reads little code.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outDir, root } from './cli-bundle.mjs';

export { ensureCli } from './cli-bundle.mjs';

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

/**
 * `import { readFileSync } from 'node:fs'` in an ES module builds node:fs's module facade, which
 * reads every export, its lazy getters included: that loads the whole stream machinery (about 10 ms
 * of every command's start-up) for a command that streams nothing. This plugin gives our sources
 * node:fs as the plain object it is, with its functions as named exports; the getters (ReadStream,
 * promises, ...) are left out, so importing one of them fails the build rather than slowing start-up.
 */
export const fsPlain = {
  name: 'fs-plain',
  setup(b) {
    b.onResolve({ filter: /^(node:)?fs$/ }, (a) => (a.importer.includes('node_modules') ? undefined : { path: 'fs', namespace: 'fs-plain' }));
    b.onLoad({ filter: /^fs$/, namespace: 'fs-plain' }, async () => {
      const fs = await import('node:fs');
      const names = Object.entries(Object.getOwnPropertyDescriptors(fs.default))
        .filter(([name, d]) => 'value' in d && /^[A-Za-z_$][\w$]*$/.test(name))
        .map(([name]) => name);
      return {
        contents: `const fs = process.getBuiltinModule('node:fs');\nexport default fs;\nexport const { ${names.join(', ')} } = fs;\n`,
        loader: 'js',
      };
    });
  },
};

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
    plugins: [zodLean, fsPlain],
    logLevel: 'warning',
    external: ['better-sqlite3', 'pdfjs-dist', 'pdfjs-dist/*'],
    // Bundled CommonJS packages may still call require() for Node built-ins.
    // Made on first use: the banner goes into every chunk, and only the bundler's own require shim calls it.
    banner: {
      js: "import { createRequire as __accordRequire } from 'node:module'; let __accordReq; const require = function (id) { return (__accordReq ??= __accordRequire(import.meta.url)).apply(this, arguments); };",
    },
  });
  // Our own source files (not packages, not the plugin's virtual modules): the staleness check's list.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules') && !p.includes(':'));
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ time: started, inputs: inputs.map((p) => relative(root, join(root, p))) }));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  if (!quiet) console.log(`Built dist/cli/ (${inputs.length} source files) in ${Date.now() - started} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildCli();
  } catch (err) {
    console.error(`build-cli: ${err.message}`);
    process.exit(1);
  }
}
