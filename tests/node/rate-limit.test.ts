import { readFileSync } from 'node:fs';
import type { Client } from '@libsql/client';
import { parse } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nodeClientAddress, parseTrustProxy } from '../../worker/src/node/client-address.js';
import { clientKey } from '../../worker/src/rate-limit/client-key.js';
import { memoryGuessLimiter } from '../../worker/src/rate-limit/limiter.js';
import { type GuessRule, guessRules } from '../../worker/src/rate-limit/rules.js';
import { buyer, checkoutHold, createTestShop, GOOD_CARD, MINUTE, performanceInfo, sf, tariffOf, type TestShop } from './harness.js';

/**
 * Wrong guesses are limited per client (and per cart, per organizer token); right answers are
 * never counted. The window moves with the harness clock (deps.now), so nothing here sleeps.
 * Clients are told apart by X-Forwarded-For, as behind one trusted proxy (TRUST_PROXY=1).
 */

const rule = (limit: number): GuessRule => ({ name: `test-${limit}`, binding: 'CODE_GUESSES_PER_CLIENT', limit, windowSeconds: 60 });

describe('the in-memory limiter', () => {
  it('refuses after `limit` wrong guesses in a window, says when to retry, and forgets them when the window has passed', async () => {
    const limiter = memoryGuessLimiter();
    const three = rule(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(await limiter.check(three, 'a', t0 + i * 1000)).toBeNull();
      expect(await limiter.countWrong(three, 'a', t0 + i * 1000)).toBeNull();
    }
    expect(await limiter.check(three, 'a', t0 + 10_000)).toEqual({ retryAfter: 50 });
    expect(await limiter.check(three, 'b', t0 + 10_000)).toBeNull();
    // A guess let through concurrently with others, past the limit, is refused after the fact.
    expect(await limiter.countWrong(three, 'a', t0 + 59_500)).toEqual({ retryAfter: 1 });
    expect(await limiter.check(three, 'a', t0 + 60_000)).toBeNull();
    expect(await limiter.countWrong(three, 'a', t0 + 60_000)).toBeNull();
  });

  it('keeps at most maxKeys keys per rule, dropping lapsed windows first and then the oldest', async () => {
    const limiter = memoryGuessLimiter({ maxKeys: 2 });
    const one = rule(1);
    await limiter.countWrong(one, 'old', 0);
    await limiter.countWrong(one, 'a', 30_000);
    await limiter.countWrong(one, 'b', 31_000);
    // 'old' lapsed and went first; 'a' and 'b' are still refused.
    expect(await limiter.check(one, 'a', 32_000)).not.toBeNull();
    expect(await limiter.check(one, 'b', 32_000)).not.toBeNull();
    await limiter.countWrong(one, 'c', 33_000);
    // Past maxKeys the oldest live window ('a') is forgiven.
    expect(await limiter.check(one, 'a', 34_000)).toBeNull();
    expect(await limiter.check(one, 'b', 34_000)).not.toBeNull();
    expect(await limiter.check(one, 'c', 34_000)).not.toBeNull();
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:0db8:00aa:00bb::9')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey(undefined)).toBe('unknown');
  });

  it('reads TRUST_PROXY as a number of proxies, and refuses anything else at start', () => {
    expect([undefined, '', 'false', '0', 'true', '2'].map(parseTrustProxy)).toEqual([0, 0, 0, 0, 1, 2]);
    expect(() => parseTrustProxy('yes')).toThrow(/TRUST_PROXY/);
  });

  it('says the same limits as the rate-limiting bindings of wrangler.toml', () => {
    const wrangler = parse(readFileSync('wrangler.toml', 'utf8')) as { ratelimits?: { name: string; simple: { limit: number; period: number } }[] };
    const bindings = new Map((wrangler.ratelimits ?? []).map((r) => [r.name, r.simple]));
    for (const rule of Object.values(guessRules)) {
      expect([rule.name, bindings.get(rule.binding)]).toEqual([rule.name, { limit: rule.limit, period: rule.windowSeconds }]);
    }
    expect(bindings.size).toBe(Object.keys(guessRules).length);
  });
});

let shop: TestShop;
beforeEach(async () => {
  shop = await createTestShop();
  shop.deps.clientAddress = nodeClientAddress(1);
});
afterEach(() => shop.close());

const from = (address: string) => ({ 'X-Forwarded-For': `198.51.100.99, ${address}` });

