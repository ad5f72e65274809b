import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../worker/src/env.js';
import { checkResponses, responseChecks } from '../../worker/src/middleware/check-responses.js';

/** A tiny app with the real routes' paths, answering what the test says, behind the check. */
function appAnswering(answer: (c: import('hono').Context) => Response | Promise<Response>) {
  const app = new Hono<AppEnv>();
  app.use('*', checkResponses());
  return app.get('/api/health', answer).get('/api/shops/:shopId/orders/:number/invoice.pdf', answer).get('/api/shops/:shopId/plans/:planId', answer);
}

async function violation(res: Response) {
  expect(res.status).toBe(500);
  const body = (await res.json()) as { error: { code: string; message: string; details: { operation: string | null; issues: string[] } } };
  expect(body.error.code).toBe('response_contract_violation');
  return body.error;
}

describe('the response contract check', () => {
  // The violations below are made on purpose: the suite's count is of the real answers only.
  const counted = { ...responseChecks };
  afterAll(() => Object.assign(responseChecks, counted));

  it('lets a conforming answer through and counts it', async () => {
    const before = responseChecks.validated;
    const res = await appAnswering((c) => c.json({ ok: true }, 200)).request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(responseChecks.validated).toBe(before + 1);
  });

  it('turns a body that breaks the schema into a 500 naming the operation and the issue path', async () => {
    const error = await violation(await appAnswering((c) => c.json({ ok: 'yes' }, 200)).request('/api/health'));
    expect(error.details.operation).toBe('getHealth');
    expect(error.message).toContain('getHealth (GET /api/health)');
    expect(error.details.issues.join()).toMatch(/^ok: /);
  });

  it('refuses a status the operation does not document', async () => {
    const error = await violation(await appAnswering((c) => c.json({ ok: true }, 201)).request('/api/health'));
    expect(error.details.issues.join()).toContain('status 201 is not documented');
  });

  it('accepts a documented 304 without a body, and checks the media type of a PDF', async () => {
    expect((await appAnswering((c) => c.body(null, 304)).request('/api/shops/shp_demo/plans/pln_abcd')).status).toBe(304);
    const pdf = appAnswering(() => new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }));
    expect((await pdf.request('/api/shops/shp_demo/orders/AAAA-BBBB/invoice.pdf')).status).toBe(200);
    const html = appAnswering((c) => c.html('<p>invoice</p>'));
    const error = await violation(await html.request('/api/shops/shp_demo/orders/AAAA-BBBB/invoice.pdf'));
    expect(error.details.issues.join()).toContain('documented application/pdf');
  });

  it('holds error answers to the error envelope', async () => {
    const ok = await appAnswering((c) => c.json({ error: { code: 'hold_not_found', message: 'This hold does not exist.' } }, 404)).request('/api/health');
    expect(ok.status).toBe(404);
    const error = await violation(await appAnswering((c) => c.json({ message: 'not found' }, 404)).request('/api/health'));
    expect(error.details.issues.join()).toContain('error');
  });
});
