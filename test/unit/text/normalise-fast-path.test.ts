// The fast paths in normaliseText (skipping the line-break rewrite and NFC when one scan finds nothing
// for them, the ASCII hint, trimEnd for the trailing-whitespace regex) against the plain definition.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/text/normalise';
import { rng } from '../../helpers/fixtures';

/** The general path, step by step as specified in normalise.ts (its implementation before the fast paths). */
function reference(raw: string): string {
  let s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  s = s.normalize('NFC');
  s = s.replace(/^(?:[ \t\f\v\u00a0]*\n)+/, '');
  return s.replace(/\s+$/u, '');
}


const ASCII = ['a', 'Z', '0', ':', ' ', ' ', '\t', '\n', '\n', '\r', '\r\n', '\f', '\v', '.', '[', '\u0000', '\u007f'];
/**
 * Pieces where normalisation can differ: precomposed and decomposed accents, a lone combining mark,
 * the Angstrom sign (NFC → Å), Hangul jamo that compose, Unicode spaces and separators, a BOM,
 * a zero-width space (not whitespace), a surrogate pair and lone surrogates, Latin-1 letters.
 */
const UNICODE = [
  '\u00e9', 'e\u0301', '\u0301', '\u0327\u0301', 'N\u0303', '\u212b', '\u1100\u1161', '\uac00', '\u00a0', '\u3000',
  '\u1680', '\u2028', '\u2029', '\u202f', '\ufeff', '\u200b', '\ud83d\ude00', '\ud800', '\udc00', '\u00f1', '\u00ff',
  '\u0300', '\u02ff', '\u2019',
];

function randomText(rand: () => number, pieces: string[], maxPieces: number): string {
  const n = Math.floor(rand() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)];
  return s;
}

describe('normaliseText fast paths give the general result', () => {
  it('on random ASCII texts, with and without the ASCII hint', () => {
    const rand = rng(7);
    for (let i = 0; i < 3000; i++) {
      const s = randomText(rand, ASCII, 40);
      const want = reference(s);
      expect(normaliseText(s)).toBe(want);
      expect(normaliseText(s, true)).toBe(want);
    }
  });

  it('on random texts mixing ASCII with accents, combining marks, Unicode spaces and surrogates', () => {
    const rand = rng(11);
    const pieces = [...ASCII, ...UNICODE];
    for (let i = 0; i < 5000; i++) {
      const s = randomText(rand, pieces, 30);
      expect(normaliseText(s)).toBe(reference(s));
    }
  });

  it('on texts that are ASCII except for one character, wherever it falls', () => {
    const rand = rng(3);
    for (const u of UNICODE) {
      for (let i = 0; i < 20; i++) {
        const a = randomText(rand, ASCII, 12);
        const b = randomText(rand, ASCII, 12);
        const s = a + u + b;
        expect(normaliseText(s)).toBe(reference(s));
      }
    }
  });

  it('on a long transcript-like ASCII text with CRLF line ends and trailing blank lines', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${i % 2 ? 'ID21' : 'Interviewer'}: line ${i} with some words   `);
    const s = '\r\n  \r\n' + lines.join('\r\n') + '\r\n\r\n \t ';
    expect(normaliseText(s, true)).toBe(reference(s));
    expect(normaliseText(s)).toBe(reference(s));
    expect(normaliseText(s)).not.toContain('\r');
  });

  it('composes decomposed text and leaves precomposed text as it was', () => {
    // Hand-checked: "Núñez" typed with combining accents is 7 code units; NFC composes it to 5.
    expect(normaliseText('Nu\u0301n\u0303ez')).toBe('N\u00fa\u00f1ez');
    const precomposed = 'Caf\u00e9 \u00f1and\u00fa \u2019quoted\u2019';
    expect(normaliseText(precomposed)).toBe(precomposed);
  });
});
