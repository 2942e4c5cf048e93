// Tests for the paper-table builders against the reference study (Curry et al., BMJ Open 2022):
// Table 1, Table 2, Supplemental Tables 1 and 2, plus the agreement table and label order.

import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import { cellText, unprintedColumnName, type ReportTable } from '../../../shared/reports/table';
import {
  agreementTable,
  codeStructure,
  compareLabels,
  formatQuote,
  participantCharacteristics,
  quotesTable,
  themesTable,
  type ParticipantRecord,
} from '../../../shared/reports/tables';
import { SEED_EXISTS, seedCodes, seedSection } from './seed';
import { describeIf } from '../../helpers/shared-dir';

const texts = (t: ReportTable): string[][] => t.rows.map((r) => r.cells.map(cellText));

/** 26 synthetic participants with the study's distribution (Table 1 of Curry et al. 2022). */
function studyParticipants(): ParticipantRecord[] {
  const roles = [
    ...Array<string>(8).fill('Clinician'),
    ...Array<string>(12).fill('Middle management'),
    ...Array<string>(3).fill('CCG leadership'),
    ...Array<string>(3).fill('Social care partner'),
  ];
  // Sex interleaved so it is independent of role: the first 10 even positions are male.
  return roles.map((role, i) => ({
    pid: `ID${String(i + 1).padStart(2, '0')}`,
    attributes: { Sex: i % 2 === 0 && i < 20 ? 'Male' : 'Female', Role: role },
  }));
}

// Table 1 as printed in the paper (header, then section and value rows).
const TABLE1 = [
  ['Sex', ''],
  ['Male', '10'],
  ['Female', '16'],
  ['Role', ''],
  ['Clinician', '8'],
  ['Middle management', '12'],
  ['CCG leadership', '3'],
  ['Social care partner', '3'],
];

describe('participantCharacteristics (Table 1)', () => {
  const table = participantCharacteristics(studyParticipants(), ['Sex', 'Role'], {
    valueOrder: { Sex: ['Male', 'Female'] },
    footnote: 'CCG, Clinical Commissioning Group.',
  });

  it('gives the study counts and n=26', () => {
    expect(cellText(table.columns[0])).toBe('Participants (n=26)');
    expect(texts(table)).toEqual(TABLE1);
    expect(table.rows.map((r) => r.rowKind ?? 'data')).toEqual(['section', 'data', 'data', 'section', 'data', 'data', 'data', 'data']);
    expect(table.rows[1].cells[0].indent).toBe(1);
    expect(`${table.label} ${table.title}`).toBe('Table 1 Study participant characteristics');
    expect(table.footnote).toBe('CCG, Clinical Commissioning Group.');
  });

  it('prints no heading over the counts, as the paper, but names the column for a screen reader', () => {
    expect(cellText(table.columns[1])).toBe('');
    expect(unprintedColumnName(table, 0)).toBe('');
    expect(unprintedColumnName(table, 1)).toBe('Number of participants');
    const percent = participantCharacteristics(studyParticipants(), ['Sex'], { percent: true });
    expect(unprintedColumnName(percent, 1)).toBe('Number of participants (%)');
    // A table that names none of its unheaded columns still gives each a name.
    expect(unprintedColumnName({ ...table, columnNames: undefined }, 1)).toBe('Column 2');
  });

  describeIf(SEED_EXISTS, '../shared/seeds (the seed study)')('matches the seed file (skipped: /work/shared seed missing)', () => {
    it('has the rows of the paper', () => {
      const lines = seedSection('Table 1 Study participant characteristics', 'CCG, Clinical')
        .filter((l) => l.trim() !== '')
        .map((l) => l.split('\t').map((c) => c.trim()));
      expect(lines[0][0]).toBe(cellText(table.columns[0]));
      expect(texts(table)).toEqual(lines.slice(1));
    });
  });

  it('keeps first-seen order after the given order and counts missing values last', () => {
    const people: ParticipantRecord[] = [
      { pid: 'ID01', attributes: { Role: 'Clinician' } },
      { pid: 'ID02', attributes: { Role: 'Middle management' } },
      { pid: 'ID03', attributes: { Role: '  ' } },
      { pid: 'ID04', attributes: {} },
      { pid: 'ID05', attributes: { Role: 'Clinician' } },
    ];
    expect(texts(participantCharacteristics(people, ['Role']))).toEqual([
      ['Role', ''],
      ['Clinician', '2'],
      ['Middle management', '1'],
      ['Not recorded', '2'],
    ]);
    const ordered = participantCharacteristics(people, ['Role'], { valueOrder: { Role: ['Middle management', 'CCG leadership'] } });
    expect(texts(ordered).map((r) => r[0])).toEqual(['Role', 'Middle management', 'CCG leadership', 'Clinician', 'Not recorded']);
    expect(texts(ordered)[2]).toEqual(['CCG leadership', '0']);
  });

  it('adds percentages on request: 10/26 = 38%, 16/26 = 62%', () => {
    const t = participantCharacteristics(studyParticipants(), ['Sex'], { percent: true });
    expect(texts(t).slice(1)).toEqual([
      ['Male', '10 (38%)'],
      ['Female', '16 (62%)'],
    ]);
  });

  it('rejects duplicate participants and attributes nobody has', () => {
    const dup = [studyParticipants()[0], studyParticipants()[0]];
    expect(() => participantCharacteristics(dup, ['Sex'])).toThrow(AccordError);
    expect(() => participantCharacteristics(studyParticipants(), ['Age'])).toThrow(/Age/);
  });
});

