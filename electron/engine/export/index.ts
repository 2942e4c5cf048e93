// One entry point for table exports: picks the writer for a format. Services and the CLI call this.

import { AccordError } from '../../../shared/errors';
import type { ReportTable } from '../../../shared/reports/table';
import { toCsv } from './csv';
import { toHtml } from './html';
import { toMarkdown, type TextWriterOptions } from './markdown';

export type TableFormat = 'docx' | 'markdown' | 'csv' | 'html';
export const TABLE_FORMATS: readonly TableFormat[] = ['docx', 'markdown', 'csv', 'html'];

/** File extension per format, for save dialogs and CLI output names. */
export const TABLE_EXTENSIONS: Record<TableFormat, string> = { docx: '.docx', markdown: '.md', csv: '.csv', html: '.html' };

export { toCsv, toHtml, toMarkdown, type TextWriterOptions };

/** Word tables; the `docx` library loads on the first Word export, not with every command. */
export async function toDocx(tables: ReportTable | ReportTable[], opts: TextWriterOptions = {}): Promise<Uint8Array> {
  return (await import('./docx')).toDocx(tables, opts);
}

/**
 * Renders a table in the given format: `.docx` bytes for Word, text for the others. Async because
 * the Word packer is.
 */
export function renderTable(table: ReportTable, format: 'docx', opts?: TextWriterOptions): Promise<Uint8Array>;
export function renderTable(table: ReportTable, format: 'markdown' | 'csv' | 'html', opts?: TextWriterOptions): Promise<string>;
export function renderTable(table: ReportTable, format: TableFormat, opts?: TextWriterOptions): Promise<Uint8Array | string>;
export async function renderTable(table: ReportTable, format: TableFormat, opts: TextWriterOptions = {}): Promise<Uint8Array | string> {
  switch (format) {
    case 'docx':
      return toDocx(table, opts);
    case 'markdown':
      return toMarkdown(table, opts);
    case 'csv':
      return toCsv(table);
    case 'html':
      return toHtml(table, opts);
    default:
      throw new AccordError('INVALID_INPUT', `Unknown table format "${String(format)}"; use docx, markdown, csv or html`);
  }
}
