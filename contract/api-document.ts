import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { operations } from './operations/index.js';
import { responseComponents } from './responses/components.js';

let built: OpenApiDocument | undefined;

/**
 * The API's own document, built on first use and kept for the life of the isolate (or the Node
 * process): generating it converts every schema, which no request should pay for twice.
 *
 * Hooks: the stable error codes (contract/errors.ts) go in `errorCodes`, and the organizer
 * webhooks' event → payload map (contract/webhooks.ts) in `webhooks`; both are optional, so
 * the document is valid before and after they land.
 */
export function apiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument({ operations, components: responseComponents() });
  return built;
}
