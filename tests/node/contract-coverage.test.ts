import { describe, expect, it } from 'vitest';
import { operations } from '../../contract/operations/index.js';
import { buildApp } from '../../worker/src/app.js';
import type { Deps } from '../../worker/src/env.js';

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('the operation table', () => {
  // Building the app reads no deps; only requests do.
  const app = buildApp(() => ({}) as Deps);
  // Middleware is registered for ALL methods; every other entry is a route with a handler.
  const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => key(r.method, r.path)));
  const documented = new Set(operations.map((op) => key(op.method, op.path)));

  it('documents every route the app registers', () => {
    expect([...routes].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents no operation the app does not serve', () => {
    expect([...documented].filter((op) => !routes.has(op))).toEqual([]);
  });

  it('has one entry per route and unique operation ids', () => {
    expect(documented.size).toBe(operations.length);
    expect(new Set(operations.map((op) => op.id)).size).toBe(operations.length);
    // Sanity: the two sets above are not trivially empty.
    expect(routes.size).toBeGreaterThan(70);
  });

  it('names every path parameter of a route in its params schema', () => {
    const missing = operations.flatMap((op) => {
      const names = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      const entries = (op.params as { entries?: Record<string, unknown> } | undefined)?.entries ?? {};
      return names.filter((name) => !(name in entries) && !(op.path.startsWith('/api/org') && name === 'shopId')).map((name) => `${op.id}: ${name}`);
    });
    // Organizer routes validate their params; the storefront ones validate shopId too. Only a route without a params validator may leave a name out.
    expect(missing).toEqual([]);
  });
});
