/**
 * The one way the test harnesses and the bench talk JSON to the API. Only how a request is
 * delivered differs between them, so that is the `send` they pass: the Hono app's
 * `app.request` (in process), global fetch against a base URL (real HTTP), or the Worker's
 * `exports.default.fetch` (inside workerd). No node: imports: this file also runs in workerd.
 */

/** What every harness returns: the status, the body parsed as JSON (else its text, null when empty) and the headers. */
export interface JsonResult {
  status: number;
  body: any;
  headers: Headers;
}

/** Delivers one request and gives its response. */
export type Send = (request: Request) => Response | Promise<Response>;

/** Base of the URL of requests for a `send` that only looks at the path (app.request, workerd's fetch handler). */
export const LOCAL_ORIGIN = 'http://localhost';

/** JSON if the text is JSON, null if it is empty, else the text itself (an HTML error page, a CSV export). */
export function parseJsonOrText(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Builds the request (a string body is sent as it is, anything else as JSON with its
 * Content-Type; the caller's headers win), sends it and reads the answer in full.
 * `path` is joined to `origin`; `init` adds what only some callers need (an abort signal).
 */
export async function requestJson(
  send: Send,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  options: { origin?: string; signal?: AbortSignal } = {},
): Promise<JsonResult> {
  const request = new Request(`${options.origin ?? LOCAL_ORIGIN}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const response = await send(request);
  return { status: response.status, body: parseJsonOrText(await response.text()), headers: response.headers };
}
