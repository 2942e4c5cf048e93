// Zip-bomb guard for .docx/.odt: a document.xml of 300 MB of zeros (about 300 KB compressed),
// first with honest headers, then with headers that lie about the unpacked size.
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { readZipDirectory, unzipSafely } from '../../../electron/engine/import/zip';
import { badFile, zeroBombDocx } from '../../helpers/fixtures';

const MB = 1024 * 1024;


/** Rewrites the central directory's "uncompressed size" of one entry (the lie). */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 46 < out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const nameLen = view.getUint16(p + 28, true);
    if (new TextDecoder().decode(out.subarray(p + 46, p + 46 + nameLen)) === name) {
      view.setUint32(p + 24, size, true);
      return out;
    }
  }
  throw new Error('entry not found');
}


describe('zip bomb .docx', () => {
  let bomb: Uint8Array;
  beforeAll(() => {
    bomb = zeroBombDocx(300);
  }, 60_000);

  it('is small on disk but declares 300 MB', () => {
    expect(bomb.length).toBeLessThan(2 * MB);
    const doc = readZipDirectory(bomb)?.find((e) => e.name === 'word/document.xml');
    expect(doc?.declaredSize).toBe(300 * MB);
  });

  it('is refused from its declared size, before anything is inflated', async () => {
    const t0 = Date.now();
    expect(await badFile(extractDocument('bomb.docx', bomb))).toBe(
      'bomb.docx: unpacks to 300 MB, more than the 200 MB limit (a zip bomb or an oversized file)',
    );
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('is refused when the header lies (declares 1 KB): inflation stops at the first step', async () => {
    const liar = lieAboutSize(bomb, 'word/document.xml', 1024);
    expect(await badFile(extractDocument('liar.docx', liar))).toBe(
      'liar.docx: word/document.xml unpacks to more than its zip header declares or than the 200 MB limit (a zip bomb or a damaged file)',
    );
  });

  it('stops at the total limit when the lie stays under it (declares 150 MB, holds 300 MB)', () => {
    const liar = lieAboutSize(bomb, 'word/document.xml', 150 * MB);
    let kept = 0;
    expect(() =>
      unzipSafely('liar.docx', liar, {
        notZip: 'not a zip',
        keep: () => {
          kept++;
          return false;
        },
        maxTotal: 200 * MB,
      }),
    ).toThrow(/word\/document\.xml unpacks to more than its zip header declares/);
    expect(kept).toBe(2);
  }, 30_000);
});
