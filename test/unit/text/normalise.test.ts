// Tests for the one-time text normalisation applied at import (shared/text/normalise.ts).
import { describe, expect, it } from 'vitest';
import { joinParagraphs, normaliseText } from '../../../shared/text/normalise';

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF and removes the BOM', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('composes decomposed letters (NFC), which shortens the text', () => {
    const decomposed = 'Nu\u0301n\u0303ez'; // "Núñez" typed with combining accents: 7 code units
    const out = normaliseText(decomposed);
    expect(out).toBe('N\u00fa\u00f1ez');
    expect(out.length).toBe(5);
  });

  it('drops leading blank lines and trailing whitespace but keeps inner spacing', () => {
    expect(normaliseText('\n \n  indented\n\nline  \n\n \t')).toBe('  indented\n\nline');
  });

  it('treats Unicode line/paragraph separators as line breaks', () => {
    expect(normaliseText('a\u2028b\u2029c')).toBe('a\nb\nc');
  });
});

describe('joinParagraphs', () => {
  it('puts a blank line between non-empty paragraphs and trims line ends', () => {
    expect(joinParagraphs(['First  ', '', '  ', 'Second\nline ', 'Third'])).toBe('First\n\nSecond\nline\n\nThird');
  });
});
