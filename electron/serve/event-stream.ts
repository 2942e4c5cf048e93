// Server-Sent Events: the project's change events, streamed to one signed-in client and filtered by
// the engine for that client's caller. A comment line every 25 s keeps proxies from closing an idle
// stream; `event: signed-out` tells a member whose access ended to go back to the sign-in page.
import type { ServerResponse } from 'node:http';
import type { Caller } from '../../shared/api/access';
import type { ChangeEvent } from '../../shared/api/events';

const HEARTBEAT_MS = 25_000;

export interface EventSource {
  subscribe(listener: (e: ChangeEvent) => void, caller?: Caller): () => void;
}

/** Open a stream on `res`; returns the function that ends it (with a reason sent to the client). */
export function streamEvents(res: ServerResponse, source: EventSource, caller: Caller | undefined, headers: Record<string, string>): (reason?: string) => void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const unsubscribe = source.subscribe((e) => res.write(`id: ${e.batch}\ndata: ${JSON.stringify(e)}\n\n`), caller);
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  beat.unref?.();
  let ended = false;
  const end = (reason?: string) => {
    if (ended) return;
    ended = true;
    clearInterval(beat);
    unsubscribe();
    if (reason && !res.writableEnded) res.write(`event: ${reason}\ndata: {}\n\n`);
    res.end();
  };
  res.on('close', () => end());
  return end;
}
