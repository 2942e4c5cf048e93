// Where the workplace's shared reference files are (../shared beside the repo), and whether they exist.
// A user's clone has no ../shared: tests that need it skip with a one-line reason.
import { existsSync } from 'node:fs';
import { describe } from 'vitest';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const SHARED = resolve(REPO, '../shared');
export const HAS_SHARED = existsSync(join(SHARED, 'seeds'));
export const SEED_STUDY = join(SHARED, 'seeds/000_8de46a67a6686ba2.txt');

export function sharedPath(...parts: string[]): string {
  return join(SHARED, ...parts);
}

/**
 * `describe`, or a skipped `describe` that first prints one line naming what it needs, so a run on a
 * fresh clone shows every skip's reason: `describeIf(HAS_SHARED, '../shared/seeds')('…', () => …)`.
 */
export function describeIf(available: boolean, needs: string): typeof describe | typeof describe.skip {
  if (available) return describe;
  process.stderr.write(`skipped: ${needs} is missing\n`);
  return describe.skip;
}