describe('themesTable (Table 2)', () => {
  it('joins subthemes as the study does', () => {
    const t = themesTable([
      {
        name: 'Ways of working that supported rapid collaboration',
        subthemes: [
          { name: 'Endorsement and support', summary: 'Senior leadership provided visible endorsement' },
          'implementation decisions were shaped by an empowered middle management and frontline',
          'rapid integration of feedback promoted engagement and a culture of appreciation was manifest.',
        ],
      },
    ]);
    expect(t.columns.map(cellText)).toEqual(['Theme', 'Subthemes']);
    // Text of Table 2, first row, in Curry et al. 2022.
    expect(texts(t)).toEqual([
      [
        'Ways of working that supported rapid collaboration',
        'Senior leadership provided visible endorsement; implementation decisions were shaped by an empowered middle management and frontline; rapid integration of feedback promoted engagement and a culture of appreciation was manifest.',
      ],
    ]);
  });

  describeIf(SEED_EXISTS, '../shared/seeds (the seed study)')('against the seed (skipped: /work/shared seed missing)', () => {
    it('rebuilds every Table 2 row from its subthemes', () => {
      const lines = seedSection('Table 2 Themes and subthemes', 'GP, general practitioner.')
        .filter((l) => l.includes('\t') && !l.startsWith('Theme\t'))
        .map((l) => l.split('\t'));
      expect(lines).toHaveLength(4);
      const themes = lines.map(([name, subs]) => ({ name, subthemes: subs.replace(/\.$/, '').split('; ') }));
      expect(texts(themesTable(themes))).toEqual(lines.map(([a, b]) => [a, b.trim()]));
    });
  });
});

describe('compareLabels', () => {
  it('sorts code labels naturally', () => {
    const expected = ['10', '10a.', '10b', '10g', '20', '20a', '30', '30j', '90', '100', '200', '300', '999', ''];
    const shuffled = ['999', '20a', '10b', '', '100', '30j', '10', '300', '90', '10a.', '200', '30', '10g', '20'];
    expect([...shuffled].sort(compareLabels)).toEqual(expected);
    expect(compareLabels('10a', '10B')).toBeLessThan(0);
    expect(compareLabels('10B', '10c')).toBeLessThan(0);
    expect(compareLabels('10a.', '10a')).toBe(0);
    expect(compareLabels('2.10', '2.9')).toBeGreaterThan(0);
    expect(compareLabels('9', '10')).toBeLessThan(0);
  });
});

