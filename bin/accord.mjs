#!/usr/bin/env node
// The `accord` command: runs the bundled command line (dist/cli/, built by `npm install`). In a
// checkout whose sources changed since, it is rebuilt first (about a second, once).
import { ensureCli } from '../scripts/build-cli.mjs';

await ensureCli();
const { main } = await import('../dist/cli/accord.mjs');
await main(process.argv.slice(2));
