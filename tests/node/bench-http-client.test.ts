import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonClient, parseResponse } from '../../bench/lib/http-client.js';

/**
 * The load generator's raw-socket HTTP client: what it reads must be what node:http sends
 * (lengths, chunks, bytes split anywhere, UTF-8 across a split), or every benchmark figure
 * built on its statuses and bodies would be wrong. Against a real node:http server.
 */
let server: Server;
let baseUrl: string;
const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/chunked') {
        // No Content-Length: node:http sends chunks, one per write.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"label":"Théâ');
        setTimeout(() => res.end('tre","seats":[1,2,3]}'), 5);
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'), 300);
      } else if (req.url === '/taken') {
        res.writeHead(409, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'seats_taken', seats: ['s1'] } }));
      } else {
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ echo: body ? JSON.parse(body) : null, big: 'é'.repeat(50_000) }));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("the load generator's HTTP client", () => {
  it('sends the method, path, headers and JSON body, and reads a large body with a length', async () => {
    const client = new JsonClient(baseUrl, 2);
    const res = await client.send('POST', '/holds?x=1', { seats: ['A-1'] }, { 'Idempotency-Key': 'k-1' });
    client.close();
    expect(res.status).toBe(201);
    expect(res.body.echo).toEqual({ seats: ['A-1'] });
    expect(res.body.big).toBe('é'.repeat(50_000));
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/holds?x=1', body: '{"seats":["A-1"]}' });
    expect(request.headers['idempotency-key']).toBe('k-1');
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('reads chunked bodies, empty answers and error envelopes, one after another on the same socket', async () => {
    const client = new JsonClient(baseUrl, 1);
    const chunked = await client.send('GET', '/chunked');
    const empty = await client.send('DELETE', '/empty');
    const taken = await client.send('POST', '/taken', {});
    client.close();
    expect(chunked).toMatchObject({ status: 200, body: { label: 'Théâtre', seats: [1, 2, 3] } });
    expect(empty).toMatchObject({ status: 204, body: null });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'seats_taken', seats: ['s1'] } } });
  });

  it('queues requests beyond its sockets, counts the wait apart, and cancels what still waits', async () => {
    const client = new JsonClient(baseUrl, 1);
    const first = client.send('GET', '/slow');
    const second = client.send('GET', '/slow');
    const third = client.send('GET', '/slow');
    await new Promise((r) => setTimeout(r, 100));
    expect(client.abortQueued()).toBe(2);
    const [a, b, c] = await Promise.all([first, second, third]);
    client.close();
    expect(a.status).toBe(200);
    expect(a.wireMs).toBeGreaterThanOrEqual(250);
    expect([b.status, c.status]).toEqual([-1, -1]);
  });

  it('answers status 0 when the connection is refused or times out', async () => {
    const refused = new JsonClient('http://127.0.0.1:1', 1);
    expect((await refused.send('GET', '/')).status).toBe(0);
    refused.close();
    const impatient = new JsonClient(baseUrl, 1, 100);
    const res = await impatient.send('GET', '/slow');
    impatient.close();
    expect(res.status).toBe(0);
  });

  it('parses a response split at every byte', () => {
    const body = JSON.stringify({ label: 'Théâtre', n: 1 });
    const whole = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    for (let cut = 0; cut < whole.length; cut++) expect(parseResponse(whole.subarray(0, cut))).toBeNull();
    expect(parseResponse(whole)).toMatchObject({ status: 200, body, close: false });
    const chunked = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nab\r\n\r\n2\r\ncd\r\n0\r\n\r\n');
    for (let cut = 0; cut < chunked.length; cut++) expect(parseResponse(chunked.subarray(0, cut))).toBeNull();
    expect(parseResponse(chunked)).toMatchObject({ status: 200, body: 'ab\r\ncd', close: true });
  });
});