describe('codeStructure (Supplemental Table 1)', () => {
  const inline = [
    { label: '20', name: 'Wider context', definition: 'the larger local/regional/national ecology', parent: null },
    { label: '10b.', name: 'Perceived value/need for the innovation', definition: 'e.g., by GPs, patients', parentLabel: '10' },
    { label: '100', name: 'Facilitators/positive aspects or effects', definition: 'double code', parent: null },
    { label: '10', name: 'Features of the innovation', definition: 'higher level design principles', parent: null },
    { label: '10a.', name: 'Adaptation', definition: 'e.g., make innovation fit', parent: '10' },
    { label: '999', name: 'Great Quotes', definition: '', parent: null },
    { label: '20a.', name: 'Political/regulatory/structural', definition: '', parent: '20.' },
  ];

  it('orders by label, indents children and italicises definitions', () => {
    const t = codeStructure(inline);
    expect(texts(t).map((r) => r[0])).toEqual(['10', '10a.', '10b.', '20', '20a.', '100', '999']);
    expect(t.rows.map((r) => r.cells[0].indent ?? 0)).toEqual([0, 1, 1, 0, 1, 0, 0]);
    expect(t.rows[0].cells[1].runs).toEqual([
      { text: 'Features of the innovation (' },
      { text: 'higher level design principles', italic: true },
      { text: ')' },
    ]);
    expect(t.rows[6].cells[1].runs).toEqual([{ text: 'Great Quotes' }]);
    expect(`${t.label} ${t.title}`).toBe('Supplemental Table 1 Code structure');
  });

  it('rejects unknown parents, duplicate labels and cycles', () => {
    expect(() => codeStructure([{ label: '10a', name: 'x', definition: '', parent: '10' }])).toThrow(/parent 10 does not exist/);
    expect(() => codeStructure([inline[0], { ...inline[0] }])).toThrow(/used twice/);
    expect(() =>
      codeStructure([
        { label: '1', name: 'a', definition: '', parent: '2' },
        { label: '2', name: 'b', definition: '', parent: '1' },
      ]),
    ).toThrow(/cycle/);
  });

  describeIf(SEED_EXISTS, '../shared/seeds (the seed study)')('the study codebook (skipped: /work/shared seed missing)', () => {
    it('keeps the 64 codes in label order under their parents', () => {
      const codes = seedCodes();
      expect(codes).toHaveLength(64);
      // Reverse the input so the order must come from the labels, not the input.
      const t = codeStructure([...codes].reverse());
      expect(t.rows).toHaveLength(64);
      expect(t.rows.map((r) => cellText(r.cells[0]))).toEqual(codes.map((c) => c.label));
      const parents = codes.filter((c) => c.parent === null).map((c) => c.label);
      expect(parents).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100', '200', '300', '999']);
      t.rows.forEach((r, i) => expect(r.cells[0].indent ?? 0).toBe(codes[i].parent === null ? 0 : 1));
      const row30h = t.rows.find((r) => cellText(r.cells[0]) === '30h.');
      expect(row30h?.cells[1].runs[1]).toEqual({
        text: "e.g., team's ability to respond to broader changing org/environment, not adapting the project design per se (that is 10a), giving up control to advance the project",
        italic: true,
      });
    });
  });
});

