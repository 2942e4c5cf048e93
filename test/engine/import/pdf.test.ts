// PDF import: hand-written PDFs (text objects, correct xref offsets) built in the test.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { badFile } from '../../helpers/fixtures';

/** A text run drawn at (x, y) in points. Text is PDF literal-string syntax (escape ( ) \). */
type Run = { x: number; y: number; text: string };

/**
 * A minimal PDF: catalog, pages, one Helvetica font (WinAnsiEncoding, so \351 is é), one content
 * stream per page, extra objects appended, and an xref table with exact byte offsets.
 */
function makePdf(pages: Run[][], opts: { trailer?: string; extra?: string[] } = {}): Uint8Array {
  const objs: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objs.push('<< /Type /Catalog /Pages 2 0 R >>');
  objs.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((runs, i) => {
    const body = runs.map((r) => `BT /F1 12 Tf ${r.x} ${r.y} Td (${r.text}) Tj ET`).join('\n');
    objs.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`,
    );
    objs.push(`<< /Length ${body.length} >>\nstream\n${body}\nendstream`);
  });
  objs.push(...(opts.extra ?? []));
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${opts.trailer ?? ''}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const lines = (...texts: string[]): Run[] => texts.map((text, i) => ({ x: 72, y: 720 - i * 14, text }));


describe('.pdf', () => {
  it('reads text in reading order with page spans, turns and accents', async () => {
    const page1: Run[] = [
      // Drawn bottom line first and the first line in two pieces: layout must reorder by y then x.
      { x: 72, y: 706, text: 'P03: Caf\\351 and more.' },
      { x: 150, y: 720, text: 'How are you?' },
      { x: 72, y: 720, text: 'Interviewer:' },
    ];
    const page2 = lines('Interviewer: Thanks.');
    const d = await extractDocument('P03 interview.pdf', makePdf([page1, page2]));
    expect(d.text).toBe('Interviewer: How are you?\nP03: Café and more.\n\nInterviewer: Thanks.');
    expect(d.format).toBe('pdf');
    expect(d.pages).toEqual([
      { number: 1, start: 0, end: 45 }, // "Interviewer: How are you?" (25) + "\n" + "P03: Café and more." (19)
      { number: 2, start: 47, end: 67 },
    ]);
    expect(d.text.slice(47, 67)).toBe('Interviewer: Thanks.');
    expect(d.turns.map((t) => [t.speaker, t.start, t.end])).toEqual([
      ['Interviewer', 0, 25],
      ['P03', 26, 45],
      ['Interviewer', 47, 67],
    ]);
    expect(d.participant).toBe('P03');
    expect(d.warnings).toEqual([]);
  });

  it('turns a large vertical gap into a paragraph break', async () => {
    const runs: Run[] = [
      { x: 72, y: 720, text: 'Line one' },
      { x: 72, y: 706, text: 'Line two' },
      { x: 72, y: 692, text: 'Line three' },
      { x: 72, y: 640, text: 'New paragraph' },
    ];
    const d = await extractDocument('gap.pdf', makePdf([runs]));
    expect(d.text).toBe('Line one\nLine two\nLine three\n\nNew paragraph');
  });

  it('warns about pages without text', async () => {
    const d = await extractDocument('mixed.pdf', makePdf([lines('Some text'), []]));
    expect(d.text).toBe('Some text');
    expect(d.pages).toEqual([
      { number: 1, start: 0, end: 9 },
      { number: 2, start: 9, end: 9 },
    ]);
    expect(d.warnings).toEqual(['mixed.pdf: no text on page 2 (scanned?)']);
  });

  it('refuses a PDF without any text layer', async () => {
    expect(await badFile(extractDocument('scan.pdf', makePdf([[], []])))).toBe(
      'scan.pdf: has no text (scanned?); Accord does not do OCR',
    );
  });

  it('refuses a truncated PDF as damaged', async () => {
    const full = makePdf([lines('Interviewer: hello there, this is a longer line of text')]);
    for (const cut of [200, full.length - 60]) {
      expect(await badFile(extractDocument('cut.pdf', full.subarray(0, cut)))).toBe(
        'cut.pdf: is damaged (truncated: the end of the file is missing)',
      );
    }
  });

  it('refuses an encrypted PDF (user password unknown)', async () => {
    // Standard security handler, RC4 40-bit; U does not match the empty password, so pdfjs asks for one.
    const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${'cd'.repeat(32)}> /U <${'ab'.repeat(32)}> /P -4 >>`;
    const id = '<0123456789abcdef0123456789abcdef>';
    const pdf = makePdf([lines('secret')], { extra: [encrypt], trailer: `/Encrypt 6 0 R /ID [${id} ${id}] ` });
    expect(await badFile(extractDocument('locked.pdf', pdf))).toBe(
      'locked.pdf: is encrypted (password protected); save an unprotected copy and import that',
    );
  });

  it('refuses junk renamed .pdf', async () => {
    expect(await badFile(extractDocument('junk.pdf', new TextEncoder().encode('hello, not a pdf')))).toBe(
      'junk.pdf: is not a PDF file',
    );
  });
});
