// PDF import: hand-written PDFs (text objects, correct xref offsets) built in the test.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { assemblePdfText, type PdfLine } from '../../../electron/engine/import/pdf';
import { badFile } from '../../helpers/fixtures';

/** A text run drawn at (x, y) in points. Text is PDF literal-string syntax (escape ( ) \). */
type Run = { x: number; y: number; text: string };

/**
 * A minimal PDF: catalog, pages, one Helvetica font (WinAnsiEncoding, so \351 is é), one content
 * stream per page, extra objects appended, and an xref table with exact byte offsets.
 */
function makePdf(pages: Run[][], opts: { trailer?: string; extra?: string[]; font?: string } = {}): Uint8Array {
  const objs: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objs.push('<< /Type /Catalog /Pages 2 0 R >>');
  objs.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objs.push(`<< /Type /Font /Subtype /Type1 /BaseFont /${opts.font ?? 'Helvetica'} /Encoding /WinAnsiEncoding >>`);
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

  it("loses Word's line numbers (numbers at the left margin, counting on across pages), keeping turns and page spans", async () => {
    const numbered = (from: number, ...texts: string[]): Run[] =>
      texts.flatMap((text, i) => [
        { x: 40, y: 720 - i * 14, text: String(from + i) },
        { x: 72, y: 720 - i * 14, text },
      ]);
    const page1 = numbered(1, 'I: How did the rollout go?', 'B1: It went well.', 'I: And the staff?');
    const page2 = numbered(4, 'B1: They adapted.', 'I: Thank you.');
    const d = await extractDocument('B1 numbered.pdf', makePdf([page1, page2]));
    expect(d.text).toBe('I: How did the rollout go?\nB1: It went well.\nI: And the staff?\n\nB1: They adapted.\nI: Thank you.');
    expect(d.turns.map((t) => t.speaker)).toEqual(['I', 'B1', 'I', 'B1', 'I']);
    expect(d.warnings).toEqual(['B1 numbered.pdf: its printed line numbers were taken out of the text']);
    // Page 1: 26 + 1 + 17 + 1 + 17 = 62 characters; page 2 starts after the blank line.
    expect(d.pages).toEqual([
      { number: 1, start: 0, end: 62 },
      { number: 2, start: 64, end: 95 },
    ]);
  });

  it('turns a large vertical gap into a paragraph break; short lines stay lines', async () => {
    const runs: Run[] = [
      { x: 72, y: 720, text: 'Line one' },
      { x: 72, y: 706, text: 'Line two is longer' },
      { x: 72, y: 692, text: 'Line three' },
      { x: 72, y: 640, text: 'New paragraph' },
    ];
    const d = await extractDocument('gap.pdf', makePdf([runs]));
    // "Line" would have fitted after "Line one" (the longest line is wider): each line ended on purpose.
    expect(d.text).toBe('Line one\nLine two is longer\nLine three\n\nNew paragraph');
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

/** Greedy word wrap at `width` characters (Courier: every character is 0.6 em, 7.2 pt at 12 pt). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line !== '' && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') out.push(line);
  return out;
}

/** Paragraphs (each a list of printed lines) laid out from the top: 14 pt line spacing, 28 pt between paragraphs. */
function typeset(paragraphs: string[][], top = 720): Run[] {
  const runs: Run[] = [];
  let y = top;
  for (const p of paragraphs) {
    for (const l of p) {
      runs.push({ x: 72, y, text: l });
      y -= 14;
    }
    y -= 14;
  }
  return runs;
}

describe('.pdf paragraphs, hyphenation, running headers (issue 12: a hard line break at every printed line)', () => {
  const answer =
    'I coordinate the outpatient clinic and I have been there since the pilot started, which was before the referral pathway changed how the mornings work.';

  it('joins the printed lines of a paragraph and keeps turn lines apart', async () => {
    const q = wrap('Interviewer: Could you describe your role in the clinic and how long you have held it?', 60);
    const a = wrap(`ID05: ${answer}`, 60);
    expect(a.length).toBeGreaterThan(2);
    const d = await extractDocument('ID05.pdf', makePdf([typeset([q, a])], { font: 'Courier' }));
    expect(d.text).toBe(`Interviewer: Could you describe your role in the clinic and how long you have held it?\n\nID05: ${answer}`);
    expect(d.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'ID05']);
  });

  it('repairs words hyphenated at a line end, keeps hyphens of compounds written whole', async () => {
    const lines = [
      'The handover used to take forty minutes, and after the conver-',
      'sation with the ward manager it was cut to fifteen; a well-',
      'Known problem, but nobody had named it before the self-rostering',
      'pilot began. The new rota is now published a whole week in ad\\255', // \255: a soft hyphen
      'vance, which everyone on the ward welcomed warmly.',
    ];
    const d = await extractDocument('h.pdf', makePdf([typeset([lines])], { font: 'Courier' }));
    // "conver-" + "sation": a hyphenated word. "well-" + "Known": the next line starts in capitals, so the hyphen stays.
    expect(d.text).toBe(
      'The handover used to take forty minutes, and after the conversation with the ward manager it was cut to fifteen; a well- Known problem, but nobody had named it before the self-rostering pilot began. The new rota is now published a whole week in advance, which everyone on the ward welcomed warmly.',
    );
  });

  it('drops running headers and page numbers, joins a paragraph across pages, keeps page spans', async () => {
    const body = wrap(`Respondent: ${answer} ${answer}`, 60);
    const header = { x: 72, y: 760, text: 'Clinic study - interview transcript - CONFIDENTIAL' };
    const page = (n: number, lines: string[][]): Run[] => [header, ...typeset(lines), { x: 290, y: 40, text: `Page ${n} of 3` }];
    const pages = [
      page(1, [['Interviewer: Tell me about your role.'], body.slice(0, 2)]),
      page(2, [body.slice(2)]),
      page(3, [['Interviewer: Thank you.']]),
    ];
    const d = await extractDocument('CH02.pdf', makePdf(pages, { font: 'Courier' }));
    expect(d.text).toBe(`Interviewer: Tell me about your role.\n\nRespondent: ${answer} ${answer}\n\nInterviewer: Thank you.`);
    expect(d.text).not.toContain('CONFIDENTIAL');
    expect(d.text).not.toContain('Page ');
    expect(d.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    // Page 1 ends after its second body line; page 2 begins with the next word, after the joining space.
    expect(d.text.slice(d.pages[0].start, d.pages[0].end)).toBe(`Interviewer: Tell me about your role.\n\n${body.slice(0, 2).join(' ')}`);
    expect(d.text.slice(d.pages[1].start, d.pages[1].end)).toBe(body.slice(2).join(' '));
    expect(d.pages[1].start).toBe(d.pages[0].end + 1);
    expect(d.text.slice(d.pages[2].start, d.pages[2].end)).toBe('Interviewer: Thank you.');
    expect(d.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'Respondent', 'Interviewer']);
  });

  it('keeps a line that is on only some pages', async () => {
    const d = await extractDocument('x.pdf', makePdf([lines('Section A', 'First page text.'), lines('Second page text.'), lines('Section A', 'Third.')]));
    expect(d.text).toBe('Section A\nFirst page text.\n\nSecond page text.\n\nSection A\nThird.');
  });

  it("reads an Otter.ai PDF export: name-and-time lines above wrapped statements", async () => {
    const blocks: [string, string][] = [
      ['Jane Doe  0:00', "So the first thing I'd like to ask about is your role in the clinic, and how it started."],
      ['Speaker 2  0:07', answer],
      ['Jane Doe  0:19', 'And how did the new referral pathway change your week?'],
      ['Speaker 2  0:25', 'It moved most of the triage to the mornings.'],
    ];
    const paragraphs = blocks.flatMap(([head, said]) => [[head, ...wrap(said, 60)]]);
    const d = await extractDocument('Otter ID05.pdf', makePdf([typeset(paragraphs)], { font: 'Courier' }));
    expect(d.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['Jane Doe', 0, 7000],
      ['Speaker 2', 7000, 19_000],
      ['Jane Doe', 19_000, 25_000],
      ['Speaker 2', 25_000, null],
    ]);
    expect(d.text.slice(d.turns[1].start, d.turns[1].end)).toBe(`Speaker 2 0:07\n${answer}`);
    expect(d.participant).toBe('ID05');
  });
});

describe('assemblePdfText', () => {
  const line = (text: string, y: number, right = 72 + text.length * 7.2): PdfLine => ({ text, left: 72, right, y, h: 12, gapBefore: false });
  it('joins at a soft hyphen whatever follows, and keeps page spans exact', () => {
    const p1 = [line('A line that runs right up to the margin and breaks Anti\u00ad', 720, 540)];
    const p2 = [line('Fraud Office, as it was called then, and the end.', 720)];
    const r = assemblePdfText([p1, p2]);
    expect(r.text).toBe('A line that runs right up to the margin and breaks AntiFraud Office, as it was called then, and the end.');
    expect(r.pages).toEqual([
      { number: 1, start: 0, end: 55 }, // the soft hyphen, page 1's last character, is gone
      { number: 2, start: 55, end: r.text.length },
    ]);
  });
});
