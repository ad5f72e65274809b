import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseJsonOrText } from '../../tests/shared/request.js';

/**
 * A keep-alive HTTP/1.1 JSON client for the load generator, on raw sockets. At most `maxSockets`
 * connections; requests beyond them wait in a queue, as buyers would wait for a connection.
 * Two times are measured per request: `wireMs` from the moment a socket is assigned to the last
 * byte of the response (what the server costs), and `totalMs` from the moment the buyer asked
 * (including the wait for a socket).
 *
 * Why not node:http: the buyers' process shares the machine's two cores with the server, and
 * node:http's client (agent, header objects, streams, events per response) cost 0.19 ms of CPU per
 * request, a fifth of the machine at the sustained sale's rate. This client writes each request
 * as one string and reads the status, Content-Length or chunked body, and nothing else. It still
 * reads every byte and parses every JSON body the buyers use.
 */
export interface JsonResponse {
  /** HTTP status; 0 = no answer (error, timeout); -1 = never sent (cancelled by abortQueued). */
  status: number;
  body: any;
  wireMs: number;
  totalMs: number;
  /** performance.now() of the last byte. */
  endedAt: number;
}

/** BENCH_DEBUG_SLOW_MS=n prints every request slower than n ms on the wire (to find stalls). */
const DEBUG_SLOW_MS = Number(process.env.BENCH_DEBUG_SLOW_MS ?? 0);

const HEADER_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');

/** A response read so far: its status and body once complete, or null while bytes are missing. */
interface Parsed {
  status: number;
  body: string;
  /** Bytes after this response (none without pipelining; kept for safety). */
  rest: Buffer;
  close: boolean;
}

