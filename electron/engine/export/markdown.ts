// Markdown writer: a report table as a GitHub pipe table, with the title above and the footnote
// and provenance notes below. Everything the user typed is escaped so it cannot break the table.

import { fullTitle, toParagraphs, type ReportTable, type TableCell, type TableRow, type TextRun } from '../../../shared/reports/table';

export interface TextWriterOptions {
  /** Print the provenance notes ("from project data") after the footnote; default true. */
  includeNotes?: boolean;
}

// Four non-breaking spaces per level: GitHub trims ASCII spaces at a cell's edges but keeps U+00A0.
const INDENT = '\u00a0\u00a0\u00a0\u00a0';

/** Escapes Markdown syntax and raw HTML in plain text so it prints literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function runToMarkdown(run: TextRun): string {
  // Emphasis markers must touch the text, so surrounding spaces move outside them.
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text);
  const [lead, core, trail] = m ? [m[1], m[2], m[3]] : ['', run.text, ''];
  if (core === '') return escapeMarkdown(run.text);
  let out = escapeMarkdown(core);
  if (run.italic) out = `*${out}*`;
  if (run.bold) out = `**${out}**`;
  return `${escapeMarkdown(lead)}${out}${escapeMarkdown(trail)}`;
}

function cellToMarkdown(cell: TableCell, row?: TableRow): string {
  const bold = row?.rowKind === 'section' || row?.rowKind === 'total';
  const text = toParagraphs(cell.runs)
    .map((p) => p.map((r) => runToMarkdown(bold && !r.bold ? { ...r, bold: true } : r)).join(''))
    .join('<br>');
  return INDENT.repeat(cell.indent ?? 0) + text;
}

/** Renders a report table as GitHub-flavoured Markdown. */
export function toMarkdown(table: ReportTable, opts: TextWriterOptions = {}): string {
  const lines: string[] = [`**${escapeMarkdown(fullTitle(table))}**`, ''];
  if (table.caption) lines.push(escapeMarkdown(table.caption), '');
  const width = table.columns.length;
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')].slice(0, width);
  lines.push(line(table.columns.map((c) => cellToMarkdown(c))));
  lines.push(line(table.columns.map(() => '---')));
  for (const row of table.rows) lines.push(line(pad(row.cells.map((c) => cellToMarkdown(c, row)))));
  const after: string[] = [];
  if (table.footnote) after.push(escapeMarkdown(table.footnote));
  if (opts.includeNotes !== false) for (const note of table.notes ?? []) after.push(`*${escapeMarkdown(note)}*`);
  if (after.length > 0) lines.push('', after.join('  \n'));
  return `${lines.join('\n')}\n`;
}
