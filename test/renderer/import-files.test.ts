// Sequential import with progress and cancellation, and base64 encoding of file bytes.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, importFiles, type ImportProgress } from '../../renderer/features/documents/import-files';

const file = (name: string, text: string) => ({
  name,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
});

describe('bytesToBase64', () => {
  it('matches known encodings (RFC 4648 §10 test vectors)', () => {
    const enc = (s: string) => bytesToBase64(new TextEncoder().encode(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('Zg==');
    expect(enc('foob')).toBe('Zm9vYg==');
    expect(enc('foobar')).toBe('Zm9vYmFy');
  });
  it('agrees with Node for a buffer larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('importFiles', () => {
  it('imports one file at a time, reports progress and collects each failure with its message', async () => {
    const seen: string[] = [];
    const progress: ImportProgress[] = [];
    const outcomes = await importFiles(
      [file('a.txt', 'hi'), file('b.docx', 'junk'), file('c.txt', 'ok')],
      async (name, data) => {
        seen.push(`${name}=${data}`);
        if (name === 'b.docx') throw new Error('b.docx: not a Word document');
        return 'fine';
      },
      (p) => progress.push(p),
      () => false,
    );
    expect(seen).toEqual(['a.txt=aGk=', 'b.docx=anVuaw==', 'c.txt=b2s=']);
    expect(outcomes).toEqual([
      { fileName: 'a.txt', ok: true, message: 'fine' },
      { fileName: 'b.docx', ok: false, message: 'b.docx: not a Word document' },
      { fileName: 'c.txt', ok: true, message: 'fine' },
    ]);
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, current: null });
  });
  it('stops before the next file once cancelled', async () => {
    let cancelled = false;
    const outcomes = await importFiles(
      [file('a.txt', 'x'), file('b.txt', 'y'), file('c.txt', 'z')],
      async (name) => {
        cancelled = name === 'a.txt';
        return 'fine';
      },
      () => undefined,
      () => cancelled,
    );
    expect(outcomes.map((o) => o.fileName)).toEqual(['a.txt']);
  });
});

describe('importFiles: per-file details', () => {
  it('keeps the participant, encoding and warnings a file reports, and plain messages as they are', async () => {
    const files = [
      { name: 'a.vtt', arrayBuffer: async () => new ArrayBuffer(1) },
      { name: 'b.qdpx', arrayBuffer: async () => new ArrayBuffer(1) },
    ];
    const outcomes = await importFiles(
      files,
      async (name) =>
        name === 'a.vtt' ? { message: '5 turns', participant: 'participant ABC01 (file name)', encoding: 'UTF-8', warnings: ['a.vtt: odd'] } : 'REFI-QDA: 1 documents',
      () => {},
      () => false,
    );
    expect(outcomes).toEqual([
      { fileName: 'a.vtt', ok: true, message: '5 turns', participant: 'participant ABC01 (file name)', encoding: 'UTF-8', warnings: ['a.vtt: odd'] },
      { fileName: 'b.qdpx', ok: true, message: 'REFI-QDA: 1 documents' },
    ]);
  });
});
