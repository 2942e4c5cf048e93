// Tests for REFI-QDA offset readings: raw→normalised maps, code-point counting and reading detection.

import { describe, expect, it } from 'vitest';
import {
  buildOffsetMap,
  codePointCounter,
  detectReading,
  isWordBoundary,
  nameMatches,
  normaliseText,
} from '../../../electron/engine/refi/offsets';

// Hand-counted example used throughout: "Hi 😀\r\nthere 👍 ok" (no BOM).
//   UTF-16, CRLF=2 : H0 i1 _2 😀3-4 \r5 \n6 t7 h8 e9 r10 e11 _12 👍13-14 _15 o16 k17 → 18 positions
//   code points, CRLF=2: H0 i1 _2 😀3 \r4 \n5 t6 … e10 _11 👍12 _13 o14 k15 → 16
//   code points, CRLF=1: H0 i1 _2 😀3 \n4 t5 … e9 _10 👍11 _12 o13 k14 → 15
//   normalised (LF, UTF-16): H0 i1 _2 😀3-4 \n5 t6 … e10 _11 👍12-13 _14 o15 k16 → 17
const RAW = 'Hi \u{1F600}\r\nthere \u{1F44D} ok';
const NORM = 'Hi \u{1F600}\nthere \u{1F44D} ok';

describe('normaliseText', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normaliseText(RAW)).toBe(NORM);
    expect(normaliseText('a\rb\r\n\nc')).toBe('a\nb\n\nc');
  });
});

describe('buildOffsetMap', () => {
  it('maps UTF-16 offsets with CRLF=2 (NVivo)', () => {
    const m = buildOffsetMap(RAW, { unit: 'utf16', crlf: 2 });
    expect(m.rawLength).toBe(18);
    expect([m.toNorm(7), m.toNorm(12)]).toEqual([6, 11]); // "there"
    expect([m.toNorm(16), m.toNorm(18)]).toEqual([15, 17]); // "ok"
    expect(m.toNorm(5)).toBe(5); // before CR → before LF
    expect(m.toNorm(6)).toBe(5); // between CR and LF → before LF
    expect(m.toNorm(4)).toBe(4); // inside the surrogate pair stays inside it
    expect(m.toNorm(19)).toBeNull();
    expect(m.toNorm(-1)).toBeNull();
  });

  it('maps code-point offsets with CRLF=2 (the standard)', () => {
    const m = buildOffsetMap(RAW, { unit: 'codepoint', crlf: 2 });
    expect(m.rawLength).toBe(16);
    expect([m.toNorm(6), m.toNorm(11)]).toEqual([6, 11]);
    expect([m.toNorm(14), m.toNorm(16)]).toEqual([15, 17]);
    expect(m.toNorm(3)).toBe(3);
    expect(m.toNorm(4)).toBe(5);
    expect(m.toNorm(17)).toBeNull();
  });

  it('maps code-point offsets with a line break counted once (ATLAS.ti)', () => {
    const m = buildOffsetMap(RAW, { unit: 'codepoint', crlf: 1 });
    expect(m.rawLength).toBe(15);
    expect([m.toNorm(5), m.toNorm(10)]).toEqual([6, 11]);
    expect([m.toNorm(13), m.toNorm(15)]).toEqual([15, 17]);
    expect(m.toNorm(16)).toBeNull();
  });

  it('gives the same slice as the raw text with CRLF→LF for every offset pair', () => {
    const m = buildOffsetMap(RAW, { unit: 'utf16', crlf: 2 });
    for (let a = 0; a <= 18; a++) {
      for (let b = a; b <= 18; b++) {
        // A cut between CR and LF is the one place the raw slice and the normalised slice differ.
        if (a === 6 || b === 6) continue;
        expect(NORM.slice(m.toNorm(a)!, m.toNorm(b)!)).toBe(RAW.slice(a, b).replace(/\r\n/g, '\n'));
      }
    }
  });
});

describe('codePointCounter', () => {
  it('counts code points before a UTF-16 offset', () => {
    const cp = codePointCounter(NORM);
    expect([cp(6), cp(11), cp(15), cp(17)]).toEqual([5, 10, 13, 15]);
    expect(cp(4)).toBe(3); // inside 😀: only complete code points count
    expect(cp(0)).toBe(0);
  });
});

describe('isWordBoundary / nameMatches', () => {
  it('finds boundaries between words, not inside them', () => {
    expect(isWordBoundary('árvíztűrő tükör', 5)).toBe(false);
    expect(isWordBoundary('árvíztűrő tükör', 9)).toBe(true);
    expect(isWordBoundary('x\u{1F600}y', 1)).toBe(true);
    expect(isWordBoundary('ab', 0)).toBe(true);
    expect(isWordBoundary('ab', 2)).toBe(true);
  });
  it('accepts names cut short with an ellipsis and ignores whitespace differences', () => {
    expect(nameMatches('For some reason babies…', 'For some reason babies aren’t')).toBe(true);
    expect(nameMatches('a  b', 'a\nb')).toBe(true);
    expect(nameMatches('abc', 'abd')).toBe(false);
  });
});

describe('detectReading', () => {
  const input = (sel: [number, number][], names?: string[]) => [
    { raw: RAW, selections: sel.map(([start, end], i) => ({ start, end, name: names?.[i] })) },
  ];

  it('prefers the reading under which selection names match the text', () => {
    const r = detectReading(null, input([[5, 10], [13, 15]], ['there', 'ok']));
    expect(r.reading).toEqual({ unit: 'codepoint', crlf: 1 });
    expect(r.reason).toMatch(/2\/2 names match/);
  });

  it('uses word boundaries when there are no names', () => {
    // UTF-16 offsets of "there" and "ok": under code points they would cut words.
    const r = detectReading('Some tool', input([[7, 12], [16, 18]]));
    expect(r.reading).toEqual({ unit: 'utf16', crlf: 2 });
  });

  it('falls back to the origin when there is no evidence', () => {
    expect(detectReading('NVivo for Windows 12.6', []).reading).toEqual({ unit: 'utf16', crlf: 2 });
    expect(detectReading('ATLAS.ti 9', []).reading).toEqual({ unit: 'codepoint', crlf: 1 });
    expect(detectReading('MAXQDA 2022', []).reading).toEqual({ unit: 'codepoint', crlf: 2 });
  });

  it('says when the text makes every reading the same', () => {
    const r = detectReading('MAXQDA', [{ raw: 'plain ascii\nonly', selections: [{ start: 0, end: 5 }] }]);
    expect(r.reason).toMatch(/same offsets/);
  });
});
