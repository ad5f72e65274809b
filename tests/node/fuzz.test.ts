import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestShop, type TestShop } from './harness.js';

/**
 * Garbage in, a clean refusal out: every storefront and organizer endpoint gets random JSON,
 * wrong types for each of its fields, huge strings and numbers, deep nesting, broken JSON,
 * wrong content types, random path parameters, query strings, tokens and Idempotency-Keys.
 * Each answer must be a 4xx (never a 5xx, never a success for a request that cannot be valid)
 * in the error envelope, and the database must be exactly as before.
 */

const S = '/api/shops/shp_demo';
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

// ---- field kinds of the request schemas (contract/) ----
type Field =
  | { t: 'string'; max?: number; pattern?: { test(s: string): boolean }; nullable?: boolean; notEmpty?: boolean }
  | { t: 'enum'; values: string[] }
  | { t: 'int'; min: number; max: number; nullable?: boolean }
  | { t: 'num'; min: number }
  | { t: 'bool' }
  | { t: 'array'; of: 'object' | 'number' | 'string' }
  | { t: 'object'; required: string[] };

const RECORD_ID = /^[a-z]{2,4}_[a-z0-9]{4,40}$/;
const id = (nullable = false): Field => ({ t: 'string', pattern: RECORD_ID, nullable });
const name = (max = 200): Field => ({ t: 'string', max, notEmpty: true });
const text = (max: number): Field => ({ t: 'string', max });
const int = (min: number, max: number, nullable = false): Field => ({ t: 'int', min, max, nullable });
const timestamp = (nullable = false) => int(0, 8_640_000_000_000, nullable);

interface BodyEndpoint {
  method: 'POST' | 'PATCH';
  path: () => string;
  org: boolean;
  fields: Record<string, Field>;
  /** Every field optional: an object without known fields is a valid no-op. */
  allOptional: boolean;
}

/** A JSON value of any kind but the one a field wants (nor null where null is allowed). */
function wrongValue(field: Field): fc.Arbitrary<unknown> {
  const str = fc.string({ maxLength: 20 });
  const arr = fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 });
  const dict = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
  const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const nul = 'nullable' in field && field.nullable ? [] : [fc.constant(null)];
  const huge = fc.integer({ min: 0, max: 2 }).map((i) => ['x', 'é', '😀'][i]!.repeat(300_001));
  switch (field.t) {
    case 'string':
      return fc.oneof(
        num,
        fc.boolean(),
        arr,
        dict,
        ...nul,
        ...(field.max !== undefined || field.pattern ? [huge] : []),
        ...(field.pattern ? [str.filter((s) => !field.pattern!.test(s))] : []),
        ...(field.notEmpty ? [fc.constantFrom('', '   ', '\t\n')] : []),
      );
    case 'enum':
      return fc.oneof(num, fc.boolean(), arr, dict, fc.constant(null), str.filter((s) => !field.values.includes(s)));
    case 'int':
      return fc.oneof(
        str,
        fc.boolean(),
        arr,
        dict,
        ...nul,
        fc.integer({ min: -1e15, max: field.min - 1 }),
        fc.double({ min: field.max + 1, max: 1e300, noNaN: true }),
        fc.integer({ min: field.min, max: Math.min(field.max, 1e9) }).map((n) => n + 0.5),
        fc.constantFrom(-0.000001, 2 ** 53 + 2, -(2 ** 63), 1e21),
      );
    case 'num':
      return fc.oneof(str, fc.boolean(), arr, dict, fc.constant(null), fc.double({ min: -1e300, max: field.min - 0.001, noNaN: true }));
    case 'bool':
      return fc.oneof(str, num, arr, dict, fc.constant(null), fc.constantFrom('true', 'false', 0, 1));
    case 'array': {
      const badItem: fc.Arbitrary<unknown> = field.of === 'object' ? fc.oneof(num, str, fc.boolean(), fc.constant(null), arr) : field.of === 'number' ? fc.oneof(str, fc.boolean(), dict, fc.double({ min: -1e9, max: 0.5, noNaN: true })) : fc.oneof(num, fc.boolean(), dict, arr);
      return fc.oneof(str, num, fc.boolean(), dict, fc.constant(null), fc.array(badItem, { minLength: 1, maxLength: 4 }));
    }
    case 'object':
      return fc.oneof(
        str,
        num,
        fc.boolean(),
        arr,
        fc.constant(null),
        fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => !field.required.includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      );
  }
}

