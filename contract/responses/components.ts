import type { ContractSchema } from '../operation.js';
import * as catalog from './catalog.js';
import * as exchange from './exchange.js';
import * as holds from './holds.js';
import * as orders from './orders.js';
import * as cancellations from './organizer/cancellations.js';
import * as organizerCatalog from './organizer/catalog.js';
import * as codes from './organizer/codes.js';
import * as messages from './organizer/messages.js';
import * as organizerOrders from './organizer/orders.js';
import * as shop from './organizer/shop.js';
import * as products from './products.js';
import * as shared from './shared.js';

const isSchema = (value: unknown): value is ContractSchema => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'schema';
/** Objects get a name of their own; a string, a number or a list of words reads better where it is used. */
const isShape = (schema: ContractSchema) => ['object', 'loose_object', 'strict_object', 'variant', 'union'].includes(schema.type);

/**
 * Every exported response object schema by its export name: the document lists them as components and
 * refers to them, so a shape shared by several answers (an order, a hold) is described once.
 */
export function responseComponents(): Record<string, ContractSchema> {
  const named: Record<string, ContractSchema> = {};
  for (const module of [shared, catalog, holds, orders, exchange, products, shop, organizerCatalog, codes, cancellations, messages, organizerOrders]) {
    for (const [name, value] of Object.entries(module)) {
      if (!isSchema(value) || !isShape(value)) continue;
      if (named[name] && named[name] !== value) throw new Error(`Two response schemas are named ${name}.`);
      named[name] = value;
    }
  }
  return named;
}
