import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/src/index';
import { guessRules } from '../../worker/src/rate-limit/rules';
import { type ApiResponse, call, expectOk, ORIGIN, SHOP, seedDemoShop } from './helpers';

/**
 * Wrong guesses inside workerd: the client is CF-Connecting-IP, each isolate counts in memory,
 * and the rate-limiting bindings of wrangler.toml share the count between isolates.
 */
describe('rate limits in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let tariffId: string;

  beforeAll(async () => {
    demo = await seedDemoShop();
    const perf = await call('GET', `${SHOP}/performances/${demo.concertPerformanceIds[0]}`);
    tariffId = perf.body.tariffs.find((t: { name: string }) => t.name === 'Plein tarif').id;
  });

  const newHold = async () => expectOk(await call('POST', `${SHOP}/holds`, { performanceId: demo.concertPerformanceIds[0], quantities: [{ tariffId, quantity: 1 }] }), 201).body.id as string;
  const applyCode = (holdId: string, code: string, ip: string) => call('POST', `${SHOP}/holds/${holdId}/codes`, { code }, { 'CF-Connecting-IP': ip });

  function expectRateLimited(res: ApiResponse) {
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.headers.get('Retry-After')).toBe(String(res.body.error.details.retryAfter));
    expect(res.body.error.details.retryAfter).toBeGreaterThan(0);
  }

  it('has a rate-limiting binding for every rule, from wrangler.toml', () => {
    for (const rule of Object.values(guessRules)) expect(typeof (env as unknown as Record<string, RateLimit>)[rule.binding]?.limit, rule.binding).toBe('function');
  });

  it('refuses the 101st wrong code of a client in a minute, and not another client', async () => {
    const ip = '203.0.113.50';
    for (let cart = 0; cart < 5; cart++) {
      const holdId = await newHold();
      for (let i = 0; i < 20; i++) {
        const wrong = await applyCode(holdId, `WRONG-${cart}-${i}-XQ`, ip);
        expect([cart, i, wrong.status]).toEqual([cart, i, 404]);
      }
    }
    const holdId = await newHold();
    expectRateLimited(await applyCode(holdId, 'WRONG-LAST-XQ', ip));
    expectRateLimited(await applyCode(holdId, 'FLASH50', ip));
    expect((await applyCode(holdId, 'WRONG-LAST-XQ', '203.0.113.51')).status).toBe(404);
    expect((await applyCode(holdId, 'FLASH50', '203.0.113.51')).status).toBe(200);
  });

  it('answers 429 when the binding says the client is over its limit (counted in other isolates), then refuses it here too', async () => {
    const overLimit = '203.0.113.60';
    const asked: string[] = [];
    const binding: RateLimit = {
      async limit({ key }) {
        asked.push(key);
        return { success: key !== overLimit };
      },
    };
    const withBinding = { ...env, CODE_GUESSES_PER_CLIENT: binding };
    const apply = async (holdId: string, code: string, ip: string): Promise<ApiResponse> => {
      const res = await app.fetch(
        new Request(`${ORIGIN}${SHOP}/holds/${holdId}/codes`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip }, body: JSON.stringify({ code }) }),
        withBinding,
      );
      return { status: res.status, body: await res.json(), headers: res.headers };
    };
    const holdId = await newHold();
    // A right code never asks the binding.
    expect((await apply(holdId, 'FLASH50', overLimit)).status).toBe(200);
    expect(asked).toEqual([]);
    // The first wrong code this isolate sees from the client: the binding says it is over, so 429.
    expectRateLimited(await apply(holdId, 'WRONG-CODE-XQ', overLimit));
    expect(asked).toEqual([overLimit]);
    // From now on this isolate refuses the client before looking at the code, without asking again.
    expectRateLimited(await apply(holdId, 'GROUPE4', overLimit));
    expect(asked).toEqual([overLimit]);
    const other = await apply(holdId, 'WRONG-CODE-XQ', '203.0.113.61');
    expect([other.status, other.body.error.code]).toEqual([404, 'code_not_found']);
    expect(asked).toEqual([overLimit, '203.0.113.61']);
  });
});
