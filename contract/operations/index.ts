import type { Operation } from '../operation.js';
import { organizerOperations } from './organizer.js';
import { referenceOperations } from './reference.js';
import { staffOperations } from './staff.js';
import { storefrontOperations } from './storefront.js';
import { walletOperations } from './wallet.js';
import { webhookOperations } from './webhooks.js';

/**
 * Every operation of the API, in the order the reference lists them. A test holds this list
 * and the routes the app registers to the same set.
 */
export const operations: readonly Operation[] = [...storefrontOperations, ...walletOperations, ...staffOperations, ...organizerOperations, ...webhookOperations, ...referenceOperations];

const byRoute = new Map(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op]));

/** The operation of a matched route: its method and its path as Hono mounted it (`routePath`). */
export function findOperation(method: string, routePath: string): Operation | undefined {
  return byRoute.get(`${method.toUpperCase()} ${routePath}`);
}
