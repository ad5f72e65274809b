import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import worker, { app, workerDeps } from '../../worker/src/index';
import { publicUrlProblem } from '../../worker/src/public-url';
import { storageKind } from '../../worker/src/workers-storage';
import { buyer, call, expectOk, SHOP, seatedPerformance, seedDemoShop } from './helpers';

describe('the Workers configuration is explicit', () => {
  it('refuses a D1 binding and TURSO_URL together instead of picking one', () => {
    expect(storageKind({ DB: env.DB })).toBe('d1');
    expect(storageKind({ TURSO_URL: 'libsql://shop.turso.io' })).toBe('turso');
    expect(() => storageKind({})).toThrow(/No storage configured/);
    expect(() => workerDeps({ ...env, TURSO_URL: 'libsql://shop.turso.io' })).toThrow(/Two storages configured: a D1 binding DB and TURSO_URL/);
  });

  it('answers requests with 500 and logs which two storages are configured', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/api/shops/shp_demo', {}, { ...env, TURSO_URL: 'libsql://shop.turso.io' });
    expect(res.status).toBe(500);
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)).message)).toContainEqual(expect.stringMatching(/^Two storages configured/));
    errors.mockRestore();
  });

  it('accepts only a PUBLIC_URL that buyers can reach', () => {
    expect(publicUrlProblem('https://tickets.theatre.example')).toBeNull();
    expect(publicUrlProblem(undefined)).toMatch(/PUBLIC_URL is not set/);
    expect(publicUrlProblem('')).toMatch(/PUBLIC_URL is not set/);
    expect(publicUrlProblem('tickets.example')).toMatch(/not an absolute URL/);
    expect(publicUrlProblem('ftp://tickets.example')).toMatch(/http\(s\)/);
    for (const local of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787', 'https://LOCALHOST']) {
      expect(publicUrlProblem(local)).toMatch(/points to this machine/);
    }
  });
});

describe('without a reachable PUBLIC_URL the scheduled run sends no e-mail', () => {
  let theatre: Awaited<ReturnType<typeof seatedPerformance>>;
  beforeAll(async () => {
    const demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });
  afterEach(() => vi.restoreAllMocks());

  for (const publicUrl of [undefined, 'http://localhost:8787']) {
    it(`PUBLIC_URL ${publicUrl ?? 'unset'}: the invoice e-mail waits in the outbox and the run logs why`, async () => {
      const seatId = theatre.seatIds[publicUrl ? 1 : 0]!;
      const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId }] }), 201);
      const order = expectOk(await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'invoice' } }), 201);
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), { ...env, PUBLIC_URL: publicUrl as string }, ctx);
      await waitOnExecutionContext(ctx);

      expect(fetchSpy.mock.calls.filter(([input]) => String(input instanceof Request ? input.url : input).startsWith(env.MAIL_API_URL))).toEqual([]);
      expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)))).toContainEqual(expect.objectContaining({ level: 'error', job: 'deliver-outbox', error: 'public_url' }));
      const status = await env.DB.prepare("SELECT m.status FROM outbox_messages m JOIN orders o ON o.id = m.order_id WHERE o.number = ?1 AND m.kind = 'invoice'")
        .bind(order.body.number)
        .first('status');
      expect(status).toBe('pending');
    });
  }
});
