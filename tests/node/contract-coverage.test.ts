import { describe, expect, it } from 'vitest';
import { operations } from '../../contract/operations/index.js';
import { buildApp } from '../../worker/src/app.js';
import type { Deps } from '../../worker/src/env.js';
import { validatedSchemas } from '../../worker/src/validation.js';

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

  it('gives each operation the very schema objects its route validates with', () => {
    const parts = { param: 'params', query: 'query', json: 'body' } as const;
    const mismatches: string[] = [];
    for (const op of operations) {
      const validators = app.routes
        .filter((r) => key(r.method, r.path) === key(op.method, op.path))
        .map((r) => validatedSchemas.get(r.handler))
        .filter((found) => found !== undefined);
      for (const [target, part] of Object.entries(parts) as [keyof typeof parts, (typeof parts)[keyof typeof parts]][]) {
        const used = validators.filter((found) => found.target === target).map((found) => found.schema);
        const documented = op[part];
        if (used.length > 1) mismatches.push(`${op.id}: ${used.length} ${target} validators`);
        else if (used[0] !== documented) mismatches.push(`${op.id}: ${part} is ${documented ? 'not the schema its route validates' : 'undocumented'}${used.length ? '' : ' (the route validates none)'}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('names every path parameter of a route in its params schema', () => {
    const missing = operations.flatMap((op) => {
      const names = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      const entries = (op.params as { entries?: Record<string, unknown> } | undefined)?.entries ?? {};
      return names.filter((name) => !(name in entries)).map((name) => `${op.id}: ${name}`);
    });
    expect(missing).toEqual([]);
  });
});
