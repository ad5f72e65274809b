import type { EventSink } from './availability-stream.js';

/** What the route needs of Node's http.ServerResponse (typed by shape: this folder imports no node: module). */
export interface NodeOutgoing {
  write(chunk: Uint8Array): boolean;
  readonly headersSent: boolean;
  readonly writableLength: number;
  readonly writableCorked?: number;
  readonly destroyed: boolean;
  /** True while the body goes out as HTTP/1.1 chunks (no Content-Length): Node frames each write(). */
  readonly chunkedEncoding?: boolean;
  readonly socket?: NodeSocket | null;
}

/** The connection under the response: bytes written here go out as they are. */
export interface NodeSocket {
  write(chunk: Uint8Array): boolean;
  readonly writableLength: number;
}

/** The Node response under a request, when @hono/node-server serves it (it passes `{ incoming, outgoing }` as the env). */
export function nodeOutgoing(env: unknown): NodeOutgoing | undefined {
  const outgoing = (env as { outgoing?: Partial<NodeOutgoing> } | undefined)?.outgoing;
  return outgoing && typeof outgoing.write === 'function' && typeof outgoing.headersSent === 'boolean' ? (outgoing as NodeOutgoing) : undefined;
}

const CRLF = 0x0d0a;
const asciiEncoder = new TextEncoder();
/** Node's Buffer, when there is one: a socket turns any other Uint8Array into a Buffer view on every write. */
const NodeBuffer = (globalThis as { Buffer?: { from(bytes: ArrayBuffer, offset: number, length: number): Uint8Array } }).Buffer;

/**
 * An event as one HTTP/1.1 chunk: its size in hex, CRLF, the bytes, CRLF. Framed once per event
 * (kept as long as the event's bytes live) and written as is to every subscriber's socket, where
 * `response.write()` would frame it again for each one (a size string, four buffers gathered
 * by a writev on the next tick, per socket: four in ten of the server's CPU at 19,000 subscribers).
 */
const chunks = new WeakMap<Uint8Array, Uint8Array>();
export function httpChunk(bytes: Uint8Array): Uint8Array {
  let chunk = chunks.get(bytes);
  if (!chunk) {
    const size = asciiEncoder.encode(`${bytes.byteLength.toString(16)}\r\n`);
    chunk = new Uint8Array(size.byteLength + bytes.byteLength + 2);
    chunk.set(size, 0);
    chunk.set(bytes, size.byteLength);
    new DataView(chunk.buffer).setUint16(size.byteLength + bytes.byteLength, CRLF);
    if (NodeBuffer) chunk = NodeBuffer.from(chunk.buffer as ArrayBuffer, 0, chunk.byteLength);
    chunks.set(bytes, chunk);
  }
  return chunk;
}

/**
 * A subscriber written straight to its socket: the same bytes for everyone, one write each, no
 * stream reader in between. The answer's body stream (which @hono/node-server reads, writing
 * the head with every middleware's headers first) carries what comes before the head is out
 * and anything queued behind it, so bytes never overtake each other; it ends the answer when
 * the subscriber is ended. Once the response holds nothing of its own (all it wrote is in the
 * socket's buffer or sent), an event goes to the socket as one shared, pre-framed HTTP chunk.
 * More than `maxQueuedBytes` not yet sent: it does not read, and is ended (its EventSource
 * reconnects to a snapshot).
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
      const pending = outgoing.writableLength;
      if (pending > maxQueuedBytes) return false;
      const socket = outgoing.socket;
      if (socket && outgoing.chunkedEncoding === true && !outgoing.writableCorked && pending === socket.writableLength) {
        socket.write(httpChunk(bytes));
        return true;
      }
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
