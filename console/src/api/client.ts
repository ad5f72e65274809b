import type * as v from 'valibot';
import type { ContractSchema, MediaResponse } from '../../../contract/operation.js';
import { organizerOperations } from '../../../contract/operations/organizer.js';
import { staffOperations } from '../../../contract/operations/staff.js';
import { storefrontOperations } from '../../../contract/operations/storefront.js';
import { webhookOperations } from '../../../contract/operations/webhooks.js';

/**
 * The console's one way to the API: every call names an operation of the contract, and its
 * parameters, query, body and answer are typed from that operation's schemas. Same origin, so
 * the session cookie goes with every request; writes send an Idempotency-Key (a retried click
 * is never done twice; sign-in takes none) and the browser adds the Origin header the API checks.
 */
/**
 * The storefront's operations the box office uses on a desk hold (the hold id is the capability,
 * as for a buyer): the performance, its seat map and availability, and the hold's own changes.
 * Their paths take the shop id: `session.me.shop.id`.
 */
const deskStorefrontIds = ['getPerformance', 'getPlan', 'getAvailability', 'getHold', 'changeHold', 'extendHold', 'applyCode', 'removeCode', 'releaseHold'] as const;
type DeskStorefrontOperation = Extract<(typeof storefrontOperations)[number], { id: (typeof deskStorefrontIds)[number] }>;
const deskStorefrontOperations = storefrontOperations.filter((op): op is DeskStorefrontOperation => (deskStorefrontIds as readonly string[]).includes(op.id));

const consoleOperations = [...staffOperations, ...organizerOperations, ...webhookOperations.filter((op) => op.auth === 'organizer'), ...deskStorefrontOperations] as const;
export type ConsoleOperation = (typeof consoleOperations)[number];
export type OperationId = ConsoleOperation['id'];
type OperationOf<I extends OperationId> = Extract<ConsoleOperation, { id: I }>;

type Input<S> = S extends ContractSchema ? v.InferInput<S> : never;
/** What a call takes: `params` and `body` when the operation has them, `query` always optional. */
export type CallArgs<I extends OperationId> = (OperationOf<I> extends { params: infer P } ? { params: Input<P> } : { params?: never }) &
  (OperationOf<I> extends { query: infer Q } ? { query?: Partial<Input<Q>> } : { query?: never }) &
  (OperationOf<I> extends { body: infer B } ? { body: Input<B> } : { body?: never });
type SuccessSchema<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : R extends { 202: infer S } ? S : never;
/** What a call answers: the output of its 200 (or 201) JSON schema; a PDF or CSV is a link, not a call. */
export type Answer<I extends OperationId> = SuccessSchema<OperationOf<I>['responses']> extends infer S ? (S extends MediaResponse ? never : S extends ContractSchema ? v.InferOutput<S> : never) : never;

/** An answer that is not a success, from the API's one error envelope; status 0: the API could not be reached. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

const byId = new Map<string, ConsoleOperation>(consoleOperations.map((op) => [op.id, op]));

/** The path of an operation with its parameters filled in and its query appended. */
export function operationUrl<I extends OperationId>(id: I, args: CallArgs<I> = {} as CallArgs<I>): string {
  const op = byId.get(id);
  if (!op) throw new Error(`Unknown operation ${id}`);
  const params = (args.params ?? {}) as Record<string, string | number>;
  const path = op.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((args.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

function idempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ConsoleApi {
  call<I extends OperationId>(id: I, args?: CallArgs<I>): Promise<Answer<I>>;
  /** The URL of a PDF or CSV operation, for a plain link (the cookie goes with it). */
  url<I extends OperationId>(id: I, args?: CallArgs<I>): string;
}

/**
 * `onUnauthorized` runs when the session is gone (expired, revoked, signed out elsewhere): the
 * console goes back to its sign-in screen instead of showing the 401 on every screen.
 */
export function createConsoleApi(options: { base?: string; onUnauthorized?: () => void; fetch?: typeof fetch } = {}): ConsoleApi {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo, init?: RequestInit) => fetch(input, init));
  return {
    url: (id, args) => base + operationUrl(id, args),
    async call(id, args) {
      const op = byId.get(id)!;
      const body = (args as { body?: unknown } | undefined)?.body;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if ((op as { idempotent?: boolean }).idempotent ?? op.method !== 'get') headers['Idempotency-Key'] = idempotencyKey();
      let response: Response;
      try {
        response = await doFetch(base + operationUrl(id, args), {
          method: op.method.toUpperCase(),
          headers,
          credentials: 'same-origin',
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch {
        throw new ConsoleApiError(0, 'network_error', 'The server could not be reached.');
      }
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        // A proxy's HTML error page: reported below as the status alone.
      }
      if (!response.ok) {
        const error = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null)?.error;
        if (response.status === 401) options.onUnauthorized?.();
        throw new ConsoleApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.details ?? {});
      }
      return json as Answer<typeof id>;
    },
  };
}
