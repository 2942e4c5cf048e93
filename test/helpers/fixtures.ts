// Shared test fixtures: a seeded random source, a BAD_FILE expectation, and a zip bomb posing as .docx.
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { expect } from 'vitest';
import { AccordError } from '../../shared/errors';

/** A deterministic random source in [0, 1) (mulberry32), so random cases repeat exactly. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Await `p`, expect it to fail with AccordError BAD_FILE, and return the message. */
export async function badFile(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    expect((e as AccordError).code).toBe('BAD_FILE');
    return (e as AccordError).message;
  }
  throw new Error('expected BAD_FILE');
}

const MB = 1024 * 1024;

/** A .docx whose word/document.xml unpacks to `mb` MB of zeros, streamed so the test never holds it whole. */
export function zeroBombDocx(mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const ct = new ZipDeflate('[Content_Types].xml', { level: 1 });
  zip.add(ct);
  ct.push(strToU8('<Types/>'), true);
  const doc = new ZipDeflate('word/document.xml', { level: 1 });
  zip.add(doc);
  const zeros = new Uint8Array(MB);
  for (let i = 0; i < mb; i++) doc.push(zeros, i === mb - 1);
  zip.end();
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
