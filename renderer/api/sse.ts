// Reading a Server-Sent Events stream: split what has arrived into complete messages (blank-line
// separated), each with its event name and data, and keep the incomplete rest for the next chunk.

export interface SseMessage {
  /** The `event:` name, or null for a plain message. */
  event: string | null;
  /** The `data:` lines joined by newlines, or null when there were none (a comment or `retry:`). */
  data: string | null;
}

export function takeMessages(buffer: string): { messages: SseMessage[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n');
  const messages: SseMessage[] = [];
  let from = 0;
  for (let cut = text.indexOf('\n\n'); cut >= 0; cut = text.indexOf('\n\n', from)) {
    let event: string | null = null;
    const data: string[] = [];
    for (const line of text.slice(from, cut).split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    messages.push({ event, data: data.length ? data.join('\n') : null });
    from = cut + 2;
  }
  return { messages, rest: text.slice(from) };
}
