/**
 * How long one pass of the invoice job takes over a backlog of unpaid invoice orders on a
 * libSQL file (WAL), as `npm start` runs it. Half of the orders are due for their first
 * reminder, half for the cancellation (general admission, so every cancellation also
 * gives places back to the counter). Then one outbox pass delivers a sample to the local
 * mailbox. Run: npx tsx bench/invoice-backlog.ts [orders]   (default 10,000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { openNodeStorage } from '../db/node-storage.js';
import { gaClaims, gaInventory, holds } from '../db/schema/inventory.js';
import { type InvoiceTerms, orders } from '../db/schema/orders.js';
import { outboxMessages } from '../db/schema/messaging.js';
import { seedDemo } from '../db/seed/demo.js';
import { chunkRows } from '../worker/src/db.js';
import { defaultInvoicePolicy, paymentDeadline } from '../worker/src/domain/invoice-schedule.js';
import { newId, newOrderNumber, newSecret } from '../worker/src/domain/ids.js';
import { paymentReference } from '../worker/src/domain/payment-reference.js';
import { mailboxTransport } from '../worker/src/email/mailbox-transport.js';
import { deliverOutbox } from '../worker/src/jobs/deliver-outbox.js';
import { runInvoiceDeadlines } from '../worker/src/jobs/invoice-deadlines.js';

const total = Number(process.argv[2] ?? 10_000);
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'invoice-backlog-'));
const storage = await openNodeStorage(`file:${join(dir, 'bench.db')}`);
const { db } = storage;
const now = Date.now();
const demo = await seedDemo(storage, now - 40 * DAY, { arena: false });
const performanceId = demo.concertPerformanceIds[1]!;
await db.update(gaInventory).set({ capacity: 1_000_000, taken: 2 * total }).where(eq(gaInventory.performanceId, performanceId));
const [tariff] = await db.select({ id: sql<string>`id`, price: sql<number>`price` }).from(sql`tariffs`).where(sql`event_id = ${demo.concertEventId} AND price > 0`).limit(1);
const creditor = { name: 'Théâtre du Lac', address: 'Quai du Lac', buildingNumber: '1', zip: '1003', city: 'Lausanne', country: 'CH', account: 'CH4431999123000889012' };

const started = Date.now();
const holdRows: (typeof holds.$inferInsert)[] = [];
const orderRows: (typeof orders.$inferInsert)[] = [];
const claimRows: (typeof gaClaims.$inferInsert)[] = [];
for (let i = 0; i < total; i++) {
  const cancelDue = i % 2 === 1;
  const orderedAt = now - (cancelDue ? 31 : 11) * DAY - i;
  const remindersSent = cancelDue ? 2 : 0;
  const holdId = newSecret('hld_');
  const id = newId('ord');
  const number = newOrderNumber();
  const terms: InvoiceTerms = { orderedAt, ...defaultInvoicePolicy, timeZone: 'Europe/Zurich', creditor, reference: paymentReference(creditor.account, number) };
  holdRows.push({ id: holdId, shopId: demo.shopId, performanceId, status: 'converted', createdAt: orderedAt, expiresAt: orderedAt, maxExpiresAt: orderedAt });
  claimRows.push({ performanceId, holdId, tariffId: tariff!.id, quantity: 2, state: 'sold', orderId: id });
  orderRows.push({
    id,
    shopId: demo.shopId,
    number,
    secret: newSecret(),
    holdId,
    performanceId,
    status: 'invoiced',
    currency: 'CHF',
    subtotal: 2 * tariff!.price,
    fees: 0,
    total: 2 * tariff!.price,
    lines: [{ kind: 'ticket', label: 'Plein tarif', tariffId: tariff!.id, seatId: null, quantity: 2, unitAmount: tariff!.price, amount: 2 * tariff!.price }],
    buyerName: `Buyer ${i}`,
    buyerEmail: `buyer${i}@example.ch`,
    buyerLanguage: (['fr', 'de', 'it', 'en'] as const)[i % 4]!,
    paymentMethod: 'invoice',
    createdAt: orderedAt,
    updatedAt: orderedAt,
    invoice: terms,
    invoiceRemindersSent: remindersSent,
    invoiceDueAt: Math.min(paymentDeadline(orderedAt, remindersSent, defaultInvoicePolicy, 'Europe/Zurich'), now - 60_000),
  });
}
for (const chunk of chunkRows(holdRows, 7, storage.maxParams)) await db.insert(holds).values(chunk);
for (const chunk of chunkRows(orderRows, 25, storage.maxParams)) await db.insert(orders).values(chunk);
for (const chunk of chunkRows(claimRows, 8, storage.maxParams)) await db.insert(gaClaims).values(chunk);
console.log(`${total} unpaid invoice orders written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const pass = Date.now();
const result = await runInvoiceDeadlines(db, now, { chunk: 100, maxChunks: Number.MAX_SAFE_INTEGER });
const seconds = (Date.now() - pass) / 1000;
console.log(`one pass: ${result.reminders} reminders + ${result.cancellations} cancellations in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} orders/s)`);
const [inventory] = await db.select().from(gaInventory).where(eq(gaInventory.performanceId, performanceId));
const [queued] = await db.select({ n: sql<number>`count(*)` }).from(outboxMessages);
console.log(`places given back: ${2 * total - inventory!.taken} of ${total}; messages queued: ${queued!.n}`);

const again = Date.now();
const idle = await runInvoiceDeadlines(db, now, { chunk: 100, maxChunks: Number.MAX_SAFE_INTEGER });
console.log(`second pass (nothing due): ${idle.reminders + idle.cancellations} steps in ${Date.now() - again} ms`);

const sample = Math.min(2_000, total);
const delivery = Date.now();
const delivered = await deliverOutbox(db, { mail: { transport: mailboxTransport, from: { address: 'tickets@localhost' } }, publicUrl: 'http://127.0.0.1:3000', now: () => now, limits: { chunk: 100, maxChunks: sample / 100 } });
console.log(`outbox: ${delivered.sent} reminders and notices rendered and delivered to the mailbox in ${((Date.now() - delivery) / 1000).toFixed(1)} s`);

storage.client.close();
rmSync(dir, { recursive: true, force: true });
