// Tests for the Markdown, CSV and HTML writers: structure, styling, hierarchy, and that hostile text
// (pipes, quotes, <script>, formulas) comes out escaped and round-trips as data.

import Papa from 'papaparse';
import { parseDocument, DomUtils } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import { toCsv } from '../../../electron/engine/export/csv';
import { toHtml } from '../../../electron/engine/export/html';
import { renderTable, type TableFormat } from '../../../electron/engine/export/index';
import { escapeMarkdown, toMarkdown } from '../../../electron/engine/export/markdown';
import type { ReportTable } from '../../../shared/reports/table';
import { codeStructure, participantCharacteristics } from '../../../shared/reports/tables';

const EVIL = 'a|b "quoted" <script>alert(1)</script> *star* & \\';

const hostile: ReportTable = {
  label: 'Table 9',
  title: 'Hostile <b>title</b>',
  caption: 'Caption | with pipe',
  columns: [{ runs: [{ text: 'Col|1' }] }, { runs: [{ text: 'Col "2"' }] }],
  rows: [
    { cells: [{ runs: [{ text: EVIL }] }, { runs: [{ text: 'line one\nline two' }] }] },
    { cells: [{ runs: [{ text: '=HYPERLINK("http://x")' }] }, { runs: [{ text: '-0.12' }] }] },
    { cells: [{ runs: [{ text: 'short row' }] }] },
  ],
  footnote: 'Note <img src=x onerror=alert(1)> | end',
  notes: ['From project data: 3 rows.'],
};

const table1 = participantCharacteristics(
  [
    { pid: 'ID01', attributes: { Sex: 'Male' } },
    { pid: 'ID02', attributes: { Sex: 'Female' } },
    { pid: 'ID03', attributes: { Sex: 'Female' } },
  ],
  ['Sex'],
  { footnote: 'CCG, Clinical Commissioning Group.' },
);

const codes = codeStructure([
  { label: '10', name: 'Features of the innovation', definition: 'higher level design principles', parent: null },
  { label: '10a.', name: 'Adaptation', definition: 'e.g., make innovation fit', parent: '10' },
  { label: '20', name: 'Wider context', definition: '', parent: null },
]);

/** Splits a Markdown table row on unescaped pipes. */
const mdCells = (line: string): string[] => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

describe('toMarkdown', () => {
  it('writes a GitHub pipe table with title, bold sections, indentation and footnote', () => {
    const md = toMarkdown(table1);
    const lines = md.split('\n');
    expect(lines[0]).toBe('**Table 1 Study participant characteristics**');
    expect(lines[2]).toBe('| Participants (n=3) |  |');
    expect(lines[3]).toBe('| --- | --- |');
    expect(lines[4]).toBe('| **Sex** |  |');
    expect(lines[5]).toBe('| \u00a0\u00a0\u00a0\u00a0Male | 1 |');
    expect(lines[6]).toBe('| \u00a0\u00a0\u00a0\u00a0Female | 2 |');
    expect(md.endsWith('|\n\nCCG, Clinical Commissioning Group.  \n*Counts from project data: 3 participants; attributes Sex.*\n')).toBe(true);
    expect(toMarkdown(table1, { includeNotes: false })).not.toContain('Counts from project data');
  });

  it('writes italic definitions with * and keeps spaces outside the markers', () => {
    const md = toMarkdown(codes);
    expect(md).toContain('| 10 | Features of the innovation (*higher level design principles*) |');
    expect(md).toContain('| \u00a0\u00a0\u00a0\u00a010a. | \u00a0\u00a0\u00a0\u00a0Adaptation (*e.g., make innovation fit*) |');
    const spaced = toMarkdown({ title: 't', columns: [{ runs: [{ text: 'h' }] }], rows: [{ cells: [{ runs: [{ text: 'x' }, { text: ' word ', italic: true }] }] }] });
    expect(spaced).toContain('| x *word*  |');
  });

  it('escapes pipes, HTML and emphasis in hostile text', () => {
    const md = toMarkdown(hostile);
    expect(md).not.toMatch(/<script|<img|<b>/);
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    // Every row has exactly the table's two columns once escaped pipes are ignored.
    for (const row of rows) expect(mdCells(row)).toHaveLength(2);
    expect(mdCells(rows[0])).toEqual(['Col\\|1', 'Col "2"']);
    expect(mdCells(rows[2])).toEqual([
      'a\\|b "quoted" &lt;script&gt;alert(1)&lt;/script&gt; \\*star\\* &amp; \\\\',
      'line one<br>line two',
    ]);
    expect(mdCells(rows[4])).toEqual(['short row', '']);
    expect(escapeMarkdown('x_y [z](u)')).toBe('x\\_y \\[z\\](u)');
  });
});

