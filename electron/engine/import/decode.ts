// Bytes → string for text-like files (.txt, .md, .vtt, .srt, .html, .csv): BOM sniffing, UTF-8 with
// a Windows-1252 fallback, and refusal of binary, empty and oversized files.

import { isAscii } from 'node:buffer';
import { AccordError } from '../../../shared/errors';
import { MAX_IMPORT_BYTES, assertImportSize } from './limits';

export { MAX_IMPORT_BYTES, assertImportSize };

/** Windows-1252's characters for bytes 0x80–0x9F (undefined bytes map to the same C1 code point). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 bytes. Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 stays
 * U+0080 instead of €), so the 32 bytes where the two differ are mapped here.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(part, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b)));
  }
  return out;
}

/**
 * The strict UTF-8 decoder, made once (constructing one costs more than decoding a short file). A
 * non-streaming decode keeps no state between calls, even after one that threw.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The same decoder, replacing each invalid sequence with U+FFFD instead of throwing. */
const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Counts what a UTF-8 decode would make of bytes that are not all valid: well-formed multi-byte
 * characters (`valid`), bytes that are not part of one (`badBytes`, each a U+FFFD or part of one),
 * and the 1-based line numbers where the bad bytes are. Follows the Unicode "maximal subpart"
 * rules for which sequences are well formed (no overlongs, surrogates or values past U+10FFFF).
 */
export function scanUtf8(bytes: Uint8Array): { valid: number; badBytes: number; lines: number[] } {
  let valid = 0;
  let badBytes = 0;
  const lines: number[] = [];
  let line = 1;
  const bad = (n: number) => {
    badBytes += n;
    if (lines[lines.length - 1] !== line) lines.push(line);
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0x0a) line++;
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      bad(1);
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) break;
    }
    if (k > need) {
      valid++;
      i += need + 1;
    } else {
      bad(k);
      i += k;
    }
  }
  return { valid, badBytes, lines };
}

/** `line 3`, `lines 3 and 17`, `lines 3, 17 and 40`, at most 10 listed (`… and 12 more lines`). */
function lineList(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 10);
  const more = lines.length - shown.length;
  if (more > 0) return `lines ${shown.join(', ')} and ${more} more line${more > 1 ? 's' : ''}`;
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  /** True when the bytes were all ASCII, so the text is too (lets normaliseText skip its NFC check). */
  ascii: boolean;
  warnings: string[];
}

/**
 * UTF-16 without a BOM: text in the Latin range has a NUL in every other byte. Recognise it only
 * when it is unmistakable (most odd or most even bytes are NUL, the others almost never).
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return null;
}

/**
 * Decodes a text file's bytes. UTF-8 (BOM stripped), UTF-16 LE/BE with a BOM (or unmistakably
 * without). Bytes that are not all valid UTF-8 are still read as UTF-8 when the file is mostly
 * UTF-8 (at least as many well-formed non-ASCII characters as bad bytes): each bad sequence becomes
 * U+FFFD and a warning names the lines. Only a file with no (or fewer) well-formed UTF-8 characters
 * than bad bytes is read as Windows-1252, also with a warning. `encoding` says which was used.
 * Throws BAD_FILE for files over 100 MB (checked first, before any decoding), NUL bytes in what
 * should be text ("looks binary"), and empty or whitespace-only content.
 */
export function decodeText(fileName: string, bytes: Uint8Array): DecodedText {
  assertImportSize(fileName, bytes.length);
  if (bytes.length === 0) throw new AccordError('BAD_FILE', `${fileName}: is empty`);

  let encoding: DecodedText['encoding'];
  let body = bytes;
  const warnings: string[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    const sniffed = sniffUtf16(bytes);
    if (sniffed) encoding = sniffed;
    else {
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
      // Buffer's indexOf is a memchr; a plain Uint8Array's is an element-by-element loop.
      const hasNul = Buffer.from(body.buffer, body.byteOffset, body.byteLength).indexOf(0) !== -1;
      if (hasNul) throw new AccordError('BAD_FILE', `${fileName}: looks binary, not text`);
      encoding = 'utf-8';
    }
  }

  let text: string;
  let ascii = false;
  if (encoding === 'utf-8') {
    ascii = isAscii(body);
    try {
      text = UTF8.decode(body);
    } catch {
      const scan = scanUtf8(body);
      if (scan.valid > 0 && scan.badBytes <= scan.valid) {
        // Mostly UTF-8: a few damaged bytes do not make the rest of the file Windows-1252.
        text = UTF8_LENIENT.decode(body);
        warnings.push(
          `${fileName}: has ${scan.badBytes === 1 ? 'a byte' : `${scan.badBytes} bytes`} that ${scan.badBytes === 1 ? 'is' : 'are'} not valid UTF-8 ` +
            `on ${lineList(scan.lines)}; read as UTF-8 with \ufffd in ${scan.badBytes === 1 ? 'its place' : 'their places'}`,
        );
      } else {
        encoding = 'windows-1252';
        text = decodeWindows1252(body);
        warnings.push(`${fileName}: is not valid UTF-8; read as Windows-1252 (Western European)`);
      }
    }
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw new AccordError('BAD_FILE', `${fileName}: is not valid ${encoding.toUpperCase()} text`);
    }
    if (text.includes('\u0000')) throw new AccordError('BAD_FILE', `${fileName}: looks binary, not text`);
  }

  if (text.trim() === '') throw new AccordError('BAD_FILE', `${fileName}: is empty`);
  return { text, encoding, ascii, warnings };
}
