// Tests for byte decoding of text files: encodings, BOMs, binary/empty/oversized refusal.
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import { assertImportSize, decodeText, MAX_IMPORT_BYTES } from '../../../electron/engine/import/decode';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf16le = (s: string) => {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (s: string) => {
  const le = utf16le(s);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1];
    out[i + 1] = le[i];
  }
  return out;
};

function badFile(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    expect((e as AccordError).code).toBe('BAD_FILE');
    return (e as AccordError).message;
  }
  throw new Error('expected BAD_FILE');
}

describe('decodeText', () => {
  it('reads UTF-8 and strips its BOM', () => {
    const r = decodeText('a.txt', bytes(0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9));
    expect(r.text).toBe('café');
    expect(r.encoding).toBe('utf-8');
    expect(r.warnings).toEqual([]);
  });

  it('falls back to Windows-1252 for invalid UTF-8 (caf\\xe9) with a warning', () => {
    const r = decodeText('old.txt', bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80)); // 0x80 is € in cp1252
    expect(r.text).toBe('café €');
    expect(r.encoding).toBe('windows-1252');
    expect(r.warnings[0]).toMatch(/^old\.txt: is not valid UTF-8/);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeText('le.txt', utf16le('Núñez: hola')).text).toBe('Núñez: hola');
    expect(decodeText('be.txt', utf16be('Núñez: hola')).text).toBe('Núñez: hola');
    expect(decodeText('be.txt', utf16be('x')).encoding).toBe('utf-16be');
  });

  it('recognises BOM-less UTF-16LE of Latin text', () => {
    const withBom = utf16le('Interviewer: hello there');
    expect(decodeText('x.txt', withBom.subarray(2)).text).toBe('Interviewer: hello there');
  });

  it('refuses binary, empty and whitespace-only files', () => {
    expect(badFile(() => decodeText('pic.txt', bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x41, 0x42, 0x43)))).toBe(
      'pic.txt: looks binary, not text',
    );
    expect(badFile(() => decodeText('e.txt', bytes()))).toBe('e.txt: is empty');
    expect(badFile(() => decodeText('w.txt', bytes(0x20, 0x0a, 0x09, 0x0d, 0x0a)))).toBe('w.txt: is empty');
  });

  it('refuses files over the limit before decoding', () => {
    expect(MAX_IMPORT_BYTES).toBe(104_857_600);
    // 150 MB reported as 150.0 MB: checked from the size alone, no buffer of that size is built.
    expect(badFile(() => assertImportSize('big.txt', 150 * 1024 * 1024))).toBe(
      'big.txt: is too large (150.0 MB; the limit is 100 MB)',
    );
    expect(() => assertImportSize('ok.txt', MAX_IMPORT_BYTES)).not.toThrow();
  });
});
