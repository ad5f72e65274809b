import type { WebhookRequest, WebhookResponse, WebhookSender } from '../env.js';

/** What the receiver answered, kept in the log: this many characters at most. */
export const EXCERPT_CHARS = 200;

/**
 * The sender on Workers (and the default): `fetch`, no redirect followed, aborted after the
 * timeout. A Worker's fetch reaches only the public internet, so no DNS check is needed there;
 * Node uses node/webhook-sender.ts, which checks the address it connects to.
 */
export function fetchSender(fetchFn: typeof fetch): WebhookSender {
  return async (request: WebhookRequest): Promise<WebhookResponse> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const response = await fetchFn(request.url.toString(), { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: controller.signal });
      return { status: response.status, excerpt: await readExcerpt(response) };
    } catch (err) {
      if (controller.signal.aborted) return { status: null, error: `timeout after ${request.timeoutMs} ms` };
      return { status: null, error: connectionError(err) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The start of the answer, as text; the rest is never read. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    /* a body cut off: what came is enough */
  } finally {
    reader.cancel().catch(() => {});
  }
  return text ? text.slice(0, EXCERPT_CHARS) : null;
}

/** A network error in a few words: its code (ECONNREFUSED…) or its message, cut short. */
export function connectionError(err: unknown): string {
  const own = (err as { code?: unknown })?.code;
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  const code = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : null;
  const message = err instanceof Error ? err.message : String(err);
  return `connection failed: ${code ?? message}`.slice(0, 200);
}
