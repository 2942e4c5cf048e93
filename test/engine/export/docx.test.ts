// Tests for the Word writer: the .docx opens as a zip, word/document.xml holds the cell texts, the
// journal-style rules, italic runs as <w:i/>, and escaped hostile text.

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toDocx } from '../../../electron/engine/export/docx';
import { renderTable } from '../../../electron/engine/export/index';
import type { ReportTable } from '../../../shared/reports/table';
import { codeStructure, participantCharacteristics, quotesTable } from '../../../shared/reports/tables';
import { SEED_EXISTS, seedCodes } from '../../unit/reports/seed';
import { describeIf } from '../../helpers/shared-dir';

async function documentXml(bytes: Uint8Array): Promise<string> {
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toContain('[Content_Types].xml');
  return strFromU8(files['word/document.xml']);
}

/** The `<w:r>` runs whose text is exactly `text`. */
function runsWithText(xml: string, text: string): string[] {
  return (xml.match(/<w:r>[\s\S]*?<\/w:r>/g) ?? []).filter((r) => r.includes(`>${text}</w:t>`));
}

const cellTexts = (xml: string): string[] => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);

const participants = [
  { pid: 'ID01', attributes: { Sex: 'Male', Role: 'Clinician' } },
  { pid: 'ID02', attributes: { Sex: 'Female', Role: 'CCG leadership' } },
  { pid: 'ID03', attributes: { Sex: 'Female', Role: 'Clinician' } },
];

describe('toDocx', () => {
  it('writes Table 1 with title, header, cells and footnote', async () => {
    const table = participantCharacteristics(participants, ['Sex', 'Role'], { footnote: 'CCG, Clinical Commissioning Group.' });
    const bytes = await renderTable(table, 'docx');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes[0]).toBe(0x50); // 'PK' zip signature
    expect(bytes[1]).toBe(0x4b);
    const xml = await documentXml(bytes);
    expect(cellTexts(xml)).toEqual([
      'Table 1 ',
      'Study participant characteristics',
      'Participants (n=3)',
      'Sex',
      'Male',
      '1',
      'Female',
      '2',
      'Role',
      'Clinician',
      '2',
      'CCG leadership',
      '1',
      'CCG, Clinical Commissioning Group.',
      'Counts from project data: 3 participants; attributes Sex, Role.',
    ]);
    // Label bold in the title; header bold; section row bold.
    expect(runsWithText(xml, 'Table 1 ')[0]).toContain('<w:b/>');
    expect(runsWithText(xml, 'Participants (n=3)')[0]).toContain('<w:b/>');
    expect(runsWithText(xml, 'Sex')[0]).toContain('<w:b/>');
    expect(runsWithText(xml, 'Male')[0]).not.toContain('<w:b/>');
    // Footnote in 8 pt (16 half-points).
    expect(runsWithText(xml, 'CCG, Clinical Commissioning Group.')[0]).toContain('<w:sz w:val="16"/>');
    // Journal rules: no vertical lines, a rule under the header row, a repeating header.
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(xml)?.[1] ?? '';
    expect(borders).toMatch(/<w:top w:val="single"/);
    expect(borders).toMatch(/<w:bottom w:val="single"/);
    expect(borders).toMatch(/<w:left w:val="none"/);
    expect(borders).toMatch(/<w:right w:val="none"/);
    expect(borders).toMatch(/<w:insideV w:val="none"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:tcBorders><w:bottom w:val="single"/);
    // Value rows are indented under their section.
    const maleParagraph = /<w:p>(?:(?!<w:p>)[\s\S])*?>Male<\/w:t>/.exec(xml)?.[0] ?? '';
    expect(maleParagraph).toContain('<w:ind w:left="284"/>');
  });

  it('keeps italic definitions as <w:i/> runs and the plain name without', async () => {
    const table = codeStructure([
      { label: '10', name: 'Features of the innovation', definition: 'higher level design principles', parent: null },
      { label: '10a.', name: 'Adaptation', definition: 'e.g., make innovation fit', parent: '10' },
    ]);
    const xml = await documentXml(await toDocx(table, { includeNotes: false }));
    expect(runsWithText(xml, 'higher level design principles')[0]).toContain('<w:i/>');
    expect(runsWithText(xml, 'e.g., make innovation fit')[0]).toContain('<w:i/>');
    expect(runsWithText(xml, 'Features of the innovation (')[0]).not.toContain('<w:i/>');
    expect(cellTexts(xml)).not.toContain('From the project codebook: 2 codes, 1 at the top level.');
    const childParagraph = /<w:p>(?:(?!<w:p>)[\s\S])*?>10a\.<\/w:t>/.exec(xml)?.[0] ?? '';
    expect(childParagraph).toContain('<w:ind w:left="284"/>');
  });

  it('escapes hostile text and splits multi-paragraph cells', async () => {
    const hostile: ReportTable = {
      title: 'Quotes <script>alert(1)</script>',
      columns: [{ runs: [{ text: 'A & B' }] }, { runs: [{ text: 'Say "hi"' }] }],
      rows: [{ cells: [{ runs: [{ text: '</w:t></w:r><w:r><w:t>x' }] }, { runs: [{ text: 'first\nsecond' }] }] }],
    };
    const bytes = await toDocx([hostile, hostile]);
    const xml = await documentXml(bytes);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('Quotes &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('&lt;/w:t&gt;&lt;/w:r&gt;');
    expect(cellTexts(xml).filter((t) => t === 'first' || t === 'second')).toEqual(['first', 'second', 'first', 'second']);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(2);
  });

  it('gives the quote column most of the page width', async () => {
    const table = quotesTable([
      { name: 'Balancing risk taking and accountability', subthemes: [{ name: 'Taking risks', quotes: [{ text: 'a lot of the restrictions around funding relaxed. '.repeat(8), participant: 'ID16' }] }] },
    ]);
    const xml = await documentXml(await toDocx(table));
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(2);
    expect(grid[1]).toBeGreaterThan(2 * grid[0]);
  });

  describeIf(SEED_EXISTS, '../shared/seeds (the seed study)')('the study code structure (skipped: /work/shared seed missing)', () => {
    it('writes all 64 codes as rows after the header', async () => {
      const xml = await documentXml(await toDocx(codeStructure(seedCodes())));
      expect((xml.match(/<w:tr>/g) ?? []).length).toBe(65);
      expect(runsWithText(xml, 'Great Quotes')).toHaveLength(1);
    });
  });
});
