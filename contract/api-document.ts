import { errorCodes } from './errors.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { operations } from './operations/index.js';
import { responseComponents } from './responses/components.js';
import { webhookEventPayloads } from './webhooks.js';

let built: OpenApiDocument | undefined;

/**
 * The API's own document, built on first use and kept for the life of the isolate (or the Node
 * process): generating it converts every schema, which no request should pay for twice.
 * It carries the error codes of contract/errors.ts and the payloads of the organizer
 * webhooks (contract/webhooks.ts).
 */
export function apiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument({ operations, components: responseComponents(), errorCodes, webhooks: webhookEventPayloads });
  return built;
}
