// The command line's progress: a line on stderr for a person at a terminal (never on stdout, never
// in CI or a pipe), fed by the engine's long reports and by imports of several files, and cleared
// before the result is printed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, terminalProgress, type ProgressLine } from '../../../electron/cli/main';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

function recorder(): ProgressLine & { shown: string[]; cleared: number } {
  const r = {
    shown: [] as string[],
    cleared: 0,
    show: (label: string, done: number, total: number, unit: string) => r.shown.push(`${label}: ${done} of ${total} ${unit}`),
    clear: () => {
      r.cleared++;
    },
  };
  return r;
}

describe('progress on the command line', () => {
  it('is only for a terminal, and not in CI', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const pipe = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    expect(terminalProgress(pipe, {})).toBeUndefined();
    expect(terminalProgress(tty, { CI: 'true' })).toBeUndefined();
    const line = terminalProgress(tty, {})!;
    line.show('agreement', 1200, 2000, 'documents');
    line.clear();
    expect(written).toEqual(['\r\x1b[Kagreement: 1,200 of 2,000 documents', '\r\x1b[K']);
  });

  it('shows an import of several files and a report document by document, with stdout untouched', async () => {
    const dir = tempDir();
    const project = join(dir, 'p.accord');
    expect((await accord('init', project)).code).toBe(0);
    const files = [1, 2, 3].map((n) => {
      const f = join(dir, `ID${n} interview.txt`);
      writeFileSync(f, `ID${n}: we kept the records in a shared folder ${n}.\n`);
      return f;
    });
    const io = { out: '', err: '' };
    const line = recorder();
    const code = await run(['import', project, ...files, '--json'], { out: (s) => (io.out += s), err: (s) => (io.err += s), progress: line });
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(line.shown.filter((s) => s.startsWith('import:'))).toEqual(['import: 0 of 3 files', 'import: 1 of 3 files', 'import: 2 of 3 files']);
    expect(JSON.parse(io.out)).toBeTruthy();
    expect(io.err).toBe('');

    const codes = join(dir, 'codes.csv');
    writeFileSync(codes, 'label,name\n10a,Records\n');
    expect((await accord('codes', 'import', project, codes)).err).toBe('');
    for (const [coder, start] of [['Ana', 0], ['Ben', 3]] as const) {
      for (const n of [1, 2, 3]) expect((await accord('code', project, '--document', `ID${n} interview`, '--code', '10a', '--start', String(start), '--end', '20', '--coder', coder)).err).toBe('');
    }
    const report = recorder();
    const out: string[] = [];
    expect(await run(['agreement', project, '--json'], { out: (s) => out.push(s), err: () => undefined, progress: report })).toBe(0);
    expect(report.shown[0]).toBe('agreement: 0 of 3 documents');
    expect(report.cleared).toBeGreaterThan(0);
    expect(out.join('')).not.toContain('documents\r');
    expect(JSON.parse(out.join('')).documents).toHaveLength(3);
  });
});
