// Serves the Stripe stand-in (stripe-stand-in.ts: it stands in for Stripe's servers, which no test
// machine reaches) over node:http on 127.0.0.1, so the real `stripe` SDK, another runtime (workerd)
// or a browser can call it: `new Stripe('sk_test_…', { host, port, protocol: 'http' })`.
// Also signs webhook deliveries synchronously with the SDK's test helper.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createStripeStandIn, type SignedEvent, type StripeEvent, type StripeStandIn, type StripeStandInOptions } from './stripe-stand-in.js';

export interface RunningStripeStandIn {
  standIn: StripeStandIn;
  host: '127.0.0.1';
  port: number;
  protocol: 'http';
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), { method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, { ...headers, 'content-length': String(body.length) });
  res.end(body);
}

export interface StartOptions extends StripeStandInOptions {
  /**
   * Let the process exit while the server still listens (its socket and connections unref'd): for a
   * server started in a vitest config function, which nothing closes; without it vitest waits 10 s at exit.
   */
  unref?: boolean;
}

/** Starts the stand-in on 127.0.0.1 on a free port. */
export async function startStripeStandIn(options: StartOptions = {}): Promise<RunningStripeStandIn> {
  const { unref, ...standInOptions } = options;
  const standIn = createStripeStandIn(standInOptions);
  let origin = 'http://127.0.0.1';
  const server = createServer((req, res) => {
    toRequest(req, origin)
      .then((request) => standIn.handle(request))
      .then((response) => send(res, response))
      .catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: `stand-in server: ${(e as Error).message}` } }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  if (unref) {
    server.unref();
    server.on('connection', (socket) => socket.unref());
  }
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    standIn,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // The SDK keeps connections alive; close them so the server stops now.
        server.closeAllConnections();
      }),
  };
}

/** A webhook delivery of `event` signed with `secret` (the SDK's generateTestHeaderString, Node crypto). */
export function signEvent(event: StripeEvent | Record<string, unknown>, secret: string, timestamp?: number): SignedEvent {
  const payload = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp !== undefined ? { timestamp } : {}) });
  return { body: payload, headers: { 'Stripe-Signature': header, 'Content-Type': 'application/json' } };
}
