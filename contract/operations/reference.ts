import * as v from 'valibot';
import { defineOperation } from '../operation.js';

/** The OpenAPI document is JSON whose shape OpenAPI itself defines; its own test validates it. */
const OpenApiJson = v.looseObject({ openapi: v.string(), info: v.looseObject({ title: v.string(), version: v.string() }), paths: v.record(v.string(), v.unknown()) });

/** The API describing itself: the document and the reference page rendered from it. */
export const referenceOperations = [
  defineOperation({ id: 'getOpenApiDocument', method: 'get', path: '/api/openapi.json', tag: 'Service', summary: 'This reference as an OpenAPI 3.1 document.', auth: 'public', responses: { 200: OpenApiJson } }),
  defineOperation({
    id: 'getApiReference',
    method: 'get',
    path: '/api/docs',
    tag: 'Service',
    summary: 'This reference as a web page.',
    auth: 'public',
    responses: { 200: { mediaType: 'text/html', description: 'The reference, rendered on the server (no script).' } },
  }),
  defineOperation({
    id: 'getApiReferenceStylesheet',
    method: 'get',
    path: '/api/docs/reference.css',
    tag: 'Service',
    summary: "The reference page's stylesheet.",
    auth: 'public',
    responses: { 200: { mediaType: 'text/css', description: 'A small stylesheet.' } },
  }),
] as const;
