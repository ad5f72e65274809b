import { rolesByOperation } from '../../contract/permissions.js';
import { compileErrors, validate } from '@readme/openapi-parser';
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '../../contract/api-document.js';
import { errorCodes } from '../../contract/errors.js';
import { buildOpenApiDocument, caseInsensitivePattern, conversionConfig, lossyActions, openApiPath } from '../../contract/openapi.js';
import { operations } from '../../contract/operations/index.js';
import { responseComponents } from '../../contract/responses/components.js';
import { createTestShop } from './harness.js';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(apiDocument()) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    expect(result.valid).toBe(true);
  });

  it('lists every operation once, with {name} path parameters, security, bodies and the Idempotency-Key', () => {
    const doc = apiDocument();
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(listed.length).toBe(operations.length);
    for (const op of operations) {
      const entry = doc.paths[openApiPath(op.path)]?.[op.method] as Record<string, unknown> | undefined;
      expect(entry, op.id).toBeDefined();
      expect(openApiPath(op.path)).not.toContain(':');
      expect(entry!.operationId).toBe(op.id);
      expect(entry!.security).toEqual(op.auth === 'organizer' ? [{ organizerToken: [] }, { staffSession: [] }] : []);
      // Every organizer operation lists the roles of the matrix, which never names a role outside it.
      if (op.auth === 'organizer') expect(entry!['x-roles'], op.id).toEqual([...(rolesByOperation as Record<string, readonly string[]>)[op.id]!]);
      else expect(entry!['x-roles']).toBeUndefined();
      expect(Boolean(entry!.requestBody)).toBe(op.body !== undefined);
      const parameters = entry!.parameters as { name?: string; in?: string; $ref?: string }[];
      expect(parameters.some((p) => p.$ref === '#/components/parameters/IdempotencyKey')).toBe(op.idempotent === true);
      const pathNames = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathNames);
    }
  });

  it('answers errors with the shared envelope, whose code list can be plugged in', () => {
    const doc = buildOpenApiDocument({ operations, errorCodes: { hold_not_found: errorCodes.hold_not_found, seats_taken: errorCodes.seats_taken } });
    const schemas = (doc.components as { schemas: Record<string, { properties: { error: { properties: { code: unknown } } } }> }).schemas;
    expect(schemas.ErrorEnvelope!.properties.error.properties.code).toMatchObject({ enum: ['hold_not_found', 'seats_taken'] });
    const getHold = doc.paths['/api/shops/{shopId}/holds/{holdId}']!.get as unknown as { responses: Record<string, unknown> };
    expect(getHold.responses.default).toEqual({ $ref: '#/components/responses/Error' });
    expect(getHold.responses['4XX']).toEqual({ $ref: '#/components/responses/ClientError' });
  });

  it('documents webhooks from the map it is given', async () => {
    const Payload = v.object({ type: v.literal('order.paid'), orderNumber: v.string() });
    const doc = buildOpenApiDocument({ operations, components: responseComponents(), webhooks: { 'order.paid': Payload } });
    const hook = (doc.webhooks as Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>)['order.paid']!;
    expect(hook.post.requestBody.content['application/json']!.schema).toMatchObject({ type: 'object', required: ['type', 'orderNumber'] });
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
  });

  it('loses only the actions JSON Schema cannot say (normalizing and code checks)', () => {
    // errorMode 'throw' with only the known lossy actions ignored: any other schema or action the converter cannot express fails here.
    const strict = { ...conversionConfig, errorMode: 'throw' } as const;
    expect(conversionConfig.ignoreActions).toEqual(lossyActions);
    for (const op of operations) {
      for (const schema of [op.params, op.query, op.body]) if (schema) expect(() => toJsonSchema(schema, { ...strict, typeMode: 'input' }), op.id).not.toThrow();
      for (const answer of Object.values(op.responses)) if (answer && 'kind' in answer) expect(() => toJsonSchema(answer, strict), op.id).not.toThrow();
    }
  });

  it('says a case-insensitive pattern without the flag JSON Schema lacks', () => {
    const Origin = /^(\*|https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?)$/i;
    const pattern = new RegExp(caseInsensitivePattern(Origin.source));
    for (const origin of ['https://theatre.example', 'HTTP://LOCALHOST:*', 'Https://Shop.Example:8443', '*']) expect(pattern.test(origin), origin).toBe(Origin.test(origin));
    for (const wrong of ['ftp://x', 'https://a b', 'https://x:123456']) expect(pattern.test(wrong), wrong).toBe(false);
    const settings = apiDocument().paths['/api/org/shop']!.patch as unknown as { requestBody: { content: { 'application/json': { schema: { properties: { allowedOrigins: { items: { pattern?: string } } } } } } } };
    expect(settings.requestBody.content['application/json'].schema.properties.allowedOrigins.items.pattern).toBe(caseInsensitivePattern(Origin.source));
  });

  it('keeps the limits that follow a trim (maxLength of a name)', () => {
    const createVenue = apiDocument().paths['/api/org/venues']!.post as unknown as { requestBody: { content: { 'application/json': { schema: { properties: { name: unknown } } } } } };
    expect(createVenue.requestBody.content['application/json'].schema.properties.name).toEqual({ type: 'string', minLength: 1, maxLength: 200 });
  });

  it('is built once and served at /api/openapi.json', async () => {
    expect(apiDocument()).toBe(apiDocument());
    const shop = await createTestShop();
    try {
      const res = await shop.call('GET', '/api/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(apiDocument())));
    } finally {
      shop.close();
    }
  });
});