async function concertHold() {
  const concert = shop.demo.concertPerformanceIds[0]!;
  const info = await performanceInfo(shop, concert);
  const hold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariffOf(info, null, 'Plein tarif').id, quantity: 1 }] });
  expect(hold.status).toBe(201);
  return hold.body.id as string;
}

const applyCode = (holdId: string, code: string, address: string, headers: Record<string, string> = {}) => shop.call('POST', sf(`/holds/${holdId}/codes`), { code }, { ...from(address), ...headers });

function expectRateLimited(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(429);
  expect(res.body.error.code).toBe('rate_limited');
  expect(res.body.error.message).toMatch(/Too many wrong attempts\. Please wait \d+ seconds/);
  const retryAfter = res.body.error.details.retryAfter;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('Retry-After')).toBe(String(retryAfter));
}

describe('codes typed into a cart', () => {
  it('refuses the 101st wrong code of a client in a minute, right codes included, while another client goes on; right codes never count', async () => {
    const a = '203.0.113.10';
    // 100 wrong codes on 5 carts (the per-cart limit is 20); each cart first takes a right code twice and refuses it once as applied.
    for (let cart = 0; cart < 5; cart++) {
      const holdId = await concertHold();
      expect((await applyCode(holdId, 'FLASH50', a)).status).toBe(200);
      expect((await shop.call('DELETE', sf(`/holds/${holdId}/codes/FLASH50`), undefined, from(a))).status).toBe(200);
      expect((await applyCode(holdId, 'flash-50', a)).status).toBe(200);
      expect((await applyCode(holdId, 'FLASH50', a)).body.error.code).toBe('code_already_applied');
      for (let i = 0; i < 20; i++) {
        const wrong = await applyCode(holdId, `WRONG-${cart}-${i}-XQ`, a);
        expect([cart, i, wrong.status, wrong.body.error.code]).toEqual([cart, i, 404, 'code_not_found']);
      }
    }
    shop.clock.advance(30_000);
    const fresh = await concertHold();
    expectRateLimited(await applyCode(fresh, 'NOT-A-CODE-1', a));
    // Refused before the code is looked at: a right one too, or the answer would tell them apart.
    const right = await applyCode(fresh, 'FLASH50', a);
    expectRateLimited(right);
    expect(right.body.error.details.retryAfter).toBe(30);

    const b = '203.0.113.11';
    const other = await applyCode(fresh, 'NOT-A-CODE-1', b);
    expect([other.status, other.body.error.code]).toEqual([404, 'code_not_found']);
    expect((await applyCode(fresh, 'FLASH50', b)).status).toBe(200);

    // The window started at the client's first wrong code; once it has passed, the client may try again.
    shop.clock.advance(30_000);
    expect((await applyCode(fresh, 'NOT-A-CODE-2', a)).status).toBe(404);
  });

  it('refuses the 21st wrong code on one cart whatever the address, and only on that cart', async () => {
    const holdId = await concertHold();
    for (let i = 0; i < 20; i++) {
      expect((await applyCode(holdId, `WRONG-CODE-${i}`, `192.0.2.${i + 1}`)).status).toBe(404);
    }
    expectRateLimited(await applyCode(holdId, 'WRONG-CODE-20', '192.0.2.100'));
    expect((await applyCode(await concertHold(), 'WRONG-CODE-20', '192.0.2.100')).status).toBe(404);
  });

  it('does not keep a 429 as the answer of an Idempotency-Key: the retry after the window gets the real one', async () => {
    const holdId = await concertHold();
    const a = '203.0.113.20';
    for (let i = 0; i < 20; i++) await applyCode(holdId, `WRONG-CODE-${i}`, a);
    const key = { 'Idempotency-Key': 'code-retry-0001' };
    expectRateLimited(await applyCode(holdId, 'FLASH50', a, key));
    shop.clock.advance(MINUTE);
    expect((await applyCode(holdId, 'FLASH50', a, key)).status).toBe(200);
  });
});

