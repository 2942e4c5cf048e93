// Tests for safe .qdpx unzipping: not-a-zip, paths escaping the archive, oversized and lying entries.

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import { openZip } from '../../../electron/engine/refi/zip';
import { readRefi } from '../../../electron/engine/refi/read';

/** Overwrite the declared uncompressed size of every central-directory entry. */
function patchDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) {
    if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, size, true);
  }
  return out;
}

function badFile(fn: () => unknown): AccordError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    expect((e as AccordError).code).toBe('BAD_FILE');
    return e as AccordError;
  }
  throw new Error('expected a BAD_FILE error');
}

describe('openZip', () => {
  it('reads entries back byte for byte, case-insensitively by path', () => {
    const data = strToU8('héllo '.repeat(1000));
    const zip = openZip('a.qdpx', zipSync({ 'Sources/A.txt': data, 'project.qde': strToU8('<x/>') }));
    expect(zip.entries.map((e) => e.name).sort()).toEqual(['Sources/A.txt', 'project.qde']);
    expect(zip.read(zip.find('sources/a.TXT')!)).toEqual(data);
  });

  it('rejects bytes that are not a zip, naming the file', () => {
    expect(badFile(() => openZip('notes.qdpx', strToU8('hello'))).message).toMatch(/^notes\.qdpx: not a zip/);
    expect(badFile(() => readRefi('notes.qdpx', strToU8('<Project/>'))).message).toMatch(/notes\.qdpx: not a zip/);
  });

  it('rejects a truncated archive', () => {
    const z = zipSync({ 'project.qde': strToU8('<x/>') });
    badFile(() => openZip('cut.qdpx', z.subarray(0, z.length - 10)));
  });

  it('rejects entries whose path escapes the archive', () => {
    const z = zipSync({ '../evil.qde': strToU8('<x/>') });
    expect(badFile(() => openZip('evil.qdpx', z)).message).toMatch(/'\.\.\/evil\.qde' has a path outside the archive/);
    badFile(() => openZip('evil.qdpx', zipSync({ 'sources/../../x.txt': strToU8('x') })));
  });

  it('rejects an entry whose declared size is over the limit without inflating it', () => {
    const z = patchDeclaredSize(zipSync({ 'project.qde': strToU8('<x/>') }), 600 * 1024 * 1024);
    expect(badFile(() => openZip('big.qdpx', z)).message).toMatch(/'project\.qde' is too large \(629145600 bytes/);
    const small = zipSync({ 'project.qde': new Uint8Array(5000) });
    badFile(() => openZip('big.qdpx', small, { maxEntryBytes: 1000 }));
  });

  it('stops inflating an entry that is bigger than it claims (zip bomb)', () => {
    const z = patchDeclaredSize(zipSync({ 'project.qde': new Uint8Array(1_000_000) }, { level: 9 }), 100);
    const zip = openZip('bomb.qdpx', z);
    expect(badFile(() => zip.read(zip.entries[0])).message).toMatch(/inflates to more than its declared size/);
  });
});
