// The desktop app's accord-media:// scheme (issue 12: the player in the desktop app): a document's
// linked recording served whole or in byte ranges, nothing for documents without one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaProtocolHandler, parseRange } from '../../../electron/main/media-protocol';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
const file = join(dir, 'ID21.wav');
writeFileSync(file, Buffer.from('0123456789'));
const handler = mediaProtocolHandler(async (id) => (id === 7 ? { file, mime: 'audio/wav' } : null));
const get = (url: string, range?: string) => handler(new Request(url, { headers: range ? { Range: range } : {} }));

describe('accord-media://document/<id>', () => {
  it('serves the recording whole, and the byte range a player asks for', async () => {
    const whole = await get('accord-media://document/7?v=1');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('Content-Type')).toBe('audio/wav');
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes');
    expect(await whole.text()).toBe('0123456789');
    const part = await get('accord-media://document/7', 'bytes=2-5');
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    expect(await (await get('accord-media://document/7', 'bytes=7-')).text()).toBe('789');
    expect(await (await get('accord-media://document/7', 'bytes=-3')).text()).toBe('789');
    expect((await get('accord-media://document/7', 'bytes=20-30')).status).toBe(416);
  });

  it('answers 404 for a document without a recording and for any other address', async () => {
    expect((await get('accord-media://document/8')).status).toBe(404);
    expect((await get('accord-media://document/../../etc/passwd')).status).toBe(404);
    expect((await get('accord-media://other/7')).status).toBe(404);
    expect(parseRange('bytes=abc', 10)).toBeNull();
    expect(parseRange(null, 10)).toBe('whole');
  });
});
