import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultInvoicePolicy, paymentDeadline } from '../../worker/src/domain/invoice-schedule';
import worker from '../../worker/src/index';
import { call, expectOk, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop, soldSeats } from './helpers';
import { storedRows, storedValue } from './stored-sql';

/**
 * Pay-by-invoice jobs in workerd on D1: the Worker's scheduled handler sends the invoice,
 * a reminder and the cancellation notice through the HTTP mail transport. The provider's
 * servers cannot run here, so its endpoint is the one thing replaced: globalThis.fetch is
 * spied on and answers as the provider would. The Worker reads the real clock, so orders
 * are moved into the past by writing to D1 directly.
 */
interface SentMail {
  url: string;
  idempotencyKey: string | null;
  body: { from: string; to: string[]; subject: string; text: string; html: string; attachments: { filename: string; content: string; content_type: string }[] };
}

let sent: SentMail[] = [];
let answer: () => Response = () => Response.json({ id: crypto.randomUUID() });

function interceptMailApi() {
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(env.MAIL_API_URL)) return real(input, init);
    const headers = new Headers(init?.headers);
    sent.push({ url, idempotencyKey: headers.get('Idempotency-Key'), body: JSON.parse(String(init?.body)) });
    return answer();
  });
}

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const DAY = 86_400_000;

/** Moves an invoice order back in time: placed `daysAgo` days ago, with `remindersSent` reminders and its deadline passed. */
async function backdate(number: string, daysAgo: number, remindersSent: number) {
  const orderedAt = Date.now() - daysAgo * DAY;
  const dueAt = Math.min(paymentDeadline(orderedAt, remindersSent, defaultInvoicePolicy, 'Europe/Zurich'), Date.now() - 60_000);
  await storedRows("UPDATE orders SET invoice = json_set(invoice, '$.orderedAt', ?1), invoice_reminders_sent = ?2, invoice_due_at = ?3 WHERE number = ?4", orderedAt, remindersSent, dueAt, number);
}

const outbox = async (number: string) =>
  (await storedRows('SELECT m.kind, m.status, m.attempts, m.last_error AS lastError FROM outbox_messages m JOIN orders o ON o.id = m.order_id WHERE o.number = ?1 ORDER BY m.created_at, m.kind', number)) as {
    kind: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];

