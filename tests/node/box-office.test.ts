import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertLedgerIntact } from '../shared/ledger-audit.js';
import { buyer, createTestShop, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

/**
 * Selling at the desk, in process on a real libSQL file: desk holds (outside the online sales
 * window, hidden tariffs), the four ways to pay, the till of each seller and its closing, and
 * channel and seller in the order views and the sales report.
 */

type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any; headers: Headers }>;

describe('box office sales and tills', () => {
  let shop: TestShop;
  let desk: Call;
  let deskId: string;
  let theatre: string;
  let concert: string;
  let seats: number[];
  let concertTariffs: { id: string; name: string; price: number }[];

  async function boxOfficeToken(label: string): Promise<{ call: Call; id: string }> {
    const res = await shop.org('POST', '/api/org/tokens', { label, role: 'box_office' });
    expect(res.status).toBe(201);
    const token = res.body.token as string;
    return { call: (method, path, body, headers = {}) => shop.call(method, path, body, { Authorization: `Bearer ${token}`, ...headers }), id: res.body.id };
  }

  beforeEach(async () => {
    shop = await createTestShop();
    ({ call: desk, id: deskId } = await boxOfficeToken('Desk 1'));
    theatre = shop.demo.theatrePerformanceIds[0]!;
    concert = shop.demo.concertPerformanceIds[0]!;
    const info = await performanceInfo(shop, theatre);
    seats = (await seatsByZone(shop, info.planId!))['C2']!;
    concertTariffs = (await performanceInfo(shop, concert)).tariffs;
  });

  afterEach(async () => {
    await assertLedgerIntact(shop.sql);
    shop.close();
  });

  const tariff = (name: string) => concertTariffs.find((t) => t.name === name)!;

  async function deskHold(body: Record<string, unknown>, call: Call = desk) {
    const res = await call('POST', '/api/org/box-office/holds', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; total: number; amountDue: number };
  }

  const sell = (body: Record<string, unknown>, call: Call = desk, headers?: Record<string, string>) => call('POST', '/api/org/box-office/sales', body, headers);

  it('sells for cash: the change, the order sold at the box office by the desk, the money in its till; no e-mail without an address', async () => {
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 2 }] });
    expect(hold.amountDue).toBe(7000);
    const short = await sell({ holdId: hold.id, payment: { method: 'cash', amountGiven: 6999 } });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({ code: 'cash_insufficient', details: { total: 7000 } });

    const res = await sell({ holdId: hold.id, payment: { method: 'cash', amountGiven: 10000 } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.change).toBe(3000);
    expect(res.body.order).toMatchObject({ status: 'paid', channel: 'box_office', soldBy: { id: deskId, name: 'Desk 1' }, paymentMethod: 'cash' });
    expect(res.body.order.tickets).toHaveLength(2);
    expect(res.body.order.payments).toEqual([expect.objectContaining({ provider: 'box_office', method: 'cash', amount: 7000, status: 'captured' })]);
    expect(res.body.till).toMatchObject({ status: 'open', staff: { id: deskId, name: 'Desk 1', kind: 'token' }, expectedCash: 7000, countedCash: null });
    expect(res.body.till.byMethod).toEqual([
      { method: 'cash', count: 1, sales: 7000, refunds: 0, exchanges: 0, net: 7000 },
      { method: 'terminal', count: 0, sales: 0, refunds: 0, exchanges: 0, net: 0 },
    ]);
    const mails = await shop.sql(`SELECT count(*) AS n FROM outbox_messages WHERE order_id = (SELECT id FROM orders WHERE number = '${res.body.order.number}')`);
    expect(Number(mails[0]!.n)).toBe(0);

    const staffView = await shop.org('GET', `/api/org/orders/${res.body.order.number}`);
    expect(staffView.body).toMatchObject({ channel: 'box_office', soldBy: { id: deskId, name: 'Desk 1' } });
    const search = await shop.org('GET', `/api/org/orders?q=${res.body.order.number}`);
    expect(search.body.orders[0]).toMatchObject({ channel: 'box_office', soldBy: { id: deskId, name: 'Desk 1' } });
    // The search filters by channel: this order among the desk's, never among the online ones.
    const desk = await shop.org('GET', '/api/org/orders?channel=box_office&limit=200');
    expect(desk.body.orders.length).toBeGreaterThan(0);
    expect(desk.body.orders.every((o: { channel: string }) => o.channel === 'box_office')).toBe(true);
    expect(desk.body.orders.map((o: { number: string }) => o.number)).toContain(res.body.order.number);
    const online = await shop.org('GET', '/api/org/orders?channel=online&limit=200');
    expect(online.body.orders.map((o: { number: string }) => o.number)).not.toContain(res.body.order.number);
    expect((await shop.org('GET', '/api/org/orders?channel=street')).status).toBe(400);
  });

  it('sells on the card terminal with its reference, e-mails the tickets to a buyer who gave an address, in the shop language by default', async () => {
    const hold = await deskHold({ performanceId: theatre, seats: [{ seatId: seats[0]! }, { seatId: seats[1]! }] });
    const res = await sell({ holdId: hold.id, payment: { method: 'terminal', reference: 'TRM-000123' }, buyer: { name: 'Bea Keller', email: 'bea@example.ch' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.change).toBeNull();
    expect(res.body.order.payments[0]).toMatchObject({ provider: 'box_office', method: 'terminal', providerReference: 'TRM-000123', amount: hold.amountDue });
    expect(res.body.order.buyer).toEqual({ name: 'Bea Keller', email: 'bea@example.ch', language: 'fr' });
    expect(res.body.till.byMethod[1]).toMatchObject({ method: 'terminal', count: 1, sales: hold.amountDue });
    expect(res.body.till.expectedCash).toBe(0);
    const mails = await shop.sql(`SELECT kind, recipient, language FROM outbox_messages WHERE order_id = (SELECT id FROM orders WHERE number = '${res.body.order.number}')`);
    expect(mails).toEqual([{ kind: 'order_confirmation', recipient: 'bea@example.ch', language: 'fr' }]);
  });

  it('keeps the e-mail back when asked, sells free tickets without a till, and invoices only with a name and an address', async () => {
    const noMail = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Étudiant').id, quantity: 1 }] });
    const sold = await sell({ holdId: noMail.id, payment: { method: 'cash', amountGiven: 2500 }, buyer: { email: 'x@example.ch', language: 'de' }, emailTickets: false });
    expect(sold.status).toBe(201);
    expect(sold.body.change).toBe(0);
    expect(sold.body.order.buyer.language).toBe('de');
    expect(Number((await shop.sql(`SELECT count(*) AS n FROM outbox_messages WHERE recipient = 'x@example.ch'`))[0]!.n)).toBe(0);

    const free = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Enfant (-12 ans), gratuit').id, quantity: 2 }] });
    const refused = await sell({ holdId: free.id, payment: { method: 'cash', amountGiven: 0 } });
    expect(refused.body.error.code).toBe('payment_not_needed');
    const freeSale = await sell({ holdId: free.id, payment: { method: 'free' } });
    expect(freeSale.status, JSON.stringify(freeSale.body)).toBe(201);
    expect(freeSale.body.order).toMatchObject({ status: 'paid', total: 0, payments: [] });

    await shop.sql(`UPDATE shops SET invoice_enabled = 1, invoice_cutoff_days = 0, invoice_creditor = '{"name":"Théâtre du Jorat","address":"Route 1","postalCode":"1000","town":"Lausanne","country":"CH","account":"CH4431999123000889012"}' WHERE id = 'shp_demo'`);
    const invoiced = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const anonymous = await sell({ holdId: invoiced.id, payment: { method: 'invoice' }, buyer: { name: 'Carla Rossi' } });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.code).toBe('buyer_required');
    const invoice = await sell({ holdId: invoiced.id, payment: { method: 'invoice' }, buyer: { name: 'Carla Rossi', email: 'carla@example.ch', language: 'it' } });
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    expect(invoice.body.order).toMatchObject({ status: 'invoiced', channel: 'box_office', paymentMethod: 'invoice' });
    const kinds = await shop.sql(`SELECT kind FROM outbox_messages WHERE recipient = 'carla@example.ch'`);
    expect(kinds).toEqual([{ kind: 'invoice' }]);
    // Only the cash sale went through the till.
    expect(invoice.body.till.byMethod[0]).toMatchObject({ method: 'cash', count: 1, sales: 2500 });
  });

  it('sells at the desk after online sales ended and before they open, never for a cancelled performance or two hours after the start', async () => {
    const now = shop.clock.now();
    await shop.sql(`UPDATE performances SET sales_end_at = ${now - 60_000} WHERE id = '${concert}'`);
    const online = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    expect(online.status).toBe(409);
    expect(online.body.error.code).toBe('sales_ended');
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    // The desk's cart changes by its id like any other, outside the window too.
    const changed = await shop.call('PATCH', sf(`/holds/${hold.id}`), { quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 3 }] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.ticketCount).toBe(3);
    // An online checkout of a desk cart is refused: it is paid at the desk.
    const onlineCheckout = await shop.call('POST', sf(`/holds/${hold.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } });
    expect(onlineCheckout.status).toBe(409);
    expect(onlineCheckout.body.error.code).toBe('hold_at_desk');
    expect((await sell({ holdId: hold.id, payment: { method: 'cash', amountGiven: 10500 } })).status).toBe(201);

    await shop.sql(`UPDATE performances SET sales_end_at = NULL, sales_start_at = ${now + 86_400_000} WHERE id = '${concert}'`);
    expect((await desk('POST', '/api/org/box-office/holds', { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] })).status).toBe(201);

    await shop.sql(`UPDATE performances SET sales_start_at = NULL, starts_at = ${now - 2 * 3_600_000 - 1} WHERE id = '${concert}'`);
    const late = await desk('POST', '/api/org/box-office/holds', { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('performance_over');
    await shop.sql(`UPDATE performances SET starts_at = ${now - 2 * 3_600_000 + 60_000} WHERE id = '${concert}'`);
    expect((await desk('POST', '/api/org/box-office/holds', { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] })).status).toBe(201);

    await shop.sql(`UPDATE performances SET status = 'cancelled' WHERE id = '${concert}'`);
    const cancelled = await desk('POST', '/api/org/box-office/holds', { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    expect(cancelled.body.error.code).toBe('performance_cancelled');
  });

  it('uses a hidden tariff at the desk but not online, and an online cart is not sold at the desk', async () => {
    const hidden = tariff('Étudiant');
    await shop.sql(`UPDATE tariffs SET hidden = 1 WHERE id = '${hidden.id}'`);
    const online = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: hidden.id, quantity: 1 }] });
    expect(online.status).toBe(400);
    expect(online.body.error.code).toBe('unknown_tariff');
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: hidden.id, quantity: 2 }] });
    expect(hold.total).toBe(5000);
    const sold = await sell({ holdId: hold.id, payment: { method: 'terminal', reference: 'T-1' } });
    expect(sold.status).toBe(201);
    expect(sold.body.order.tickets.map((t: { tariffName: string }) => t.tariffName)).toEqual(['Étudiant', 'Étudiant']);

    const onlineHold = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const refused = await sell({ holdId: onlineHold.body.id, payment: { method: 'cash', amountGiven: 5000 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('hold_not_at_desk');
  });

  it('keeps a till per seller and day: totals by method, closing with a difference, no sale after closing, the owner sees every till, the CSV', async () => {
    const second = await boxOfficeToken('Desk 2');
    const current0 = await desk('GET', '/api/org/tills/current');
    expect(current0.status).toBe(200);
    expect(current0.body).toMatchObject({ id: null, status: 'open', expectedCash: 0, staff: { id: deskId, name: 'Desk 1', kind: 'token' } });
    expect(Number((await shop.sql('SELECT count(*) AS n FROM tills'))[0]!.n)).toBe(0);

    const a = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    expect((await sell({ holdId: a.id, payment: { method: 'cash', amountGiven: 5000 } })).status).toBe(201);
    const b = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Étudiant').id, quantity: 2 }] });
    expect((await sell({ holdId: b.id, payment: { method: 'terminal', reference: 'T-9' } })).status).toBe(201);
    const c = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Étudiant').id, quantity: 1 }] }, second.call);
    expect((await sell({ holdId: c.id, payment: { method: 'cash', amountGiven: 2500 } }, second.call)).status).toBe(201);

    const mine = await desk('GET', '/api/org/tills/current');
    expect(mine.body.byMethod).toEqual([
      { method: 'cash', count: 1, sales: 3500, refunds: 0, exchanges: 0, net: 3500 },
      { method: 'terminal', count: 1, sales: 5000, refunds: 0, exchanges: 0, net: 5000 },
    ]);
    expect(mine.body.expectedCash).toBe(3500);

    // Another desk may not close my till; its own list shows only its own.
    expect((await second.call('POST', `/api/org/tills/${mine.body.id}/close`, { countedCash: 0 })).body.error.code).toBe('till_not_yours');
    const day = mine.body.businessDay as string;
    const theirs = await second.call('GET', `/api/org/tills?from=${day}&to=${day}&actorId=${deskId}`);
    expect(theirs.body.tills.map((t: { staff: { id: string } }) => t.staff.id)).toEqual([second.id]);

    const closed = await desk('POST', `/api/org/tills/${mine.body.id}/close`, { countedCash: 3300, note: 'Two francs short' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', expectedCash: 3500, countedCash: 3300, difference: -200, note: 'Two francs short', closedBy: { id: deskId, name: 'Desk 1' } });
    const again = await desk('POST', `/api/org/tills/${mine.body.id}/close`, { countedCash: 3500 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('till_already_closed');

    const d = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const afterClose = await sell({ holdId: d.id, payment: { method: 'cash', amountGiven: 3500 } });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.error).toMatchObject({ code: 'till_closed', details: { businessDay: day } });
    // Nothing of it was sold: the seats stay with the hold, the till is as it was closed.
    expect(Number((await shop.sql(`SELECT count(*) AS n FROM payments WHERE till_id = '${mine.body.id}'`))[0]!.n)).toBe(2);

    const all = await shop.org('GET', `/api/org/tills?from=${day}&to=${day}`);
    expect(all.status).toBe(200);
    expect(all.body.tills.map((t: { staff: { name: string }; status: string }) => [t.staff.name, t.status])).toEqual([
      ['Desk 1', 'closed'],
      ['Desk 2', 'open'],
    ]);

    const csv = await shop.app.request(`/api/org/reports/tills.csv?from=${day}&to=${day}`, { headers: { Authorization: `Bearer ${shop.demo.token}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'day,staff,method,currency,movements,sales,refunds,exchanges,net,expected cash,counted cash,difference,status,note',
      `${day},Desk 1,cash,CHF,1,35.00,0.00,0.00,35.00,35.00,33.00,-2.00,closed,Two francs short`,
      `${day},Desk 1,terminal,CHF,1,50.00,0.00,0.00,50.00,,,,closed,`,
      `${day},Desk 2,cash,CHF,1,25.00,0.00,0.00,25.00,25.00,,,open,`,
      `${day},Desk 2,terminal,CHF,0,0.00,0.00,0.00,0.00,,,,open,`,
    ]);
    // The box office may not download the accountant's export.
    expect((await desk('GET', `/api/org/reports/tills.csv?from=${day}&to=${day}`)).status).toBe(403);
  });

  it('counts in the till a cash refund, a refund on the card terminal, an exchange paid at the counter and an invoice paid in cash', async () => {
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Étudiant').id, quantity: 2 }] });
    const sale = await sell({ holdId: hold.id, payment: { method: 'cash', amountGiven: 5000 } });
    expect(sale.status).toBe(201);
    const [first, second] = sale.body.order.tickets as { number: string }[];

    // The second ticket moves to the other concert date at the full tariff: the difference taken in cash.
    const other = shop.demo.concertPerformanceIds[1]!;
    const fullOther = (await performanceInfo(shop, other)).tariffs.find((t) => t.name === 'Plein tarif')!;
    const quote = await desk('GET', `/api/org/orders/${sale.body.order.number}/exchange/quote?ticketNumber=${second!.number}&performanceId=${other}&tariffId=${fullOther.id}`);
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    expect(quote.body.amountToPay).toBeGreaterThan(0);
    const exchanged = await desk('POST', `/api/org/orders/${sale.body.order.number}/exchanges`, {
      ticketNumber: second!.number,
      performanceId: other,
      tariffId: fullOther.id,
      expectedAmount: quote.body.amountToPay,
      payment: { method: 'cash' },
    });
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(201);

    // The first ticket is cancelled and paid back in cash at the desk (the owner lets the box office refund up to 100 francs).
    await shop.sql(`UPDATE shops SET box_office_refund_limit = 10000 WHERE id = 'shp_demo'`);
    const cancelled = await desk('POST', `/api/org/orders/${sale.body.order.number}/cancellations`, { scope: 'tickets', ticketNumbers: [first!.number], reason: 'Cannot come', refundMethod: 'cash', refundAmount: 2500 });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);

    // A terminal sale refunded on the terminal.
    const onCard = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const cardSale = await sell({ holdId: onCard.id, payment: { method: 'terminal', reference: 'T-77' } });
    expect(cardSale.status).toBe(201);
    const cardRefund = await desk('POST', `/api/org/orders/${cardSale.body.order.number}/cancellations`, { scope: 'order', reason: 'Changed plans', refundMethod: 'card_refund', refundAmount: 3500 });
    expect(cardRefund.status, JSON.stringify(cardRefund.body)).toBe(201);

    // An online invoice order paid in cash at the desk.
    await shop.sql(`UPDATE shops SET invoice_enabled = 1, invoice_cutoff_days = 0, invoice_creditor = '{"name":"Théâtre du Jorat","address":"Route 1","postalCode":"1000","town":"Lausanne","country":"CH","account":"CH4431999123000889012"}' WHERE id = 'shp_demo'`);
    const online = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const invoiced = await shop.call('POST', sf(`/holds/${online.body.id}/checkout`), { buyer, payment: { method: 'invoice' } });
    expect(invoiced.status, JSON.stringify(invoiced.body)).toBe(201);
    const paid = await desk('POST', `/api/org/orders/${invoiced.body.number}/payments`, { method: 'cash', amount: invoiced.body.total });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);

    const till = (await desk('GET', '/api/org/tills/current')).body;
    expect(till.byMethod).toEqual([
      { method: 'cash', count: 4, sales: 5000 + invoiced.body.total, refunds: 2500, exchanges: quote.body.amountToPay, net: 5000 + invoiced.body.total - 2500 + quote.body.amountToPay },
      { method: 'terminal', count: 2, sales: 3500, refunds: 3500, exchanges: 0, net: 0 },
    ]);
    expect(till.expectedCash).toBe(5000 + invoiced.body.total - 2500 + quote.body.amountToPay);

    // Once the till is closed, no refund or exchange goes through it.
    expect((await desk('POST', `/api/org/tills/${till.id}/close`, { countedCash: till.expectedCash })).body.difference).toBe(0);
    const late = await desk('POST', `/api/org/orders/${sale.body.order.number}/cancellations`, { scope: 'order', reason: 'All of it', refundMethod: 'cash', refundAmount: 1000 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('till_closed');
    expect(Number((await shop.sql(`SELECT count(*) AS n FROM order_cancellations WHERE reason = 'All of it'`))[0]!.n)).toBe(0);
  });

  it('answers a desk sale sent again with the same Idempotency-Key with the same sale, sold once', async () => {
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    const body = { holdId: hold.id, payment: { method: 'cash', amountGiven: 5000 } };
    const first = await sell(body, desk, { 'Idempotency-Key': 'desk-sale-0001' });
    expect(first.status).toBe(201);
    const again = await sell(body, desk, { 'Idempotency-Key': 'desk-sale-0001' });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body.order.number).toBe(first.body.order.number);
    expect(again.body.change).toBe(1500);
    expect(Number((await shop.sql(`SELECT count(*) AS n FROM payments WHERE till_id IS NOT NULL`))[0]!.n)).toBe(1);
    // Without the key, the converted cart is refused and names its order.
    const plain = await sell(body);
    expect(plain.status).toBe(409);
    expect(plain.body.error).toMatchObject({ code: 'hold_converted', details: { orderNumber: first.body.order.number } });
  });

  it('groups the sales report by channel and by seller', async () => {
    const online = await shop.call('POST', sf('/holds'), { performanceId: concert, quantities: [{ tariffId: tariff('Plein tarif').id, quantity: 1 }] });
    expect((await shop.call('POST', sf(`/holds/${online.body.id}/checkout`), { buyer, payment: { method: 'simulated_card', cardNumber: '4242424242424242' } })).status).toBe(201);
    const hold = await deskHold({ performanceId: concert, quantities: [{ tariffId: tariff('Étudiant').id, quantity: 2 }] });
    expect((await sell({ holdId: hold.id, payment: { method: 'cash', amountGiven: 5000 } })).status).toBe(201);
    const day = (await desk('GET', '/api/org/tills/current')).body.businessDay as string;

    const byChannel = await shop.org('GET', `/api/org/reports/sales?from=${day}&to=${day}&groupBy=channel&lang=en`);
    expect(byChannel.status, JSON.stringify(byChannel.body)).toBe(200);
    expect(byChannel.body.rows.map((r: { key: string; label: string; tickets: number; total: number }) => [r.key, r.label, r.tickets, r.total])).toEqual([
      ['online', 'Online', 1, 3500],
      ['box_office', 'Box office', 2, 5000],
    ]);
    const bySeller = await shop.org('GET', `/api/org/reports/sales?from=${day}&to=${day}&groupBy=seller&lang=fr`);
    expect(bySeller.body.rows.map((r: { key: string | null; label: string; tickets: number }) => [r.key, r.label, r.tickets])).toEqual([
      [deskId, 'Desk 1', 2],
      [null, 'En ligne', 1],
    ]);
  });
});