describe('toCsv', () => {
  it('writes one header row and round-trips hostile text', () => {
    const csv = toCsv(hostile);
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['Col|1', 'Col "2"'],
      [EVIL, 'line one\nline two'],
      ["'=HYPERLINK(\"http://x\")", '-0.12'],
      ['short row', ''],
    ]);
    expect(csv.split('\r\n')[0]).toBe('Col|1,"Col ""2"""');
  });

  it('adds a level column for hierarchy tables only', () => {
    expect(Papa.parse<string[]>(toCsv(codes)).data).toEqual([
      ['level', 'Label', 'Code (definition)'],
      ['0', '10', 'Features of the innovation (higher level design principles)'],
      ['1', '10a.', 'Adaptation (e.g., make innovation fit)'],
      ['0', '20', 'Wider context'],
    ]);
    const flat: ReportTable = { title: 't', columns: [{ runs: [{ text: 'A' }] }], rows: [{ cells: [{ runs: [{ text: 'x' }] }] }] };
    expect(toCsv(flat)).toBe('A\r\nx');
  });
});

describe('toHtml', () => {
  it('writes a standalone table with caption, thead, tbody and tfoot', () => {
    const html = toHtml(codes);
    const dom = parseDocument(html);
    const table = DomUtils.findOne((e) => e.name === 'table', dom.children);
    expect(table).not.toBeNull();
    const caption = DomUtils.findOne((e) => e.name === 'caption', dom.children);
    expect(caption && DomUtils.textContent(caption)).toBe('Supplemental Table 1 Code structure');
    const ths = DomUtils.findAll((e) => e.name === 'th', dom.children).map((e) => DomUtils.textContent(e));
    expect(ths).toEqual(['Label', 'Code (definition)']);
    const ems = DomUtils.findAll((e) => e.name === 'em', dom.children).map((e) => DomUtils.textContent(e));
    expect(ems).toContain('higher level design principles');
    expect(html).toContain('<td style="padding-left:1.5em">10a.</td>');
    const tfoot = DomUtils.findOne((e) => e.name === 'tfoot', dom.children);
    expect(tfoot && DomUtils.textContent(tfoot)).toBe('From the project codebook: 3 codes, 2 at the top level.');
  });

  it('escapes everything the user typed', () => {
    const html = toHtml(hostile);
    const dom = parseDocument(html);
    expect(DomUtils.findAll((e) => ['script', 'img', 'b'].includes(e.name), dom.children)).toHaveLength(0);
    const tds = DomUtils.findAll((e) => e.name === 'td', dom.children);
    expect(DomUtils.textContent(tds[0])).toBe(EVIL);
    expect(html).toContain('a|b &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; *star* &amp; \\');
    expect(html).toContain('line one<br>line two');
    const caption = DomUtils.findOne((e) => e.name === 'caption', dom.children);
    expect(caption && DomUtils.textContent(caption)).toBe('Table 9 Hostile <b>title</b>Caption | with pipe');
    const tfoot = DomUtils.findOne((e) => e.name === 'tfoot', dom.children);
    expect(tfoot && DomUtils.textContent(tfoot)).toBe('Note <img src=x onerror=alert(1)> | endFrom project data: 3 rows.');
    // The short row is padded to the table's width.
    expect(DomUtils.findAll((e) => e.name === 'tr', dom.children).map((tr) => tr.children.length)).toEqual([2, 2, 2, 2, 1]);
  });
});

describe('renderTable', () => {
  it('dispatches on the format and rejects unknown formats', async () => {
    expect(await renderTable(table1, 'markdown')).toBe(toMarkdown(table1));
    expect(await renderTable(table1, 'csv')).toBe(toCsv(table1));
    expect(await renderTable(table1, 'html', { includeNotes: false })).toBe(toHtml(table1, { includeNotes: false }));
    await expect(renderTable(table1, 'pdf' as TableFormat)).rejects.toBeInstanceOf(AccordError);
  });
});
