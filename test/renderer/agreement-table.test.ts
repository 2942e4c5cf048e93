// The agreement dashboard's pure helpers: interpretation bands at their published thresholds,
// columns by coder count and unit, sorting, and CSV.
import { describe, expect, it } from 'vitest';
import type { AgreementMeasures, AgreementReport, CodeAgreement } from '../../shared/api/agreement';
import type { CodeId, CoderId } from '../../shared/model/types';
import { band, columnsFor, reportCsv, sortRows } from '../../renderer/features/agreement/agreement-table';

const m = (alpha: number | null, units = 100): AgreementMeasures => ({
  units,
  percentAgreement: { value: 0.9, n: units },
  percentAllAgree: { value: 0.9, n: units },
  cohenKappa: { value: alpha, n: units },
  pairwiseCohen: [],
  fleissKappa: { value: alpha, n: units },
  krippendorffAlpha: alpha === null ? { value: null, reason: 'only one category', n: units } : { value: alpha, n: units },
  alphaU: { value: alpha, n: units },
});

const row = (id: number, label: string, alpha: number | null, depth = 0): CodeAgreement => ({
  codeId: id as CodeId,
  parentId: null,
  label,
  name: `Code ${label}`,
  path: `${label} Code ${label}`,
  depth,
  rolledUp: false,
  byDocument: [],
  byPair: [],
  ...m(alpha),
});

describe('agreement dashboard helpers', () => {
  it('bands follow Krippendorff (2004) .667/.800 and Landis & Koch (1977) .40', () => {
    expect([0.39, 0.4, 0.666, 0.667, 0.799, 0.8, 1].map(band)).toEqual(['poor', 'tentative', 'tentative', 'acceptable', 'acceptable', 'good', 'good']);
    expect(band(null)).toBe('undefined');
    expect(band(-0.2)).toBe('poor');
  });

  it('shows Cohen only for two coders and |uα only on characters', () => {
    const two = { coders: [{ id: 1 as CoderId, name: 'A' }, { id: 2 as CoderId, name: 'B' }], unit: 'character' as const };
    expect(columnsFor(two).map((c) => c.key)).toEqual(['units', 'percent', 'cohen', 'fleiss', 'alpha', 'alphaU']);
    expect(columnsFor({ ...two, coders: [...two.coders, { id: 3 as CoderId, name: 'C' }], unit: 'turn' }).map((c) => c.key)).toEqual(['units', 'percent', 'percentAll', 'fleiss', 'alpha']);
  });

  it('sorts by a measure with undefined values last', () => {
    const rows = [row(1, '10', 0.5), row(2, '20', null), row(3, '30', 0.9)];
    expect(sortRows(rows, 'alpha', true).map((r) => r.label)).toEqual(['30', '10', '20']);
    expect(sortRows(rows, 'alpha', false).map((r) => r.label)).toEqual(['10', '30', '20']);
    expect(sortRows(rows, 'codebook', false).map((r) => r.label)).toEqual(['10', '20', '30']);
  });

  it('writes CSV with empty cells for undefined values and an overall row', () => {
    const report: AgreementReport = {
      unit: 'character',
      scope: 'design',
      sentence: 'Agreement between A and B.',
      coders: [{ id: 1 as CoderId, name: 'A' }, { id: 2 as CoderId, name: 'B' }],
      documents: [],
      codes: [row(1, '10', 0.5), row(2, '10a', null, 1)],
      byDocument: [],
      byPair: [],
      overall: { pooling: 'pooled over 2 codes, "as applied"', ...m(0.25, 200) },
      notes: [],
    };
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe('level,code_label,code_name,code_path,n units,% agreement,Cohen κ,Fleiss κ,Krippendorff α,|uα');
    expect(lines[1]).toBe('0,10,Code 10,10 Code 10,100,0.9,0.5,0.5,0.5,0.5');
    expect(lines[2]).toBe('1,10a,Code 10a,10a Code 10a,100,0.9,,,,');
    expect(lines[3]).toBe(',,Overall,"pooled over 2 codes, ""as applied""",200,0.9,0.25,0.25,0.25,0.25');
  });
});
