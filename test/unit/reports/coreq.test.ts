// Tests for the COREQ checklist definition (Tong, Sainsbury & Craig 2007), its pre-fill from project
// facts, and the checklist table.

import { describe, expect, it } from 'vitest';
import { COREQ_DOMAINS, COREQ_ITEMS, coreqTable, prefillCoreq, type CoreqFacts } from '../../../shared/reports/coreq';
import { cellText } from '../../../shared/reports/table';
import { SEED_EXISTS, seedSection } from './seed';
import { describeIf } from '../../helpers/shared-dir';

describe('COREQ_ITEMS', () => {
  it('has 32 numbered items in the published domains and sections', () => {
    expect(COREQ_ITEMS).toHaveLength(32);
    expect(COREQ_ITEMS.map((i) => i.number)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    const ranges = (section: string): number[] => COREQ_ITEMS.filter((i) => i.section === section).map((i) => i.number);
    // Section ranges as in Tong et al. 2007, Table 1.
    expect(ranges('Personal Characteristics')).toEqual([1, 2, 3, 4, 5]);
    expect(ranges('Relationship with participants')).toEqual([6, 7, 8]);
    expect(ranges('Theoretical framework')).toEqual([9]);
    expect(ranges('Participant selection')).toEqual([10, 11, 12, 13]);
    expect(ranges('Setting')).toEqual([14, 15, 16]);
    expect(ranges('Data collection')).toEqual([17, 18, 19, 20, 21, 22, 23]);
    expect(ranges('Data analysis')).toEqual([24, 25, 26, 27, 28]);
    expect(ranges('Reporting')).toEqual([29, 30, 31, 32]);
    expect(COREQ_ITEMS.filter((i) => i.domain === 1)).toHaveLength(8);
    expect(COREQ_ITEMS.filter((i) => i.domain === 2)).toHaveLength(15);
    expect(COREQ_ITEMS.filter((i) => i.domain === 3)).toHaveLength(9);
    expect(COREQ_ITEMS[26]).toMatchObject({ number: 27, title: 'Software', question: 'What software, if applicable, was used to manage the data?' });
  });

  describeIf(SEED_EXISTS, '../shared/seeds (the seed study)')('against the checklist in the seed (skipped: /work/shared seed missing)', () => {
    it('uses the seed’s titles and guide questions word for word', () => {
      const rows = seedSection('No. Item', 'Supplemental File 2')
        .map((l) => /^(\d+)\. ([^\t]+)\t([^\t]+)\t/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ number: Number(m[1]), title: m[2], question: m[3] }));
      expect(rows).toHaveLength(32);
      expect(COREQ_ITEMS.map(({ number, title, question }) => ({ number, title, question }))).toEqual(rows);
      const headings = seedSection('No. Item', 'Supplemental File 2').map((l) => l.split('\t')[0]);
      for (const d of Object.values(COREQ_DOMAINS)) expect(headings).toContain(d);
    });
  });
});

// Facts of the reference study (Curry et al. 2022): 26 interviews, 4 coders, ATLAS.ti V.8.
const studyFacts: CoreqFacts = {
  participantsWithTranscripts: 26,
  coders: [
    { name: 'LC', codings: 410 },
    { name: 'AA', codings: 388 },
    { name: 'EC', codings: 402 },
    { name: 'SC-C', codings: 395 },
    { name: 'Consensus', codings: 900, isConsensus: true },
    { name: 'Guest', codings: 0 },
  ],
  software: { name: 'ATLAS.ti', version: 'V.8' },
};

