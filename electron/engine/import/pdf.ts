// .pdf → text in reading order with page boundaries (pdfjs-dist legacy build, which runs in Node
// with its built-in "fake" worker): printed lines joined into paragraphs, running headers and
// footers dropped. No OCR: a PDF without a text layer is refused.

import { createRequire } from 'node:module';
import path from 'node:path';
import { AccordError } from '../../../shared/errors';
import type { Page } from '../../../shared/model/types';
import { normaliseText } from '../../../shared/text/normalise';
import { lineNumbersNote, stripLineNumbers } from '../../../shared/text/line-numbers';
import { detectTranscript } from '../../../shared/text/turns';

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

/** One printed line: its text and where it sits on the page (PDF points, y growing upwards). */
export interface PdfLine {
  text: string;
  left: number;
  right: number;
  y: number;
  h: number;
  /** A vertical gap clearly larger than the page's usual line spacing comes before this line. */
  gapBefore: boolean;
}

/**
 * The page's line spacing: the most common gap between baselines (to the half point), the
 * smaller on a tie. A median would be pulled up by the large gaps around headers and footers on
 * a page of few lines.
 */
function usualSpacing(gaps: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const g of gaps) {
    if (g <= 0) continue;
    const key = Math.round(g * 2) / 2;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [g, n] of counts) if (n > bestCount || (n === bestCount && g < best)) [best, bestCount] = [g, n];
  return best;
}

/**
 * One page's items as lines: items are grouped into lines by baseline (within half a text height),
 * lines ordered top to bottom and items left to right, with a space inserted where items are
 * visibly apart. A vertical gap clearly larger than the usual line spacing marks a paragraph
 * break. Grouping by position rather than trusting `hasEOL` keeps superscripts and text drawn out
 * of order on the right line.
 */
export function pageLines(items: readonly Item[]): PdfLine[] {
  const sorted = items.filter((i) => i.str !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: { y: number; h: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(2, 0.5 * Math.max(last.h, it.h))) {
      last.items.push(it);
      last.h = Math.max(last.h, it.h);
    } else groups.push({ y: it.y, h: it.h, items: [it] });
  }
  const usual = usualSpacing(groups.slice(1).map((l, i) => groups[i].y - l.y));
  const lines: PdfLine[] = [];
  groups.forEach((g, i) => {
    const row = g.items.sort((a, b) => a.x - b.x);
    let s = '';
    let prevEnd = -Infinity;
    for (const it of row) {
      const gap = it.x - prevEnd;
      if (s !== '' && gap > 0.15 * it.h && !/\s$/.test(s) && !/^\s/.test(it.str)) s += ' ';
      s += it.str;
      prevEnd = it.x + it.w;
    }
    const text = normaliseText(s.trim());
    const gapBefore = i > 0 && usual > 0 && groups[i - 1].y - g.y > 1.5 * usual;
    if (text === '') {
      // An empty line still separates paragraphs.
      return;
    }
    lines.push({ text, left: row[0].x, right: Math.max(...row.map((it) => it.x + it.w)), y: g.y, h: g.h, gapBefore });
  });
  return lines;
}

