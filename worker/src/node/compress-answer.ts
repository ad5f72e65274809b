import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { keptText } from '../answer-text.js';

/**
 * Compression of the API's larger GET answers (a plan's geometry, an arena's availability, the
 * catalogue) on the Node server. Behind Cloudflare the edge compresses; a self-hosted server
 * talks to phones directly, where the arena's 700 KB plan is 3.5 s at 1.6 Mbps and 110 KB
 * with Brotli. Only GETs: the answers of holds and checkouts are small, and their CPU goes to
 * the sale.
 *
 * An answer with a strong ETag is the same bytes for everyone asking for that version, so its
 * compressed bytes are kept (a few dozen, by path and ETag): a plan is compressed once per
 * process, an availability version once however many maps poll it. Brotli when the browser
 * takes it (every current one does over HTTPS and on localhost), else gzip.
 */
const COMPRESSIBLE = /^application\/(?:json|problem\+json)\b/;
/** Statuses whose answers carry no body. */
const NO_BODY = new Set([101, 204, 205, 304]);
const THRESHOLD = 1024;
const KEPT_ANSWERS = 64;
/** Larger answers are compressed for each request, not kept. */
const MAX_KEPT_BYTES = 4 * 1024 * 1024;

type Encoding = 'br' | 'gzip';
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Copied once into a plain ArrayBuffer, the body type Response takes. */
const compressors: Record<Encoding, (bytes: Uint8Array) => Promise<Uint8Array<ArrayBuffer>>> = {
  // Quality 5: within 2 % of quality 9's size on a plan, at a third of its time.
  br: async (bytes) => new Uint8Array(await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })),
  gzip: async (bytes) => new Uint8Array(await gzipped(bytes, { level: 6 })),
};
const kept = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
const utf8 = new TextEncoder();

/**
 * Everything is decided from the status and the headers before the body is touched: on Node, an
 * answer is @hono/node-server's light Response, which the adapter writes straight from the string
 * it was made with; reading `body` turns it into a full Web Response with a stream, which the
 * adapter then reads chunk by chunk. Answers sent as they are (POSTs, 304s, any answer to a
 * client that takes no compression, a small JSON answer whose text the app kept) keep the light
 * path: the HTTP thread's CPU per `GET /api/health` went from 0.166 to 0.082 ms, and for a browser
 * (taking Brotli) from 0.176 to 0.081 ms (bench scenario 12, medians of 3).
 */
export async function compressAnswer(request: Request, response: Response): Promise<Response> {
  if (request.method !== 'GET' || NO_BODY.has(response.status)) return response;
  const headers = response.headers;
  if (headers.has('Content-Encoding') || !COMPRESSIBLE.test(headers.get('Content-Type') ?? '')) return response;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('Cache-Control') ?? '')) return response;
  const accepted = acceptedEncodings(request.headers.get('Accept-Encoding'));
  const encoding: Encoding | null = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
  if (!encoding) return response;
  // The API's JSON answers keep their text (answer-text.ts): its size decides without reading the
  // answer, which then goes out as it is when small. Any other answer is read whole (built in memory).
  const kept = keptText(response);
  if (kept !== undefined && Buffer.byteLength(kept) < THRESHOLD) return response;
  const bytes = kept !== undefined ? utf8.encode(kept) : new Uint8Array(await response.arrayBuffer());
  const init = { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) };
  if (bytes.length < THRESHOLD) return new Response(bytes, init);
  const etag = response.headers.get('ETag');
  const keep = etag !== null && !etag.startsWith('W/') && response.status === 200 && bytes.length <= MAX_KEPT_BYTES;
  const compressed = keep ? await keptCompression(`${encoding} ${answerKey(request.url)} ${etag}`, bytes, encoding) : await compressors[encoding](bytes);
  init.headers.delete('Content-Length');
  init.headers.set('Content-Encoding', encoding);
  init.headers.append('Vary', 'Accept-Encoding');
  // The same content in another encoding: a weak ETag (If-None-Match compares weakly).
  if (etag && !etag.startsWith('W/')) init.headers.set('ETag', `W/${etag}`);
  return new Response(compressed, init);
}

/** The compressed bytes of this answer, compressed once: the oldest kept answer makes room. */
function keptCompression(key: string, bytes: Uint8Array, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  const found = kept.get(key);
  if (found) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const compressed = compressors[encoding](bytes);
  kept.set(key, compressed);
  compressed.catch(() => kept.delete(key));
  if (kept.size > KEPT_ANSWERS) kept.delete(kept.keys().next().value!);
  return compressed;
}

/** An answer's address without `since`: an availability poll's `since` only chooses between a 304 and the same answer. */
function answerKey(url: string): string {
  const { pathname, searchParams } = new URL(url);
  searchParams.delete('since');
  searchParams.sort();
  return `${pathname}?${searchParams}`;
}

/** The codings of an Accept-Encoding header with a q above 0 (`*` stands for gzip). */
function acceptedEncodings(header: string | null): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!coding || (q !== undefined && !(Number(q.slice(2)) > 0))) continue;
    accepted.add(coding === '*' ? 'gzip' : coding);
  }
  return accepted;
}
