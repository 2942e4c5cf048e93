// .pdf → text in reading order with page boundaries (pdfjs-dist legacy build, which runs in Node
// with its built-in "fake" worker). No OCR: a PDF without a text layer is refused.

import { createRequire } from 'node:module';
import path from 'node:path';
import { AccordError } from '../../../shared/errors';
import type { Page } from '../../../shared/model/types';
import { normaliseText } from '../../../shared/text/normalise';

const require = createRequire(import.meta.url);
/** pdfjs reads the 14 standard fonts' metrics from here; the path needs a trailing separator. */
const STANDARD_FONTS = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One page's items as lines: items are grouped into lines by baseline (within half a text height),
 * lines ordered top to bottom and items left to right, with a space inserted where items are
 * visibly apart. A vertical gap clearly larger than the usual line spacing becomes a blank line
 * (a paragraph break). Grouping by position rather than trusting `hasEOL` keeps superscripts and
 * text drawn out of order on the right line.
 */
export function layoutPage(items: readonly Item[]): string {
  const sorted = items.filter((i) => i.str !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(2, 0.5 * Math.max(last.h, it.h))) {
      last.items.push(it);
      last.h = Math.max(last.h, it.h);
    } else lines.push({ y: it.y, h: it.h, items: [it] });
  }
  const texts = lines.map((l) => {
    const row = l.items.sort((a, b) => a.x - b.x);
    let s = '';
    let prevEnd = -Infinity;
    for (const it of row) {
      const gap = it.x - prevEnd;
      if (s !== '' && gap > 0.15 * it.h && !/\s$/.test(s) && !/^\s/.test(it.str)) s += ' ';
      s += it.str;
      prevEnd = it.x + it.w;
    }
    return s.replace(/\s+$/, '');
  });
  const gaps = lines.slice(1).map((l, i) => lines[i].y - l.y).filter((g) => g > 0);
  const usual = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] : 0;
  let out = '';
  texts.forEach((t, i) => {
    if (i > 0) out += usual > 0 && lines[i - 1].y - lines[i].y > 1.5 * usual ? '\n\n' : '\n';
    out += t;
  });
  return out;
}

/**
 * Reads a PDF's text page by page. Pages are joined with a blank line and `pages` gives each
 * page's span in the returned (already normalised) text. Throws BAD_FILE when the file is not a
 * PDF, is damaged or truncated, is password protected, or has no text layer at all (scanned).
 */
export async function readPdf(
  fileName: string,
  bytes: Uint8Array,
): Promise<{ text: string; pages: Page[]; warnings: string[] }> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new AccordError('BAD_FILE', `${fileName}: is not a PDF file`);
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const truncated = !tail.includes('%%EOF');
  const warnings: string[] = [];

  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of (detaches) the buffer it is given, so it gets a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const pageTexts: string[] = [];
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h: it.height || Math.abs(it.transform[3]) || 10 });
      }
      pageTexts.push(normaliseText(layoutPage(items)));
      page.cleanup();
    }
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') throw new AccordError('BAD_FILE', `${fileName}: is encrypted (password protected); save an unprotected copy and import that`);
    if (truncated) throw new AccordError('BAD_FILE', `${fileName}: is damaged (truncated: the end of the file is missing)`);
    const why = err instanceof Error ? err.message : String(err);
    throw new AccordError('BAD_FILE', `${fileName}: is damaged (${why})`);
  } finally {
    await task.destroy();
  }

  if (pageTexts.every((t) => t === '')) {
    if (truncated) throw new AccordError('BAD_FILE', `${fileName}: is damaged (truncated: the end of the file is missing)`);
    throw new AccordError('BAD_FILE', `${fileName}: has no text (scanned?); Accord does not do OCR`);
  }
  if (truncated) warnings.push(`${fileName}: has no end-of-file marker; it may be truncated and text may be missing`);
  const empty = pageTexts.flatMap((t, i) => (t === '' ? [i + 1] : []));
  if (empty.length) warnings.push(`${fileName}: no text on page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} (scanned?)`);

  let text = '';
  const pages: Page[] = [];
  pageTexts.forEach((t, i) => {
    if (i > 0) text += '\n\n';
    pages.push({ number: i + 1, start: text.length, end: text.length + t.length });
    text += t;
  });
  // Empty leading/trailing pages leave separators at the ends; trimming must not move page spans.
  const lead = text.length - text.replace(/^\n+/, '').length;
  if (lead > 0) {
    text = text.slice(lead);
    for (const p of pages) {
      p.start = Math.max(0, p.start - lead);
      p.end = Math.max(0, p.end - lead);
    }
  }
  text = text.replace(/\n+$/, '');
  for (const p of pages) {
    p.start = Math.min(p.start, text.length);
    p.end = Math.min(p.end, text.length);
  }
  return { text, pages, warnings };
}
