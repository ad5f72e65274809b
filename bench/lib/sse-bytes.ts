/**
 * A Server-Sent Events response read as bytes off a raw socket, for the on-sale mix's 19,000
 * watchers (they share the machine's two cores with the server they measure). What it does of
 * what a browser's EventSource does: it reads the HTTP/1.1 head (status, chunked or not) and
 * every byte of the body, undoing the chunked framing; it splits the body into events at each
 * blank line and hands each event's bytes over whole. What it leaves to its caller or skips:
 * decoding the bytes to text (the caller reads the `id:` line as digits and parses an event's
 * data as JSON only when it needs it), and line ends other than "\n" (the server writes "\n").
 */
const BLANK_LINE = Buffer.from('\n\n');
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

export interface SseBytesHandlers {
  /** The head is read: the status, and whether more is to come (a 200's body). */
  head(status: number): void;
  /** One event's bytes (its lines without the blank line that ends it); only valid during the call. */
  event(bytes: Buffer): void;
}

export class SseBytesReader {
  #head = true;
  #chunked = false;
  /** Bytes of the current chunk still to come (chunked), -1 while its size line is read. */
  #chunkLeft = -1;
  /** The chunk's data was read, its closing CRLF not yet. */
  #chunkEnd = false;
  /** Raw bytes not yet framed (a head or size line cut by the network). */
  #raw: Buffer | null = null;
  /** Body bytes of an event not yet ended. */
  #body: Buffer | null = null;
  /** Body bytes read (every byte of every event). */
  bodyBytes = 0;

  constructor(private readonly handlers: SseBytesHandlers) {}

  /** The bytes are only read during the call (the caller may reuse their buffer for the next read). */
  push(data: Buffer): void {
    let buf = this.#raw ? Buffer.concat([this.#raw, data]) : data;
    this.#raw = null;
    let at = 0;
    if (this.#head) {
      const end = buf.indexOf(HEAD_END);
      if (end < 0) {
        // A copy: the caller may read into one buffer for every socket.
        this.#raw = Buffer.from(buf);
        return;
      }
      const head = buf.toString('latin1', 0, end);
      this.#head = false;
      this.#chunked = /\r\ntransfer-encoding:[ \t]*chunked/i.test(head);
      this.handlers.head(Number(head.slice(9, 12)));
      at = end + 4;
    }
    if (!this.#chunked) {
      if (at < buf.length) this.#bodyBytes(buf.subarray(at));
      return;
    }
    while (at < buf.length) {
      if (this.#chunkEnd) {
        // The CRLF after a chunk's data (it may come in a later read).
        if (buf.length - at < 2) break;
        at += 2;
        this.#chunkEnd = false;
        continue;
      }
      if (this.#chunkLeft < 0) {
        const end = buf.indexOf(CRLF, at);
        if (end < 0) break;
        this.#chunkLeft = Number.parseInt(buf.toString('latin1', at, end), 16);
        at = end + 2;
        if (this.#chunkLeft === 0) return; // the last chunk: the server ended the stream
        continue;
      }
      const take = Math.min(this.#chunkLeft, buf.length - at);
      this.#bodyBytes(buf.subarray(at, at + take));
      at += take;
      this.#chunkLeft -= take;
      if (this.#chunkLeft === 0) {
        this.#chunkLeft = -1;
        this.#chunkEnd = true;
      }
    }
    if (at < buf.length) this.#raw = Buffer.from(buf.subarray(at));
  }

  #bodyBytes(bytes: Buffer): void {
    this.bodyBytes += bytes.length;
    let buf = this.#body ? Buffer.concat([this.#body, bytes]) : bytes;
    this.#body = null;
    let at = 0;
    for (let end = buf.indexOf(BLANK_LINE, at); end >= 0; end = buf.indexOf(BLANK_LINE, at)) {
      this.handlers.event(buf.subarray(at, end));
      at = end + 2;
    }
    // Kept as a copy: the read's buffer is not held on to.
    if (at < buf.length) this.#body = Buffer.from(buf.subarray(at));
  }
}

const ID = Buffer.from('id: ');
const DATA = Buffer.from('data: ');

/** The `id:` line's version "a.b" as a number ordering like the versions (a × 10⁶ + b), read as digits; null without one. */
export function eventVersionKey(event: Buffer): number | null {
  const start = event.indexOf(ID);
  if (start < 0 || (start > 0 && event[start - 1] !== 0x0a)) return null;
  let a = 0;
  let b = 0;
  let dot = false;
  for (let i = start + 4; i < event.length; i++) {
    const c = event[i]!;
    if (c === 0x0a) break;
    if (c === 0x2e) dot = true;
    else if (dot) b = b * 10 + (c - 48);
    else a = a * 10 + (c - 48);
  }
  return a * 1e6 + b;
}

/** The event's data line as text (one `data:` line, as this server writes them). */
export function eventData(event: Buffer): string {
  const start = event.indexOf(DATA);
  if (start < 0) return '';
  const end = event.indexOf(0x0a, start);
  return event.toString('utf8', start + DATA.length, end < 0 ? event.length : end);
}
