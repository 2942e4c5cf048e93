#!/usr/bin/env node
// The `accord` command: runs the bundled command line (dist/cli/, built by `npm install`). In a
// checkout whose sources changed since, it is rebuilt first (about a second, once).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureCli } from '../scripts/cli-bundle.mjs';

// better-sqlite3 finds its compiled addon through the `bindings` package, which probes a dozen paths
// (about 5 ms of every call); the addon is where npm's build of it puts it.
const addon = fileURLToPath(new URL('../node_modules/better-sqlite3/build/Release/better_sqlite3.node', import.meta.url));
if (!process.env.ACCORD_SQLITE_BINDING && existsSync(addon)) process.env.ACCORD_SQLITE_BINDING = addon;

await ensureCli();
const { main } = await import('../dist/cli/accord.mjs');
await main(process.argv.slice(2));
