import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../worker/src/email/render.js';
import type { Message } from '../../worker/src/email/messages.js';
import { offerWaitingLists } from '../../worker/src/jobs/offer-waiting-list.js';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { checkoutHold, createTestShop, performanceInfo, sf, type TestShop } from './harness.js';

const HOUR = 3_600_000;

/**
 * The waiting list of a general-admission performance of four places, on a real libSQL file:
 * who may join, the guard that keeps returned places from the public while people wait, the
 * offer job (twice at once), the claim at checkout, expiry passing the places on.
 */
describe('waiting list', () => {
  let shop: TestShop;
  let concert: string;
  let tariffId: string;
  const orders: string[] = [];
  const list = (path = '') => `/api/org/performances/${concert}/waiting-list${path}`;
  const join = (email: string, quantity: number, name = 'Wai Ting') => shop.call('POST', sf(`/performances/${concert}/waiting-list`), { email, name, language: 'de', quantity });
  const publicHold = (quantity: number) => shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId, quantity }] });
  const entries = async () => (await shop.org('GET', list())).body.entries as { id: string; email: string; status: string; position: number | null }[];
  const statusOf = async (email: string) => (await entries()).find((e) => e.email === email)?.status;
  const runJob = () => offerWaitingLists(shop.deps.storage.db, shop.clock.now());
  const cancelOrder = async (number: string) => expect((await shop.org('POST', `/api/org/orders/${number}/cancellations`, { scope: 'order', reason: 'test', refundMethod: 'none' })).status).toBe(201);
  const offerHold = async (email: string) => String((await shop.sql(`SELECT offer_hold_id FROM waiting_list_entries WHERE email = '${email}'`))[0]!.offer_hold_id);

  beforeAll(async () => {
    shop = await createTestShop();
    concert = shop.demo.concertPerformanceIds[0]!;
    tariffId = (await performanceInfo(shop, concert)).tariffs.find((t: { zoneId: string | null }) => t.zoneId === null)!.id;
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 4 })).status).toBe(200);
  });
  afterAll(async () => {
    await assertLedgerIntact(shop.sql);
    shop.close();
  });

  it('is off until the organizer turns it on, and takes no one while tickets are on sale', async () => {
    // The storefront's view of the date says whether its list is on, so the widget knows whether to offer it.
    expect((await performanceInfo(shop, concert)).waitingList).toBe(false);
    expect((await join('early@example.ch', 1)).body.error.code).toBe('waiting_list_not_open');
    expect((await join('early@example.ch', 1)).body.error.details).toEqual({ reason: 'closed' });
    const on = await shop.org('PATCH', list(), { enabled: true, offerHours: 24 });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, offerHours: 24, waiting: 0, entries: [] });
    expect((await performanceInfo(shop, concert)).waitingList).toBe(true);
    const listed = (await shop.call('GET', sf('/events'))).body.events.flatMap((e: { performances: { id: string; waitingList: boolean }[] }) => e.performances);
    expect(listed.find((p: { id: string }) => p.id === concert)).toMatchObject({ waitingList: true });
    const refused = await join('early@example.ch', 1);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ reason: 'not_sold_out' });
  });

  it('takes people in order once sold out, one live entry per address, each with an e-mail', async () => {
    for (let i = 0; i < 2; i++) {
      const hold = await publicHold(2);
      expect(hold.status).toBe(201);
      const order = await checkoutHold(shop, hold.body.id);
      expect(order.status).toBe(201);
      orders.push(order.body.number);
    }
    const first = await join('anna@example.ch', 2, 'Anna');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'waiting', quantity: 2, position: 1 });
    expect((await join('ben@example.ch', 1, 'Ben')).body.position).toBe(2);
    const twice = await join('ANNA@example.ch', 1);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('waiting_list_duplicate');
    expect((await join('cara@example.ch', 20)).body.error.code).toBe('too_many_tickets');
    const mails = await shop.sql(`SELECT recipient, language FROM outbox_messages WHERE kind = 'waiting_list_joined' ORDER BY created_at`);
    expect(mails).toEqual([
      { recipient: 'anna@example.ch', language: 'de' },
      { recipient: 'ben@example.ch', language: 'de' },
    ]);
    expect((await entries()).map((e) => [e.email, e.position])).toEqual([
      ['anna@example.ch', 1],
      ['ben@example.ch', 2],
    ]);
  });

  it('keeps returned places from the public while people wait, and offers them to the first in line once, however many jobs run', async () => {
    await cancelOrder(orders[0]!);
    const availability = await shop.call('GET', sf(`/performances/${concert}/availability`));
    expect(availability.body.remaining).toBe(0);
    const refused = await publicHold(1);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('waiting_list_first');

    const runs = await Promise.all([runJob(), runJob(), runJob()]);
    expect(runs.reduce((n, r) => n + r.offered, 0)).toBe(1);
    expect(await statusOf('anna@example.ch')).toBe('offered');
    expect(await statusOf('ben@example.ch')).toBe('waiting');
    const offers = await shop.sql(`SELECT recipient, payload FROM outbox_messages WHERE kind = 'waiting_list_offer'`);
    expect(offers.map((o) => o.recipient)).toEqual(['anna@example.ch']);
    const holdId = await offerHold('anna@example.ch');
    expect(JSON.parse(String(offers[0]!.payload)).offer.holdId).toBe(holdId);
    const hold = await shop.call('GET', sf(`/holds/${holdId}`));
    expect(hold.body).toMatchObject({ status: 'active', ticketCount: 2 });
    expect(Date.parse(hold.body.expiresAt)).toBe(shop.clock.now() + 24 * HOUR);
    // The offer's cart may not grow while Ben waits.
    const grow = await shop.call('PATCH', sf(`/holds/${holdId}`), { quantities: [{ tariffId, quantity: 3 }] });
    expect(grow.body.error.code).toBe('waiting_list_first');
  });

  it('writes the e-mails in the buyer\'s language, with the link that opens the offer\'s hold or leaves the list', async () => {
    const ctx = { publicUrl: 'https://tickets.example.ch' };
    const [offer] = await shop.sql(`SELECT kind, language, payload FROM outbox_messages WHERE kind = 'waiting_list_offer'`);
    const rendered = renderMessage({ kind: 'waiting_list_offer', language: 'de', payload: JSON.parse(String(offer!.payload)) } as Message, ctx);
    expect(offer!.language).toBe('de');
    expect(rendered.subject).toMatch(/^Plätze für Sie: /);
    expect(rendered.text).toContain(`https://tickets.example.ch/order.html?hold=${await offerHold('anna@example.ch')}`);
    expect(rendered.text).toContain('2 Tickets');
    const [joined] = await shop.sql(`SELECT payload FROM outbox_messages WHERE kind = 'waiting_list_joined' AND recipient = 'ben@example.ch'`);
    const payload = JSON.parse(String(joined!.payload));
    for (const [language, words] of [['fr', 'liste d’attente'], ['de', 'Warteliste'], ['it', 'lista d’attesa'], ['en', 'waiting list']] as const) {
      const mail = renderMessage({ kind: 'waiting_list_joined', language, payload } as Message, ctx);
      expect(mail.text, language).toContain(words);
      expect(mail.text).toContain(`/order.html?waitlist=${payload.entry.entryId}&token=${payload.entry.withdrawToken}`);
    }
  });

  it('marks the entry claimed in the sale of its hold', async () => {
    const order = await checkoutHold(shop, await offerHold('anna@example.ch'));
    expect(order.status).toBe(201);
    expect(await statusOf('anna@example.ch')).toBe('claimed');
  });

  it('offers added capacity to the next in line; the public buys again once nobody waits', async () => {
    expect((await shop.org('PATCH', `/api/org/performances/${concert}`, { capacity: 6 })).status).toBe(200);
    expect((await runJob()).offered).toBe(1);
    expect(await statusOf('ben@example.ch')).toBe('offered');
    const hold = await publicHold(1);
    expect(hold.status).toBe(201);
    expect((await checkoutHold(shop, hold.body.id)).status).toBe(201);
  });

  it('lets an unclaimed offer lapse and passes its places to the next', async () => {
    expect((await join('cara@example.ch', 1, 'Cara')).status).toBe(201);
    expect((await runJob()).offered).toBe(0);
    shop.clock.advance(24 * HOUR + 1);
    const run = await runJob();
    expect(run).toEqual({ offered: 1, expired: 1 });
    expect(await statusOf('ben@example.ch')).toBe('expired');
    expect(await statusOf('cara@example.ch')).toBe('offered');
  });

  it('an emptied offer cart goes to the next at once; leaving with the link or being removed frees the line', async () => {
    expect((await join('dan@example.ch', 1, 'Dan')).status).toBe(201);
    expect((await shop.call('DELETE', sf(`/holds/${await offerHold('cara@example.ch')}`))).status).toBe(200);
    expect(await runJob()).toEqual({ offered: 1, expired: 1 });
    expect(await statusOf('dan@example.ch')).toBe('offered');

    expect((await join('eve@example.ch', 1, 'Eve')).status).toBe(201);
    const [mail] = await shop.sql(`SELECT payload FROM outbox_messages WHERE kind = 'waiting_list_joined' AND recipient = 'eve@example.ch'`);
    const { entryId, withdrawToken } = JSON.parse(String(mail!.payload)).entry;
    const wrong = await shop.call('POST', sf(`/waiting-list/${entryId}/withdraw`), { token: 'a'.repeat(26) });
    expect(wrong.status).toBe(404);
    const left = await shop.call('POST', sf(`/waiting-list/${entryId}/withdraw`), { token: withdrawToken });
    expect(left.body).toEqual({ id: entryId, status: 'withdrawn' });

    // Staff remove Dan, whose offer is live: his place comes back, and with nobody waiting the public may take it.
    const dan = (await entries()).find((e) => e.email === 'dan@example.ch')!;
    const removed = await shop.org('DELETE', list(`/${dan.id}`));
    expect(removed.status).toBe(200);
    expect(removed.body.entries.find((e: { id: string }) => e.id === dan.id).status).toBe('withdrawn');
    expect((await publicHold(1)).status).toBe(201);
  });
});