describe('quotesTable (Supplemental Table 2)', () => {
  const themes = [
    {
      name: 'Ways of working that supported rapid collaboration',
      subthemes: [
        {
          name: 'Endorsement and support',
          quotes: [
            { text: 'Very early on, our STP leader and our chief exec made a firm commitment to the project.', participant: 'ID17' },
            { text: ' The senior authority... were all absolutely 100 percent behind.\n', participant: 'ID14' },
          ],
        },
        {
          name: 'Empowered middle management',
          quotes: [{ text: 'That gave the authority to get going.', participant: 'ID14', leadIn: 'Empowerment' }],
        },
      ],
    },
    { name: 'Balancing risk taking and accountability', subthemes: [{ name: 'Taking risks', quotes: [{ text: 'at risk', participant: '' }] }] },
  ];

  it('labels each quote and keeps the chosen order', () => {
    const t = quotesTable(themes);
    expect(t.columns.map(cellText)).toEqual(['Theme', 'Supplemental Quotes']);
    expect(cellText(t.rows[0].cells[1]).split('\n')).toEqual([
      'Endorsement and support: Very early on, our STP leader and our chief exec made a firm commitment to the project. ID17',
      'Endorsement and support: The senior authority... were all absolutely 100 percent behind. ID14',
      'Empowerment: That gave the authority to get going. ID14',
    ]);
    expect(cellText(t.rows[1].cells[1])).toBe('Taking risks: at risk');
    expect(t.notes).toEqual(['From project data: 4 quotes in 2 themes.', '1 quotes carry no participant ID.']);
  });

  it('formats one quote', () => {
    expect(formatQuote({ text: 'x', participant: 'ID3' }, 'Sub')).toBe('Sub: x ID3');
  });
});

describe('agreementTable', () => {
  it('names measure and unit and explains undefined values', () => {
    const t = agreementTable(
      [
        { label: '10a', name: 'Adaptation', values: { kappa: 0.8765, pa: 0.9 } },
        { label: '999', name: 'Great Quotes', values: { kappa: null, pa: 1 }, reasons: { kappa: 'expected agreement is 1' } },
        { label: '20', name: 'Wider context', values: { kappa: -0.125, pa: 0.4 } },
      ],
      {
        measures: [
          { key: 'kappa', name: "Cohen's κ" },
          { key: 'pa', name: 'Percent agreement', format: 'percent' },
        ],
        unit: 'characters',
        coders: ['AA', 'EC'],
        overall: { name: 'Overall', values: { kappa: 0.71, pa: 0.85 } },
      },
    );
    expect(t.title).toBe("Inter-coder agreement per code and overall (Cohen's κ, Percent agreement; unit: characters)");
    expect(t.columns.map(cellText)).toEqual(['Code', "Cohen's κ", 'Percent agreement']);
    expect(texts(t)).toEqual([
      ['10a Adaptation', '0.88', '90.0%'],
      ['999 Great Quotes', '—', '100.0%'],
      ['20 Wider context', '-0.13', '40.0%'],
      ['Overall', '0.71', '85.0%'],
    ]);
    expect(t.rows[3].rowKind).toBe('total');
    expect(t.footnote).toBe(
      "Cohen's κ, Percent agreement computed on characters between coders AA, EC. — not defined: 999 Great Quotes, Cohen's κ: expected agreement is 1.",
    );
  });

  it('says how many codes nobody applied are not listed', () => {
    const measures = [{ key: 'pa', name: 'Percent agreement', format: 'percent' as const }];
    const row = { label: '10a', name: 'Adaptation', values: { pa: 0.9 } };
    expect(agreementTable([row], { measures, unit: 'characters', notApplied: 46 }).footnote).toBe(
      'Percent agreement computed on characters. 46 codes that no coder applied in scope, directly or through a sub-code, are not listed.',
    );
    expect(agreementTable([row], { measures, unit: 'characters', notApplied: 1 }).footnote).toBe(
      'Percent agreement computed on characters. 1 code that no coder applied in scope, directly or through a sub-code, is not listed.',
    );
    expect(agreementTable([row], { measures, unit: 'characters', notApplied: 0 }).footnote).toBe('Percent agreement computed on characters.');
  });

  it('requires a measure and a unit', () => {
    expect(() => agreementTable([], { measures: [], unit: 'characters' })).toThrow(AccordError);
    expect(() => agreementTable([], { measures: [{ key: 'k', name: 'k' }], unit: ' ' })).toThrow(/unit/);
  });
});
