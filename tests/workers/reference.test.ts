import { describe, expect, it } from 'vitest';
import { operations } from '../../contract/operations/index.js';
import { call } from './helpers';

// The reference is a route of the one app: in workerd it is built from the bundled contract, with no file to read.
describe('the API reference in workerd', () => {
  it('serves the OpenAPI document', async () => {
    const res = await call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const count = Object.values(res.body.paths as Record<string, object>).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(count).toBe(operations.length);
  });

  it('serves the reference page and its stylesheet under a CSP that allows only that stylesheet', async () => {
    const page = await call('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.body).toContain('/api/shops/{shopId}/holds/{holdId}/checkout');
    expect(page.headers.get('Content-Security-Policy')).toContain("style-src 'self'");
    const css = await call('GET', '/api/docs/reference.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
  });
});
