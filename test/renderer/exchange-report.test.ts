// The exchange dialog's report lines: import counts, the offset reading, and one line per merged copy.
import { describe, expect, it } from 'vitest';
import type { MergeReport, RefiImportReport } from '../../shared/api/exchange';
import { countsLine, importCounts, mergeLines, offsetLine } from '../../renderer/features/exchange/report-lines';

const report: RefiImportReport = {
  file: 'study.qdpx',
  kind: 'project',
  origin: 'NVivo for Windows 12.6',
  users: 2,
  codes: 152,
  sources: 2,
  codings: 303,
  notes: 0,
  cases: 0,
  created: { coders: 2, codes: 152, documents: 2, codings: 303, memos: 0, participants: 0, attributes: 0 },
  offsetUnit: 'utf16',
  crlfCountsAs: 2,
  offsetReason: '300/303 on word boundaries',
  skipped: [],
  warnings: [],
  groups: { sets: 0, created: 0, addedMembers: 0 },
};

describe('exchange report lines', () => {
  it('import: counts and the offset reading with its reason', () => {
    expect(importCounts(report)).toBe('2 coders, 152 codes, 2 documents, 303 codings, 0 memos, 0 cases');
    expect(importCounts({ ...report, users: 1, sources: 1, notes: 1, groups: { sets: 1, created: 1, addedMembers: 2 } })).toBe(
      '1 coder, 152 codes, 1 document, 303 codings, 1 memo, 0 cases, 1 document set (now document groups)',
    );
    expect(offsetLine(report)).toBe(
      'Passage positions counted as NVivo and other Windows tools count them (UTF-16 units), a Windows line break counting as 2 characters, because 300/303 on word boundaries',
    );
    const book = { ...report, kind: 'codebook' as const, codes: 3, created: { ...report.created, codes: 1 } };
    expect(importCounts(book)).toBe('3 codes (1 new)');
    expect(offsetLine(book)).toBeNull();
  });

  it('merge: added and already-there counts per copy, zeros left out', () => {
    const zero = { coders: 0, codes: 0, documents: 0, participants: 0, attributes: 0, attributeValues: 0, codings: 0, memos: 0 };
    const merge: MergeReport = {
      target: '/p/lead.accord',
      backup: null,
      unchanged: false,
      sources: [
        {
          path: '/p/ana.accord',
          added: { ...zero, codings: 3, codes: 1 },
          matched: { ...zero, codes: 3, attributeValues: 2, codesByGuid: 2, codesByPath: 1 },
          conflicts: [],
          notMerged: [],
          groups: { added: 0, matched: 0, addedMembers: [], matchedMembers: 0 },
        },
      ],
    };
    expect(mergeLines(merge)).toEqual([
      'ana.accord: added 1 code, 3 codings; already there 3 codes, 2 attribute values (codes recognised: 2 by their identifier, 1 by their place in the code tree)',
    ]);
    expect(countsLine(zero)).toBe('nothing');
  });
});
