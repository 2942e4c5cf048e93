// Issue 6 on the command line: `accord export --table … --format …` regenerates the paper's tables
// from a project, and `accord themes` lists themes with their support.
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('accord export and accord themes', () => {
  const project = join(dir, 'study.accord');

  beforeAll(async () => {
    const transcript = join(dir, 'ID21 interview.txt');
    writeFileSync(transcript, 'Interviewer: What helped?\nID21: We adapted the software to each locality.\n');
    const codes = join(dir, 'codes.txt');
    writeFileSync(codes, '10\tFeatures of the innovation (<i>design principles</i>)\n10a.\tAdaptation (e.g., make innovation fit)\n');
    expect((await accord('init', project)).code).toBe(0);
    expect((await accord('import', project, transcript)).code).toBe(0);
    expect((await accord('codes', 'import', project, codes)).code).toBe(0);
    const start = 'Interviewer: What helped?\nID21: '.length;
    expect((await accord('code', project, '--document', 'ID21 interview', '--code', '10a', '--start', String(start), '--end', String(start + 10), '--coder', 'Ana')).code).toBe(0);
    // A theme with a quote, made through the engine as the app would.
    const engine = new Engine({ stateDir: null });
    await engine.call('project:open', { path: project });
    await engine.call('coders:select', { name: 'Ana' });
    const theme = await engine.call('themes:create', { name: 'Adapting to place', summary: '' });
    await engine.call('themes:linkCode', { themeId: theme.id, codeId: (await engine.call('codebook:list', {}))[0].id });
    const [candidate] = (await engine.call('themes:candidates', { themeId: theme.id })).candidates;
    await engine.call('themes:addQuote', { themeId: theme.id, codingId: candidate.codingId, leadIn: 'Locality' });
    engine.close();
  });

  it('writes the code structure as Markdown on stdout and as a Word file with -o', async () => {
    const md = await accord('export', project, '--table', 'codebook', '--format', 'md');
    expect(md.code).toBe(0);
    expect(md.out).toContain('**Supplemental Table 1 Code structure**');
    expect(md.out).toContain('| 10 | Features of the innovation (*design principles*) |');
    const file = join(dir, 'codes.docx');
    const docx = await accord('export', project, '--table', 'codebook', '--format', 'docx', '-o', file);
    expect(docx).toMatchObject({ code: 0, err: '' });
    expect(docx.out).toContain('codes.docx (codebook, docx');
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']);
    expect(xml).toContain('Features of the innovation');
  });

  it('exports quotes, COREQ and the methods appendix', async () => {
    const quotes = await accord('export', project, '--table', 'quotes', '--format', 'csv');
    expect(quotes.out.split('\r\n')).toEqual(['Theme,Supplemental Quotes', 'Adapting to place,Locality: We adapted ID21']);
    const coreq = join(dir, 'coreq.html');
    expect((await accord('export', project, '--table', 'coreq', '--format', 'html', '-o', coreq)).code).toBe(0);
    expect(readFileSync(coreq, 'utf8')).toContain('<td>1 participant</td>');
    const methods = await accord('export', project, '--table', 'methods', '--format', 'md');
    expect(methods.out).toContain('1 coder applied codes to the 1 document of the project');
  });

  it('lists themes with support counts, as text and JSON', async () => {
    const text = await accord('themes', project);
    expect(text.out).toContain('1. Adapting to place — 1 of 1 coded participant (1 in the project), 1 of 1 coded document, 1 quotes; codes 10');
    const json = JSON.parse((await accord('themes', project, '--json')).out);
    expect(json.themes[0].quotes[0]).toMatchObject({ participant: 'ID21', leadIn: 'Locality', text: 'We adapted' });
  });

  it('refuses a wrong command line with exit 2 and a one-line reason', async () => {
    expect(await accord('export', project, '--format', 'md')).toMatchObject({ code: 2, err: expect.stringMatching(/--table is required/) });
    expect(await accord('export', project, '--table', 'tables', '--format', 'md')).toMatchObject({ code: 2, err: expect.stringMatching(/--table is one of/) });
    expect(await accord('export', project, '--table', 'themes', '--format', 'pdf')).toMatchObject({ code: 2 });
    expect(await accord('export', project, '--table', 'themes', '--format', 'docx')).toMatchObject({ code: 2, err: expect.stringMatching(/needs -o FILE/) });
    // The methods appendix is prose: CSV is refused by the engine (exit 1).
    expect(await accord('export', project, '--table', 'methods', '--format', 'csv')).toMatchObject({ code: 1, err: expect.stringMatching(/prose/) });
  });
});
