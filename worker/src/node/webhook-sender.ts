import { promises as dns, type LookupAddress } from 'node:dns';
import { type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from '../domain/private-address.js';
import type { WebhookResponse, WebhookSender } from '../env.js';
import { connectionError, EXCERPT_CHARS } from '../jobs/webhook-send.js';

/** Every address of a host name, as the system resolver answers (IPv4 and IPv6). */
export type ResolveAll = (host: string) => Promise<LookupAddress[]>;

const systemResolve: ResolveAll = (host) => dns.lookup(host, { all: true, verbatim: true });

const REFUSED = 'EWEBHOOKPRIVATE';
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA']);

/**
 * The `lookup` of the webhook's socket: the name is resolved once, for the connection itself,
 * and refused when any address is private; otherwise exactly the checked addresses are handed
 * to the socket. Checking before the request and letting the socket resolve again would let a
 * name whose DNS answer changes in between (DNS rebinding) reach this network.
 */
export function checkedLookup(resolve: ResolveAll = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const answers = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (answers.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
        if (found.some((a) => isPrivateAddress(a.address))) throw Object.assign(new Error('private address'), { code: REFUSED });
        if (options.all) callback(null, answers);
        else callback(null, answers[0]!.address, answers[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}

/**
 * Node's sender: node:http(s) with the checked lookup (unless the test option allows private
 * targets). TLS still verifies the certificate against the host name (the URL's name, not the
 * address, is the server name). No redirect is followed (node:http never does), a fresh
 * connection per attempt (no pooled socket outlives its check), the whole attempt is bounded by
 * the timeout, and only the first characters of the answer are read.
 */
export function nodeWebhookSender(options: { resolve?: ResolveAll } = {}): WebhookSender {
  const lookup = checkedLookup(options.resolve);
  return (request) =>
    new Promise<WebhookResponse>((done) => {
      let settled = false;
      let response: IncomingMessage | null = null;
      let text = '';
      const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const finish = (result: WebhookResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outgoing?.destroy();
        done(result);
      };
      const answered = () => finish({ status: response!.statusCode!, excerpt: text ? text.slice(0, EXCERPT_CHARS) : null });
      let outgoing: ClientRequest | undefined;
      // Past the timeout an answer already begun counts (as with fetch), otherwise it is a timeout.
      const timer = setTimeout(() => (response ? answered() : finish({ status: null, error: `timeout after ${request.timeoutMs} ms` })), request.timeoutMs);
      try {
        outgoing = send(
          request.url,
          {
            method: 'POST',
            headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
            agent: false,
            ...(request.allowPrivateTargets ? {} : { lookup }),
          },
          (res) => {
            response = res;
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
              if (text.length >= EXCERPT_CHARS) answered();
            });
            res.on('end', answered);
            // A body cut off: what came is enough.
            res.on('error', answered);
          },
        );
      } catch (err) {
        // A request node:http refuses to start (a bad header): an outcome like any other, never a failed run.
        return finish({ status: null, error: connectionError(err) });
      }
      outgoing.on('error', (err: NodeJS.ErrnoException) => {
        if (response) return answered();
        if (err.code === REFUSED) return finish({ status: null, error: 'refused: the host resolves to a private address' });
        if (err.code && DNS_FAILURES.has(err.code)) return finish({ status: null, error: 'DNS lookup failed' });
        finish({ status: null, error: connectionError(err) });
      });
      outgoing.end(request.body);
    });
}
