// Lint rules, including the layering rules. Each layer lists what it MAY import (an allow-list, like
// VS Code's layer rules): its own folder, the layers below it, and named packages. Anything else —
// another layer's code, a Node built-in in shared/ or the renderer, electron outside the shell — is
// an error naming the layer and what it may import.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const root = dirname(fileURLToPath(import.meta.url));

/** Node's built-in modules, as `node:` specifiers. */
const NODE = 'node:*';

/**
 * The layers, most specific folder first. `code`: folders (repo-relative) whose modules it may import;
 * `packages`: bare specifiers (a trailing `*` allows any name with that prefix, `pkg/*` subpaths).
 */
const LAYERS = [
  { name: 'shared', folder: 'shared/', code: ['shared/'], packages: ['zod', 'papaparse'] },
  {
    name: 'the engine',
    folder: 'electron/engine/',
    // package.json: the version written into exports and the methods appendix.
    code: ['shared/', 'electron/engine/', 'package.json'],
    packages: [NODE, 'better-sqlite3', 'zod', 'papaparse', 'docx', 'mammoth', 'pdfjs-dist', 'pdfjs-dist/*', 'fflate', 'fast-xml-parser', 'htmlparser2'],
  },
  // The CLI is a host like the desktop IPC and HTTP: it calls the contract (Engine.call), never a service,
  // a handler, the session or the database; the file readers' pure helpers (sizes, decoding) it may use,
  // and `accord serve` starts the browser-mode server.
  {
    name: 'the CLI',
    folder: 'electron/cli/',
    code: ['shared/', 'electron/cli/', 'electron/engine/engine', 'electron/engine/import/', 'electron/engine/refi/offsets', 'electron/serve/main'],
    packages: [NODE],
  },
  { name: 'the browser-mode server', folder: 'electron/serve/', code: ['shared/', 'electron/serve/', 'electron/engine/'], packages: [NODE] },
  // The shell's engine process checks at start that its SQLite binding loads, naming the file if not.
  { name: 'the desktop shell', folder: 'electron/main/', code: ['shared/', 'electron/main/', 'electron/engine/'], packages: [NODE, 'electron', 'better-sqlite3'] },
  { name: 'the preload', folder: 'electron/preload/', code: ['shared/', 'electron/preload/'], packages: ['electron'] },
  {
    name: 'the renderer',
    folder: 'renderer/',
    code: ['shared/', 'renderer/'],
    packages: ['react', 'react/*', 'react-dom', 'react-dom/*', 'lexical', '@lexical/*', 'd3', 'd3-*'],
  },
];

function packageAllowed(spec, allowed) {
  return allowed.some((a) => (a.endsWith('*') ? spec.startsWith(a.slice(0, -1)) : spec === a));
}

/** The `accord/layers` rule: every import, export-from and literal import() of a layer's module is checked. */
const layersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const layer = LAYERS.find((l) => file.startsWith(l.folder));
    if (!layer) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(context.filename), spec)).split('\\').join('/');
        if (layer.code.some((c) => (c.endsWith('/') ? target.startsWith(c) : target === c))) return;
        context.report({ node, message: `${layer.name} (${layer.folder}) may import code only from ${layer.code.join(', ')}; not ${spec}` });
      } else if (!packageAllowed(spec, layer.packages)) {
        context.report({ node, message: `${layer.name} (${layer.folder}) may import only ${layer.packages.join(', ') || 'no packages'}; not ${spec}` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { accord: { rules: { layers: layersRule } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'accord/layers': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The engine's utility process runs plain Node: Electron gives it only process.parentPort.
    files: ['electron/main/engine-process.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the engine process imports nothing from Electron' }] }] },
  },
);
