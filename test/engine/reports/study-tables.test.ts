// Issue 6: a project shaped like the reference study (Curry et al., BMJ Open 2022) exports the
// paper's tables from its own data — Table 1's counts, the 64-code structure, the COREQ checklist
// with items 12, 24 and 27 pre-filled — and the Word files open.
import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { cellText, type ReportTable } from '../../../shared/reports/table';
import { HAS_SHARED, REPO, SEED_STUDY, describeIf } from '../../helpers/shared-dir';
import { b64, newProject, tempDir } from '../../helpers/temp';

// Table 1 of the study: Sex — Male 10, Female 16; Role — Clinician 8, Middle management 12,
// CCG leadership 3, Social care partner 3 (n = 26).
const SEX = [...Array<string>(10).fill('Male'), ...Array<string>(16).fill('Female')];
const ROLE = [
  ...Array<string>(8).fill('Clinician'),
  ...Array<string>(12).fill('Middle management'),
  ...Array<string>(3).fill('CCG leadership'),
  ...Array<string>(3).fill('Social care partner'),
];
const PIDS = Array.from({ length: 26 }, (_, i) => `ID${10 + i}`);
const CODERS = ['Ana', 'Ben', 'Cara', 'Dev'];
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

function transcript(pid: string): string {
  return `Interviewer: How did the project start?\n${pid}: We set up a clinical group right at the beginning and met weekly.\n`;
}

function rowsText(table: ReportTable): string[][] {
  return table.rows.map((r) => r.cells.map(cellText));
}

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']);
}

async function fileBytes(engine: Engine, table: 'participants' | 'codebook' | 'coreq' | 'methods' | 'themes' | 'quotes' | 'agreement', format: 'docx' | 'markdown' | 'csv' | 'html') {
  const file = await engine.call('reports:export', { table, format });
  return new Uint8Array(Buffer.from(file.dataBase64, 'base64'));
}

