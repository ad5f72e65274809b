import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../contract/errors.js';
import { operations } from '../../contract/operations/index.js';
import { webhookEventPayloads } from '../../contract/webhooks.js';
import { esc } from '../../worker/src/reference/render-html.js';
import { createTestShop, type TestShop } from './harness.js';

describe('the API reference page', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await createTestShop();
  });
  afterAll(() => shop.close());

  it('lists every operation with its method, path and summary, grouped by tag', async () => {
    const res = await shop.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = res.body as string;
    for (const op of operations) {
      expect(html, op.id).toContain(`<span class="method">${op.method}</span><code>${esc(op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}'))}</code>`);
      expect(html, op.id).toContain(esc(op.summary));
    }
    for (const tag of new Set(operations.map((op) => op.tag))) expect(html).toContain(`>${esc(tag)}</h2>`);
    // Field tables of named schemas, the error envelope and the organizer's token.
    expect(html).toContain('id="schema-holdview"');
    expect(html).toContain('id="errors"');
    // Every code of the table, with its status, in the page's own table; the webhooks' payloads.
    for (const [code, spec] of Object.entries(errorCodes)) expect(html, code).toContain(`<tr id="error-${code.replace(/_/g, '-')}"><td><code>${code}</code></td><td>${spec.status}</td>`);
    for (const event of Object.keys(webhookEventPayloads)) expect(html, event).toContain(`<h3><code>${esc(event)}</code></h3>`);
    expect(html).toContain('Authorization: Bearer tsk_');
  });

  it('loads nothing but its own stylesheet, and runs no script', async () => {
    const res = await shop.call('GET', '/api/docs');
    const html = res.body as string;
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/api/docs/reference.css">');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const css = await shop.call('GET', '/api/docs/reference.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.method');
  });

  it('escapes every text it writes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
