// The CLI writes its output straight to fd 1 (no process.stdout stream, whose creation loads Node's
// stream machinery); where the descriptor is a non-blocking pipe that answers EAGAIN, the rest and
// everything after go through the stream, in order; a reader that went away ends the command quietly.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fdWriter } from '../../../electron/cli/stdio';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe('fdWriter', () => {
  it('writes every byte, across partial writes, as UTF-8', () => {
    const got: number[] = [];
    // The descriptor takes at most 3 bytes a call.
    const w = fdWriter(1, () => {
      throw new Error('no stream needed');
    }, () => {}, (_fd, bytes, offset) => {
      const n = Math.min(3, bytes.length - offset);
      got.push(...bytes.subarray(offset, offset + n));
      return n;
    });
    expect(w.write('Zoë said “yes”\n')).toBe(true);
    expect(Buffer.from(got).toString('utf8')).toBe('Zoë said “yes”\n');
  });

  it('goes on through the stream after EAGAIN, keeping the order', async () => {
    const direct: string[] = [];
    const streamed: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        streamed.push(chunk.toString('utf8'));
        done();
      },
    });
    let calls = 0;
    const w = fdWriter(1, () => stream, () => {}, (_fd, bytes, offset) => {
      calls++;
      if (calls === 2) throw errno('EAGAIN');
      // First call: half of the first piece.
      const n = Math.ceil((bytes.length - offset) / 2);
      direct.push(Buffer.from(bytes.subarray(offset, offset + n)).toString('utf8'));
      return n;
    });
    w.write('abcdef');
    w.write('ghi');
    await w.drained();
    await new Promise((ok) => stream.end(ok));
    expect(direct).toEqual(['abc']);
    expect(streamed.join('')).toBe('defghi');
    expect(calls).toBe(2);
  });

  it('calls `closed` on EPIPE (the reader went away) and throws other errors', () => {
    let closed = 0;
    const epipe = fdWriter(1, () => new Writable(), () => closed++, () => {
      throw errno('EPIPE');
    });
    expect(epipe.write('x')).toBe(true);
    expect(closed).toBe(1);
    const full = fdWriter(1, () => new Writable(), () => {}, () => {
      throw errno('ENOSPC');
    });
    expect(() => full.write('x')).toThrow('ENOSPC');
  });
});
