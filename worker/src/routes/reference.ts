import { Hono } from 'hono';
import { apiDocument } from '../../../contract/api-document.js';
import type { AppEnv } from '../env.js';
import { referenceCss } from '../reference/reference-css.js';
import { renderReferenceHtml } from '../reference/render-html.js';

let html: string | undefined;

/** The page loads its stylesheet from us and nothing else; it has no script at all. */
const pagePolicy = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The API describing itself: the OpenAPI document and a reference page rendered from it (both built once per isolate). */
export const referenceRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(apiDocument(), 200);
  })
  .get('/docs', (c) => {
    html ??= renderReferenceHtml(apiDocument(), { stylesheet: '/api/docs/reference.css', document: '/api/openapi.json' });
    c.header('Content-Security-Policy', pagePolicy);
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(html, 200);
  })
  .get('/docs/reference.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(referenceCss, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
