import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseJsonOrText } from '../../tests/shared/request.js';

/**
 * A keep-alive HTTP/1.1 JSON client on node:http for the load generator. The agent caps the
 * open sockets; requests beyond the cap wait in the agent's queue, as buyers would wait
 * for a connection. Two times are measured per request: `wireMs` from the moment a socket
 * is assigned to the last byte of the response (what the server costs), and `totalMs` from
 * the moment the buyer asked (including the wait for a socket).
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

export class JsonClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;
  /** Requests still waiting for a socket, with a way to cancel them. */
  private readonly queued = new Set<() => void>();

  constructor(
    baseUrl: string,
    private readonly maxSockets: number,
    private readonly timeoutMs = 30_000,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo' });
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const asked = performance.now();
    return new Promise((resolve) => {
      let onSocket = asked;
      let cancelled = false;
      const cancel = () => {
        cancelled = true;
        req.destroy();
        resolve({ status: -1, body: null, wireMs: 0, totalMs: performance.now() - asked, endedAt: performance.now() });
      };
      const req = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method,
          path,
          headers: {
            Accept: 'application/json',
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const endedAt = performance.now();
            const text = Buffer.concat(chunks).toString('utf8');
            const parsed = parseJsonOrText(text);
            if (DEBUG_SLOW_MS && endedAt - onSocket > DEBUG_SLOW_MS) {
              console.error(`[slow] ${method} ${path} → ${res.statusCode} wire ${Math.round(endedAt - onSocket)} ms, asked at ${Math.round(asked)}, socket at ${Math.round(onSocket)}`);
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, wireMs: endedAt - onSocket, totalMs: endedAt - asked, endedAt });
          });
          res.on('error', () => resolve({ status: 0, body: null, wireMs: performance.now() - onSocket, totalMs: performance.now() - asked, endedAt: performance.now() }));
        },
      );
      this.queued.add(cancel);
      req.once('socket', () => {
        onSocket = performance.now();
        this.queued.delete(cancel);
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timeout')));
      // Status 0: no HTTP answer at all (connection error or timeout); counted apart from 5xx.
      req.on('error', (err) => {
        if (DEBUG_SLOW_MS && !cancelled) console.error(`[error] ${method} ${path}: ${err.message} after ${Math.round(performance.now() - onSocket)} ms on the wire`);
      });
      req.on('error', () => cancelled || resolve({ status: 0, body: null, wireMs: performance.now() - onSocket, totalMs: performance.now() - asked, endedAt: performance.now() }));
      req.end(payload);
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
    const waiting = [...this.queued];
    this.queued.clear();
    for (const cancel of waiting) cancel();
    return waiting.length;
  }

  close(): void {
    this.agent.destroy();
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
