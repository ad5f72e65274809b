import { CONSOLE_CSP } from '../../worker/src/console-policy.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonResult, requestJson } from '../shared/request';
import { startMailCatcher } from './mail-catcher';
import { startWranglerDev, type WranglerDev } from './wrangler-dev';

/**
 * The deploy path of the README on this machine, for one storage: the storage made ready as the
 * README says (migrations, the demo shop by `npm run shop:create`), then the Worker under
 * `wrangler dev --local` (workerd, not the vitest pool) with the built widget as its static
 * assets, driven over HTTP only. Needs the script-tag widget built (npm test builds it).
 */
export interface SmokeStorage {
  /** wrangler's config for this storage. */
  config: string;
  /** Variables the storage needs under wrangler dev (TURSO_URL…). */
  vars: Record<string, string>;
  /** The organizer token printed by shop:create. */
  token: string;
  /** Runs one SQL statement on the storage from outside the Worker (to let an invoice fall due without waiting days). */
  execute: (sql: string) => Promise<void>;
  close?: () => Promise<void>;
}

/** What `npm run shop:create` printed: the organizer token. */
export function organizerToken(stdout: string): string {
  return /Organizer token \(shown once, store it safely\): (\S+)/.exec(stdout)?.[1] ?? '';
}

const SHOP = '/api/shops/shp_demo';
const PUBLIC_URL = 'https://tickets.smoke.example';
const GOOD_CARD = '4242424242424242';
const buyer = { name: 'Claire Dubois', email: 'claire.dubois@example.ch', language: 'fr' as const };
const timings: Record<string, number> = {};

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
}

