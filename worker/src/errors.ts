import type { CodeWithStatus, ErrorCode, ErrorDetails, ErrorStatus } from '../../contract/errors.js';

/** The one error envelope: `{ "error": { "code", "message", "details"? } }`. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Details are required where the code's table entry says it always carries them. */
type DetailsArgument<C extends ErrorCode> = undefined extends ErrorDetails<C> ? [details?: ErrorDetails<C>] : [details: ErrorDetails<C>];

/**
 * An error meant for the caller. `code` is stable and machine-readable; `message` is for a
 * person; `details` carries what a client needs to act (e.g. the seats that were taken).
 * Only codes of contract/errors.ts compile, with their status and the shape of their details,
 * so what the API answers is what its reference and the widget's translations know.
 */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly details: ErrorDetails<C>;

  constructor(
    readonly status: ErrorStatus<C>,
    readonly code: C,
    message: string,
    ...[details]: DetailsArgument<C>
  ) {
    // A 4xx is an answer, not a fault: no stack is captured for it (a flash sale answers
    // thousands of 409s a second, and capturing each one's stack was a visible share of the CPU).
    // (Error's constructor does not throw: the limit is always put back.)
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'ApiError';
    // Undefined only where the table allows it: DetailsArgument asked for them otherwise.
    this.details = details as ErrorDetails<C>;
  }

  toEnvelope(): ErrorEnvelope {
    const details = this.details as Record<string, unknown> | undefined;
    return { error: { code: this.code, message: this.message, ...(details ? { details } : {}) } };
  }
}

export const notFound = (what: string, code: CodeWithStatus<404>) => new ApiError(404, code, `${what} was not found.`);

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
