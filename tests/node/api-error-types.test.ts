import { describe, expect, it } from 'vitest';
import { type BuyerErrorCode, errorCodes, type ErrorCode, errorStatus } from '../../contract/errors.js';
import { ApiError, notFound } from '../../worker/src/errors.js';

/**
 * The compile-time half lives in the @ts-expect-error lines: `npm run typecheck` fails if any
 * of them starts compiling (an unknown code, a wrong status, wrongly shaped or missing details).
 */
function typeChecks() {
  // @ts-expect-error an unknown code
  new ApiError(400, 'no_such_code', 'x');
  // @ts-expect-error seats_taken is a 409
  new ApiError(400, 'seats_taken', 'x', { seatIds: [1] });
  // @ts-expect-error seats_taken always carries its seat ids
  new ApiError(409, 'seats_taken', 'x');
  // @ts-expect-error seat ids are numbers
  new ApiError(409, 'seats_taken', 'x', { seatIds: ['a'] });
  // @ts-expect-error too_many_tickets carries `max`, not `limit`
  new ApiError(400, 'too_many_tickets', 'x', { limit: 10 });
  // @ts-expect-error hold_empty carries no details
  new ApiError(409, 'hold_empty', 'x', { why: 'empty' });
  // @ts-expect-error notFound takes 404 codes only
  notFound('Seat', 'seats_taken');
  // @ts-expect-error the organizer's codes are not the buyer's
  const organizerOnly: BuyerErrorCode = 'ticket_forged';
  new ApiError(409, 'capacity_exceeded', 'optional details may be left out');
  return organizerOnly;
}

describe('the error-code table', () => {
  it('types ApiError by code (see the @ts-expect-error lines)', () => {
    expect(typeof typeChecks).toBe('function');
  });

  it('gives every code a status, an audience and a sentence', () => {
    for (const [code, spec] of Object.entries(errorCodes)) {
      expect(code, code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(['buyer', 'organizer', 'any', 'reseller', 'wallet'], code).toContain(spec.audience);
      expect(spec.description.length, code).toBeGreaterThan(10);
    }
  });

  it('answers with the status of the table', () => {
    const code: ErrorCode = 'hold_expired';
    expect(errorStatus(code)).toBe(410);
    expect(new ApiError(409, 'seats_taken', 'Taken.', { seatIds: [3] }).toEnvelope()).toEqual({
      error: { code: 'seats_taken', message: 'Taken.', details: { seatIds: [3] } },
    });
    expect(new ApiError(409, 'hold_empty', 'Empty.').toEnvelope()).toEqual({ error: { code: 'hold_empty', message: 'Empty.' } });
  });

  it('captures no stack for a 4xx (an answer), one for a 5xx (a fault), and leaves the stack limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const answer = new ApiError(409, 'seats_taken', 'Seat 1 was just taken by someone else.', { seatIds: [1] });
    const fault = new ApiError(503, 'order_number_exhausted', 'No free order number.');
    expect(answer.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '))).toEqual([]);
    expect(fault.stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(answer.toEnvelope().error.code).toBe('seats_taken');
  });
});

