// Defensive zip reading for .docx and .odt: reads the central directory, refuses archives whose
// declared unpacked size is too big, and inflates entries in small steps so that lying headers
// (a zip bomb) are caught before memory runs out.

import { Inflate } from 'fflate';
import { AccordError } from '../../../shared/errors';

/** Most bytes a .docx/.odt may unpack to, in total (200 MB). */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  /** As declared by the central directory; not trusted until inflated. */
  declaredSize: number;
  localHeaderOffset: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;

/**
 * The entries listed in a zip's central directory, or null when the bytes are not a readable zip
 * (no local-file signature at the start, no end-of-central-directory record, or entries that point
 * outside the file).
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) return null;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) return null;
    const nameLen = u16(bytes, p + 28);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      declaredSize: u32(bytes, p + 24),
      localHeaderOffset: u32(bytes, p + 42),
    };
    if (entry.localHeaderOffset + 30 > bytes.length) return null;
    entries.push(entry);
    p += 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
  }
  return entries;
}

/** Thrown inside the inflate callback to stop at the first byte past a limit. */
class LimitExceeded extends Error {}

/**
 * Unpacks a zip defensively. First the declared sizes are summed and the archive refused if they
 * exceed `maxTotal`; then every entry is inflated 16 KB of input at a time (deflate expands at most
 * ~1000×, so one step yields at most ~16 MB) while counting output, and inflation stops as soon as
 * an entry outgrows its declared size or the total outgrows `maxTotal`. Only entries accepted by
 * `keep` are returned; the others are inflated just to verify their size (another reader such as
 * mammoth will unpack them later).
 */
export function unzipSafely(
  fileName: string,
  bytes: Uint8Array,
  opts: { notZip: string; keep: (name: string) => boolean; maxTotal?: number },
): Map<string, Uint8Array> {
  const maxTotal = opts.maxTotal ?? MAX_UNZIPPED_BYTES;
  const entries = readZipDirectory(bytes);
  if (!entries) throw new AccordError('BAD_FILE', `${fileName}: ${opts.notZip}`);
  const limitMb = Math.round(maxTotal / 1024 / 1024);
  const declared = entries.reduce((s, e) => s + e.declaredSize, 0);
  if (declared > maxTotal || entries.some((e) => e.declaredSize === 0xffffffff)) {
    const mb = (declared / 1024 / 1024).toFixed(0);
    throw new AccordError(
      'BAD_FILE',
      `${fileName}: unpacks to ${mb} MB, more than the ${limitMb} MB limit (a zip bomb or an oversized file)`,
    );
  }

  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const h = e.localHeaderOffset;
    if (u32(bytes, h) !== 0x04034b50) throw new AccordError('BAD_FILE', `${fileName}: is damaged (bad zip entry ${e.name})`);
    const dataStart = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
    const data = bytes.subarray(dataStart, dataStart + e.compressedSize);
    if (data.length < e.compressedSize) throw new AccordError('BAD_FILE', `${fileName}: is damaged (zip entry ${e.name} is truncated)`);
    const keep = opts.keep(e.name);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const accept = (chunk: Uint8Array): void => {
      size += chunk.length;
      total += chunk.length;
      if (size > e.declaredSize || total > maxTotal) throw new LimitExceeded();
      if (keep) chunks.push(chunk);
    };
    try {
      if (e.method === 0) accept(data);
      else if (e.method === 8) {
        const inflate = new Inflate((chunk) => accept(chunk));
        const step = 16 * 1024;
        for (let i = 0; i < data.length; i += step) {
          inflate.push(data.subarray(i, Math.min(i + step, data.length)), i + step >= data.length);
        }
        if (data.length === 0) inflate.push(new Uint8Array(0), true);
      } else {
        throw new AccordError('BAD_FILE', `${fileName}: uses an unsupported zip compression (method ${e.method})`);
      }
    } catch (err) {
      if (err instanceof AccordError) throw err;
      if (err instanceof LimitExceeded) {
        throw new AccordError(
          'BAD_FILE',
          `${fileName}: ${e.name} unpacks to more than its zip header declares or than the ${limitMb} MB limit (a zip bomb or a damaged file)`,
        );
      }
      throw new AccordError('BAD_FILE', `${fileName}: is damaged (cannot unpack ${e.name})`);
    }
    if (size !== e.declaredSize) throw new AccordError('BAD_FILE', `${fileName}: is damaged (${e.name} has the wrong size)`);
    if (keep) {
      const buf = new Uint8Array(size);
      let o = 0;
      for (const c of chunks) {
        buf.set(c, o);
        o += c.length;
      }
      out.set(e.name, buf);
    }
  }
  return out;
}
