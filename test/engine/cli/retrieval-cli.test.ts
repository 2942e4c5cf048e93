// `accord retrieve` (issue 14): codes by label with descendants, attribute filters, every format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
const project = join(dir, 'study.accord');

async function ok(...argv: string[]): Promise<string> {
  const r = await accord(...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out;
}

describe('accord retrieve', () => {
  it('prints, filters and exports the segments of a code and its children', async () => {
    writeFileSync(join(dir, 'ID01 interview.txt'), '[00:00:01] Interviewer: How was it?\n[00:12:03] ID01: We adapted it to each practice.\n');
    writeFileSync(join(dir, 'ID02 interview.txt'), '[00:00:01] Interviewer: And you?\n[00:05:00] ID02: It needed tailoring.\n');
    writeFileSync(join(dir, 'codes.csv'), 'label,name,definition,parent\n30,Process,,\n30a,Adaptation,,30\n30b,Planning,,30\n');
    writeFileSync(join(dir, 'people.csv'), 'ID,Role\nID01,GP\nID02,Nurse\n');
    await ok('init', project);
    await ok('import', project, join(dir, 'ID01 interview.txt'), join(dir, 'ID02 interview.txt'));
    await ok('codes', 'import', project, join(dir, 'codes.csv'));
    await ok('participants', 'import', project, join(dir, 'people.csv'));
    const t1 = '[00:00:01] Interviewer: How was it?\n[00:12:03] ID01: We adapted it to each practice.\n';
    const s1 = t1.indexOf('adapted it');
    await ok('code', project, '--document', 'ID01 interview', '--code', '30a', '--start', String(s1), '--end', String(s1 + 'adapted it'.length), '--coder', 'Ana');
    const t2 = '[00:00:01] Interviewer: And you?\n[00:05:00] ID02: It needed tailoring.\n';
    const s2 = t2.indexOf('tailoring');
    await ok('code', project, '--document', 'ID02 interview', '--code', '30b', '--start', String(s2), '--end', String(s2 + 'tailoring'.length), '--coder', 'Ben');

    const text = await ok('retrieve', project, '--code', '30');
    expect(text).toContain('30a\tID01 00:12:03\tAna\tID01 interview');
    expect(text).toContain('  adapted it\n');
    expect(text.trim().split('\n').at(-1)).toBe('2 segments coded 30 (with 2 subcodes) by every coder in 2 documents (2 participants).');

    const gp = JSON.parse(await ok('retrieve', project, '--code', '30', '--where', 'Role=GP', '--json')) as { segments: { text: string; attributes: Record<string, string> }[] };
    expect(gp.segments).toEqual([expect.objectContaining({ text: 'adapted it', attributes: { Role: 'GP' } })]);

    const csv = await ok('retrieve', project, '--code', '30', '--format', 'csv', '--coder', 'Ben');
    expect(csv.split('\r\n')).toEqual(['document,participant,code_label,code,coder,start,end,timestamp,text,Role', `ID02 interview,ID02,30b,Planning,Ben,${s2},${s2 + 9},00:05:00,tailoring,Nurse`]);

    const out = join(dir, 'retrieved.docx');
    expect(await ok('retrieve', project, '--code', '30', '--format', 'docx', '-o', out)).toMatch(/^Wrote .*retrieved\.docx \(docx, \d+ bytes\)\n$/);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['word/document.xml']);
    expect(xml).toContain('adapted it ID01, 00:12:03');

    const bad = await accord('retrieve', project, '--code', '99');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('no code with label or name "99"');
    const noOut = await accord('retrieve', project, '--code', '30', '--format', 'xlsx');
    expect(noOut.err).toContain('--format xlsx needs -o FILE');
  });
});
