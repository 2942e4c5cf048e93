// The command's output, written straight to its file descriptor. process.stdout is a stream whose
// creation loads Node's whole stream machinery (about 10 ms of CPU, a tenth of a small command's
// start-up) to print a line or two; a blocking write to fd 1 needs none of it. A stream is created
// only where the descriptor cannot take a blocking write (a non-blocking pipe answering EAGAIN):
// from then on everything goes through it, in order.
import { fstatSync, writeSync } from 'node:fs';

export interface FdWriter {
  /** Write `s`; false when a fallback stream's buffer is full (then await `drained`). */
  write(s: string): boolean;
  drained(): Promise<void>;
}

/**
 * A writer for `fd`. `closed` runs when the reader has gone away (EPIPE: `accord … | head -1`);
 * `stream` gives the fallback stream (process.stdout), made only if needed.
 */
export function fdWriter(
  fd: number,
  stream: () => NodeJS.WritableStream,
  closed: () => void,
  write: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync,
): FdWriter {
  let fallback: NodeJS.WritableStream | null = null;
  const viaStream = (rest: Buffer | string): boolean => {
    if (!fallback) {
      fallback = stream();
      fallback.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') closed();
        else throw err;
      });
    }
    return fallback.write(rest);
  };
  return {
    write(s) {
      if (fallback) return viaStream(s);
      const bytes = Buffer.from(s, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += write(fd, bytes, done);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EAGAIN') return viaStream(bytes.subarray(done));
          if (code === 'EPIPE') {
            closed();
            return true;
          }
          throw err;
        }
      }
      return true;
    },
    drained: () =>
      new Promise((ok) => {
        if (fallback && (fallback as NodeJS.WritableStream & { writableNeedDrain?: boolean }).writableNeedDrain) fallback.once('drain', () => ok());
        else ok();
      }),
  };
}

/**
 * Whether `fd` may be a terminal, without loading node:tty (which brings the streams): a terminal is
 * a character device. /dev/null is one too, so a caller still asks the real stream before drawing.
 */
export function mayBeTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
