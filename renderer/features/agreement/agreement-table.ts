// Pure helpers of the agreement dashboard: conventional interpretation bands for chance-corrected
// coefficients, the measure columns, sorting of code rows, and the table as CSV.
import type { AgreementMeasures, AgreementReport, CodeAgreement, PairAgreement } from '../../../shared/api/agreement';
import type { Measure } from '../../../shared/stats/agreement';

export type Band = 'poor' | 'tentative' | 'acceptable' | 'good' | 'undefined';

/**
 * Band of a kappa or alpha: < .40 poor, .40–.667 tentative, .667–.80 acceptable, ≥ .80 good.
 * Krippendorff (2004, Content Analysis, 2nd ed., p. 241): rely on α ≥ .800, draw tentative
 * conclusions from .667 ≤ α < .800; Landis & Koch (1977, Biometrics 33:159–174): κ below .40 is
 * at most fair agreement.
 */
export function band(value: number | null): Band {
  if (value === null || Number.isNaN(value)) return 'undefined';
  if (value >= 0.8) return 'good';
  if (value >= 0.667) return 'acceptable';
  if (value >= 0.4) return 'tentative';
  return 'poor';
}

export const BAND_NOTE =
  'Colours: κ/α < .40 poor, .40–.67 tentative, .67–.80 acceptable, ≥ .80 good (Krippendorff 2004, Content Analysis 2nd ed., p. 241; ' +
  'Landis & Koch 1977, Biometrics 33:159–174). Percent agreement is not corrected for chance and is not coloured.';

export interface Column {
  key: 'units' | 'percent' | 'percentAll' | 'cohen' | 'fleiss' | 'alpha' | 'alphaU';
  title: string;
  /** Tooltip: what the measure is. */
  help: string;
  banded: boolean;
}

/** The measure columns for a report: Cohen only for two coders, |uα only on characters. */
export function columnsFor(report: Pick<AgreementReport, 'coders' | 'unit'>): Column[] {
  const cols: Column[] = [
    { key: 'units', title: 'n units', help: `Units compared (${report.unit}s; parents count their sub-codes)`, banded: false },
    {
      key: 'percent',
      title: '% agreement',
      help: 'Mean over coder pairs of the share of units (both coders count on) on which the two agree',
      banded: false,
    },
  ];
  if (report.coders.length > 2) {
    cols.push({ key: 'percentAll', title: '% all agree', help: 'Share of units on which every coder counting there agrees', banded: false });
  }
  if (report.coders.length === 2) cols.push({ key: 'cohen', title: 'Cohen κ', help: "Cohen's kappa (two coders)", banded: true });
  cols.push({ key: 'fleiss', title: 'Fleiss κ', help: "Fleiss' kappa", banded: true });
  cols.push({ key: 'alpha', title: 'Krippendorff α', help: "Krippendorff's alpha, nominal", banded: true });
  if (report.unit === 'character') {
    cols.push({ key: 'alphaU', title: '|uα', help: "Krippendorff's unitized alpha for this code vs. not (Krippendorff et al. 2016)", banded: true });
  }
  return cols;
}

/** The measure of a column (units as a plain count). */
export function cell(m: AgreementMeasures | PairAgreement, key: Column['key']): Measure | { value: number; n: number } | null {
  switch (key) {
    case 'units':
      return { value: m.units, n: m.units };
    case 'percent':
      return m.percentAgreement;
    case 'percentAll':
      return m.percentAllAgree;
    case 'cohen':
      return m.cohenKappa;
    case 'fleiss':
      return 'fleissKappa' in m ? m.fleissKappa : null;
    case 'alpha':
      return m.krippendorffAlpha;
    case 'alphaU':
      return m.alphaU;
  }
}

export function formatValue(key: Column['key'], value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (key === 'units') return value.toLocaleString('en');
  if (key === 'percent' || key === 'percentAll') return `${(value * 100).toFixed(1)}%`;
  return value.toFixed(3);
}

export type SortKey = 'codebook' | Column['key'];

/**
 * Rows in codebook order (hierarchy kept) or by one measure (undefined values last), ascending or
 * descending.
 */
export function sortRows(rows: readonly CodeAgreement[], key: SortKey, descending: boolean): CodeAgreement[] {
  if (key === 'codebook') return descending ? [...rows].reverse() : [...rows];
  const value = (r: CodeAgreement) => cell(r, key)?.value ?? null;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return descending ? y - x : x - y;
  });
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A spreadsheet would run = + - @ as a formula; signed numbers stay numbers.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The dashboard's table as CSV: one row per code (with its depth and path) and an overall row. */
export function reportCsv(report: AgreementReport): string {
  const cols = columnsFor(report);
  const header = ['level', 'code_label', 'code_name', 'code_path', ...cols.map((c) => c.title)];
  const line = (level: number | null, label: string, name: string, path: string, m: AgreementMeasures) =>
    [level, label, name, path, ...cols.map((c) => cell(m, c.key)?.value ?? null)].map(csvCell).join(',');
  const lines = [header.map(csvCell).join(',')];
  for (const r of report.codes) lines.push(line(r.depth, r.label, r.name, r.path, r));
  lines.push(line(null, '', 'Overall', report.overall.pooling, report.overall));
  lines.push(csvCell(report.sentence));
  return `${lines.join('\r\n')}\r\n`;
}
