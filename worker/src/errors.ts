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