describe('invoice reminders, cancellation and e-mail delivery in workerd', () => {
  let theatre: SeatedPerformance;
  beforeAll(async () => {
    const demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[1]!);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    sent = [];
    answer = () => Response.json({ id: crypto.randomUUID() });
  });

  async function orderByInvoice(seatIds: number[], language: 'fr' | 'de' = 'fr') {
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seatIds.map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(
      await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: { name: 'Claire Dubois', email: 'claire@example.ch', language }, payment: { method: 'invoice' } }),
      201,
    );
    expect(order.body.status).toBe('invoiced');
    return order.body as { number: string; secret: string; total: number };
  }

  it('sends the invoice with its PDF through the mail API, once, with the message id as idempotency key', async () => {
    interceptMailApi();
    const order = await orderByInvoice(theatre.seatIds.slice(0, 2));
    await runCron();
    await runCron();
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail!.body.to).toEqual(['"Claire Dubois" <claire@example.ch>']);
    expect(mail!.body.from).toBe('"Théâtre du Lac" <tickets@example.com>');
    expect(mail!.body.subject).toBe(`Votre facture pour Le Malade imaginaire (commande ${order.number})`);
    expect(mail!.idempotencyKey).toMatch(/^msg_/);
    expect(mail!.body.text).toContain(`https://tickets.example/api/shops/shp_demo/orders/${order.number}/invoice.pdf?secret=${order.secret}`);
    const [pdf] = mail!.body.attachments;
    expect([pdf!.filename, pdf!.content_type, atob(pdf!.content).slice(0, 5)]).toEqual([`invoice-${order.number}.pdf`, 'application/pdf', '%PDF-']);
    expect(await outbox(order.number)).toEqual([{ kind: 'invoice', status: 'sent', attempts: 1, lastError: null }]);
  });

  it('renders the invoice PDF for the download link inside workerd', async () => {
    const order = await orderByInvoice([theatre.seatIds[5]!]);
    const res = await worker.fetch(new Request(`https://tickets.example${SHOP}/orders/${order.number}/invoice.pdf?secret=${order.secret}`), env, createExecutionContext());
    expect([res.status, res.headers.get('Content-Type')]).toEqual([200, 'application/pdf']);
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('sends the first reminder when the deadline has passed, and only once', async () => {
    interceptMailApi();
    const order = await orderByInvoice([theatre.seatIds[10]!], 'de');
    await runCron();
    await backdate(order.number, 11, 0);
    await Promise.all([runCron(), runCron()]);
    expect(await storedRows('SELECT r.number FROM invoice_reminders r JOIN orders o ON o.id = r.order_id WHERE o.number = ?1', order.number)).toEqual([{ number: 1 }]);
    expect(sent.map((m) => m.body.subject).filter((subject) => subject.includes(order.number))).toEqual([
      `Ihre Rechnung für Le Malade imaginaire (Bestellung ${order.number})`,
      `Zahlungserinnerung: Rechnung zur Bestellung ${order.number}`,
    ]);
  });

  it('cancels the unpaid order after the last deadline, frees its seats and sends the notice', async () => {
    interceptMailApi();
    const seats = theatre.seatIds.slice(20, 22);
    const order = await orderByInvoice(seats);
    expect(await soldSeats(theatre.performanceId)).toEqual(expect.arrayContaining(seats));
    await backdate(order.number, 31, 2);
    await runCron();
    expect(await storedValue('SELECT status FROM orders WHERE number = ?1', order.number)).toBe('cancelled');
    expect(await soldSeats(theatre.performanceId)).not.toEqual(expect.arrayContaining([seats[0]]));
    expect((await outbox(order.number)).map((m) => `${m.kind}:${m.status}`)).toEqual(['invoice:sent', 'order_cancelled:sent']);
    expect(sent.find((m) => m.body.subject === `Commande ${order.number} annulée`)).toBeDefined();
    expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
  });

  it('cancels a backlog larger than one chunk in one tick, within D1\'s 100 bound parameters a statement', async () => {
    interceptMailApi();
    const numbers: string[] = [];
    for (let i = 0; i < 45; i++) numbers.push((await orderByInvoice([theatre.seatIds[100 + i]!])).number);
    for (const number of numbers) await backdate(number, 31, 2);
    await runCron();
    const statuses = await storedRows(`SELECT status, count(*) AS n FROM orders WHERE number IN (${numbers.map(() => '?').join(',')}) GROUP BY status`, ...numbers);
    expect(statuses).toEqual([{ status: 'cancelled', n: 45 }]);
    expect(await storedValue("SELECT count(*) AS n FROM order_cancellations WHERE actor = 'system'")).toBeGreaterThanOrEqual(45);
  });

  it('retries when the provider is down and gives up on a refusal', async () => {
    interceptMailApi();
    answer = () => new Response('upstream unavailable', { status: 503 });
    const down = await orderByInvoice([theatre.seatIds[30]!]);
    await runCron();
    expect(await outbox(down.number)).toEqual([{ kind: 'invoice', status: 'pending', attempts: 1, lastError: 'mail API answered 503: upstream unavailable' }]);

    answer = () => Response.json({ name: 'validation_error', message: 'Invalid `to` field.' }, { status: 422 });
    const refused = await orderByInvoice([theatre.seatIds[31]!]);
    await runCron();
    expect(await outbox(refused.number)).toEqual([{ kind: 'invoice', status: 'failed', attempts: 1, lastError: expect.stringContaining('mail API answered 422') }]);
  });
});
