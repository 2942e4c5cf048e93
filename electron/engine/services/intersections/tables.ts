// A view's table written as CSV or Word, and the definitions shown beside the reports.
import type { ExportedTable } from '../../../../shared/api/intersections';
import type { ReportTable } from '../../../../shared/reports/table';
import { textCell } from '../../../../shared/reports/table';
import { COOCCURRENCE_DEFINITIONS } from '../../../../shared/stats/cooccurrence';
import { renderTable } from '../../export';

/** A view's table as a CSV or Word file, through the engine's table writers. */
export async function exportTable(input: {
  format: 'csv' | 'docx';
  title: string;
  caption?: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}): Promise<ExportedTable> {
  const table: ReportTable = {
    title: input.title,
    ...(input.caption ? { caption: input.caption } : {}),
    columns: input.columns.map((c) => textCell(c)),
    rows: input.rows.map((r) => ({ cells: input.columns.map((_, i) => textCell(r[i] ?? '')) })),
    ...(input.notes?.length ? { notes: input.notes } : {}),
  };
  const slug = input.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'table';
  if (input.format === 'docx') {
    const bytes = await renderTable(table, 'docx');
    return {
      fileName: `${slug}.docx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      dataBase64: Buffer.from(bytes).toString('base64'),
    };
  }
  const text = await renderTable(table, 'csv');
  return { fileName: `${slug}.csv`, mimeType: 'text/csv', dataBase64: Buffer.from(text, 'utf8').toString('base64') };
}

/** The definitions shown beside the matrix and written under exported tables. */
export function definitions(): Record<string, string> {
  return {
    ...COOCCURRENCE_DEFINITIONS,
    layer:
      'Layer: one coder, the consensus layer, or all coders pooled (every coder except the consensus layer). The default is one layer: ' +
      'the consensus layer where it covers every coded document of the selection, else the current coder. Pooled, a disagreement ' +
      'between coders (one applies A, another B to the same passage) counts as a co-occurrence.',
    where: 'Participant filters (e.g. Role = Clinician) keep documents whose participant has that value; several conditions must all hold; "≠" also keeps participants without a value. Documents without a participant are left out by any attribute filter.',
    saturation:
      'Saturation (Guest, Namey & Chen 2020, PLoS ONE 15(5): e0232076): transcripts coded in the layer, in interview order (the interview date, ' +
      'another date attribute, or import order). The first "base size" transcripts give the reference number of codes; each run of "run length" ' +
      'transcripts after them counts the codes that first appear in it, as a share of the base. Saturation is reached at the last ' +
      'transcript before the first run at or below the threshold. With a final codebook, only codes created from the given date count as new.',
  };
}

