import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import type { ContractSchema, MediaResponse, Operation } from './operation.js';
import { errorEnvelopeSchema } from './responses/error.js';
import { rolesByOperation } from './permissions.js';

/**
 * The OpenAPI 3.1 document of the API, generated from the operation table: pure (no I/O, no
 * clock), so both runtimes build the same document and a test can validate it.
 */

export interface OpenApiOptions {
  operations: readonly Operation[];
  /** Named response schemas, listed under components.schemas and referred to wherever they appear. */
  components?: Readonly<Record<string, ContractSchema>>;
  /**
   * The stable error codes with their status, audience and meaning: the error envelope's `code`
   * becomes an enum of them and the table is published as `x-error-codes`. Without it, any string.
   */
  errorCodes?: Readonly<Record<string, { status: number; audience: string; description: string }>>;
  /** Events the API posts to organizers' endpoints: event type → payload schema (the `webhooks` section). */
  webhooks?: Readonly<Record<string, ContractSchema>>;
  info?: { title?: string; version?: string; description?: string };
}

export type OpenApiDocument = Record<string, unknown> & { openapi: '3.1.0'; paths: Record<string, Record<string, OpenApiOperation>> };
type OpenApiOperation = Record<string, unknown> & { operationId: string; tags: string[]; summary: string };

/**
 * Validation actions JSON Schema cannot say: they normalize (trim, toUpperCase, transform) or
 * check with code (check, custom IBAN and date rules). The document describes what a client
 * sends before them; the server still runs them. A test converts every schema with
 * errorMode 'throw' and only these ignored, so nothing else is lost silently. (`finite` is
 * said by JSON itself: it has no NaN or Infinity.)
 */
export const lossyActions = ['finite', 'trim', 'to_upper_case', 'to_lower_case', 'transform', 'check', 'raw_check', 'raw_transform', 'check_items'];

/**
 * A pattern without the `i` flag that JSON Schema cannot carry: every ASCII letter matches
 * both cases (`a` → `[aA]`, `a-z` in a class → `a-zA-Z`). Escapes are kept as they are.
 */
export function caseInsensitivePattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      out += ch + (source[++i] ?? '');
    } else if (inClass) {
      if (ch === ']') inClass = false;
      const range = /^[a-zA-Z]-[a-zA-Z]/.test(source.slice(i)) ? source.slice(i, i + 3) : null;
      if (range) {
        out += `${range.toLowerCase()}${range.toUpperCase()}`;
        i += 2;
      } else out += /[a-zA-Z]/.test(ch) ? `${ch.toLowerCase()}${ch.toUpperCase()}` : ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else out += /[a-zA-Z]/.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch;
  }
  return out;
}

/** How the document converts schemas; exported so a test can rerun it with errorMode 'throw'. */
export const conversionConfig: ConversionConfig = {
  target: 'draft-2020-12',
  errorMode: 'ignore',
  ignoreActions: lossyActions,
  // A record keyed by a picklist (texts per locale) is an object whose propertyNames are the
  // picklist: the converter writes exactly that for draft 2020-12, then reports the key anyway.
  overrideSchema: ({ valibotSchema, jsonSchema }) =>
    valibotSchema.type === 'record' && (valibotSchema as unknown as { key: { type: string } }).key.type === 'picklist' ? jsonSchema : undefined,
  overrideAction: ({ valibotAction, jsonSchema }) => {
    const requirement = (valibotAction as { type: string; requirement?: unknown }).requirement;
    if (valibotAction.type !== 'regex' || !(requirement instanceof RegExp) || requirement.flags !== 'i') return undefined;
    return { ...jsonSchema, pattern: caseInsensitivePattern(requirement.source) };
  },
};
const base = conversionConfig;

const componentRef = (name: string) => `#/components/schemas/${encodeURIComponent(name)}`;

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _draft, $defs: _defs, ...rest } = schema as JsonSchema & { $schema?: unknown; $defs?: unknown };
  return rest;
}

/** A request part as a client writes it (input type: before the server's transforms). */
export function requestJsonSchema(schema: ContractSchema, config: ConversionConfig = base): JsonSchema {
  return clean(toJsonSchema(schema, { ...config, typeMode: 'input' }));
}

/** The object entries of a params or query schema (a pipe starts with its object). */
function entriesOf(schema: ContractSchema): Record<string, ContractSchema> {
  const s = schema as unknown as { entries?: Record<string, ContractSchema>; pipe?: ContractSchema[] };
  if (s.entries) return s.entries;
  if (s.pipe?.[0]) return entriesOf(s.pipe[0]);
  throw new Error(`A params or query schema must be an object, not ${schema.type}.`);
}

const isOptional = (schema: ContractSchema) => ['optional', 'exact_optional', 'nullish', 'undefinedable'].includes(schema.type);
const isMedia = (answer: unknown): answer is MediaResponse => typeof answer === 'object' && answer !== null && 'mediaType' in answer && !('kind' in answer);