export function smokeSuite(storageName: string, prepare: (dir: string, timed: <T>(step: string, work: () => Promise<T>) => Promise<T>) => Promise<SmokeStorage>) {
describe(`the Worker under wrangler dev, on ${storageName}, over HTTP`, () => {
  let persistTo: string;
  let storage: SmokeStorage;
  let dev: WranglerDev;
  let token: string;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResult> =>
    requestJson((request) => fetch(request), method, path, body, headers, { origin: dev.url });
  const org = (method: string, path: string, body?: unknown) => call(method, path, body, { Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    persistTo = mkdtempSync(join(tmpdir(), 'ticket-shop-smoke-'));
    storage = await prepare(persistTo, timed);
    token = storage.token;
    expect(token).toMatch(/^tsk_/);
    mail = await startMailCatcher();
    dev = await timed('wrangler dev ready', () =>
      startWranglerDev({ config: storage.config, persistTo, vars: { ...storage.vars, MAIL_API_KEY: 'smoke-test-key', MAIL_API_URL: mail.url, PUBLIC_URL, CHECK_RESPONSES: '1' } }),
    );
  });

  afterAll(async () => {
    await timed('wrangler dev stop', async () => dev?.stop());
    await mail?.close();
    await storage?.close?.();
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
    console.log(`smoke timings on ${storageName} (ms): ${JSON.stringify(timings)}`);
  });

  /** A seated performance of the demo with the seats that are for sale, in plan order. */
  async function seatedPerformance() {
    const events = await call('GET', `${SHOP}/events`);
    expect(events.status).toBe(200);
    const performance = (events.body.events as { performances: { id: string; seating: string; planId: string | null }[] }[])
      .flatMap((e) => e.performances)
      .find((p) => p.seating === 'seated' && p.planId)!;
    const plan = await call('GET', `${SHOP}/plans/${performance.planId}`);
    const { id, flags } = plan.body.seats as { id: number[]; flags: number[] };
    return { performanceId: performance.id, seatIds: id.filter((_, i) => (flags[i]! & 8) === 0) };
  }

  it('serves the widget script and its chunks to another origin, with CORS and cache headers', async () => {
    const entry = await fetch(`${dev.url}/widget/ticket-shop.js`, { headers: { Origin: 'https://theatre.example' } });
    expect(entry.status).toBe(200);
    expect(entry.headers.get('access-control-allow-origin')).toBe('*');
    expect(entry.headers.get('content-type')).toMatch(/javascript/);
    expect(entry.headers.get('cache-control')).toBe('public, max-age=300');
    const chunk = /["'](\.\/chunks\/[^"']+\.js)["']/.exec(await entry.text())?.[1];
    expect(chunk).toBeDefined();
    const core = await fetch(new URL(chunk!, `${dev.url}/widget/`), { headers: { Origin: 'https://theatre.example' } });
    expect(core.status).toBe(200);
    expect(core.headers.get('access-control-allow-origin')).toBe('*');
    expect(core.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await core.text()).length).toBeGreaterThan(10_000);
  });

  it('serves the organizer console at /admin/ under its strict policy, its chunks cached for good', async () => {
    const page = await fetch(`${dev.url}/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const chunk = await fetch(`${dev.url}${script}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
  });

  it('sells: a buyer holds seats and pays by card, the order has tickets, a ticket is admitted once', async () => {
    const { performanceId, seatIds } = await seatedPerformance();
    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: seatIds.slice(0, 2).map((seatId) => ({ seatId })) });
    expect(hold.status).toBe(201);
    const order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status).toBe(201);
    expect(order.body.status).toBe('paid');
    expect(order.body.tickets).toHaveLength(2);

    const read = await call('GET', `${SHOP}/orders/${order.body.number}?secret=${order.body.secret}`);
    expect(read.status).toBe(200);
    expect(read.body.tickets.map((t: { number: string }) => t.number)).toEqual(order.body.tickets.map((t: { number: string }) => t.number));

    const code = order.body.tickets[0].qrPayload as string;
    const first = await org('POST', '/api/org/checkins', { code, performanceId });
    expect(first.status).toBe(200);
    expect(first.body.result).toBe('admitted');
    const second = await org('POST', '/api/org/checkins', { code, performanceId });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ticket_already_admitted');
  });

  it('runs the scheduled jobs at /__scheduled: the invoice e-mail leaves with its PDF and links on PUBLIC_URL, and a reminder once it falls due', async () => {
    const { performanceId, seatIds } = await seatedPerformance();
    const hold = await call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: seatIds[10]! }] });
    const order = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'invoice' } });
    expect(order.status).toBe(201);
    expect(order.body.status).toBe('invoiced');

    const tick = await timed('/__scheduled', () => fetch(`${dev.url}/__scheduled?cron=*+*+*+*+*`));
    expect(tick.status).toBe(200);
    // The jobs run in waitUntil after the answer: wait for their log line.
    const deadline = Date.now() + 30_000;
    while (!/"job":"scheduled"/.test(dev.output()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const line = dev.output().split('\n').find((l) => l.includes('"job":"scheduled"'));
    const result = JSON.parse(line!.slice(line!.indexOf('{')));
    expect(result).toMatchObject({ level: 'info', errors: [] });
    expect(result.messagesSent).toBeGreaterThanOrEqual(1);

    const invoice = mail.caught.find((m) => m.body.text.includes(order.body.number) && m.body.attachments?.length);
    expect(invoice, 'the invoice e-mail reached the sending API').toBeDefined();
    expect(invoice!.body.to).toEqual(['"Claire Dubois" <claire.dubois@example.ch>']);
    expect(invoice!.body.text).toContain(`${PUBLIC_URL}${SHOP}/orders/${order.body.number}/invoice.pdf?secret=`);
    expect(Buffer.from(invoice!.body.attachments![0]!.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // The download link answers with the PDF; its time on this machine is reported (README, the plan needed).
    const link = `${dev.url}${SHOP}/orders/${order.body.number}/invoice.pdf?secret=${order.body.secret}`;
    const downloads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const pdf = await fetch(link);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      await pdf.arrayBuffer();
      downloads.push(Math.round(performance.now() - started));
    }
    timings['invoice.pdf downloads'] = downloads.sort((a, b) => a - b)[2]!;

    // Days later: the deadline passed without payment, and the next run sends the first reminder.
    await storage.execute(`UPDATE orders SET invoice_due_at = ${Date.now() - 60_000} WHERE number = '${order.body.number}'`);
    const runs = () => dev.output().split('\n').filter((l) => l.includes('"job":"scheduled"')).length;
    expect((await fetch(`${dev.url}/__scheduled?cron=*+*+*+*+*`)).status).toBe(200);
    const second = Date.now() + 30_000;
    while (runs() < 2 && Date.now() < second) await new Promise((resolve) => setTimeout(resolve, 100));
    const reminderRun = dev.output().split('\n').filter((l) => l.includes('"job":"scheduled"'))[1]!;
    expect(JSON.parse(reminderRun.slice(reminderRun.indexOf('{')))).toMatchObject({ errors: [], invoiceReminders: 1 });
    const staff = await org('GET', `/api/org/orders/${order.body.number}`);
    expect(staff.body.invoice.remindersSent).toBe(1);
    expect(staff.body.messages.map((m: { kind: string }) => m.kind)).toContain('invoice_reminder');
  });

  it('100 concurrent holds on the same 5 seats: exactly 5 winners, no 5xx', async () => {
    const { performanceId, seatIds } = await seatedPerformance();
    const contested = seatIds.slice(20, 25);
    const answers = await timed('100 concurrent holds', () =>
      Promise.all(Array.from({ length: 100 }, (_, i) => call('POST', `${SHOP}/holds`, { performanceId, seats: [{ seatId: contested[i % 5]! }] }))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const winners = answers.filter((a) => a.status === 201);
    expect(winners).toHaveLength(5);
    expect(winners.map((w) => w.body.seats[0].seatId).sort((a: number, b: number) => a - b)).toEqual([...contested].sort((a, b) => a - b));
    expect(new Set(statuses.filter((s) => s !== 201))).toEqual(new Set([409]));
  });

  it('rate-limits wrong codes on one cart with the rate-limiting bindings of wrangler.toml: the 21st wrong guess is 429', async () => {
    const events = await call('GET', `${SHOP}/events`);
    const performance = (events.body.events as { performances: { id: string; seating: string }[] }[]).flatMap((e) => e.performances).find((p) => p.seating !== 'seated')!;
    const detail = await call('GET', `${SHOP}/performances/${performance.id}`);
    const hold = await call('POST', `${SHOP}/holds`, { performanceId: performance.id, quantities: [{ tariffId: detail.body.tariffs[0].id, quantity: 1 }] });
    expect(hold.status).toBe(201);
    const guesses = [];
    for (let i = 0; i < 21; i++) guesses.push((await call('POST', `${SHOP}/holds/${hold.body.id}/codes`, { code: `WRONG-${i}-XQ` })).status);
    expect(guesses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(guesses[20]).toBe(429);
  });
});
}