describe('a project like the study', () => {
  const dir = tempDir();
  let engine: Engine;

  beforeAll(async () => {
    engine = await newProject(dir);
    for (const pid of PIDS) {
      await engine.call('documents:import', { fileName: `${pid} interview.txt`, dataBase64: b64(transcript(pid)) });
    }
    // Attributes go in through the change recorder, as the participants feature writes them.
    const s = engine.current;
    const people = s.db.prepare('SELECT id, pid FROM participants').all() as { id: number; pid: string }[];
    s.change('attribute.set', 'set participant attributes', (c) => {
      const sex = c.insert('attributes', { name: 'Sex', type: 'category', ord: 0 });
      const role = c.insert('attributes', { name: 'Role', type: 'category', ord: 1 });
      c.insert('attributes', { name: 'Age', type: 'number', ord: 2 });
      PIDS.forEach((pid, i) => {
        const person = people.find((p) => p.pid === pid)!;
        c.insert('participant_attributes', { participant_id: person.id, attribute_id: sex, value: SEX[i] });
        c.insert('participant_attributes', { participant_id: person.id, attribute_id: role, value: ROLE[i] });
      });
    });
    await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features of the innovation', definition: 'design principles' });
    const code = (await engine.call('codebook:list', {}))[0];
    const docs = await engine.call('documents:list', {});
    // Four coders each code the first eight transcripts.
    for (const name of CODERS) {
      await engine.call('coders:select', { name });
      for (const d of docs.slice(0, 8)) {
        await engine.call('codings:apply', { documentId: d.id, codeIds: [code.id], start: 40, end: 80 });
      }
    }
  });

  it('exports Table 1 with exactly the study counts', async () => {
    const table = await engine.call('reports:table', { table: 'participants' });
    expect(cellText(table.columns[0])).toBe('Participants (n=26)');
    // The number attribute "Age" is not a category: the default is every category attribute in use.
    expect(rowsText(table)).toEqual([
      ['Sex', ''],
      ['Male', '10'],
      ['Female', '16'],
      ['Role', ''],
      ['Clinician', '8'],
      ['Middle management', '12'],
      ['CCG leadership', '3'],
      ['Social care partner', '3'],
    ]);
    const md = new TextDecoder().decode(await fileBytes(engine, 'participants', 'markdown'));
    // Values are indented under their attribute with non-breaking spaces (\s matches them).
    expect(md).toMatch(/\|\s+Male \| 10 \|/);
    expect(md).toMatch(/\|\s+Middle management \| 12 \|/);
    const csv = new TextDecoder().decode(await fileBytes(engine, 'participants', 'csv'));
    expect(csv).toContain('1,Female,16');
    const xml = documentXml(await fileBytes(engine, 'participants', 'docx'));
    for (const text of ['Study participant characteristics', 'Participants (n=26)', 'Female', 'Social care partner']) expect(xml).toContain(text);
  });

  it('counts only the attributes asked for, and refuses unknown ones', async () => {
    const table = await engine.call('reports:table', { table: 'participants', attributes: ['role'] });
    expect(rowsText(table).map((r) => r[0])).toEqual(['Role', 'Clinician', 'Middle management', 'CCG leadership', 'Social care partner']);
    await expect(engine.call('reports:table', { table: 'participants', attributes: ['Age'] })).rejects.toThrow(/"Age" is not a category attribute/);
  });

  it('pre-fills COREQ items 12, 24 and 27 from the project and exports all 32 items', async () => {
    const rows = await engine.call('coreq:list', {});
    expect(rows).toHaveLength(32);
    const item = (n: number) => rows.find((r) => r.number === n)!;
    expect(item(12)).toMatchObject({ answer: '26 participants', fromProject: true });
    expect(item(24)).toMatchObject({ answer: '4 coders', fromProject: true });
    expect(item(24).prefill?.evidence).toBe('Coders with codings: Ana (8 codings), Ben (8 codings), Cara (8 codings), Dev (8 codings)');
    expect(item(27)).toMatchObject({ answer: `Accord ${VERSION}`, fromProject: true });
    expect(item(16).answer).toBe('Participant characteristics table (Sex, Role)');
    // No recording times were imported, so item 21 (duration) is not guessed.
    expect(item(21)).toMatchObject({ answer: '', fromProject: false, prefill: null });
    // Item 12 is Table 1's n (26), with the transcripts said beside it.
    expect(item(12).prefill?.evidence).toBe('Participant characteristics table (Table 1), n = 26');
    // Item 22, a draft: the saturation assessment in the default layer. No consensus layer, and the
    // current coder is Dev, who coded the first 8 transcripts (ID10–ID17) with the one code 10.
    // Base = ID10–ID13 holds 1 code; run 5–6 (ID14, ID15) adds 0: 0 % ≤ 5 % → reached at interview 4.
    expect(item(22)).toMatchObject({ fromProject: true, draft: true });
    expect(item(22).answer).toBe(
      'Draft: Saturation (Guest, Namey & Chen 2020; base 4, run 2, new-information threshold ≤ 5 %) was reached at interview 4 (ID13 interview): ' +
        'interviews 5–6 added 0 new codes, 0 % of the 1 code in the base. Counted over 8 transcripts coded in coder Dev, in import order ' +
        '(the project has no interview date attribute); 18 transcripts not coded in this layer are left out.',
    );
    // Item 23, a draft: nothing in the project records returned transcripts, and the answer says so.
    expect(item(23)).toMatchObject({ fromProject: true, draft: true });
    expect(item(23).answer).toMatch(/^Draft: the project holds no record of transcripts being returned to participants\./);
    expect(item(24).draft).toBe(false);

    const table = await engine.call('reports:table', { table: 'coreq' });
    const itemRows = table.rows.filter((r) => r.rowKind !== 'section');
    expect(itemRows).toHaveLength(32);
    expect(itemRows.map((r) => cellText(r.cells[0]).split('.')[0])).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(rowsText(table).find((r) => r[0] === '12. Sample size')?.[2]).toBe('26 participants');
    expect(table.notes).toContain('Item 27 from project data: Project managed in Accord ' + VERSION + '.');
    expect(table.notes).toContain('Item 22 from project data (a draft for the authors to check): Saturation assessed from the project codings (Guest, Namey & Chen 2020).');
    const xml = documentXml(await fileBytes(engine, 'coreq', 'docx'));
    expect(xml).toContain('32. Clarity of minor themes');
    expect(xml).toContain('26 participants');
  });

  it('lets an author override a pre-filled answer, and clearing it brings the pre-fill back', async () => {
    const saved = await engine.call('coreq:save', { number: 12, answer: '26 (of 40 invited)', page: 'P. 5' });
    expect(saved).toMatchObject({ answer: '26 (of 40 invited)', page: 'P. 5', fromProject: false, saved: true });
    expect(saved.prefill?.answer).toBe('26 participants');
    // A page alone keeps the pre-filled answer (and its mark).
    const pageOnly = await engine.call('coreq:save', { number: 27, answer: '', page: 'P. 6' });
    expect(pageOnly).toMatchObject({ answer: `Accord ${VERSION}`, page: 'P. 6', fromProject: true, saved: true });
    const md = new TextDecoder().decode(await fileBytes(engine, 'coreq', 'markdown'));
    expect(md).toContain('| 12. Sample size | How many participants were in the study? | 26 (of 40 invited) | P. 5 |');
    const cleared = await engine.call('coreq:save', { number: 12, answer: ' ', page: '' });
    expect(cleared).toMatchObject({ answer: '26 participants', page: '', fromProject: true, saved: false });
    const audit = engine.current.db.prepare("SELECT count(*) AS n FROM change_batches WHERE action LIKE 'coreq.%'").get() as { n: number };
    expect(audit.n).toBe(3);
  });

  it('writes a methods appendix whose numbers match the project, with sources', async () => {
    const appendix = await engine.call('reports:methods', {});
    const coders = appendix.sections.find((sec) => sec.heading === 'Coders')!;
    expect(coders.paragraphs[0]).toMatch(/^4 coders applied codes to the 26 documents of the project \[\d\]: Ana coded 8 documents \(8 codings\), Ben coded 8 documents/);
    const codebook = appendix.sections.find((sec) => sec.heading === 'Codebook')!;
    expect(codebook.paragraphs[0]).toMatch(/^The final codebook holds 1 code, 1 at the top level \[1\]\.$/);
    expect(codebook.paragraphs[1]).toMatch(/changed in 1 recorded action on \d{4}-\d\d-\d\d \[2\]/);
    // Sources in words a reader can follow (issue 14: they were raw SQL), with where to see each.
    expect(appendix.sources[0]).toBe('the codebook: every code, and those with no parent (accord codes PROJECT)');
    expect(appendix.sources.join(' ')).not.toMatch(/SELECT|FROM /);
    // Every [n] marker points at a listed source.
    const markers = appendix.sections.flatMap((sec) => sec.paragraphs.join(' ').match(/\[(\d+)\]/g) ?? []).map((m) => Number(m.slice(1, -1)));
    expect(Math.max(...markers)).toBe(appendix.sources.length);
    const xml = documentXml(await fileBytes(engine, 'methods', 'docx'));
    expect(xml).toContain('Methods appendix');
    expect(xml).toContain('4 coders applied codes');
    await expect(engine.call('reports:export', { table: 'methods', format: 'csv' })).rejects.toThrow(/prose/);
  });

  it('builds the agreement table from the agreement service, naming measures and unit', async () => {
    // All four coders coded the same 40 characters of the same eight transcripts with code 10, so
    // they agree on every character: percent agreement is 100%.
    const table = await engine.call('reports:table', { table: 'agreement' });
    expect(table.title).toMatch(/unit: characters/);
    expect(table.columns.map(cellText)).toEqual(['Code', 'Percent agreement (mean pairwise)', 'Cohen’s κ', 'Fleiss’ κ', 'Krippendorff’s α']);
    const rows = rowsText(table);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['10 Features of the innovation', '100.0%'],
      ['Overall', '100.0%'],
    ]);
    expect(table.footnote).toMatch(/computed on characters between coders Ana, Ben, Cara, Dev/);
    expect(table.footnote).toMatch(/^Agreement between Ana, Ben, Cara and Dev was computed per code on 888 characters of 8 documents \(unit: character; scope: design/);
    const appendix = await engine.call('reports:methods', {});
    const agreement = appendix.sections.find((sec) => sec.heading === 'Inter-coder agreement')!;
    expect(agreement.paragraphs[0]).toMatch(/^Agreement between Ana, Ben, Cara and Dev was computed per code on [\d,]+ characters of \d+ documents \(unit: character; scope: design, .*\)\. Overall \(characters as units\): percent agreement \(mean of pairwise\) 100\.0%/);
  });

  it('says what is missing instead of inventing themes or quotes', async () => {
    const themes = await engine.call('reports:table', { table: 'themes' });
    expect(themes.rows).toEqual([]);
    expect(themes.caption).toBe('No themes have been created in the project yet.');
    const quotes = await engine.call('reports:table', { table: 'quotes' });
    expect(quotes.rows).toEqual([]);
    expect(quotes.caption).toMatch(/No themes/);
  });
});