describe('prefillCoreq', () => {
  it('pre-fills nothing from empty facts', () => {
    expect(prefillCoreq({})).toEqual([]);
    expect(prefillCoreq({ participantsWithTranscripts: 0, coders: [], transcriptDurationsMs: [], quotes: { count: 0, allIdentified: true } })).toEqual([]);
  });

  it('pre-fills sample size, coders and software from the study facts', () => {
    const answers = prefillCoreq(studyFacts);
    expect(answers.map((a) => a.number)).toEqual([12, 24, 27]);
    expect(answers.every((a) => a.fromProject)).toBe(true);
    const byNo = new Map(answers.map((a) => [a.number, a]));
    expect(byNo.get(12)?.answer).toBe('26 participants');
    expect(byNo.get(24)?.answer).toBe('4 coders');
    expect(byNo.get(24)?.evidence).toBe('Coders with codings: LC (410 codings), AA (388 codings), EC (402 codings), SC-C (395 codings)');
    expect(byNo.get(27)?.answer).toBe('ATLAS.ti V.8');
  });

  it('pre-fills the other items only from their facts', () => {
    const min = 60000;
    const answers = prefillCoreq({
      participantAttributes: ['Sex', 'Role'],
      hasParticipantTable: true,
      // (22 + 57 + 50) / 3 = 43 min: the study's mean and range (22–57 min).
      transcriptDurationsMs: [22 * min, 57 * min, 50 * min, Number.NaN, 0],
      hasSaturationCurve: true,
      codebook: { codes: 64, topLevel: 13, hasTable: true },
      themes: { themes: 4, subthemes: 13, linkedToCodes: 4, hasTable: true },
      quotes: { count: 40, allIdentified: false },
    });
    const byNo = new Map(answers.map((a) => [a.number, a.answer]));
    expect([...byNo.keys()]).toEqual([16, 21, 22, 25, 26, 29]);
    expect(byNo.get(16)).toBe('Participant characteristics table (Sex, Role)');
    expect(byNo.get(21)).toBe('Mean 43 min (range 22–57 min)');
    expect(byNo.get(25)).toBe('Code structure table: 64 codes, 13 at the top level');
    expect(byNo.get(26)).toBe('Themes table: 4 themes, 13 subthemes');
    expect(byNo.get(29)).toBe('Yes: 40 quotations; not all identified by participant ID');
    expect(prefillCoreq({ quotes: { count: 1, allIdentified: true } })[0].answer).toBe('Yes: 1 quotation, each identified by participant ID');
    expect(prefillCoreq({ hasParticipantTable: false, participantAttributes: ['Sex'] })).toEqual([]);
  });
});

describe('coreqTable', () => {
  it('lays out domains, sections and items with answers and provenance notes', () => {
    const answers = [...prefillCoreq(studyFacts), { number: 1, answer: 'LC, AA, EC, SC-C', page: 'P. 5', fromProject: false }];
    const t = coreqTable(COREQ_ITEMS, answers);
    expect(t.columns.map(cellText)).toEqual(['No. Item', 'Guide questions/description', 'Answer', 'Reported on page #']);
    // 3 domain rows + 8 section rows + 32 items.
    expect(t.rows).toHaveLength(43);
    expect(t.rows.filter((r) => r.rowKind === 'section')).toHaveLength(11);
    expect(t.rows.slice(0, 3).map((r) => cellText(r.cells[0]))).toEqual([
      'Domain 1: Research team and reflexivity',
      'Personal Characteristics',
      '1. Interviewer/facilitator',
    ]);
    expect(t.rows[1].cells[0].runs[0].italic).toBe(true);
    expect(t.rows[2].cells.map(cellText)).toEqual(['1. Interviewer/facilitator', 'Which author/s conducted the interview or focus group?', 'LC, AA, EC, SC-C', 'P. 5']);
    const item12 = t.rows.find((r) => cellText(r.cells[0]) === '12. Sample size');
    expect(item12?.cells.map(cellText).slice(2)).toEqual(['26 participants', '']);
    expect(t.notes).toEqual([
      'Item 12 from project data: 26 participants linked to at least one transcript in the project.',
      'Item 24 from project data: Coders with codings: LC (410 codings), AA (388 codings), EC (402 codings), SC-C (395 codings).',
      'Item 27 from project data: Project managed in ATLAS.ti V.8.',
    ]);
    expect(() => coreqTable(COREQ_ITEMS, [{ number: 33, answer: 'x', fromProject: false }])).toThrow(/item 33/);
  });
});
