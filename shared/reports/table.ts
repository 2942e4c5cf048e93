// The format-independent table model every report export goes through: builders in tables.ts and
// coreq.ts produce it, the writers in electron/engine/export turn it into Word, Markdown, CSV or HTML.
// Keeping one model means a table looks the same whichever file the author asks for.

/** A piece of text with one style. A `\n` inside `text` starts a new paragraph within the cell. */
export interface TextRun {
  text: string;
  italic?: boolean;
  bold?: boolean;
}

/** One table cell: rich text plus an indent level for hierarchy (0 = none). */
export interface TableCell {
  runs: TextRun[];
  indent?: number;
}

/**
 * What a row is: ordinary data, a heading row inside the body (e.g. "Sex" in Table 1, or a COREQ
 * domain), or a summary row (e.g. "Overall" agreement). Writers style each kind.
 */
export type RowKind = 'data' | 'section' | 'total';

export interface TableRow {
  cells: TableCell[];
  rowKind?: RowKind;
}

/** A table as a journal prints it: "Table 1 Study participant characteristics". */
export interface ReportTable {
  /** The label before the title, e.g. `Table 1` or `Supplemental Table 1`; may be empty. */
  label?: string;
  title: string;
  /** An optional sentence under the title. */
  caption?: string;
  /** Header cells, one per column. */
  columns: TableCell[];
  rows: TableRow[];
  /** Abbreviations and remarks printed under the table, e.g. "CCG, Clinical Commissioning Group." */
  footnote?: string;
  /**
   * Where the numbers come from (e.g. "Counts from project data: 26 participants."). For the author
   * to check; writers print them after the footnote unless asked not to.
   */
  notes?: string[];
  /**
   * What a screen reader calls a column the printed table leaves without a heading (Table 1's
   * counts), by column; the writers print none of it.
   */
  columnNames?: string[];
}

/** A cell holding plain text. */
export function textCell(text: string, indent = 0): TableCell {
  return indent > 0 ? { runs: [{ text }], indent } : { runs: [{ text }] };
}

/** A cell holding styled runs. */
export function runsCell(runs: TextRun[], indent = 0): TableCell {
  return indent > 0 ? { runs, indent } : { runs };
}

/** The cell's text without styling; paragraphs stay separated by `\n`. */
export function cellText(cell: TableCell): string {
  return cell.runs.map((r) => r.text).join('');
}

/**
 * What a screen reader calls column i of a table that prints no heading for it: its `columnNames`
 * entry, else its position. Empty for a column with a printed heading.
 */
export function unprintedColumnName(table: ReportTable, i: number): string {
  if (cellText(table.columns[i] ?? { runs: [] }) !== '') return '';
  return table.columnNames?.[i] || `Column ${i + 1}`;
}

/** The table's full title line, e.g. `Table 1 Study participant characteristics`. */
export function fullTitle(table: ReportTable): string {
  return table.label ? `${table.label} ${table.title}` : table.title;
}

/**
 * Splits a cell's runs into paragraphs at `\n`, keeping each piece's style; empty pieces are
 * dropped but an empty paragraph stays (so a blank line survives).
 */
export function toParagraphs(runs: TextRun[]): TextRun[][] {
  const paragraphs: TextRun[][] = [[]];
  for (const run of runs) {
    const pieces = run.text.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      if (piece !== '') paragraphs[paragraphs.length - 1].push({ ...run, text: piece });
    });
  }
  return paragraphs;
}

/** The deepest indent among a row's cells: the row's level in a hierarchy. */
export function rowLevel(row: TableRow): number {
  return row.cells.reduce((max, c) => Math.max(max, c.indent ?? 0), 0);
}

/** True when some row is indented, i.e. the table shows a hierarchy (CSV then adds a `level` column). */
export function isHierarchical(table: ReportTable): boolean {
  return table.rows.some((r) => rowLevel(r) > 0);
}
