import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The text of JSON answers the app made itself, kept beside the Response. A middleware that
 * stores an answer (idempotency) needs its text, and the Node server's compression its size;
 * reading it back with `text()` would turn the Node adapter's lightweight Response into a full
 * Web Response and read it as a stream, then need a new Response to answer with. In a flash sale
 * that is every lost race (a 409): four to five in ten hold requests of the on-sale benchmark;
 * for a browser's small GET it was more than half the HTTP thread's time (bench scenario 12).
 * The answer is the key: whoever replaces it (a new Response) has no kept text, and its body is read.
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
 * From now on, this request's `c.json(…)` keeps its text, as jsonAnswer does: the same answer as
 * Hono's own (its default Content-Type unless the headers name one). Called where a text is
 * wanted (a GET's answer, which the Node server may compress; a keyed request's, which
 * idempotency stores), not as a middleware of its own: one more step for every request cost each
 * hold about 0.01 ms of the HTTP thread's 0.22 ms (1b, three runs each way); here a hold pays one comparison.
 */
export function keepJsonTexts(c: Context): void {
  c.json = ((value: unknown, arg?: Parameters<Context['body']>[1], headers?: Record<string, string | string[]>) => {
    const text = JSON.stringify(value);
    const response = c.body(text, arg as never, { 'Content-Type': 'application/json', ...headers });
    texts.set(response, text);
    return response;
  }) as unknown as Context['json'];
}

/** The text of a JSON answer the app made (jsonAnswer, keepJsonTexts), if this is that very answer. */
export function keptText(response: Response): string | undefined {
  return texts.get(response);
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
