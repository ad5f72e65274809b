/**
 * The HTTP floor's servers (scenario 12, scenarios/http-floor.ts): what a request costs with no
 * ticketing at all. `node --import tsx floor-server.ts <node|hono> <port>` answers every POST of a
 * hold's shape with a hold-sized JSON (201) and the security headers the API sends, and prints
 * "ready" once it listens:
 *   - node: `node:http` alone (the body read as text and parsed, the answer written with writeHead/end);
 *   - hono: one Hono route on @hono/node-server, the adapter this project's server uses.
 */
import { createServer } from 'node:http';

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);

/** About the size of a three-seat hold's answer. */
const FLOOR_ANSWER = JSON.stringify({
  id: 'hld_0123456789ab',
  performanceId: 'prf_fhcntwz643yb',
  expiresAt: '2026-12-07T06:20:00.000Z',
  seats: [0, 1, 2].map((i) => ({ seatId: 25_496 + i, section: 'Parterre', row: '12', number: String(7 + i), zone: 'Catégorie 1', tariffs: [{ id: 'trf_x', name: 'Plein tarif', price: { amount: 6500, currency: 'CHF' } }] })),
  total: { amount: 19_500, currency: 'CHF' },
});
const HEADERS: Record<string, string> = {
  'Content-Type': 'application/json',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

const ready = () => console.log('ready');
if (kind === 'node') {
  createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (body) JSON.parse(body);
      res.writeHead(req.method === 'POST' ? 201 : 200, HEADERS);
      res.end(FLOOR_ANSWER);
    });
  }).listen(port, '127.0.0.1', ready);
} else if (kind === 'hono') {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.post('/api/floor', async (c) => {
    await c.req.json();
    for (const name in HEADERS) c.header(name, HEADERS[name]);
    return c.body(FLOOR_ANSWER, 201);
  });
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, ready);
} else {
  throw new Error(`floor-server: unknown kind "${kind}" (node or hono)`);
}
