import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createSecureServer, type Http2ServerRequest } from 'node:http2';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

/**
 * Local servers standing in for Apple's and Google's: an HTTP/2 server over TLS (its own
 * self-signed certificate for 127.0.0.1) standing in for APNs, which asks for a client
 * certificate signed by the test WWDR stand-in, as APNs does for a pass certificate; and a
 * plain HTTP server standing in for Google's OAuth token endpoint and Wallet objects API,
 * which checks the JWT assertion with the service account's public key. Neither is Apple or Google.
 */

export interface ApnsPush {
  path: string;
  pushToken: string;
  topic: string | undefined;
  body: string;
  /** The subject of the client certificate the push came with. */
  clientCertificate: string;
}

export interface ApnsStandIn {
  url: string;
  /** PEM of the server's certificate, for the client's `ca`. */
  certificatePem: string;
  pushes: ApnsPush[];
  /** The status to answer a token with (default 200); 410 answers {"reason":"Unregistered"}. */
  answers: Map<string, number>;
  close: () => Promise<void>;
}

export async function startApnsStandIn(dir: string, clientCaPem: string): Promise<ApnsStandIn> {
  const at = (name: string) => join(dir, name);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('apns.key'), '-out', at('apns.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const certificatePem = readFileSync(at('apns.pem'), 'utf8');
  const pushes: ApnsPush[] = [];
  const answers = new Map<string, number>();
  const server = createSecureServer({ key: readFileSync(at('apns.key')), cert: certificatePem, ca: clientCaPem, requestCert: true, rejectUnauthorized: true, allowHTTP1: false }, (req: Http2ServerRequest, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const pushToken = req.url.replace(/^\/3\/device\//, '');
      const peer = (req.socket as unknown as TLSSocket).getPeerCertificate();
      pushes.push({ path: req.url, pushToken, topic: req.headers['apns-topic'] as string | undefined, body, clientCertificate: JSON.stringify(peer.subject ?? {}) });
      const status = answers.get(pushToken) ?? 200;
      res.writeHead(status, { 'apns-id': `id-${pushes.length}`, ...(status === 200 ? {} : { 'content-type': 'application/json' }) });
      res.end(status === 200 ? '' : JSON.stringify({ reason: status === 410 ? 'Unregistered' : 'ServiceUnavailable' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certificatePem,
    pushes,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface GoogleCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: any;
}

export interface GoogleStandIn {
  tokenUrl: string;
  apiUrl: string;
  calls: GoogleCall[];
  /** The verified claims of each token request's assertion. */
  assertions: Record<string, unknown>[];
  close: () => Promise<void>;
}

const ACCESS_TOKEN = 'ya29.stand-in-access-token';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

export async function startGoogleStandIn(servicePublicKeyPem: string): Promise<GoogleStandIn> {
  const calls: GoogleCall[] = [];
  const assertions: Record<string, unknown>[] = [];
  const classes = new Set<string>();
  const key = createPublicKey(servicePublicKeyPem);
  const server = createHttpServer(async (req, res) => {
    const text = await readBody(req);
    const path = req.url ?? '';
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && path === '/token') {
      const form = new URLSearchParams(text);
      const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
      const signed = verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), key, Buffer.from(signature ?? '', 'base64url'));
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !signed) return answer(400, { error: 'invalid_grant' });
      assertions.push(JSON.parse(Buffer.from(claims!, 'base64url').toString('utf8')));
      return answer(200, { access_token: ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' });
    }
    const body = text ? JSON.parse(text) : null;
    calls.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return answer(401, { error: { code: 401 } });
    if (req.method === 'POST' && path === '/walletobjects/v1/eventTicketClass') {
      if (classes.has(body.id)) return answer(409, { error: { code: 409, message: 'exists' } });
      classes.add(body.id);
      return answer(200, body);
    }
    if (req.method === 'PATCH' && path.startsWith('/walletobjects/v1/eventTicketObject/')) return answer(200, body);
    return answer(404, { error: { code: 404 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { tokenUrl: `${base}/token`, apiUrl: base, calls, assertions, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
