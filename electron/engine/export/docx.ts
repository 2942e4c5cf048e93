// Word writer (docx 9): journal-style tables — a title paragraph ("Table 1 Study participant
// characteristics"), a bold header row ruled below, thin horizontal rules only, indentation for
// hierarchy, italic runs kept, and the footnote in smaller text under the table.

import {
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell as DocxCell,
  TableRow as DocxRow,
  TextRun as DocxRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { cellText, toParagraphs, type ReportTable, type TableCell, type TableRow, type TextRun } from '../../../shared/reports/table';
import type { TextWriterOptions } from './markdown';

const BODY_SIZE = 20; // half-points: 10 pt, a common journal table size
const FOOT_SIZE = 16; // 8 pt
const INDENT_TWIPS = 284; // 0.5 cm per hierarchy level
const TEXT_WIDTH_TWIPS = 9026; // A4 portrait with 2.54 cm margins

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function runs(list: TextRun[], size: number, forceBold = false): DocxRun[] {
  return list.map(
    (r) =>
      new DocxRun({
        text: r.text,
        size,
        // Only true flags are written, so plain runs carry no <w:i w:val="false"/> noise.
        ...(r.italic ? { italics: true } : {}),
        ...(forceBold || r.bold ? { bold: true } : {}),
      }),
  );
}

function cellParagraphs(cell: TableCell, bold: boolean): Paragraph[] {
  const indent = cell.indent ?? 0;
  return toParagraphs(cell.runs).map(
    (p) =>
      new Paragraph({
        children: runs(p, BODY_SIZE, bold),
        ...(indent > 0 ? { indent: { left: indent * INDENT_TWIPS } } : {}),
        spacing: { before: 20, after: 20 },
      }),
  );
}

/**
 * Column widths from the longest line in each column, damped by a square root so a quote column gets
 * most of the page without squeezing a label column to nothing.
 */
function columnWidths(table: ReportTable): number[] {
  const weights = table.columns.map((col, i) => {
    const longest = Math.max(
      cellText(col).length,
      ...table.rows.map((r) => (r.cells[i] ? Math.max(...cellText(r.cells[i]).split('\n').map((s) => s.length)) + 2 * (r.cells[i].indent ?? 0) : 0)),
    );
    return Math.sqrt(Math.min(Math.max(longest, 4), 400));
  });
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.round((w / total) * TEXT_WIDTH_TWIPS));
}

function bodyRow(row: TableRow, width: number, widths: number[]): DocxRow {
  const strong = row.rowKind === 'section' || row.rowKind === 'total';
  const borders = row.rowKind === 'total' ? { top: RULE } : undefined;
  return new DocxRow({
    children: Array.from(
      { length: width },
      (_, i) =>
        new DocxCell({
          children: cellParagraphs(row.cells[i] ?? { runs: [] }, strong),
          width: { size: widths[i], type: WidthType.DXA },
          ...(borders ? { borders } : {}),
        }),
    ),
  });
}

function tableBlocks(table: ReportTable, opts: TextWriterOptions): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [];
  const titleRuns: DocxRun[] = [];
  if (table.label) titleRuns.push(new DocxRun({ text: `${table.label} `, bold: true, size: BODY_SIZE + 2 }));
  titleRuns.push(new DocxRun({ text: table.title, size: BODY_SIZE + 2 }));
  blocks.push(new Paragraph({ children: titleRuns, keepNext: true, spacing: { before: 240, after: 120 } }));
  if (table.caption) {
    blocks.push(new Paragraph({ children: [new DocxRun({ text: table.caption, size: BODY_SIZE })], keepNext: true, spacing: { after: 120 } }));
  }

  const width = table.columns.length;
  const widths = columnWidths(table);
  const header = new DocxRow({
    tableHeader: true,
    children: table.columns.map(
      (c, i) =>
        new DocxCell({
          children: cellParagraphs(c, true),
          width: { size: widths[i], type: WidthType.DXA },
          borders: { bottom: RULE },
        }),
    ),
  });
  blocks.push(
    new Table({
      rows: [header, ...table.rows.map((r) => bodyRow(r, width, widths))],
      width: { size: 100, type: WidthType.PERCENTAGE },
      columnWidths: widths,
      borders: { top: RULE, bottom: RULE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    }),
  );

  const foot = (text: string, italic: boolean): Paragraph =>
    new Paragraph({ children: [new DocxRun({ text, size: FOOT_SIZE, ...(italic ? { italics: true } : {}) })], spacing: { before: 60 } });
  if (table.footnote) blocks.push(foot(table.footnote, false));
  if (opts.includeNotes !== false) for (const note of table.notes ?? []) blocks.push(foot(note, true));
  return blocks;
}

/** Renders one or more report tables into a Word document (.docx bytes), one after another. */
export async function toDocx(tables: ReportTable | ReportTable[], opts: TextWriterOptions = {}): Promise<Uint8Array> {
  const list = Array.isArray(tables) ? tables : [tables];
  const doc = new Document({
    creator: 'Accord',
    title: list.length === 1 ? list[0].title : 'Tables',
    sections: [{ children: list.flatMap((t) => tableBlocks(t, opts)) }],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
