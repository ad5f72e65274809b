import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error envelope: `{ "error": { "code", "message", "details"? } }`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/**
 * An error meant for the caller. `code` is stable and machine-readable; `message` is for a
 * person; `details` carries what a client needs to act (e.g. the seats that were taken).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string, code = 'not_found') => new ApiError(404, code, `${what} was not found.`);

/**
 * The client closed the connection while its request body was being read: not a fault of ours.
 * Node fails the body with `Error('aborted')` (code ECONNRESET) as the socket closes; a runtime
 * that aborts the request's signal instead fails it with an AbortError.
 */
export function isClientAbort(err: unknown, request: Request): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNRESET' && err.message === 'aborted') return true;
  return request.signal?.aborted === true && (err.name === 'AbortError' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE');
}
