import * as v from 'valibot';

/**
 * The one error envelope: `{ "error": { "code", "message", "details"? } }`. `code` is stable and
 * machine-readable, `message` is for a person, `details` carries what a client needs to act.
 * Given the list of codes, `code` is one of them; without it, any string.
 */
export function errorEnvelopeSchema(codes?: readonly string[]) {
  return v.object({
    error: v.object({
      code: codes && codes.length > 0 ? v.picklist(codes as [string, ...string[]]) : v.string(),
      message: v.string(),
      details: v.optional(v.record(v.string(), v.unknown())),
    }),
  });
}

export const ErrorEnvelope = errorEnvelopeSchema();
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelope>;
