// CSV writer: one header row and plain-text cells (styling and indentation dropped); tables with a
// hierarchy get a leading `level` column so the structure survives a spreadsheet.

import Papa from 'papaparse';
import { cellText, isHierarchical, rowLevel, type ReportTable } from '../../../shared/reports/table';

// papaparse's default pattern would also mangle `-0.12`; a signed number is data, not a formula.
const FORMULA = /^[=+\-@\t\r](?![0-9]*\.?[0-9]+%?$)/;

/**
 * Renders a report table as CSV (RFC 4180 quoting by papaparse; multi-paragraph cells keep their
 * line breaks inside quotes). Cells starting with = + - @ are prefixed with `'` so a spreadsheet
 * does not run them as formulas; plain numbers such as a negative kappa are left alone.
 */
export function toCsv(table: ReportTable): string {
  const hierarchical = isHierarchical(table);
  const width = table.columns.length;
  const header = table.columns.map(cellText);
  const rows = table.rows.map((row) => {
    const cells = Array.from({ length: width }, (_, i) => (row.cells[i] ? cellText(row.cells[i]) : ''));
    return hierarchical ? [String(rowLevel(row)), ...cells] : cells;
  });
  return Papa.unparse(
    { fields: hierarchical ? ['level', ...header] : header, data: rows },
    { quotes: false, newline: '\r\n', escapeFormulae: FORMULA },
  );
}

/** Plain rows (the first one the header) as CSV, with the same quoting and formula guard as tables. */
export function toCsvRows(rows: readonly (readonly (string | number)[])[]): string {
  const [header = [], ...data] = rows;
  return Papa.unparse(
    { fields: header.map(String), data: data.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : v))) },
    { quotes: false, newline: '\r\n', escapeFormulae: FORMULA },
  );
}
