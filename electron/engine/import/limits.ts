// The size limit of an imported file, checked before a byte is read (apart from the readers, so a
// caller checks it without loading them).
import { AccordError } from '../../../shared/errors';

/** Largest file Accord imports (100 MB). Callers should check the file size before reading it. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Throws "is too large" when `size` bytes exceed MAX_IMPORT_BYTES. */
export function assertImportSize(fileName: string, size: number): void {
  if (size > MAX_IMPORT_BYTES) {
    // Rounded up so a file just over the limit never reads as "100.0 MB".
    const mb = (Math.ceil((size / 1024 / 1024) * 10) / 10).toFixed(1);
    throw new AccordError('BAD_FILE', `${fileName}: is too large (${mb} MB; the limit is 100 MB)`);
  }
}
