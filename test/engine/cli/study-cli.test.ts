// `accord import --group`, `participants`, `search`, `autocode` and the demo study, through run().
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('accord study commands', () => {
  const project = join(dir, 'study.accord');
  const t21 = join(dir, 'ID21 interview.txt');
  const t07 = join(dir, 'ID07 interview.txt');
  const copy = join(dir, 'copy.txt');
  const odd = join(dir, 'notes.xyz');
  writeFileSync(t21, 'Interviewer: What helped?\nID21: Shared records helped. We met daily.\n');
  writeFileSync(t07, 'Interviewer: And then?\nID07: The shared record arrived late.\n');
  writeFileSync(copy, 'Interviewer: What helped?\r\nID21: Shared records helped. We met daily.\r\n');
  writeFileSync(odd, 'hello');

  it('import --group: a summary of imported, skipped and failed files', async () => {
    expect((await accord('init', project)).code).toBe(0);
    const r = await accord('import', project, t21, t07, copy, odd, '--group', 'Wave 1', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.out);
    expect(summary.imported.map((i: { document: string }) => i.document)).toEqual(['ID21 interview', 'ID07 interview']);
    expect(summary.skipped).toEqual([{ file: copy, reason: 'same text as "ID21 interview"' }]);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0].error).toMatch(/^notes\.xyz: Accord can't read \.xyz files; it reads \.txt, \.md, \.docx, \.pdf, \.vtt, \.srt, \.html, \.rtf, \.odt, \.csv/);
    expect(r.err).toMatch(/1 of 4 files not imported/);
    expect(JSON.parse((await accord('groups', project, '--json')).out)).toEqual([{ name: 'Wave 1', documents: ['ID21 interview', 'ID07 interview'] }]);
  });

  it('participants import and --json', async () => {
    const csv = join(dir, 'participants.csv');
    writeFileSync(csv, 'Code,Sex,Role\nID21,Female,Clinician\nID07,Male,Middle management\n');
    const imp = await accord('participants', 'import', project, csv, '--id-column', 'code');
    expect(imp).toMatchObject({ code: 0 });
    expect(imp.out).toContain('Imported 2 participants from participants.csv (0 new, 2 updated; ID column "Code")');
    expect(JSON.parse((await accord('participants', project, '--json')).out)).toEqual([
      { id: 'ID07', attributes: { Sex: 'Male', Role: 'Middle management' }, documents: ['ID07 interview'] },
      { id: 'ID21', attributes: { Sex: 'Female', Role: 'Clinician' }, documents: ['ID21 interview'] },
    ]);
    const bad = await accord('participants', 'import', project, csv, '--id-column', 'Nope');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('participants.csv: has no column "Nope" (columns: Code, Sex, Role)');
  });

  it('search --json gives document, offsets and the exact text', async () => {
    const r = await accord('search', project, 'shared', '--json');
    expect(r.code).toBe(0);
    // "Interviewer: What helped?\nID21: " is 32 characters; "Interviewer: And then?\nID07: The " is 33.
    expect(JSON.parse(r.out)).toEqual({
      hits: [
        { document: 'ID21 interview', start: 32, end: 38, text: 'Shared' },
        { document: 'ID07 interview', start: 33, end: 39, text: 'shared' },
      ],
      truncated: false,
    });
  });

  it('autocode codes every hit\'s sentence in one step', async () => {
    const codes = join(dir, 'codes.txt');
    writeFileSync(codes, '70d\tUse of data\n');
    await accord('codes', 'import', project, codes);
    const r = await accord('autocode', project, '"shared record*"', '--code', '70d', '--coder', 'Ben', '--unit', 'sentence', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ hits: 2, passages: 2, created: 2 });
    // "Interviewer: And then?\n" (23) + "ID07: " (6) = 29; the sentence is 31 characters long.
    const codings = JSON.parse((await accord('codings', project, '--document', 'ID07 interview', '--json')).out);
    expect(codings).toEqual([{ code: '70d', coder: 'Ben', start: 29, end: 60, text: 'The shared record arrived late.' }]);
  });
});

describe('the demo study', () => {
  it('accord demo builds the study: 64 codes, 26 participants with Table 1\'s counts, six groups, two coders and a consensus', async () => {
    const path = join(dir, 'demo.accord');
    expect((await accord('demo', path)).code).toBe(0);
    const info = JSON.parse((await accord('info', path, '--json')).out);
    // Two coders (Ana, Ben) and the consensus layer they reached on one transcript.
    expect(info).toMatchObject({ codes: 64, participants: 26, coders: 3 });
    expect(info.codings).toBeGreaterThan(20);
    const settled = new Engine({ stateDir: null });
    try {
      await settled.call('project:open', { path });
      const decisions = await settled.call('consensus:decisions', {});
      expect(decisions.length).toBeGreaterThan(0);
      expect(new Set(decisions.map((d) => d.documentId)).size).toBe(1);
      expect(decisions.every((d) => d.rationale.length > 0)).toBe(true);
    } finally {
      settled.close();
    }
    const table = (await accord('participants', 'table', path, '--attribute', 'Sex', '--attribute', 'Role')).out.trim().split('\n');
    // Curry et al. 2022, Table 1.
    expect(table).toEqual([
      'Participants (n=26)\t', 'Sex\t', 'Male\t10', 'Female\t16', 'Role\t', 'Clinician\t8', 'Middle management\t12', 'CCG leadership\t3', 'Social care partner\t3',
    ]);
    const groups = JSON.parse((await accord('groups', path, '--json')).out) as { name: string }[];
    expect(groups.map((g) => g.name)).toEqual([
      'Clinical model and patient questionnaire',
      'Project governance and GP practice engagement',
      'Patient information',
      'Data access and ethical considerations',
      'Tools, protocols and templates',
      'External environment',
    ]);
    expect((await accord('demo', path)).code).toBe(1);
  });

  it('project:openDemo builds the demo in the state directory once and opens it', async () => {
    const engine = new Engine({ stateDir: join(dir, 'state') });
    try {
      const info = await engine.call('project:openDemo', {});
      expect(info.path).toBe(join(dir, 'state', 'demo', 'Accord demo study.accord'));
      expect(info.documents).toBeGreaterThanOrEqual(15);
      await engine.call('coders:select', { name: 'Ana' });
      const hits = await engine.call('search:run', { query: 'referral*' });
      expect(hits.hits.length).toBeGreaterThan(3);
      engine.close();
      expect(existsSync(info.path)).toBe(true);
      expect((await engine.call('project:openDemo', {})).codings).toBe(info.codings);
    } finally {
      engine.close();
    }
  });
});
