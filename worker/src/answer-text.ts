import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The text of JSON answers the app made itself, kept beside the Response. A middleware that
 * stores an answer (idempotency) needs its text; reading it back with `text()` would turn the
 * Node adapter's lightweight Response into a full Web Response and read it as a stream, then
 * need a new Response to answer with. In a flash sale that is every lost race (a 409): four
 * to five in ten hold requests of the on-sale benchmark.
 */
const texts = new WeakMap<Response, string>();

/** `c.json(value, status)`, with its text kept for answerText(). */
export function jsonAnswer(c: Context, value: unknown, status: ContentfulStatusCode): Response {
  const text = JSON.stringify(value);
  const response = c.body(text, status, { 'Content-Type': 'application/json' });
  texts.set(response, text);
  return response;
}

/**
 * An answer's text: the kept one (the Response stays unread, `consumed: false`), or read from
 * its body (it is spent: answer with a new Response of that text).
 */
export async function answerText(response: Response): Promise<{ text: string; consumed: boolean }> {
  const kept = texts.get(response);
  if (kept !== undefined) return { text: kept, consumed: false };
  return { text: await response.text(), consumed: true };
}
