import type * as v from 'valibot';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A valibot schema of the contract (a request part or a JSON response). */
export type ContractSchema = v.GenericSchema;

/** A response that is not JSON (a PDF, a CSV): documented by its media type only. */
export interface MediaResponse {
  mediaType: string;
  description: string;
}

/**
 * One operation of the API: where it lives, who may call it and the schemas of what it takes
 * and answers. The routes validate with these same schema objects, the OpenAPI document is
 * generated from them, and in tests every answer is checked against them.
 */
export interface Operation {
  /** Stable operationId, camelCase (`createHold`). */
  id: string;
  method: HttpMethod;
  /** The path as Hono mounts it, parameters as `:name` (`/api/shops/:shopId/holds/:holdId`). */
  path: string;
  /** The group the reference lists it under. */
  tag: string;
  summary: string;
  description?: string;
  /** `organizer`: needs a shop's API token (`Authorization: Bearer tsk_…`). */
  auth: 'public' | 'organizer';
  /** Accepts an `Idempotency-Key` header (every state-changing POST does). */
  idempotent?: boolean;
  params?: ContractSchema;
  query?: ContractSchema;
  body?: ContractSchema;
  /** Success answers by status: a JSON schema, a non-JSON media type, or null for no body (204). */
  responses: Readonly<Record<number, ContractSchema | MediaResponse | null>>;
}

/** Keeps the literal types of an operation (its schemas) while checking its shape. */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}
