// Safe reading of .qdpx (zip) archives: reads the central directory itself, rejects entries whose
// paths escape the archive, and inflates only the entries asked for, stopping past a size limit even
// when the archive lies about sizes.

import { Inflate } from 'fflate';
import { AccordError } from '../../../shared/errors';

export interface ZipEntry {
  /** Path inside the archive, with '/' separators. */
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size as declared by the archive. */
  size: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Largest uncompressed entry accepted (default 512 MB). */
  maxEntryBytes?: number;
  /** Largest total of all entries read through one archive (default 2 GB). */
  maxTotalBytes?: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The entry with this path, compared without regard to case; undefined if absent. */
  find(name: string): ZipEntry | undefined;
  /** Inflate one entry, enforcing the limits. */
  read(entry: ZipEntry): Uint8Array;
}

const MB = 1024 * 1024;

/** True when the bytes start like a zip archive (local header or empty-archive signature). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Reject absolute paths, drive letters and `..` segments: nothing may point outside the archive. */
function isSafePath(name: string): boolean {
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((seg) => seg === '..');
}

/**
 * Open a zip archive held in memory. Throws AccordError('BAD_FILE') naming `fileName` when the bytes
 * are not a zip, are truncated, encrypted or ZIP64, or hold an entry whose path escapes the archive or
 * whose declared size is over the limit.
 */
export function openZip(fileName: string, bytes: Uint8Array, limits: ZipLimits = {}): ZipArchive {
  const maxEntry = limits.maxEntryBytes ?? 512 * MB;
  const maxTotal = limits.maxTotalBytes ?? 2048 * MB;
  const bad = (msg: string): AccordError => new AccordError('BAD_FILE', `${fileName}: ${msg}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (p: number): number => view.getUint16(p, true);
  const u32 = (p: number): number => view.getUint32(p, true);

  if (!isZip(bytes)) throw bad('not a zip archive');
  let eocd = -1;
  for (let p = bytes.length - 22; p >= 0 && p >= bytes.length - 22 - 0xffff; p--) {
    if (u32(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw bad('not a zip archive (no end-of-directory record; truncated?)');
  const count = u16(eocd + 10);
  const cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad('ZIP64 archives are not supported');

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(p) !== 0x02014b50) throw bad('corrupt zip central directory');
    const flags = u16(p + 8);
    const nameLen = u16(p + 28);
    if (p + 46 + nameLen > bytes.length) throw bad('corrupt zip central directory');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/');
    const entry: ZipEntry = {
      name,
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      localOffset: u32(p + 42),
    };
    if (!isSafePath(name)) throw bad(`entry '${name}' has a path outside the archive`);
    if (flags & 1) throw bad(`entry '${name}' is encrypted`);
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw bad('ZIP64 archives are not supported');
    if (entry.size > maxEntry) throw bad(`entry '${name}' is too large (${entry.size} bytes, limit ${maxEntry})`);
    entries.push(entry);
    p += 46 + nameLen + u16(p + 30) + u16(p + 32);
  }

  let totalRead = 0;
  const read = (e: ZipEntry): Uint8Array => {
    const lo = e.localOffset;
    if (lo + 30 > bytes.length || u32(lo) !== 0x04034b50) throw bad(`entry '${e.name}' has a corrupt local header`);
    const start = lo + 30 + u16(lo + 26) + u16(lo + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw bad(`entry '${e.name}' is truncated`);
    const data = bytes.subarray(start, end);
    // Never trust the declared size alone: stop as soon as the output exceeds it or the limits.
    const cap = Math.min(e.size, maxEntry, maxTotal - totalRead);
    let out: Uint8Array;
    if (e.method === 0) {
      if (data.length !== e.size) throw bad(`entry '${e.name}' has inconsistent sizes`);
      if (data.length > cap) throw bad(`entry '${e.name}' is too large`);
      out = data.slice();
    } else if (e.method === 8) {
      const chunks: Uint8Array[] = [];
      let got = 0;
      let over = false;
      const inflater = new Inflate((chunk) => {
        got += chunk.length;
        if (got > cap) over = true;
        else chunks.push(chunk);
      });
      const step = 16 * 1024;
      try {
        for (let q = 0; q < data.length && !over; q += step) {
          inflater.push(data.subarray(q, Math.min(q + step, data.length)), q + step >= data.length);
        }
      } catch {
        throw bad(`entry '${e.name}' is corrupt (cannot inflate)`);
      }
      if (over) throw bad(`entry '${e.name}' inflates to more than its declared size or the limit (${cap} bytes)`);
      if (got !== e.size) throw bad(`entry '${e.name}' inflates to ${got} bytes, not the declared ${e.size}`);
      out = new Uint8Array(got);
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
    } else {
      throw bad(`entry '${e.name}' uses unsupported compression method ${e.method}`);
    }
    totalRead += out.length;
    return out;
  };

  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  return { entries, find: (name) => byName.get(name.toLowerCase()), read };
}
