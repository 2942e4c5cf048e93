// Lint rules, including the layering rules: shared/ is platform-free; only the desktop shell and the
// preload import electron; the renderer never imports Node-side code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'util', 'stream', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'only electron/main and electron/preload may import electron' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is platform-free' }],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is platform-free: no Node built-ins' },
            { group: ['react', 'react-dom', 'react/*', 'lexical', '@lexical/*', 'better-sqlite3', 'd3', 'd3-*'], message: 'shared/ is platform-free: no UI or database libraries' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the engine or the renderer' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks to the engine only through renderer/api' }],
          patterns: [
            { group: ['**/electron/**'], message: 'the renderer never imports Node-side code' },
            { group: nodeBuiltins, message: 'the renderer runs in a sandboxed page: no Node built-ins' },
            { group: ['better-sqlite3'], message: 'the renderer never touches the database' },
          ],
        },
      ],
    },
  },
  {
    // The CLI is a host like the desktop IPC and HTTP: it calls the contract (Engine.call), never a service.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'only electron/main and electron/preload may import electron' }],
          patterns: [
            {
              group: ['**/engine/services/*', '**/engine/handlers/*', '**/engine/session', '**/engine/db/*'],
              message: 'the CLI goes through the contract (ctx.engine.call), never around it: add a channel where it needs one',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The engine's utility process runs plain Node: Electron gives it only process.parentPort.
    files: ['electron/main/engine-process.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the engine process imports nothing from Electron' }] }] },
  },
);
