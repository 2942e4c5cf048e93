// Where the bundled command line lives and whether it is up to date: the part of build-cli.mjs that
// every `accord` call runs, kept apart so a call does not also read the builder and its plugins.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'dist/cli');
export const manifest = join(outDir, 'inputs.json');

/** True when the bundle is missing, or a source file it was built from changed or vanished since. */
export function isStale() {
  let built;
  try {
    built = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return true;
  }
  for (const input of built.inputs) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > built.time) return true;
  }
  return false;
}

/** Rebuild the bundle when it is missing or stale; quietly, with one line on stderr saying why. */
export async function ensureCli() {
  if (!isStale()) return;
  process.stderr.write(existsSync(manifest) ? 'accord: sources changed, rebuilding the command line…\n' : 'accord: building the command line…\n');
  const { buildCli } = await import('./build-cli.mjs');
  await buildCli({ quiet: true });
}
