import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed. */
  event: { type: string; timestamp: string; data: any };
  /** The answer it got: a status, or `hang` (no answer until the sender gives up). */
  answered: number | 'hang';
}

/** What the receiver answers the next requests (a queue; `fallback` once it is empty). */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers for the next requests, in order. */
  answers: Answer[];
  fallback: Answer;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every webhook POSTed to it. */
export async function startReceiver(): Promise<WebhookReceiver> {
  const hanging = new Set<import('node:http').ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answers: [],
    fallback: 200,
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = receiver.answers.length > 0 ? receiver.answers.shift()! : receiver.fallback;
      receiver.received.push({ headers: req.headers, body, event: JSON.parse(body), answered: answer });
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer >= 200 && answer < 300 ? 'ok' : `failure ${'x'.repeat(500)}`);
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