/** `/api/shops/:shopId` → `/api/shops/{shopId}` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(op: Operation) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [['path', op.params], ['query', op.query]] as const) {
    if (!schema) continue;
    for (const [name, entry] of Object.entries(entriesOf(schema))) {
      out.push({ name, in: where, required: where === 'path' || !isOptional(entry), schema: requestJsonSchema(entry) });
    }
  }
  if (op.idempotent) out.push({ $ref: '#/components/parameters/IdempotencyKey' });
  return out;
}

const statusText: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content', 304: 'Not modified: what you have is current' };

export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  const components = options.components ?? {};
  const responseConfig: ConversionConfig = { ...base, definitions: components as Record<string, ContractSchema>, overrideRef: ({ referenceId }) => componentRef(referenceId) };
  const responseSchema = (schema: ContractSchema) => clean(toJsonSchema(schema, responseConfig));

  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  for (const op of options.operations) {
    if (!tags.includes(op.tag)) tags.push(op.tag);
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(op.responses)) {
      const description = statusText[Number(status)] ?? 'Success';
      if (answer === null) responses[status] = { description };
      else if (isMedia(answer)) responses[status] = { description: answer.description, content: { [answer.mediaType]: { schema: { type: 'string', contentMediaType: answer.mediaType } } } };
      else responses[status] = { description, content: { 'application/json': { schema: responseSchema(answer) } } };
    }
    responses['4XX'] = { $ref: '#/components/responses/ClientError' };
    responses.default = { $ref: '#/components/responses/Error' };
    // The roles allowed to call it (contract/permissions.ts), for organizer operations.
    const roles = op.auth === 'organizer' ? ((rolesByOperation as Record<string, readonly string[]>)[op.id] ?? []) : undefined;
    const operation: OpenApiOperation = {
      operationId: op.id,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description || roles ? { description: [op.description, roles && `Roles: ${roles.map((r) => r.replace('_', ' ')).join(', ')}.`].filter(Boolean).join('\n\n') } : {}),
      // Either credential: an API token, or the console's session cookie.
      security: op.auth === 'organizer' ? [{ organizerToken: [] }, { staffSession: [] }] : [],
      ...(roles ? { 'x-roles': [...roles] } : {}),
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: requestJsonSchema(op.body) } } } } : {}),
      responses,
    };
    (paths[openApiPath(op.path)] ??= {})[op.method] = operation;
  }

  const schemas: Record<string, JsonSchema> = { ErrorEnvelope: clean(toJsonSchema(errorEnvelopeSchema(options.errorCodes && Object.keys(options.errorCodes)), base)) };
  for (const name of Object.keys(components)) {
    // A component is its own definition, not a reference to itself.
    const full = toJsonSchema(components[name]!, responseConfig) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    schemas[name] = full.$defs?.[name] ?? clean(full);
  }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } });

  const webhooks: Record<string, unknown> = {};
  for (const [event, payload] of Object.entries(options.webhooks ?? {})) {
    webhooks[event] = {
      post: {
        operationId: `webhook_${event.replace(/[^A-Za-z0-9]+/g, '_')}`,
        summary: `The ${event} event, posted to the organizer's endpoint.`,
        requestBody: { required: true, content: { 'application/json': { schema: responseSchema(payload) } } },
        responses: { '2XX': { description: 'Received; any other answer is retried.' } },
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: options.info?.title ?? 'Ticket shop API',
      version: options.info?.version ?? '1',
      description:
        options.info?.description ??
        'The storefront API (public; a hold id or an order secret is the caller\'s capability) and the organizer API (a shop\'s API token). Amounts are integer minor units; instants are ISO 8601 in UTC. Every error answers the same envelope.',
    },
    servers: [{ url: '/', description: 'The API answering this document (paths start with /api).' }],
    tags: tags.map((name) => ({ name })),
    paths,
    ...(options.webhooks ? { webhooks } : {}),
    ...(options.errorCodes
      ? {
          'x-error-codes': Object.entries(options.errorCodes).map(([code, spec]) => ({ code, status: spec.status, audience: spec.audience, description: spec.description })),
        }
      : {}),
    components: {
      schemas,
      securitySchemes: {
        organizerToken: {
          type: 'http',
          scheme: 'bearer',
          description: "A shop's API token (`Authorization: Bearer tsk_…`), created with `npm run shop:create` or POST /api/org/tokens; it acts with its role. Sent with the cookie, the token wins.",
        },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-staff_session',
          description:
            'The console session of a signed-in staff member (POST /api/staff/sessions sets it): HttpOnly, SameSite=Strict, 12 hours idle and 7 days at most. Writes with it must send this server’s Origin.',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Any unique string (1 to 255 visible ASCII characters): a retry with the same key and body replays the first answer instead of acting twice.',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      responses: { ClientError: errorResponse('The request cannot be served as it is (see error.code).'), Error: errorResponse('An error (see error.code).') },
    },
  };
}