describe('pages opened with an order secret', () => {
  async function paidOrder() {
    const order = await checkoutHold(shop, await concertHold());
    expect(order.status).toBe(201);
    return order.body as { number: string; secret: string };
  }

  it('refuses a client after 30 wrong secrets or unknown numbers in a minute, on every page that takes a secret; right ones never count', async () => {
    const order = await paidOrder();
    const voucher = await shop.call('POST', sf('/product-orders'), { kind: 'voucher', amount: 5000, buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(voucher.status).toBe(201);
    const a = '203.0.113.30';
    const wrongSecret = 'w'.repeat(26);
    const wrongPages = [
      `/orders/${order.number}?secret=${wrongSecret}`,
      `/orders/ZZZZ-ZZZZ?secret=${order.secret}`,
      `/orders/${order.number}/exchange?secret=${wrongSecret}`,
      `/orders/${order.number}/invoice.pdf?secret=${wrongSecret}`,
      `/product-orders/${voucher.body.number}?secret=${wrongSecret}`,
    ];
    for (let i = 0; i < 30; i++) {
      const right = await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`), undefined, from(a));
      expect(right.status).toBe(200);
      const wrong = await shop.call('GET', sf(wrongPages[i % wrongPages.length]!), undefined, from(a));
      expect([i, wrong.status, wrong.body.error.code]).toEqual([i, 404, 'order_not_found']);
    }
    expectRateLimited(await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`), undefined, from(a)));
    expectRateLimited(await shop.call('POST', sf(`/product-orders/${voucher.body.number}/payment`), { secret: wrongSecret, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }, from(a)));
    expect((await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`), undefined, from('203.0.113.31'))).status).toBe(200);
    shop.clock.advance(MINUTE);
    expect((await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`), undefined, from(a))).status).toBe(200);
  });

  it('compares the secret before building the order view: a wrong secret reads as much as an unknown number', async () => {
    const order = await paidOrder();
    // The harness opens the file with openNodeStorage, whose storage carries the libSQL client.
    const execute = vi.spyOn((shop.deps.storage as typeof shop.deps.storage & { client: Client }).client, 'execute');
    const statementsOf = async (path: string) => {
      execute.mockClear();
      expect((await shop.call('GET', sf(path))).status).toBe(404);
      return execute.mock.calls.length;
    };
    const unknown = await statementsOf(`/orders/ZZZZ-ZZZZ?secret=${order.secret}`);
    const wrong = await statementsOf(`/orders/${order.number}?secret=${'w'.repeat(26)}`);
    execute.mockClear();
    expect((await shop.call('GET', sf(`/orders/${order.number}?secret=${order.secret}`))).status).toBe(200);
    const right = execute.mock.calls.length;
    execute.mockRestore();
    expect(unknown).toBeGreaterThan(0);
    expect(wrong).toBe(unknown);
    expect(right).toBeGreaterThan(wrong);
  });
});

describe('door check-in', () => {
  it('refuses a token after 120 forged tickets in a minute; admissions, repeats and unreadable codes never count; other tokens go on', async () => {
    const hold = await concertHold();
    const order = await checkoutHold(shop, hold);
    const payload = order.body.tickets[0].qrPayload as string;
    const sig = payload.slice(payload.lastIndexOf('.') + 1);
    const forged = (i: number) => `${payload.slice(0, payload.lastIndexOf('.') + 1)}${(i % 2 ? 'A' : 'B') + String(i).padStart(3, '0')}${sig.slice(4)}`;

    expect((await shop.org('POST', '/api/org/checkins', { code: payload })).status).toBe(200);
    for (let i = 0; i < 120; i++) {
      const res = await shop.org('POST', '/api/org/checkins', { code: forged(i) });
      expect([i, res.status, res.body.error.code]).toEqual([i, 422, 'ticket_forged']);
      if (i % 20 === 0) {
        expect((await shop.org('POST', '/api/org/checkins', { code: payload })).body.error.code).toBe('ticket_already_admitted');
        expect((await shop.org('POST', '/api/org/checkins', { code: 'hello' })).body.error.code).toBe('ticket_unreadable');
      }
    }
    expectRateLimited(await shop.org('POST', '/api/org/checkins', { code: forged(120) }));
    expectRateLimited(await shop.org('POST', '/api/org/checkins', { code: payload }));

    const second = await shop.org('POST', '/api/org/tokens', { label: 'Door 2' });
    expect(second.status).toBe(201);
    const door2 = await shop.call('POST', '/api/org/checkins', { code: payload }, { Authorization: `Bearer ${second.body.token}` });
    expect(door2.body.error.code).toBe('ticket_already_admitted');
    shop.clock.advance(MINUTE);
    expect((await shop.org('POST', '/api/org/checkins', { code: forged(121) })).body.error.code).toBe('ticket_forged');
  });
});
