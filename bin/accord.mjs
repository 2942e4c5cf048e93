#!/usr/bin/env node
// The `accord` command: loads the TypeScript CLI through tsx, so the checkout runs without a build.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../electron/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
