// Commands that only read open the project for reading only: nothing can be written to it, and the
// whole-file integrity check that guards writes (about a second per 400 MB) is not run before a
// listing or an export. Each one runs on the demo study here and must leave the file byte for byte
// as it was, with no journal beside it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/** How each project was opened, in order: read-only or not. */
const opened = vi.hoisted(() => [] as boolean[]);
vi.mock('../../../electron/engine/db/connection', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/engine/db/connection')>();
  return {
    ...real,
    openProjectFile: (path: string, options: { readOnly?: boolean } = {}) => {
      opened.push(options.readOnly === true);
      return real.openProjectFile(path, options);
    },
  };
});

const dir = tempDir();
const project = join(dir, 'demo.accord');
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

const READS: [string, (p: string) => string[], RegExp][] = [
  ['the codebook', (p) => ['codes', p, '--json'], /"10"/],
  ['the codebook as CSV', (p) => ['codes', 'export', p], /Adaptation/],
  ['the documents', (p) => ['documents', p, '--json'], /ID05 interview/],
  ["a document's codings", (p) => ['codings', p, '--document', 'ID05 interview', '--json'], /"coder"/],
  ['the participants', (p) => ['participants', p, '--json'], /ID05/],
  ['the participants as CSV', (p) => ['participants', 'export', p], /ID05/],
  ['the characteristics table', (p) => ['participants', 'table', p, '--json'], /\[/],
  ['the document groups', (p) => ['groups', p, '--json'], /"documents"/],
  ['the themes', (p) => ['themes', p, '--json'], /"support"/],
  ['a table for the paper', (p) => ['export', p, '--table', 'themes', '--format', 'md'], /Theme/],
  ['a code query', (p) => ['query', p, '30a OR 40a', '--json'], /"document": "ID/],
  ['the team members', (p) => ['team', 'members', p], /Not a team project/],
];

describe('read-only commands leave the project as it was', () => {
  let before: string;
  beforeAll(async () => {
    expect((await accord('demo', project)).code).toBe(0);
    before = sha(project);
  });

  for (const [what, argv, expected] of READS) {
    it(`${what}: accord ${argv('P').join(' ')}`, async () => {
      opened.length = 0;
      const r = await accord(...argv(project));
      expect(opened).toEqual([true]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(expected);
      expect(sha(project)).toBe(before);
      expect(readdirSync(dir).filter((f) => f !== 'demo.accord' && f.startsWith('demo.accord'))).toEqual([]);
    });
  }

  it('a REFI-QDA export writes its file and leaves the project as it was', async () => {
    const out = join(dir, 'demo.qdpx');
    opened.length = 0;
    const r = await accord('export', project, '--format', 'qdpx', '-o', out);
    expect(r.code).toBe(0);
    expect(opened).toEqual([true]);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(sha(project)).toBe(before);
  });

  it('a command that writes still opens the project for writing', async () => {
    opened.length = 0;
    expect((await accord('groups', 'create', project, 'Extra')).code).toBe(0);
    expect(opened).toEqual([false]);
  });
});
