// .rtf → paragraphs with a small hand-written reader: groups, \par/\line/\tab, \uN with \ucN,
// \'hh in the declared code page, and skipped destinations (font/colour tables, pictures, ...).

import { AccordError } from '../../../shared/errors';
import { decodeWindows1252 } from './decode';

/** Destinations whose content is not document text. */
const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'headerl', 'headerr',
  'headerf', 'footer', 'footerl', 'footerr', 'footerf', 'fldinst', 'themedata', 'colorschememapping',
  'latentstyles', 'datastore', 'xmlnstbl', 'listtable', 'listoverridetable', 'rsidtbl', 'generator',
  'mmathPr', 'filetbl', 'revtbl', 'pgdsctbl', 'listtext', 'pntext', 'pntxta', 'pntxtb', 'footnote',
  'annotation', 'atnid', 'atnauthor', 'xe', 'tc', 'bkmkstart', 'bkmkend', 'userprops', 'docvar',
  'nonshppict', 'shpinst', 'sp', 'wgrffmtfilter', 'private', 'objdata', 'template', 'operator',
]);

/** Control words that stand for a character. */
const SYMBOLS: Record<string, string> = {
  line: '\n', tab: '\t', cell: '\t', emdash: '\u2014', endash: '\u2013', emspace: '\u2003',
  enspace: '\u2002', qmspace: '\u2005', bullet: '\u2022', lquote: '\u2018', rquote: '\u2019',
  ldblquote: '\u201c', rdblquote: '\u201d', zwj: '\u200d', zwnj: '\u200c',
};

/** Control words that end a paragraph. */
const BREAKS = new Set(['par', 'sect', 'page', 'row']);

type Decode = (bytes: Uint8Array) => string;

/** A decoder for an RTF \ansicpg number; null when the platform cannot decode it. */
function decoderFor(codepage: number): Decode | null {
  if (codepage === 1252) return decodeWindows1252;
  const labels: Record<number, string> = {
    874: 'windows-874', 932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 10000: 'macintosh',
    866: 'ibm866', 20866: 'koi8-r', 28591: 'iso-8859-1', 65001: 'utf-8',
  };
  const label = labels[codepage] ?? (codepage >= 1250 && codepage <= 1258 ? `windows-${codepage}` : null);
  if (!label) return null;
  try {
    const d = new TextDecoder(label);
    return (bytes) => d.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads an RTF file into paragraphs. Throws BAD_FILE when the bytes do not start with `{\rtf`;
 * warns about unbalanced braces (a truncated file) and unknown code pages (read as Windows-1252).
 */
export function rtfToParagraphs(fileName: string, bytes: Uint8Array): { paragraphs: string[]; warnings: string[] } {
  // One char per byte (not TextDecoder('latin1'), which WHATWG defines as Windows-1252), so bytes
  // above 0x7F survive to be decoded in the declared code page.
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  if (!/^\s*\{\\rtf/.test(s)) throw new AccordError('BAD_FILE', `${fileName}: is not an RTF file (it does not start with {\\rtf)`);
  const warnings: string[] = [];
  let decode: Decode = decodeWindows1252;
  const paragraphs: string[] = [];
  let cur = '';
  let pending: number[] = [];
  const stack: { skip: boolean; uc: number }[] = [];
  let st = { skip: false, uc: 1 };
  let ucSkip = 0;

  const flushBytes = (): void => {
    if (pending.length) {
      if (!st.skip) cur += decode(new Uint8Array(pending));
      pending = [];
    }
  };
  const emit = (text: string): void => {
    flushBytes();
    if (!st.skip) cur += text;
  };
  const breakParagraph = (): void => {
    flushBytes();
    if (st.skip) return;
    paragraphs.push(cur);
    cur = '';
  };

  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '{') {
      flushBytes();
      stack.push(st);
      st = { ...st };
      ucSkip = 0;
      i++;
    } else if (ch === '}') {
      flushBytes();
      st = stack.pop() ?? st;
      ucSkip = 0;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      i++;
    } else if (ch !== '\\') {
      if (ucSkip > 0) ucSkip--;
      else if (ch.charCodeAt(0) > 0x7f) pending.push(ch.charCodeAt(0));
      else emit(ch);
      i++;
    } else {
      const next = s[i + 1] ?? '';
      if (/[A-Za-z]/.test(next)) {
        const m = /^([A-Za-z]{1,32})(-?\d{1,10})? ?/.exec(s.slice(i + 1, i + 48));
        const word = m ? m[1] : next;
        const param = m && m[2] !== undefined ? Number(m[2]) : null;
        i += 1 + (m ? m[0].length : 1);
        if (word === 'bin' && param !== null) {
          i += Math.max(0, param);
        } else if (SKIPPED.has(word)) {
          flushBytes();
          st.skip = true;
        } else if (word === 'u' && param !== null) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          ucSkip = st.uc;
        } else if (word === 'uc' && param !== null) {
          st.uc = param;
        } else if (word === 'ansicpg' && param !== null) {
          const d = decoderFor(param);
          if (d) decode = d;
          else warnings.push(`${fileName}: code page ${param} is not supported; read as Windows-1252`);
        } else if (ucSkip > 0) {
          ucSkip--;
        } else if (BREAKS.has(word)) {
          breakParagraph();
        } else if (word in SYMBOLS) {
          emit(SYMBOLS[word]);
        }
      } else if (next === "'") {
        const hex = s.slice(i + 2, i + 4);
        i += 4;
        if (ucSkip > 0) ucSkip--;
        else if (/^[0-9A-Fa-f]{2}$/.test(hex)) pending.push(parseInt(hex, 16));
      } else {
        i += 2;
        if (next === '*') {
          flushBytes();
          st.skip = true;
        } else if (ucSkip > 0) {
          ucSkip--;
        } else if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '~') emit('\u00a0');
        else if (next === '_') emit('\u2011');
        else if (next === '\n' || next === '\r') breakParagraph();
      }
    }
  }
  flushBytes();
  paragraphs.push(cur);
  if (stack.length > 0) warnings.push(`${fileName}: looks truncated (unbalanced braces); text at the end may be missing`);
  return { paragraphs, warnings };
}
