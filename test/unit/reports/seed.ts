// Reads the reference study (Curry et al., BMJ Open 2022) from /work/shared when it is present, so
// report tests can compare against the paper's own tables. Tests skip when it is missing.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SEED_FILE = path.resolve(repoRoot, '../shared/seeds/000_8de46a67a6686ba2.txt');
export const SEED_EXISTS = existsSync(SEED_FILE);

/** The seed's lines (empty when the file is missing). */
export function seedLines(): string[] {
  return SEED_EXISTS ? readFileSync(SEED_FILE, 'utf8').split(/\r?\n/) : [];
}

/** Lines from the one starting with `from` up to (not including) the next starting with `to`. */
export function seedSection(from: string, to: string): string[] {
  const lines = seedLines();
  const start = lines.findIndex((l) => l.startsWith(from));
  const end = lines.findIndex((l, i) => i > start && l.startsWith(to));
  return start < 0 ? [] : lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The 64 codes of Supplemental Table 1: `label TAB name (definition)`, italics tags removed. */
export function seedCodes(): { label: string; name: string; definition: string; parent: string | null }[] {
  return seedSection('Supplemental Table 1 Code Structure', 'Supplemental Table 2')
    .map((l) => /^(\d+)([a-z]?)\.?\t(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const text = m[3].replace(/<\/?i>/g, '').trim();
      const open = text.indexOf(' (');
      const name = open < 0 ? text : text.slice(0, open);
      const definition = open < 0 ? '' : text.slice(open + 2).replace(/\)$/, '');
      return { label: m[2] ? `${m[1]}${m[2]}.` : m[1], name, definition, parent: m[2] ? m[1] : null };
    });
}