/** A body that is certainly invalid: random extra keys plus one known field with a wrong value. */
function wrongBody(endpoint: BodyEndpoint): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.keys(endpoint.fields);
  return fc
    .constantFrom(...known)
    .chain((key) =>
      fc.tuple(
        fc.constant(key),
        wrongValue(endpoint.fields[key]!),
        fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => !known.includes(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      ),
    )
    .map(([key, value, extra]) => ({ ...extra, [key]: value }));
}

const nested = (depth: number, kind: 'object' | 'array') => (kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth));
function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** fc.anything() as JSON text (undefined, functions and the like become null). */
const anythingAsJson = fc.anything({ maxDepth: 3 }).map((v) => {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return '"unserializable"';
  }
});
/** Header-safe random text (ByteString without CR, LF, NUL), visible ASCII or not. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)).map((c) => String.fromCharCode(c)), maxLength });
const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'a'), headerText(40), fc.constant('k'.repeat(256)), fc.constant('')), { nil: undefined });

/** Random path parameter values: ASCII, any unicode, traversal, injection, very long, id-shaped. */
const pathValue = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
    fc.constantFrom('../', '..%2F..%2F', '../../etc/passwd', "' OR 1=1 --", '%00', '%', '%E0%A4%A', 'shp_demo/../x', '\u0000', '💥', 'hld_', 'null', 'undefined', '0', '-1', 'NaN'),
    fc.integer({ min: 1000, max: 20_000 }).map((n) => 'a'.repeat(n)),
    fc.stringMatching(/^[a-z]{2,4}_[a-z0-9]{4,40}$/),
    fc.stringMatching(/^hld_[a-z0-9]{20,40}$/),
    fc.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  )
  .filter((v) => v !== '.' && v !== '..' && v !== 'shp_demo');
/** Encodes a path segment the way a client would; "." segments too, so they stay parameters. */
const segment = (v: string) => encodeURIComponent(v).replace(/\./g, '%2E');

