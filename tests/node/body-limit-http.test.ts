import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidgetOnce, httpJson, type RunningServer, startServer } from './http-server.js';

/**
 * Body size limits over real HTTP (production Node build): a body that declares its length is
 * judged by the header, a chunked one as it streams; both get the 413 envelope and change nothing.
 * The server answers a large or misrouted body without reading it, before any token check; it
 * answers unknown paths in the envelope, logs a client that hangs up as such, and sends the
 * security headers with everything it serves.
 */
const SHOP = '/api/shops/shp_demo';
const MB = 1024 * 1024;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
  /** Body bytes the client had written when the answer's head arrived. */
  sentBeforeAnswer: number;
}

/**
 * One request over a raw socket that declares `declared` body bytes but sends only `send` of
 * them, then waits for the answer without sending more: an answer proves the server did not
 * wait for (nor read) the rest. Interim 100 Continue answers are skipped.
 */
function partialUpload(baseUrl: string, options: { method?: string; path: string; declared: number; send: number; headers?: Record<string, string> }): Promise<RawAnswer> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No answer to ${options.path} while ${options.send} of ${options.declared} declared bytes were sent`));
    }, 20_000);
    let received = Buffer.alloc(0);
    let sentBeforeAnswer = -1;
    socket.on('error', () => {});
    socket.on('connect', () => {
      const head = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'Content-Length': String(options.declared), ...options.headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`${options.method ?? 'POST'} ${options.path} HTTP/1.1\r\n${head}\r\n`);
      socket.write(Buffer.alloc(options.send, 'x'));
    });
    socket.on('data', (chunk) => {
      if (sentBeforeAnswer < 0) sentBeforeAnswer = socket.bytesWritten;
      received = Buffer.concat([received, chunk]);
      for (;;) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...lines] = received.subarray(0, end).toString().split('\r\n');
        const status = Number(statusLine!.split(' ')[1]);
        if (status === 100) {
          received = received.subarray(end + 4);
          continue;
        }
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        const length = Number(headers['content-length'] ?? 0);
        if (received.length < end + 4 + length) return;
        clearTimeout(timer);
        socket.destroy();
        const text = received.subarray(end + 4, end + 4 + length).toString();
        resolve({ status, headers, body: text.startsWith('{') ? JSON.parse(text) : text, sentBeforeAnswer });
        return;
      }
    });
  });
}

describe('request body limits over real HTTP', () => {
  let server: RunningServer;
  let performanceId: string;
  let seatId: number;

  beforeAll(async () => {
    buildWidgetOnce();
    server = await startServer();
    performanceId = server.demo.theatrePerformanceIds[0]!;
    const perf = await httpJson(server.baseUrl, 'GET', `${SHOP}/performances/${performanceId}`);
    const plan = await httpJson(server.baseUrl, 'GET', `${SHOP}/plans/${perf.body.planId}`);
    seatId = plan.body.seats.id[0];
  }, 360_000);
  afterAll(() => server?.stop());

  /** A hold request padded past 64 KB with a field the schema does not know. */
  const oversized = () => JSON.stringify({ performanceId, seats: [{ seatId }], padding: 'x'.repeat(70 * 1024) });

  /** Sends the body in chunks without Content-Length (Transfer-Encoding: chunked). */
  const sendChunked = async (text: string) => {
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 8 * 1024) controller.enqueue(bytes.subarray(at, at + 8 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${server.baseUrl}${SHOP}/holds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(20_000),
    } as RequestInit);
    return { status: res.status, body: (await res.json()) as any };
  };

  const heldCount = async () => {
    const availability = await httpJson(server.baseUrl, 'GET', `${SHOP}/performances/${performanceId}/availability`);
    return String(availability.body.held);
  };

  it('refuses a body over 64 KB that declares its length', async () => {
    const res = await httpJson(server.baseUrl, 'POST', `${SHOP}/holds`, oversized());
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await heldCount()).toBe('');
  });

  it('refuses a chunked body over 64 KB, and accepts a small chunked one', async () => {
    const refused = await sendChunked(oversized());
    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe('payload_too_large');
    expect(await heldCount()).toBe('');

    const accepted = await sendChunked(JSON.stringify({ performanceId, seats: [{ seatId }] }));
    expect(accepted.status).toBe(201);
    expect(accepted.body.seats.map((s: { seatId: number }) => s.seatId)).toEqual([seatId]);
  });

  it('answers a large declared body with 413 at once, before the token check, having read none of it', async () => {
    for (const [method, path] of [
      ['POST', '/api/org/shop'],
      ['PATCH', '/api/org/shop'],
      ['POST', '/api/nothing-here'],
      ['POST', `${SHOP}/holds`],
      ['POST', '/api/org/venues/ven_nothing/plans'],
    ] as const) {
      const declared = path.endsWith('/plans') ? 64 * MB : 256 * MB;
      const res = await partialUpload(server.baseUrl, { method, path, declared, send: 4 * 1024 });
      expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 413, 'payload_too_large']);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      // The answer came while at most the head and 4 KB of the declared body had been sent.
      expect(res.sentBeforeAnswer).toBeLessThan(8 * 1024);
    }
    expect(server.output()).not.toContain('"level":"error"');
  });

  it('answers an unknown API path or method with the 404 envelope, without reading the body', async () => {
    const unread = await partialUpload(server.baseUrl, { path: '/api/nothing-here', declared: 60 * 1024, send: 1024 });
    expect([unread.status, unread.body]).toEqual([404, { error: { code: 'route_not_found', message: 'There is no POST /api/nothing-here.' } }]);
    const noToken = await partialUpload(server.baseUrl, { method: 'PUT', path: '/api/org/shop', declared: 60 * 1024, send: 1024 });
    expect([noToken.status, noToken.body.error.code]).toEqual([404, 'route_not_found']);

    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['DELETE', '/api/health'],
      ['PATCH', `${SHOP}/events`],
      ['GET', '/api'],
      ['PROPFIND', '/api/health'],
      ['OPTIONS', '/api/nothing-here'],
    ] as const) {
      const res = await httpJson(server.baseUrl, method, path);
      expect([method, path, res.status, res.headers.get('content-type'), res.body.error?.code]).toEqual([method, path, 404, 'application/json', 'route_not_found']);
    }
    const page = await fetch(`${server.baseUrl}/nothing-here.html`);
    expect(page.status).toBe(404);
  });

  it('logs a client that hangs up mid-upload as such, not as a server error', async () => {
    const { port } = new URL(server.baseUrl);
    const heldBefore = await heldCount();
    const aborted = await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', reject);
      socket.on('connect', () => {
        // Expect: 100-continue makes the server say it has the request before the client hangs up.
        socket.write(`POST ${SHOP}/holds HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 60000\r\nExpect: 100-continue\r\n\r\n`);
      });
      socket.once('data', (chunk) => {
        expect(chunk.toString()).toMatch(/^HTTP\/1\.1 100 /);
        socket.write(`{"performanceId":"${performanceId}","padding":"${'x'.repeat(10_000)}`, () => {
          socket.destroy();
          resolve();
        });
      });
    });
    expect(aborted).toBeUndefined();
    for (let waited = 0; !server.output().includes('"event":"client_aborted"'); waited += 50) {
      if (waited > 20_000) throw new Error(`The server did not log the aborted upload:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(server.output()).toContain('{"level":"info","event":"client_aborted","method":"POST","path":"/api/shops/:shopId/holds"}');
    expect(server.output()).not.toContain('"level":"error"');
    expect(server.output()).not.toContain('internal_error');
    expect(await heldCount()).toBe(heldBefore);
  });

  it('sends the security headers with the demo pages, the mailbox, the widget and the API', async () => {
    const get = async (path: string) => {
      const res = await fetch(server.baseUrl + path);
      await res.arrayBuffer();
      return { status: res.status, header: (name: string) => res.headers.get(name) };
    };
    const page = await get('/');
    const mailbox = await get('/mailbox');
    const widget = await get('/widget/ticket-shop.js');
    const api = await get(`${SHOP}/events`);
    const refusal = await get('/api/nothing-here');
    expect([page.status, mailbox.status, widget.status, api.status, refusal.status]).toEqual([200, 200, 200, 200, 404]);
    for (const res of [page, mailbox, widget, api, refusal]) expect(res.header('X-Content-Type-Options')).toBe('nosniff');

    expect(page.header('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(page.header('X-Frame-Options')).toBe('SAMEORIGIN');
    const pageCsp = page.header('Content-Security-Policy')!;
    for (const directive of ["default-src 'self'", "style-src 'self';", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'self'"]) expect(pageCsp).toContain(directive);
    expect(pageCsp).toMatch(/script-src 'self' [^;']*;/);
    expect(pageCsp).not.toContain('unsafe-eval');
    // The strict-CSP demo page keeps its own policy.
    expect((await get('/csp.html')).header('Content-Security-Policy')).toContain("require-trusted-types-for 'script'");

    expect(mailbox.header('Referrer-Policy')).toBe('no-referrer');
    expect(mailbox.header('X-Frame-Options')).toBe('DENY');
    expect(mailbox.header('Content-Security-Policy')).toContain("default-src 'none'");
    expect(mailbox.header('Content-Security-Policy')).toContain("frame-ancestors 'none'");

    expect(widget.header('Access-Control-Allow-Origin')).toBe('*');
    expect(widget.header('Content-Type')).toMatch(/javascript/);

    for (const res of [api, refusal]) {
      expect(res.header('Referrer-Policy')).toBe('no-referrer');
      expect(res.header('X-Frame-Options')).toBe('DENY');
      expect(res.header('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});

