import { createServer } from 'node:http';

export interface CaughtMail {
  idempotencyKey: string | undefined;
  body: { to: string[]; subject: string; text: string; attachments?: { filename: string; content: string }[] };
}

/**
 * Stands in for the e-mail provider's sending API (Resend's request format), which no test
 * machine reaches: it records each message and answers with an id, as the provider does.
 */
export async function startMailCatcher() {
  const caught: CaughtMail[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      caught.push({ idempotencyKey: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(body) });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `caught-${caught.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/emails`, caught, close: () => new Promise((resolve) => server.close(resolve)) };
}
