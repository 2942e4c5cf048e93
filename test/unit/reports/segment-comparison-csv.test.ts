// The segment comparison's unmatched segments as CSV: one row each, quoted where needed, and a coded
// text that starts like a formula kept as text.
import { describe, expect, it } from 'vitest';
import type { SegmentComparisonReport } from '../../../shared/api/agreement';
import type { CodeId, CoderId, DocumentId } from '../../../shared/model/types';
import { overlapPercent, segmentComparisonJson, unmatchedCsv } from '../../../shared/reports/segment-comparison';

const none = { agree: 0, disagree: 0, percent: null, reason: 'nothing' };
const report: SegmentComparisonReport = {
  scope: 'design',
  sentence: 's',
  coders: [
    { id: 1 as CoderId, name: 'Ana' },
    { id: 2 as CoderId, name: 'Ben' },
  ],
  documents: [{ id: 1 as DocumentId, name: 'ID1, interview' }],
  overlapThreshold: 90,
  chance: { codes: 1, pc: 1 },
  codes: [],
  total: { existence: none, frequency: none, segments: { ...none, kappaBP: null, kappaBPReason: 'no segments' } },
  byDocument: [],
  unmatched: [
    { documentId: 1 as DocumentId, document: 'ID1, interview', codeId: 3 as CodeId, code: '10a', codingId: 7, coder: 'Ana', start: 0, end: 9, text: '=SUM(A1) "x"', other: { codingId: 8, start: 2, end: 9, text: 'UM(A1) "x"' }, overlap: 7 / 9 },
    { documentId: 1 as DocumentId, document: 'ID1, interview', codeId: 3 as CodeId, code: '10a', codingId: 9, coder: 'Ben', start: 20, end: 30, text: 'plain', other: null, overlap: 0 },
  ],
  unmatchedTotal: 2,
  notes: [],
};

describe('unmatchedCsv', () => {
  it('writes one row per unmatched segment with the other coder and the overlap in percent', () => {
    const lines = unmatchedCsv(report).split('\r\n');
    expect(lines).toEqual([
      'document,code,coder,start,end,text,other_coder,other_start,other_end,other_text,overlap_percent',
      // 7/9 = 77.78 % → 77.8; the formula-like text is prefixed with ' and quoted for its quotes.
      `"ID1, interview",10a,Ana,0,9,"'=SUM(A1) ""x""",Ben,2,9,"UM(A1) ""x""",77.8`,
      '"ID1, interview",10a,Ben,20,30,plain,Ana,,,,0.0',
    ]);
    expect(overlapPercent(0.95)).toBe('95.0');
  });

  it('JSON: a null percent or kappa carries its reason', () => {
    const j = segmentComparisonJson(report);
    expect(j.total.segments).toEqual({ agree: 0, disagree: 0, percent: null, percent_reason: 'nothing', kappa_bp: null, kappa_bp_reason: 'no segments' });
    expect(j.unmatched[1]).toEqual({ document: 'ID1, interview', code: '10a', coder: 'Ben', start: 20, end: 30, text: 'plain', other: null, overlap: 0 });
  });
});
