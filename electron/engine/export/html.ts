// HTML writer: a standalone <table> with <caption> (label and title), <thead>, <tbody> and a
// <tfoot> carrying the footnote and provenance notes. All text is escaped; styles are inline so the
// fragment can be pasted anywhere.

import { toParagraphs, type ReportTable, type TableCell, type TableRow, type TextRun } from '../../../shared/reports/table';
import type { TextWriterOptions } from './markdown';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function runToHtml(run: TextRun): string {
  let out = escapeHtml(run.text);
  if (run.italic) out = `<em>${out}</em>`;
  if (run.bold) out = `<strong>${out}</strong>`;
  return out;
}

function cellToHtml(tag: 'th' | 'td', cell: TableCell): string {
  const indent = cell.indent ?? 0;
  const styles = tag === 'th' ? ['text-align:left'] : [];
  if (indent > 0) styles.push(`padding-left:${(indent * 1.5).toFixed(1)}em`);
  const attrs = tag === 'th' ? ' scope="col"' : '';
  const style = styles.length > 0 ? ` style="${styles.join(';')}"` : '';
  const body = toParagraphs(cell.runs)
    .map((p) => p.map(runToHtml).join(''))
    .join('<br>');
  return `<${tag}${attrs}${style}>${body}</${tag}>`;
}

function rowToHtml(row: TableRow, width: number): string {
  const kind = row.rowKind && row.rowKind !== 'data' ? ` class="${row.rowKind}"` : '';
  const weight = row.rowKind === 'section' || row.rowKind === 'total' ? ' style="font-weight:bold"' : '';
  const cells = Array.from({ length: width }, (_, i) => cellToHtml('td', row.cells[i] ?? { runs: [] }));
  return `<tr${kind}${weight}>${cells.join('')}</tr>`;
}

/** Renders a report table as a standalone, escaped HTML `<table>` fragment. */
export function toHtml(table: ReportTable, opts: TextWriterOptions = {}): string {
  const width = table.columns.length;
  const caption = [
    table.label ? `<strong>${escapeHtml(table.label)}</strong> ` : '',
    escapeHtml(table.title),
    table.caption ? `<br><span style="font-weight:normal">${escapeHtml(table.caption)}</span>` : '',
  ].join('');
  const lines = [
    '<table style="border-collapse:collapse;border-top:1px solid #000;border-bottom:1px solid #000">',
    `<caption style="text-align:left">${caption}</caption>`,
    `<thead><tr style="border-bottom:1px solid #000">${table.columns.map((c) => cellToHtml('th', c)).join('')}</tr></thead>`,
    '<tbody>',
    ...table.rows.map((r) => rowToHtml(r, width)),
    '</tbody>',
  ];
  const foot: string[] = [];
  if (table.footnote) foot.push(`<p>${escapeHtml(table.footnote)}</p>`);
  if (opts.includeNotes !== false) for (const note of table.notes ?? []) foot.push(`<p class="note"><em>${escapeHtml(note)}</em></p>`);
  if (foot.length > 0) lines.push(`<tfoot><tr><td colspan="${width}" style="font-size:smaller">${foot.join('')}</td></tr></tfoot>`);
  lines.push('</table>');
  return `${lines.join('\n')}\n`;
}
