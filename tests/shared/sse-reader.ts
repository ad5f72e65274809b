/** One Server-Sent Event as a subscriber receives it. */
export interface ServerEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * Reads a text/event-stream body event by event (what EventSource does, without a browser):
 * `next()` resolves with the next event, `comments` counts comment lines (keep-alives).
 * Events are parsed as the spec says: lines up to a blank line; `data` lines joined by "\n".
 */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: ServerEvent[] = [];
  const waiting: ((event: ServerEvent | null) => void)[] = [];
  let buffer = '';
  let ended = false;
  const state = { comments: 0 };
  let current: { id?: string; event?: string; data: string[] } = { data: [] };

  const deliver = (event: ServerEvent | null) => {
    const waiter = waiting.shift();
    if (waiter) waiter(event);
    else if (event) queue.push(event);
  };
  const line = (text: string) => {
    if (text === '') {
      if (current.data.length > 0) deliver({ id: current.id, event: current.event ?? 'message', data: current.data.join('\n') });
      current = { data: [] };
      return;
    }
    if (text.startsWith(':')) {
      state.comments++;
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') current.data.push(value);
    else if (field === 'id') current.id = value;
    else if (field === 'event') current.event = value;
  };
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          line(buffer.slice(0, newline).replace(/\r$/, ''));
          buffer = buffer.slice(newline + 1);
        }
      }
    } catch {
      // cancelled or dropped: ends like the end of the stream
    }
    ended = true;
    while (waiting.length > 0) waiting.shift()!(null);
  })();

  return {
    state,
    /** The next event, or null once the stream has ended. */
    next(): Promise<ServerEvent | null> {
      const event = queue.shift();
      if (event) return Promise.resolve(event);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    /** The next event passing `test` (earlier ones are dropped), or null at the end. */
    async until(test: (event: ServerEvent) => boolean): Promise<ServerEvent | null> {
      for (;;) {
        const event = await this.next();
        if (event === null || test(event)) return event;
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
