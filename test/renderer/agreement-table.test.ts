// The agreement dashboard's pure helpers: interpretation bands at their published thresholds,
// columns by coder count and unit, sorting, and CSV.
import { describe, expect, it } from 'vitest';
import type { AgreementMeasures, AgreementReport, CodeAgreement, DomainAgreement, DomainsReport } from '../../shared/api/agreement';
import type { CodeId, CoderId } from '../../shared/model/types';
import { emptyColumns } from '../../shared/stats/text-agreement';
import { band, columnsFor, cuAlphaCell, domainColumn, globalCuAlphaCell, reportCsv, sortRows } from '../../renderer/features/agreement/agreement-table';

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
  applied: true,
  byDocument: emptyColumns(true),
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

  it('ranks a code nobody applied last, whatever its trivial 100 %', () => {
    const unapplied = { ...row(4, '40', null), applied: false, percentAgreement: { value: 1, n: 100 } };
    const rows = [unapplied, row(1, '10', 0.5), row(3, '30', 0.9)];
    expect(sortRows(rows, 'percent', true).map((r) => r.label)).toEqual(['10', '30', '40']);
    expect(sortRows(rows, 'percent', false).map((r) => r.label)).toEqual(['10', '30', '40']);
  });

  it('writes CSV with empty cells for undefined values and an overall row', () => {
    const report: AgreementReport = {
      unit: 'character',
      scope: 'design',
      sentence: 'Agreement between A and B.',
      coders: [{ id: 1 as CoderId, name: 'A' }, { id: 2 as CoderId, name: 'B' }],
      documents: [],
      codes: [row(1, '10', 0.5), row(2, '10a', null, 1), { ...row(3, '10b', null, 1), applied: false, percentAgreement: { value: 1, n: 100 } }],
      byDocument: [],
      byPair: [],
      overall: { pooling: 'pooled over 2 codes, "as applied"', ...m(0.25, 200) },
      notes: [],
    };
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe('level,code_label,code_name,code_path,applied,n units,% agreement,Cohen κ,Fleiss κ,Krippendorff α,|uα');
    expect(lines[1]).toBe('0,10,Code 10,10 Code 10,yes,100,0.9,0.5,0.5,0.5,0.5');
    expect(lines[2]).toBe('1,10a,Code 10a,10a Code 10a,yes,100,0.9,,,,');
    // Nobody applied 10b: no figures, not its trivial 100 %.
    expect(lines[3]).toBe('1,10b,Code 10b,10b Code 10b,no,,,,,,');
    expect(lines[4]).toBe(',,Overall,"pooled over 2 codes, ""as applied""",yes,200,0.9,0.25,0.25,0.25,0.25');
  });

  describe('cu-α beside the per-code measures', () => {
    const domain = (parentId: number | null, value: number | null, reason?: string): DomainAgreement => ({
      name: parentId === null ? 'A list' : `${parentId} Parent`,
      parentId: parentId as CodeId | null,
      codes: [],
      cuAlpha: { value, n: 40, ...(reason ? { reason } : {}) },
      units: 40,
      overlaps: { count: value === null ? 0 : 2, characters: 7, spans: [] },
    });
    const domainsReport = (domains: DomainAgreement[], global: number | null): DomainsReport => ({
      unit: 'character',
      scope: 'design',
      sentence: 'Agreement between A and B …',
      domainSentence: 'Within each semantic domain …',
      coders: [],
      documents: [],
      domains,
      globalCuAlpha: global === null ? { value: null, reason: 'Cu-α compares two or more domains; one was given', n: 0 } : { value: global, n: 60 },
      globalUnits: 60,
      globalOverlaps: { count: 0, characters: 0, spans: [] },
      notes: [],
    });

    it('a parent row shows its domain, banded, with what it counts; a null shows its reason', () => {
      const col = domainColumn(domainsReport([domain(1, 0.7123), domain(2, null, 'only one category occurs where coders both coded: no variation to assess'), domain(null, 0.2)], null))!;
      expect([...col.byParent.keys()]).toEqual([1, 2]);
      const good = cuAlphaCell(col.byParent.get(1));
      expect(good).toEqual({
        text: '0.712',
        band: 'acceptable',
        title: 'cu-α on 40 characters two or more coders coded within 1 Parent (0 codes); 2 places where one coder applied two of its codes (counted as uncoded)',
      });
      const none = cuAlphaCell(col.byParent.get(2));
      expect(none.text).toBe('—');
      expect(none.band).toBe('undefined');
      expect(none.title).toBe('cu-α undefined: only one category occurs where coders both coded: no variation to assess');
      expect(cuAlphaCell(undefined).text).toBe('');
      expect(globalCuAlphaCell(null).text).toBe('');
      expect(globalCuAlphaCell(domainsReport([domain(1, 0.5)], null)).title).toBe('Cu-α undefined: Cu-α compares two or more domains; one was given');
      expect(globalCuAlphaCell(domainsReport([domain(1, 0.5)], 0.6))).toEqual({
        text: '0.600',
        band: 'tentative',
        title: 'Cu-α, each top-level domain one category, on 60 characters two or more coders coded within a domain',
      });
    });

    it('the CSV gains a cu-α column and the domain sentence', () => {
      const report = {
        coders: [{ id: 1 as CoderId, name: 'A' }, { id: 2 as CoderId, name: 'B' }],
        unit: 'character',
        sentence: 'S.',
        codes: [row(1, '10', 0.5), { ...row(2, '10a', null, 1), parentId: 1 as CodeId }],
        overall: { pooling: 'p', ...m(0.25, 200) },
      } as unknown as AgreementReport;
      const col = domainColumn(domainsReport([domain(1, 0.7123)], 0.6))!;
      const lines = reportCsv(report, col).split('\r\n');
      expect(lines[0]).toBe('level,code_label,code_name,code_path,applied,n units,% agreement,Cohen κ,Fleiss κ,Krippendorff α,|uα,cu-α');
      expect(lines[1]).toBe('0,10,Code 10,10 Code 10,yes,100,0.9,0.5,0.5,0.5,0.5,0.7123');
      expect(lines[2]).toBe('1,10a,Code 10a,10a Code 10a,yes,100,0.9,,,,,');
      expect(lines[3]).toBe(',,Overall,p,yes,200,0.9,0.25,0.25,0.25,0.25,0.6');
      expect(lines[5]).toBe('Within each semantic domain …');
    });
  });
});
