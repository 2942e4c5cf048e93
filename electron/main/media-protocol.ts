// A transcript's recording for the desktop app's player: `accord-media://document/<id>` serves the file
// the engine has linked to that document (recordings:get), with byte ranges so the player can seek.
// The page never sees a path on disk, and only linked recordings that are present can be read.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

export const MEDIA_SCHEME = 'accord-media';
/** Registered before the app is ready; `stream` lets <audio>/<video> read it in ranges. */
export const MEDIA_SCHEME_PRIVILEGES = { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: false };

/** The recording of a document, or null when it has none (or it is missing or changed on disk). */
export type RecordingLookup = (documentId: number) => Promise<{ file: string; mime: string } | null>;

/** `bytes=START-END` (either end may be absent) → an inclusive range inside `size`, or null when unsatisfiable. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | 'whole' {
  if (!header) return 'whole';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

export function mediaProtocolHandler(lookup: RecordingLookup): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const id = /^\/(\d+)$/.exec(url.pathname);
    if (url.host !== 'document' || !id || (request.method !== 'GET' && request.method !== 'HEAD')) return new Response('not found', { status: 404 });
    const rec = await lookup(Number(id[1]));
    if (!rec) return new Response('this document has no recording that can be played', { status: 404 });
    let size: number;
    try {
      size = (await stat(rec.file)).size;
    } catch {
      return new Response('the recording is missing; relink it', { status: 404 });
    }
    const range = parseRange(request.headers.get('Range'), size);
    if (range === null) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
    const { start, end } = range === 'whole' ? { start: 0, end: size - 1 } : range;
    const headers = {
      'Content-Type': rec.mime,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      ...(range === 'whole' ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` }),
    };
    const body = request.method === 'HEAD' || size === 0 ? null : (Readable.toWeb(createReadStream(rec.file, { start, end })) as ReadableStream);
    return new Response(body, { status: range === 'whole' ? 200 : 206, headers });
  };
}
