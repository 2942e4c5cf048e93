// The `accord` command for the foundation: init, import, codes, code, info — and one-line errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO, SEED_STUDY, sharedPath, describeIf } from '../../helpers/shared-dir';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('accord CLI', () => {
  const project = join(dir, 'study.accord');
  const transcript = join(dir, 'ID21 interview.txt');
  writeFileSync(transcript, 'Interviewer: What helped?\nID21: We adapted the software to each locality.\n');
  const codes = join(dir, 'codes.txt');
  writeFileSync(codes, '10\tFeatures of the innovation (<i>design principles</i>)\n10a.\tAdaptation (e.g., make innovation fit)\n');

  it('init, import, codes import, code, info --json', async () => {
    expect(await accord('init', project)).toMatchObject({ code: 0 });
    const imp = await accord('import', project, transcript);
    expect(imp.code).toBe(0);
    // 26 characters for the first line with its newline + 47 for the second; the final newline is trimmed.
    expect(imp.out).toContain('[1/1] ID21 interview: 73 characters, 2 turns (2 speakers), participant ID21 (file name), UTF-8');
    expect((await accord('codes', 'import', project, codes)).out).toContain('Imported 2 new codes from codes.txt (study form)');
    const list = await accord('codes', project, '--json');
    expect(JSON.parse(list.out)).toEqual([
      { label: '10', name: 'Features of the innovation', definition: 'design principles', parent: null },
      { label: '10a', name: 'Adaptation', definition: 'e.g., make innovation fit', parent: '10' },
    ]);
    const start = 'Interviewer: What helped?\nID21: '.length;
    const coded = await accord('code', project, '--document', 'ID21 interview', '--code', '10a', '--start', String(start), '--end', String(start + 10), '--coder', 'Ana', '--json');
    expect(coded.code).toBe(0);
    expect(JSON.parse(coded.out)[0]).toMatchObject({ code: '10a', coder: 'Ana', text: 'We adapted' });
    const info = await accord('info', project, '--json');
    expect(JSON.parse(info.out)).toEqual({ documents: 1, participants: 1, codes: 2, codings: 1, coders: 1 });
  });

  it('user mistakes exit non-zero with one line and no stack trace', async () => {
    const missing = await accord('info', join(dir, 'missing.accord'), '--json');
    expect(missing).toEqual({ code: 1, out: '', err: 'accord info: missing.accord: no such file\n' });
    const notProject = join(dir, 'notes.txt');
    writeFileSync(notProject, 'not a project');
    expect((await accord('info', notProject)).err).toBe('accord info: notes.txt: not an Accord project (not a SQLite database)\n');
    const badCode = await accord('code', project, '--document', 'ID21 interview', '--code', '77z', '--start', '0', '--end', '4', '--coder', 'Ana');
    expect(badCode).toMatchObject({ code: 1, err: 'accord code: no code with label or name "77z"\n' });
    const badRange = await accord('code', project, '--document', 'ID21 interview', '--code', '10a', '--start', 'x', '--end', '4', '--coder', 'Ana');
    expect(badRange).toMatchObject({ code: 2, err: 'accord code: --start must be a whole number ≥ 0, not "x"\n' });
    expect((await accord('frobnicate')).code).toBe(2);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const imp = await accord('import', project, empty);
    expect(imp.code).toBe(1);
    expect(imp.err).toMatch(/^accord import: 1 of 1 files not imported: empty\.txt: /);
    expect(imp.err.split('\n').length).toBe(2);
    // Many failures: each has its own line on stdout; the closing error names the first three.
    const blanks = ['a', 'b', 'c', 'd', 'e'].map((n) => {
      const path = join(dir, `blank-${n}.txt`);
      writeFileSync(path, '');
      return path;
    });
    const many = await accord('import', project, ...blanks);
    expect(many.out.split('\n').filter((l) => / failed: blank-.\.txt: is empty$/.test(l))).toHaveLength(5);
    expect(many.err).toBe(
      'accord import: 5 of 5 files not imported: blank-a.txt: is empty; blank-b.txt: is empty; blank-c.txt: is empty; and 2 more files\n',
    );
  });

  it('runs as an installed command (bin/accord.mjs) with the same output', () => {
    const out = execFileSync(process.execPath, [join(REPO, 'bin/accord.mjs'), 'info', project, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ documents: 1, participants: 1, codes: 2, codings: 1, coders: 1 });
    const bad = spawnSync(process.execPath, [join(REPO, 'bin/accord.mjs'), 'info', join(dir, 'nope.accord')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('accord info: nope.accord: no such file\n');
  });
});

describeIf(HAS_SHARED, '../shared/seeds (the seed study)')('the study\'s code structure and a real transcript (needs ../shared)', () => {
  it('imports all 64 codes and codes a passage of the QualCoder example transcript', async () => {
    const project = join(dir, 'seed.accord');
    const seed = readFileSync(SEED_STUDY, 'utf8');
    const table = join(dir, 'code-structure.txt');
    writeFileSync(table, seed.slice(seed.indexOf('Supplemental Table 1 Code Structure'), seed.indexOf('Supplemental Table 2 Additional Quotes')));
    await accord('init', project);
    expect((await accord('codes', 'import', project, table)).out).toContain('Imported 64 new codes');
    const imp = await accord('import', project, sharedPath('corpora/qualcoder-examples/transcript.txt'));
    expect(imp.code).toBe(0);
    const text = readFileSync(sharedPath('corpora/qualcoder-examples/transcript.txt'), 'utf8').replace(/\r\n?/g, '\n');
    const start = text.indexOf('[id2]');
    expect(start).toBeGreaterThan(0);
    const r = await accord('code', project, '--document', 'transcript', '--code', '10a', '--start', String(start), '--end', String(start + 5), '--coder', 'Ana', '--json');
    expect(JSON.parse(r.out)[0].text).toBe('[id2]');
    expect(JSON.parse((await accord('info', project, '--json')).out)).toMatchObject({ codes: 64, codings: 1 });
  });
});
