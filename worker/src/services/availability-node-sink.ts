import type { EventSink } from './availability-stream.js';

/** What the route needs of Node's http.ServerResponse (typed by shape: this folder imports no node: module). */
export interface NodeOutgoing {
  write(chunk: Uint8Array): boolean;
  readonly headersSent: boolean;
  readonly writableLength: number;
  readonly destroyed: boolean;
}

/** The Node response under a request, when @hono/node-server serves it (it passes `{ incoming, outgoing }` as the env). */
export function nodeOutgoing(env: unknown): NodeOutgoing | undefined {
  const outgoing = (env as { outgoing?: Partial<NodeOutgoing> } | undefined)?.outgoing;
  return outgoing && typeof outgoing.write === 'function' && typeof outgoing.headersSent === 'boolean' ? (outgoing as NodeOutgoing) : undefined;
}

/**
 * A subscriber written straight to its socket: the same bytes for everyone, one write each, no
 * stream reader in between. The answer's body stream (which @hono/node-server reads, writing
 * the head with every middleware's headers first) carries what comes before the head is out
 * and anything queued behind it, so bytes never overtake each other; it ends the answer when
 * the subscriber is ended. More than `maxQueuedBytes` not yet sent: it does not read, and is
 * ended (its EventSource reconnects to a snapshot).
 */
export function nodeEventSink(outgoing: NodeOutgoing, body: ReadableStreamDefaultController<Uint8Array>, maxQueuedBytes: number): EventSink {
  return {
    write(bytes) {
      if (outgoing.destroyed) return false;
      const queued = body.desiredSize ?? 0;
      if (!outgoing.headersSent || queued < 1) {
        if (queued < -64) return false;
        body.enqueue(bytes);
        return true;
      }
      if (outgoing.writableLength > maxQueuedBytes) return false;
      outgoing.write(bytes);
      return true;
    },
    end() {
      try {
        body.close();
      } catch {
        // already closed or cancelled
      }
    },
  };
}