describe('fuzzing every endpoint with garbage', () => {
  let shop: TestShop;
  const ids = {} as {
    theatrePerformance: string;
    concertPerformance: string;
    theatreEvent: string;
    venue: string;
    plan: string;
    tariff: string;
    token: string;
    hold: string;
    orderNumber: string;
    orderSecret: string;
    seat: number;
  };
  let before: unknown;
  let requests = 0;

  const send = async (method: string, path: string, options: { body?: string; contentType?: string | null; org?: boolean; headers?: Record<string, string> } = {}) => {
    requests += 1;
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && options.contentType !== null) headers['Content-Type'] = options.contentType ?? 'application/json';
    if (options.org) headers.Authorization = `Bearer ${shop.demo.token}`;
    const res = await shop.app.request(path, { method, headers, body: options.body });
    const textBody = await res.text();
    let body: any = textBody;
    try {
      body = textBody ? JSON.parse(textBody) : null;
    } catch {
      /* keep text */
    }
    return { status: res.status, body, headers: res.headers };
  };

  /** A refusal in the one error envelope; `mayBeValid` allows a success for requests that can be valid no-ops. */
  const expectRefused = (res: { status: number; body: any }, what: string, mayBeValid = false) => {
    const show = `${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
    expect(res.status, show).toBeLessThan(500);
    if (!mayBeValid) expect(res.status, show).toBeGreaterThanOrEqual(400);
    if (res.status >= 400) {
      expect(Object.keys(res.body ?? {}), show).toEqual(['error']);
      expect(typeof res.body.error.code, show).toBe('string');
      expect(typeof res.body.error.message, show).toBe('string');
      expect(Object.keys(res.body.error).every((k) => ['code', 'message', 'details'].includes(k)), show).toBe(true);
    }
  };

  /** Everything a fuzzed request could change: row counts, the GA counters, and the rows that carry state. */
  async function snapshot() {
    const db = shop.deps.storage.db;
    const tables = ['holds', 'seat_claims', 'ga_claims', 'ga_inventory', 'orders', 'tickets', 'payments', 'events', 'performances', 'tariffs', 'venues', 'seating_plans', 'price_zones', 'sections', 'seats', 'shops', 'shop_tokens'];
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = Number((await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)))[0]!.n);
    return {
      counts,
      ga: await db.all(sql`SELECT performance_id, capacity, taken FROM ga_inventory ORDER BY performance_id`),
      holds: await db.all(sql`SELECT id, status, expires_at FROM holds ORDER BY id`),
      claims: await db.all(sql`SELECT performance_id, seat_id, state, hold_id, order_id, tariff_id, expires_at FROM seat_claims ORDER BY performance_id, seat_id`),
      orders: await db.all(sql`SELECT id, status, total, buyer_name FROM orders ORDER BY id`),
      tickets: await db.all(sql`SELECT id, status, admitted_at FROM tickets ORDER BY id`),
      shops: await db.all(sql`SELECT * FROM shops`),
      tokens: await db.all(sql`SELECT id, revoked_at FROM shop_tokens ORDER BY id`),
      catalog: await db.all(sql`SELECT 'event' AS k, id, title AS a, status AS b FROM events UNION ALL SELECT 'tariff', id, name, price FROM tariffs UNION ALL SELECT 'venue', id, name, address FROM venues ORDER BY 1, 2`),
      performances: await db.all(sql`SELECT id, starts_at, doors_at, capacity, sales_start_at, sales_end_at, status FROM performances ORDER BY id`),
    };
  }

  let bodyEndpoints: BodyEndpoint[] = [];
  /** Endpoints without a body, with their path built from parameter values (the real ones first). */
  let paramEndpoints: { method: string; org: boolean; real: string[]; path: (p: string[]) => string; body?: unknown }[] = [];

  beforeAll(async () => {
    shop = await createTestShop();
    const d = shop.demo;
    const performance = await shop.call('GET', `${S}/performances/${d.theatrePerformanceIds[0]}`);
    const plan = await shop.call('GET', `${S}/plans/${performance.body.planId}`);
    const venues = await shop.org('GET', '/api/org/venues');
    const tokens = await shop.org('GET', '/api/org/tokens');
    const event = await shop.org('GET', `/api/org/events/${d.theatreEventId}`);
    const paid = await shop.call('POST', `${S}/holds`, { performanceId: d.theatrePerformanceIds[0], seats: [{ seatId: plan.body.seats.id[0] }] });
    const order = await shop.call('POST', `${S}/holds/${paid.body.id}/checkout`, {
      buyer: { name: 'Fuzz Buyer', email: 'fuzz@example.ch', language: 'en' },
      payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
    });
    const hold = await shop.call('POST', `${S}/holds`, { performanceId: d.theatrePerformanceIds[0], seats: [{ seatId: plan.body.seats.id[1] }] });
    expect([paid.status, order.status, hold.status]).toEqual([201, 201, 201]);
    Object.assign(ids, {
      theatrePerformance: d.theatrePerformanceIds[0]!,
      concertPerformance: d.concertPerformanceIds[0]!,
      theatreEvent: d.theatreEventId,
      venue: venues.body.venues[0].id,
      plan: performance.body.planId,
      tariff: event.body.tariffs[0].id,
      token: tokens.body.tokens[0].id,
      hold: hold.body.id,
      orderNumber: order.body.number,
      orderSecret: order.body.secret,
      seat: plan.body.seats.id[2],
    });

    const seatIds: Field = { t: 'array', of: 'number' };
    bodyEndpoints = [
      { method: 'POST', path: () => `${S}/holds`, org: false, allOptional: false, fields: { performanceId: id(), seats: { t: 'array', of: 'object' }, quantities: { t: 'array', of: 'object' } } },
      {
        method: 'PATCH',
        path: () => `${S}/holds/${ids.hold}`,
        org: false,
        allOptional: true,
        fields: { addSeats: { t: 'array', of: 'object' }, removeSeats: seatIds, seatTariffs: { t: 'array', of: 'object' }, quantities: { t: 'array', of: 'object' } },
      },
      {
        method: 'POST',
        path: () => `${S}/holds/${ids.hold}/checkout`,
        org: false,
        allOptional: false,
        fields: { buyer: { t: 'object', required: ['name', 'email', 'language'] }, payment: { t: 'object', required: ['method'] } },
      },
      {
        method: 'PATCH',
        path: () => '/api/org/shop',
        org: true,
        allOptional: true,
        fields: {
          name: name(),
          locales: { t: 'array', of: 'string' },
          defaultLocale: { t: 'enum', values: ['fr', 'de', 'it', 'en'] },
          timeZone: { t: 'string', pattern: { test: isTimeZone } },
          allowedOrigins: { t: 'array', of: 'string' },
          holdMinutes: int(2, 60),
          holdMaxMinutes: int(2, 120),
          maxTicketsPerOrder: int(1, 100),
          serviceFeePerTicket: int(0, 100_000_000),
        },
      },
      { method: 'POST', path: () => '/api/org/tokens', org: true, allOptional: false, fields: { label: name(80) } },
      { method: 'POST', path: () => '/api/org/venues', org: true, allOptional: false, fields: { name: name(), address: text(500) } },
      { method: 'PATCH', path: () => `/api/org/venues/${ids.venue}`, org: true, allOptional: true, fields: { name: name(), address: text(500) } },
      {
        method: 'POST',
        path: () => `/api/org/venues/${ids.venue}/plans`,
        org: true,
        allOptional: false,
        fields: { name: name(), width: { t: 'num', min: 1 }, height: { t: 'num', min: 1 }, zones: { t: 'array', of: 'object' }, sections: { t: 'array', of: 'object' } },
      },
      {
        method: 'POST',
        path: () => '/api/org/events',
        org: true,
        allOptional: false,
        fields: { venueId: id(), title: name(), subtitle: text(200), description: text(10_000), imageUrl: { t: 'string', max: 2000, nullable: true }, status: { t: 'enum', values: ['draft', 'published', 'archived'] } },
      },
      {
        method: 'PATCH',
        path: () => `/api/org/events/${ids.theatreEvent}`,
        org: true,
        allOptional: true,
        fields: { title: name(), subtitle: text(200), description: text(10_000), imageUrl: { t: 'string', max: 2000, nullable: true }, status: { t: 'enum', values: ['draft', 'published', 'archived'] } },
      },
      {
        method: 'POST',
        path: () => `/api/org/events/${ids.theatreEvent}/performances`,
        org: true,
        allOptional: false,
        fields: { startsAt: timestamp(), doorsAt: timestamp(true), planId: id(true), capacity: int(1, 1_000_000, true), salesStartAt: timestamp(true), salesEndAt: timestamp(true) },
      },
      {
        method: 'PATCH',
        path: () => `/api/org/performances/${ids.concertPerformance}`,
        org: true,
        allOptional: true,
        fields: {
          startsAt: timestamp(),
          capacity: int(1, 1_000_000),
          doorsAt: timestamp(true),
          salesStartAt: timestamp(true),
          salesEndAt: timestamp(true),
          status: { t: 'enum', values: ['scheduled', 'cancelled'] },
        },
      },
      {
        method: 'POST',
        path: () => `/api/org/events/${ids.theatreEvent}/tariffs`,
        org: true,
        allOptional: false,
        fields: { zoneId: id(true), name: name(80), price: int(0, 100_000_000), sortOrder: int(0, 1000) },
      },
      {
        method: 'PATCH',
        path: () => `/api/org/tariffs/${ids.tariff}`,
        org: true,
        allOptional: true,
        fields: { name: name(80), price: int(0, 100_000_000), sortOrder: int(0, 1000), active: { t: 'bool' } },
      },
      { method: 'POST', path: () => `/api/org/performances/${ids.theatrePerformance}/blocks`, org: true, allOptional: false, fields: { seatIds } },
      { method: 'POST', path: () => `/api/org/performances/${ids.theatrePerformance}/unblocks`, org: true, allOptional: false, fields: { seatIds } },
      { method: 'POST', path: () => '/api/org/checkins', org: true, allOptional: false, fields: { code: text(1000), performanceId: id() } },
    ];

    const validPlan = { name: 'Fuzz', width: 10, height: 10, zones: [{ code: 'Z', name: 'Z', color: '#112233' }], sections: [{ code: 'S', name: 'S', rows: [{ label: 'A', seats: [{ number: '1', x: 1, y: 1, zone: 'Z' }] }] }] };
    const buyer = { buyer: { name: 'Fuzz', email: 'fuzz@example.ch', language: 'en' }, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } };
    const sf = (rest: string) => (p: string[]) => `/api/shops/${p[0]}${rest.replace(/\$(\d)/g, (_, i) => p[Number(i)]!)}`;
    paramEndpoints = [
      { method: 'GET', org: false, real: ['shp_demo'], path: sf('') },
      { method: 'GET', org: false, real: ['shp_demo'], path: sf('/public-key') },
      { method: 'GET', org: false, real: ['shp_demo'], path: sf('/events') },
      { method: 'GET', org: false, real: ['shp_demo', ids.theatreEvent], path: sf('/events/$1') },
      { method: 'GET', org: false, real: ['shp_demo', ids.theatrePerformance], path: sf('/performances/$1') },
      { method: 'GET', org: false, real: ['shp_demo', ids.plan], path: sf('/plans/$1') },
      { method: 'GET', org: false, real: ['shp_demo', ids.theatrePerformance], path: sf('/performances/$1/availability') },
      { method: 'POST', org: false, real: ['shp_demo'], path: sf('/holds'), body: { performanceId: ids.theatrePerformance, seats: [{ seatId: ids.seat }] } },
      { method: 'GET', org: false, real: ['shp_demo', ids.hold], path: sf('/holds/$1') },
      { method: 'PATCH', org: false, real: ['shp_demo', ids.hold], path: sf('/holds/$1'), body: { addSeats: [{ seatId: ids.seat }] } },
      { method: 'DELETE', org: false, real: ['shp_demo', ids.hold], path: sf('/holds/$1') },
      { method: 'POST', org: false, real: ['shp_demo', ids.hold], path: sf('/holds/$1/extend') },
      { method: 'POST', org: false, real: ['shp_demo', ids.hold], path: sf('/holds/$1/checkout'), body: buyer },
      { method: 'GET', org: false, real: ['shp_demo', ids.orderNumber], path: (p) => `${sf('/orders/$1')(p)}?secret=${ids.orderSecret}` },
      { method: 'DELETE', org: true, real: [ids.token], path: (p) => `/api/org/tokens/${p[0]}` },
      { method: 'PATCH', org: true, real: [ids.venue], path: (p) => `/api/org/venues/${p[0]}`, body: { name: 'Renamed by fuzz' } },
      { method: 'POST', org: true, real: [ids.venue], path: (p) => `/api/org/venues/${p[0]}/plans`, body: validPlan },
      { method: 'GET', org: true, real: [ids.plan], path: (p) => `/api/org/plans/${p[0]}` },
      { method: 'GET', org: true, real: [ids.theatreEvent], path: (p) => `/api/org/events/${p[0]}` },
      { method: 'PATCH', org: true, real: [ids.theatreEvent], path: (p) => `/api/org/events/${p[0]}`, body: { title: 'Renamed by fuzz' } },
      { method: 'POST', org: true, real: [ids.theatreEvent], path: (p) => `/api/org/events/${p[0]}/performances`, body: { startsAt: Date.now() + 86_400_000, capacity: 10 } },
      { method: 'PATCH', org: true, real: [ids.concertPerformance], path: (p) => `/api/org/performances/${p[0]}`, body: { capacity: 299 } },
      { method: 'POST', org: true, real: [ids.theatreEvent], path: (p) => `/api/org/events/${p[0]}/tariffs`, body: { name: 'Fuzz', price: 100 } },
      { method: 'PATCH', org: true, real: [ids.tariff], path: (p) => `/api/org/tariffs/${p[0]}`, body: { price: 1 } },
      { method: 'POST', org: true, real: [ids.theatrePerformance], path: (p) => `/api/org/performances/${p[0]}/blocks`, body: { seatIds: [ids.seat] } },
      { method: 'POST', org: true, real: [ids.theatrePerformance], path: (p) => `/api/org/performances/${p[0]}/unblocks`, body: { seatIds: [ids.seat] } },
      { method: 'GET', org: true, real: [ids.orderNumber], path: (p) => `/api/org/orders/${p[0]}` },
    ];
    before = await snapshot();
  });
  afterAll(() => shop?.close());

  it('refuses non-object JSON bodies (random JSON values, fc.anything as JSON) on every body endpoint', async () => {
    const nonObject = fc.oneof(
      fc.jsonValue().filter((v) => !isPlainObject(v)).map((v) => JSON.stringify(v)),
      anythingAsJson.filter((t) => !t.startsWith('{')),
    );
    for (const endpoint of bodyEndpoints) {
      await fc.assert(
        fc.asyncProperty(nonObject, idempotencyKey, async (body, key) => {
          const res = await send(endpoint.method, endpoint.path(), { body, org: endpoint.org, headers: key === undefined ? {} : { 'Idempotency-Key': key } });
          expectRefused(res, `${endpoint.method} ${endpoint.path()} ${body.slice(0, 80)}`);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('refuses a wrong type, a huge string or an out-of-range number in any known field', async () => {
    for (const endpoint of bodyEndpoints) {
      await fc.assert(
        fc.asyncProperty(wrongBody(endpoint), idempotencyKey, async (body, key) => {
          const res = await send(endpoint.method, endpoint.path(), { body: JSON.stringify(body), org: endpoint.org, headers: key === undefined ? {} : { 'Idempotency-Key': key } });
          expectRefused(res, `${endpoint.method} ${endpoint.path()} ${JSON.stringify(body).slice(0, 120)}`);
        }),
        { numRuns: RUNS * 2 },
      );
    }
  });

  it('refuses broken JSON, and numbers JSON cannot hold', async () => {
    const broken = fc.oneof(
      fc.string().filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      }),
      fc.constantFrom('', '{', '{"a":', '{"a":1,}', "{'a':1}", 'nul', 'undefined', '{"a":1}}', '[1,2', '{"__proto__":', 'NaN', '{"a":NaN}'),
      fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)).filter((t) => {
        try {
          JSON.parse(t);
          return false;
        } catch {
          return true;
        }
      }),
    );
    for (const endpoint of bodyEndpoints) {
      await fc.assert(
        fc.asyncProperty(broken, async (body) => {
          const res = await send(endpoint.method, endpoint.path(), { body, org: endpoint.org });
          expectRefused(res, `${endpoint.method} ${endpoint.path()} ${JSON.stringify(body.slice(0, 80))}`);
          if (res.status === 400) expect(res.body.error.code).toBe('invalid_json');
        }),
        { numRuns: RUNS },
      );
      // 1e400 parses to Infinity and -0 to 0: still refused where a field wants an integer in range.
      for (const [key, field] of Object.entries(endpoint.fields)) {
        if (field.t !== 'int') continue;
        const res = await send(endpoint.method, endpoint.path(), { body: `{"${key}": 1e400}`, org: endpoint.org });
        expectRefused(res, `${endpoint.method} ${endpoint.path()} ${key}: 1e400`);
      }
    }
  });

  it('refuses random objects, deep nesting and wrong content types (or treats them as a no-op where every field is optional)', async () => {
    const knownKeys = new Set(bodyEndpoints.flatMap((e) => Object.keys(e.fields)));
    // A byte-order mark before the JSON is allowed (fetch's JSON decoding drops it).
    const randomObject = fc
      .tuple(fc.oneof(fc.object({ maxDepth: 3 }), fc.jsonValue().filter(isPlainObject)), fc.constantFrom('', '\uFEFF', ' \n'))
      .filter(([o]) => !Object.keys(o as object).some((k) => knownKeys.has(k)))
      .map(([o, prefix]) => prefix + JSON.stringify(o));
    const deep = fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom('object' as const, 'array' as const));
    const contentType = fc.constantFrom(null, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'json', 'application/json; charset=utf-16');
    for (const endpoint of bodyEndpoints) {
      const where = `${endpoint.method} ${endpoint.path()}`;
      await fc.assert(
        fc.asyncProperty(randomObject, async (body) => {
          expectRefused(await send(endpoint.method, endpoint.path(), { body, org: endpoint.org }), `${where} ${body.slice(0, 80)}`, endpoint.allOptional);
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(deep, fc.constantFrom(...Object.keys(endpoint.fields)), async ([depth, kind], key) => {
          // As the whole body, and as the value of a known field.
          const whole = await send(endpoint.method, endpoint.path(), { body: nested(depth, kind), org: endpoint.org });
          expectRefused(whole, `${where} nested ${kind} ${depth}`, endpoint.allOptional && kind === 'object');
          const inField = await send(endpoint.method, endpoint.path(), { body: `{"${key}":${nested(depth, kind)}}`, org: endpoint.org });
          expectRefused(inField, `${where} ${key}: nested ${kind} ${depth}`);
        }),
        { numRuns: 6 },
      );
      await fc.assert(
        fc.asyncProperty(contentType, wrongBody(endpoint), async (type, body) => {
          const res = await send(endpoint.method, endpoint.path(), { body: JSON.stringify(body), contentType: type, org: endpoint.org });
          expectRefused(res, `${where} as ${type}`, endpoint.allOptional);
        }),
        { numRuns: 10 },
      );
    }
  });

  it('refuses random path parameters on every endpoint (unicode, traversal, very long, id-shaped)', async () => {
    for (const endpoint of paramEndpoints) {
      const positions = endpoint.real.map((_, i) => i);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...positions), pathValue, idempotencyKey, async (position, value, key) => {
          const params = endpoint.real.map((real, i) => (i === position ? segment(value) : real));
          const path = endpoint.path(params);
          const res = await send(endpoint.method, path, {
            body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body),
            org: endpoint.org,
            headers: key === undefined ? {} : { 'Idempotency-Key': key },
          });
          expectRefused(res, `${endpoint.method} ${path.slice(0, 160)}`);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('refuses bad organizer tokens on every organizer endpoint', async () => {
    const orgEndpoints = [
      ...bodyEndpoints.filter((e) => e.org).map((e) => ({ method: e.method as string, path: e.path() })),
      ...paramEndpoints.filter((e) => e.org).map((e) => ({ method: e.method, path: e.path(e.real) })),
      ...['/api/org/shop', '/api/org/tokens', '/api/org/venues', '/api/org/events', '/api/org/orders'].map((path) => ({ method: 'GET', path })),
    ];
    const authorization = fc.option(
      fc.oneof(
        headerText(60),
        fc.stringMatching(/^tsk_[a-z0-9]{20,80}$/).map((t) => `Bearer ${t}`),
        fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `bearer ${'tsk_' + 'a'.repeat(30)}`, `Bearer tsk_${'a'.repeat(81)}`),
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...orgEndpoints), authorization, async (endpoint, auth) => {
        const res = await send(endpoint.method, endpoint.path, { body: endpoint.method === 'GET' || endpoint.method === 'DELETE' ? undefined : '{}', headers: auth === undefined ? {} : { Authorization: auth } });
        expectRefused(res, `${endpoint.method} ${endpoint.path} with ${JSON.stringify(auth)}`);
        expect(res.status).toBe(401);
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('survives random query strings on every read, and refuses wrong values for known query fields', async () => {
    const reads = [
      ...paramEndpoints.filter((e) => e.method === 'GET').map((e) => ({ path: e.path(e.real).split('?')[0]!, org: e.org })),
      ...['/api/org/shop', '/api/org/tokens', '/api/org/venues', '/api/org/events', '/api/org/orders'].map((path) => ({ path, org: true })),
    ];
    const key = fc.oneof(fc.constantFrom('since', 'secret', 'q', 'status', 'performanceId', 'limit', 'cursor'), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constant('x'.repeat(5_000)));
    const query = fc.oneof(
      fc.array(fc.tuple(key, value), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
      fc.string({ maxLength: 60 }).map((raw) => raw.replace(/#/g, '%23')),
      fc.constantFrom('%', '%%', '%E0%A4%A', 'a=%FF', '&&&', '=', 'since', 'since=1&since=2', 'limit=1&limit=2'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), query, async (read, q) => {
        const res = await send('GET', `${read.path}?${q}`, { org: read.org });
        expectRefused(res, `GET ${read.path}?${q.slice(0, 100)}`, true);
      }),
      { numRuns: RUNS * 8 },
    );

    const wrongQueries: [string, boolean, fc.Arbitrary<string>][] = [
      [`${S}/performances/${ids.theatrePerformance}/availability?since=`, false, fc.integer({ min: 41, max: 3_000 }).map((n) => 'v'.repeat(n))],
      [`${S}/orders/${ids.orderNumber}?secret=`, false, fc.string({ maxLength: 60 }).filter((s) => s !== ids.orderSecret)],
      ['/api/org/orders?limit=', true, fc.oneof(fc.constantFrom('0', '201', '-1', '1.5', '1e2', 'abc', '', ' 5', '9999999999'), fc.string({ maxLength: 5 }).filter((s) => !/^\d{1,3}$/.test(s) || Number(s) < 1 || Number(s) > 200))],
      ['/api/org/orders?cursor=', true, fc.oneof(fc.constantFrom('-1', '1.5', 'yesterday', '', '1.ord_', '99999999999999999.ord_abcd'), fc.string({ maxLength: 30 }))],
      ['/api/org/orders?status=', true, fc.string({ maxLength: 12 }).filter((s) => !['pending', 'paid', 'expired', 'cancelled'].includes(s))],
      ['/api/org/orders?performanceId=', true, fc.string({ maxLength: 50 }).filter((s) => !RECORD_ID.test(s))],
      ['/api/org/orders?q=', true, fc.integer({ min: 201, max: 2_000 }).map((n) => 'q'.repeat(n))],
    ];
    for (const [prefix, org, wrong] of wrongQueries) {
      await fc.assert(
        fc.asyncProperty(wrong, async (v) => {
          const res = await send('GET', prefix + encodeURIComponent(v), { org });
          expectRefused(res, `GET ${prefix}${v.slice(0, 60)}`);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('left the database exactly as it was (idempotency keys aside)', async () => {
    expect(requests).toBeGreaterThan(1000);
    expect(await snapshot()).toEqual(before);
  });
});
