// The renderer's Server-Sent Events reader: messages split at blank lines whatever the chunking,
// event names, multi-line data, comments and retry lines, CRLF line ends, and the incomplete rest kept.
import { describe, expect, it } from 'vitest';
import { takeMessages } from '../../renderer/api/sse';

describe('takeMessages', () => {
  it('splits complete messages and keeps the rest for the next chunk', () => {
    const first = takeMessages('retry: 2000\n\nid: 4\ndata: {"batch":4}\n\nid: 5\ndata: {"ba');
    expect(first.messages).toEqual([
      { event: null, data: null },
      { event: null, data: '{"batch":4}' },
    ]);
    expect(first.rest).toBe('id: 5\ndata: {"ba');
    const second = takeMessages(first.rest + 'tch":5}\n\n: keep-alive\n\nevent: signed-out\ndata: {}\n\n');
    expect(second.messages).toEqual([
      { event: null, data: '{"batch":5}' },
      { event: null, data: null },
      { event: 'signed-out', data: '{}' },
    ]);
    expect(second.rest).toBe('');
  });

  it('joins data lines and reads CRLF line ends', () => {
    expect(takeMessages('data: a\r\ndata:b\r\n\r\n')).toEqual({ messages: [{ event: null, data: 'a\nb' }], rest: '' });
  });
});