/** A line's text with digits as `#` and spaces collapsed: "Page 3 of 12" and "Page 4 of 12" compare equal. */
function runningKey(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** How many lines at the top and at the bottom of a page may be a running header or footer. */
const RUNNING_LINES = 2;

/**
 * Removes running headers and footers: a line among the first or last two of a page whose text
 * (digits ignored, so page numbers count as the same line) is there on every page, or on every
 * page but one for documents of four pages or more (a title page without a header). Needs two
 * pages at least; returns how many lines were dropped.
 */
export function dropRunningLines(pages: PdfLine[][]): number {
  const withText = pages.filter((p) => p.length > 0);
  if (withText.length < 2) return 0;
  const edges = (p: PdfLine[]) => new Set([...p.slice(0, RUNNING_LINES), ...p.slice(-RUNNING_LINES)].map((l) => runningKey(l.text)));
  const seen = new Map<string, number>();
  for (const p of withText) for (const k of edges(p)) seen.set(k, (seen.get(k) ?? 0) + 1);
  const needed = withText.length >= 4 ? withText.length - 1 : withText.length;
  const running = new Set([...seen].filter(([k, n]) => k !== '' && n >= needed).map(([k]) => k));
  if (running.size === 0) return 0;
  let dropped = 0;
  for (const p of pages) {
    const n = p.length;
    const keep = p.filter((l, i) => {
      const atEdge = i < RUNNING_LINES || i >= n - RUNNING_LINES;
      const drop = atEdge && running.has(runningKey(l.text));
      if (drop) dropped++;
      return !drop;
    });
    p.splice(0, p.length, ...keep);
  }
  return dropped;
}

/**
 * Takes printed line numbers off the lines (Word's line numbering, numbered transcripts) when the
 * document is numbered throughout (see stripLineNumbers); a line left empty is dropped. Says
 * whether it did.
 */
export function dropLineNumbers(pages: PdfLine[][]): boolean {
  const unnumbered = stripLineNumbers(pages.flat().map((l) => l.text));
  if (!unnumbered) return false;
  let k = 0;
  for (const p of pages) {
    for (const l of p) l.text = unnumbered[k++];
    p.splice(0, p.length, ...p.filter((l) => l.text.trim() !== ''));
  }
  return true;
}

/** Where the body text of a page starts and ends on the line (the common left and right edges). */
function margins(lines: readonly PdfLine[]): { left: number; right: number } {
  const rights = lines.map((l) => l.right).sort((a, b) => a - b);
  const lefts = lines.map((l) => l.left).sort((a, b) => a - b);
  // The 90th percentile of line ends: the body's right edge, not one overlong line's.
  return { left: lefts[Math.floor(lefts.length / 10)] ?? 0, right: rights[Math.floor((rights.length - 1) * 0.9)] ?? 0 };
}

/**
 * Builds the document text from the pages' lines, joining the printed lines of a paragraph:
 * a line runs on into the next when the next line's first word would not have fitted after it
 * (the line was full up to the text's right edge), the next one is
 * not indented, is not after a paragraph gap, and does not open a speaker turn or timed paragraph
 * (so `Jane Doe  0:13` and `Interviewer:` lines stay lines), and the text block is at least half
 * the page wide (`pageWidths`, in points; US Letter where unknown). A word hyphenated across the break
 * (`conver-` + `sation`) is joined without its hyphen when the next line starts in lower case. A
 * paragraph running over a page break is joined the same way. Pages otherwise end with a blank
 * line. Returns the text and each page's span of it.
 */
export function assemblePdfText(pages: readonly PdfLine[][], pageWidths: readonly number[] = []): { text: string; pages: Page[] } {
  // Which lines open a turn: found on the text with every printed line kept, so that labels are
  // recognised with their document-wide counts exactly as they will be after joining.
  let raw = '';
  const lineStarts: number[][] = [];
  pages.forEach((p, pi) => {
    if (pi > 0 && raw !== '') raw += '\n\n';
    lineStarts.push(
      p.map((l, li) => {
        if (li > 0) raw += l.gapBefore ? '\n\n' : '\n';
        const at = raw.length;
        raw += l.text;
        return at;
      }),
    );
  });
  const structure = detectTranscript(raw);
  const opens = new Set([...structure.turns.map((t) => t.start), ...structure.cues.map((c) => c.start)]);

  const geometry = pages.map((p) => (p.length ? margins(p) : null));
  /** Whether `a` (on page pa) runs on into `b` (first line of the next run, on page pb). */
  const runsOn = (pa: number, a: PdfLine, pb: number, b: PdfLine, bStart: number): boolean => {
    if (opens.has(bStart) || (pa === pb && b.gapBefore)) return false;
    const ga = geometry[pa]!;
    const gb = geometry[pb]!;
    // Text set in a narrow block (a list, a short note) is not wrapped prose.
    if (ga.right - ga.left < 0.5 * (pageWidths[pa] ?? 612)) return false;
    // The line ended on purpose when the next line's first word would have fitted after it.
    const charWidth = (b.right - b.left) / Math.max(1, b.text.length);
    const firstWord = b.text.split(/\s/, 1)[0];
    if (a.right + charWidth * (firstWord.length + 1) <= ga.right + 0.5 * charWidth) return false;
    if (b.left > gb.left + 1.2 * b.h) return false; // an indented first line opens a paragraph
    return true;
  };

  let text = '';
  const spans: Page[] = [];
  let prev: { page: number; line: PdfLine } | null = null;
  pages.forEach((p, pi) => {
    const span: Page = { number: pi + 1, start: -1, end: -1 };
    p.forEach((l, li) => {
      if (prev !== null) {
        if (runsOn(prev.page, prev.line, pi, l, lineStarts[pi][li])) {
          // A soft hyphen always marks a break inside a word; a hard one only before a lower-case letter.
          if (text.endsWith('\u00ad') || (/\p{L}[-\u2010]$/u.test(text) && /^\p{Ll}/u.test(l.text))) {
            text = text.slice(0, -1);
            // The hyphen may have been the previous page's last character.
            const before = spans[spans.length - 1];
            if (before && before.end > text.length) before.end = text.length;
          } else text += ' ';
        } else text += prev.page !== pi || l.gapBefore ? '\n\n' : '\n';
      }
      if (span.start < 0) span.start = text.length;
      text += l.text;
      span.end = text.length;
      prev = { page: pi, line: l };
    });
    // A page without text is an empty span where it falls.
    if (span.start < 0) span.start = span.end = text.length;
    spans.push(span);
  });
  return { text, pages: spans };
}

/**
 * Reads a PDF's text page by page (see pageLines, dropRunningLines, assemblePdfText). Pages are
 * separated by a blank line unless a paragraph runs on, and `pages` gives each page's span in the
 * returned (already normalised) text. Throws BAD_FILE when the file is not a
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
  const pageLineLists: PdfLine[][] = [];
  const pageWidths: number[] = [];
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
      pageLineLists.push(pageLines(items));
      const [x0, , x1] = page.view;
      pageWidths.push(Math.abs(x1 - x0) || 612);
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

  if (pageLineLists.every((p) => p.length === 0)) {
    if (truncated) throw new AccordError('BAD_FILE', `${fileName}: is damaged (truncated: the end of the file is missing)`);
    throw new AccordError('BAD_FILE', `${fileName}: has no text (scanned?); Accord does not do OCR`);
  }
  if (truncated) warnings.push(`${fileName}: has no end-of-file marker; it may be truncated and text may be missing`);
  const empty = pageLineLists.flatMap((p, i) => (p.length === 0 ? [i + 1] : []));
  if (empty.length) warnings.push(`${fileName}: no text on page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} (scanned?)`);

  dropRunningLines(pageLineLists);
  if (dropLineNumbers(pageLineLists)) warnings.push(lineNumbersNote(fileName));
  const { text, pages } = assemblePdfText(pageLineLists, pageWidths);
  return { text, pages, warnings };
}
