// Pure helpers of the agreement dashboard: conventional interpretation bands for chance-corrected
// coefficients, the measure columns, sorting of code rows, and the table as CSV.
import type { AgreementMeasures, AgreementReport, CodeAgreement, DocumentRow, DomainAgreement, DomainsReport, PairAgreement, RowMeasure } from '../../../shared/api/agreement';

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
export function cell(m: AgreementMeasures | PairAgreement | DocumentRow, key: Column['key']): RowMeasure | null {
  switch (key) {
    case 'units':
      return { value: m.units };
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
/** Why a code has no figures in the table: nobody applied it in scope. */
export const NOT_APPLIED_HELP =
  'No selected coder applied this code (or its sub-codes) in scope: everyone left all of it uncoded, so its agreement is a trivial 100 % ' +
  'that says nothing about reliability. It is left out of the overall figures and of the Word table.';

export function sortRows(rows: readonly CodeAgreement[], key: SortKey, descending: boolean): CodeAgreement[] {
  if (key === 'codebook') return descending ? [...rows].reverse() : [...rows];
  // Codes nobody applied have no figures to rank: last, as undefined values are.
  const value = (r: CodeAgreement) => (r.applied ? (cell(r, key)?.value ?? null) : null);
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
export function reportCsv(report: AgreementReport, domains?: DomainColumn | null): string {
  const cols = columnsFor(report);
  const header = ['level', 'code_label', 'code_name', 'code_path', 'applied', ...cols.map((c) => c.title), ...(domains ? [CU_ALPHA_TITLE] : [])];
  // A code nobody applied gets no figures (see NOT_APPLIED_HELP).
  const line = (level: number | null, label: string, name: string, path: string, applied: boolean, m: AgreementMeasures, cu?: number | null) =>
    [level, label, name, path, applied ? 'yes' : 'no', ...cols.map((c) => (applied ? (cell(m, c.key)?.value ?? null) : null)), ...(domains ? [cu ?? null] : [])]
      .map(csvCell)
      .join(',');
  const lines = [header.map(csvCell).join(',')];
  for (const r of report.codes) lines.push(line(r.depth, r.label, r.name, r.path, r.applied, r, domains?.byParent.get(r.codeId)?.cuAlpha.value));
  lines.push(line(null, '', 'Overall', report.overall.pooling, true, report.overall, domains?.global?.globalCuAlpha.value));
  lines.push(csvCell(report.sentence));
  if (domains?.global) lines.push(csvCell(domains.global.domainSentence));
  return `${lines.join('\r\n')}\r\n`;
}

// cu-α beside the per-code measures: each code with sub-codes is a semantic domain (ATLAS.ti's term)
// whose categories are the code itself and its children; the overall row shows Cu-α across the
// top-level domains.

export const CU_ALPHA_TITLE = 'cu-α';
export const CU_ALPHA_HELP =
  "Krippendorff's cu-α for a code with sub-codes taken as a semantic domain: do coders agree on which of its codes applies, " +
  'on the text two or more of them coded within it (uncoded text left out; ATLAS.ti’s cu-α). Overall: Cu-α, each top-level domain one category.';

/** The domains of the table: by parent code (every code with sub-codes), and the report for Cu-α. */
export interface DomainColumn {
  byParent: Map<number, DomainAgreement>;
  global: DomainsReport | null;
}

/** From `agreement:domains` with every code with sub-codes (Cu-α then spans the outermost, top-level ones). */
export function domainColumn(report: DomainsReport | null): DomainColumn | null {
  if (!report) return null;
  const byParent = new Map<number, DomainAgreement>();
  for (const d of report.domains) if (d.parentId !== null) byParent.set(d.parentId, d);
  return { byParent, global: report };
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;
}

/** A code row's cu-α cell: its text, band and tooltip (the reason when it is undefined). */
export function cuAlphaCell(d: DomainAgreement | undefined): { text: string; band: Band | null; title: string } {
  if (!d) return { text: '', band: null, title: 'cu-α is computed for codes with sub-codes' };
  const v = d.cuAlpha.value;
  const overlaps = d.overlaps.count > 0 ? `; ${plural(d.overlaps.count, 'place')} where one coder applied two of its codes (counted as uncoded)` : '';
  const title =
    v === null
      ? `cu-α undefined: ${d.cuAlpha.reason ?? 'undefined'}`
      : `cu-α on ${plural(d.units, 'character')} two or more coders coded within ${d.name} (${d.codes.length} codes)${overlaps}`;
  return { text: formatValue('alpha', v), band: band(v), title };
}

/** The overall row's cell: Cu-α across the top-level domains. */
export function globalCuAlphaCell(r: DomainsReport | null): { text: string; band: Band | null; title: string } {
  if (!r) return { text: '', band: null, title: 'Cu-α needs codes with sub-codes' };
  const v = r.globalCuAlpha.value;
  const title =
    v === null
      ? `Cu-α undefined: ${r.globalCuAlpha.reason ?? 'undefined'}`
      : `Cu-α, each top-level domain one category, on ${plural(r.globalUnits, 'character')} two or more coders coded within a domain`;
  return { text: formatValue('alpha', v), band: band(v), title };
}