/** Parses one HTTP/1.1 response from the start of `buf`, or null if it is not complete yet. */
export function parseResponse(buf: Buffer): Parsed | null {
  const headerEnd = buf.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = buf.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  let length = -1;
  let chunked = false;
  let close = false;
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  const start = headerEnd + 4;
  if (chunked) {
    const parts: Buffer[] = [];
    let at = start;
    for (;;) {
      const sizeEnd = buf.indexOf(LINE_END, at);
      if (sizeEnd < 0) return null;
      const size = Number.parseInt(buf.toString('latin1', at, sizeEnd), 16);
      const dataStart = sizeEnd + 2;
      if (buf.length < dataStart + size + 2) return null;
      if (size === 0) return { status, body: Buffer.concat(parts).toString('utf8'), rest: buf.subarray(dataStart + 2), close };
      parts.push(buf.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  }
  // No length and not chunked: a 204 or 304 here (the server sends a length or chunks otherwise).
  if (length < 0) length = 0;
  if (buf.length < start + length) return null;
  return { status, body: buf.toString('utf8', start, start + length), rest: buf.subarray(start + length), close };
}

interface InFlight {
  sentAt: number;
  finish: (status: number, body: string | null) => void;
}

/** One keep-alive connection: one request at a time. */
class Connection {
  readonly socket: Socket;
  private buffered: Buffer | null = null;
  current: InFlight | null = null;
  dead = false;

  constructor(host: string, port: number, onDead: (c: Connection) => void) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    const fail = () => {
      if (this.dead) return;
      this.dead = true;
      const current = this.current;
      this.current = null;
      current?.finish(0, null);
      onDead(this);
    };
    this.socket.on('error', fail);
    this.socket.on('close', fail);
  }

  private read(chunk: Buffer): void {
    const buf = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    const parsed = parseResponse(buf);
    if (!parsed) {
      this.buffered = buf;
      return;
    }
    this.buffered = parsed.rest.length > 0 ? parsed.rest : null;
    const current = this.current;
    this.current = null;
    if (parsed.close) this.socket.destroy();
    current?.finish(parsed.status, parsed.body);
  }
}

export class JsonClient {
  private readonly host: string;
  private readonly port: number;
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  /** Requests waiting for a socket, in order, each with its way to be cancelled. */
  private readonly waiting: { take: (c: Connection) => void; cancel: () => void }[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    baseUrl: string,
    private readonly maxSockets: number,
    private readonly timeoutMs = 30_000,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    // One timer for every request's timeout: a timer per request would cost more than the request.
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const c of this.all) if (c.current && now - c.current.sentAt > this.timeoutMs) c.socket.destroy();
    }, Math.min(1_000, Math.max(10, timeoutMs / 4)));
    this.sweeper.unref();
  }

  private connection(take: (c: Connection) => void, cancel: () => void): void {
    const ready = this.idle.shift();
    if (ready) return take(ready);
    if (this.all.size < this.maxSockets) {
      const fresh = new Connection(this.host, this.port, (dead) => this.forget(dead));
      this.all.add(fresh);
      return take(fresh);
    }
    this.waiting.push({ take, cancel });
  }

  private forget(dead: Connection): void {
    this.all.delete(dead);
    const at = this.idle.indexOf(dead);
    if (at >= 0) this.idle.splice(at, 1);
    // A waiting request gets a new connection in place of the one that died.
    const next = this.waiting.shift();
    if (next) this.connection(next.take, next.cancel);
  }

  private release(c: Connection): void {
    if (c.dead) return;
    const next = this.waiting.shift();
    if (next) next.take(c);
    else this.idle.push(c);
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    const payload = body === undefined ? '' : JSON.stringify(body);
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nAccept: application/json\r\n`;
    if (body !== undefined) head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n`;
    else if (method !== 'GET' && method !== 'HEAD') head += 'Content-Length: 0\r\n';
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    const request = `${head}\r\n${payload}`;
    const asked = performance.now();
    return new Promise((resolve) => {
      this.connection(
        (c) => {
          const onSocket = performance.now();
          c.current = {
            sentAt: onSocket,
            finish: (status, text) => {
              const endedAt = performance.now();
              if (DEBUG_SLOW_MS && endedAt - onSocket > DEBUG_SLOW_MS) {
                console.error(`[slow] ${method} ${path} → ${status} wire ${Math.round(endedAt - onSocket)} ms, asked at ${Math.round(asked)}, socket at ${Math.round(onSocket)}`);
              }
              // Status 0: no HTTP answer at all (connection error or timeout); counted apart from 5xx.
              resolve({ status, body: text === null ? null : parseJsonOrText(text), wireMs: endedAt - onSocket, totalMs: endedAt - asked, endedAt });
              this.release(c);
            },
          };
          c.socket.write(request);
        },
        () => resolve({ status: -1, body: null, wireMs: 0, totalMs: performance.now() - asked, endedAt: performance.now() }),
      );
    });
  }

  /**
   * Opens every socket before the measured run (one GET /api/health each), as buyers' pages
   * are open before a sale starts. Without it, the run would measure how Node accepts 256 new
   * connections while busy: it serves the sockets it already has first, and new connections
   * wait in the kernel's accept queue for seconds (seen with a bare node:http server too).
   */
  async warmUp(): Promise<void> {
    const results = await Promise.all(Array.from({ length: this.maxSockets }, () => this.send('GET', '/api/health')));
    const failed = results.filter((r) => r.status !== 200).length;
    if (failed > 0) throw new Error(`${failed} of ${this.maxSockets} warm-up requests failed`);
  }

  /** Cancels the requests still waiting for a socket (they resolve with status -1); returns how many. */
  abortQueued(): number {
    const waiting = this.waiting.splice(0);
    for (const w of waiting) w.cancel();
    return waiting.length;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}

/** A fresh Idempotency-Key, as the widget sends with every state-changing request. */
let counter = 0;
export const idempotencyKey = () => `bench-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Latencies of one kind of request, in a growable Float64Array. */
export class Latencies {
  private data = new Float64Array(1024);
  length = 0;
  push(ms: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = ms;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Status counts: "201", "409 seats_taken", "500 internal_error", "0 no answer". */
export class StatusCounts {
  readonly counts: Record<string, number> = {};
  add(res: JsonResponse): void {
    if (res.status === -1) return;
    const key = res.status === 0 ? '0 no answer' : res.status < 300 ? String(res.status) : `${res.status} ${res.body?.error?.code ?? ''}`.trim();
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }
  count(predicate: (status: number) => boolean): number {
    return Object.entries(this.counts).reduce((n, [key, c]) => n + (predicate(Number(key.split(' ')[0])) ? c : 0), 0);
  }
}

/**
 * Runs `count` virtual users with at most `concurrency` at once (all at once by default);
 * no new user starts once `stop()` is true.
 */
export async function runUsers(count: number, user: (index: number) => Promise<void>, concurrency = count, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count && !stop()) await user(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