// The 64 codes of the study's Supplemental Table 1 live in the shared seed, outside the repository.
describeIf(HAS_SHARED, '../shared/seeds (the seed study)')('the study code structure (needs ../shared/seeds)', () => {
  const dir = tempDir();

  it('exports all 64 codes in label order, children indented under their parents', async () => {
    const engine = await newProject(dir);
    const lines = readFileSync(SEED_STUDY, 'utf8').split(/\r?\n/);
    const from = lines.findIndex((l) => l.startsWith('Supplemental Table 1 Code Structure'));
    const to = lines.findIndex((l, i) => i > from && l.startsWith('Supplemental Table 2'));
    const text = lines.slice(from + 1, to).join('\n');
    const seedRows = lines.slice(from + 1, to).map((l) => /^(\d+)([a-z]?)\.?\t/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(seedRows).toHaveLength(64);
    await engine.call('codebook:import', { fileName: 'code-structure.txt', text });

    const table = await engine.call('reports:table', { table: 'codebook' });
    expect(table.rows).toHaveLength(64);
    const labels = table.rows.map((r) => cellText(r.cells[0]).replace(/\.$/, ''));
    // The seed lists the codes in label order with each child after its parent; so must the table.
    expect(labels).toEqual(seedRows.map((m) => `${m[1]}${m[2]}`));
    table.rows.forEach((r, i) => {
      const child = seedRows[i][2] !== '';
      expect(r.cells[0].indent ?? 0).toBe(child ? 1 : 0);
      if (child) {
        // Its parent is the nearest top-level row above it, with the same number.
        const parent = [...table.rows.slice(0, i)].reverse().find((p) => (p.cells[0].indent ?? 0) === 0)!;
        expect(cellText(parent.cells[0])).toBe(seedRows[i][1]);
      }
    });
    expect(cellText(table.rows[0].cells[1])).toMatch(/^Features of the innovation \(higher level design principles/);
    expect(table.rows[0].cells[1].runs.some((r) => r.italic)).toBe(true);
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from((await engine.call('reports:export', { table: 'codebook', format: 'docx' })).dataBase64, 'base64')))['word/document.xml']);
    expect(xml).toContain('Code structure');
    expect(xml).toContain('Adaptation');
    const coreq = (await engine.call('coreq:list', {})).find((r) => r.number === 25)!;
    expect(coreq.answer).toMatch(/^Code structure table: 64 codes, \d+ at the top level$/);
  });
});
