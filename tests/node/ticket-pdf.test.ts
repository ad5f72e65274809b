import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketPayload } from '../../worker/src/domain/ticket-signature.js';
import { messageAttachments } from '../../worker/src/email/attachments.js';
import { demoPerformances, GOOD_CARD, sf, type TestShop } from './harness.js';
import { seatedAndStandingOrders } from './paid-orders.js';
import { farPerformance, orderByInvoice } from './invoice-helpers.js';
import { type PdfViewer, type RenderedPdfPage, startPdfViewer } from './pdf-in-chromium.js';
import { pdfText } from './pdf-reader.js';

type Ticket = { number: string; qrPayload: string; seat: { section: string; row: string; number: string } | null };
type Order = { number: string; secret: string; tickets: Ticket[] };

const A4 = { width: 595.28, height: 841.89 };
const thermalWidth = (80 / 25.4) * 72; // 226.77 pt
const mm = 72 / 25.4;

/**
 * Tickets on paper, read back by independent software: pdfjs draws each page in a real Chromium
 * at 2x, jsQR reads the code from the pixels, and the code must be the ticket's signed payload,
 * verified with the shop's public key. The text comes back as Unicode through the embedded
 * DejaVu fonts' maps: accents, Polish letters and typographic apostrophes included.
 */
describe('tickets as PDF', () => {
  let shop: TestShop;
  let viewer: PdfViewer;
  let publicKey: string;
  let seated: Order;
  let standing: Order;
  const timings: string[] = [];

  const pdfOf = async (path: string, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const res = await shop.app.request(path, { headers });
    const bytes = new Uint8Array(await res.arrayBuffer());
    timings.push(`${path.replace(/secret=[^&]+/, 'secret=…')}: ${bytes.length} bytes, ${Math.round(performance.now() - started)} ms`);
    return { res, bytes };
  };
  const expectSigned = async (page: RenderedPdfPage, ticket: Ticket) => {
    expect(page.qr).toBe(ticket.qrPayload);
    const claims = await verifyTicketPayload(publicKey, page.qr!);
    expect(claims).not.toBeNull();
    expect(JSON.stringify(claims)).toContain(ticket.number);
  };

  beforeAll(async () => {
    const demo = await demoPerformances();
    shop = demo.shop;
    viewer = await startPdfViewer();
    publicKey = (await shop.call('GET', sf('/public-key'))).body.publicKey;
    const conditions = await shop.org('PATCH', '/api/org/shop', {
      ticketConditions: { fr: 'Billets ni repris ni échangés. Enregistrements interdits.', de: 'Keine Rücknahme, kein Umtausch. Aufnahmen sind verboten.' },
    });
    expect(conditions.status).toBe(200);
    expect(conditions.body.ticketConditions.de).toBe('Keine Rücknahme, kein Umtausch. Aufnahmen sind verboten.');

    ({ seated, standing } = await seatedAndStandingOrders<Order>(demo));
  });
  afterAll(async () => {
    console.log(`PDF sizes and render times (in process, first call loads pdfkit and the fonts):\n  ${timings.join('\n  ')}`);
    await viewer?.stop();
    shop?.close();
  });

  it('prints a seated order on A4 in French: one page per ticket, the signed QR, the seat, the buyer’s name and the conditions', async () => {
    const { res, bytes } = await pdfOf(sf(`/orders/${seated.number}/tickets.pdf?secret=${seated.secret}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe(`inline; filename="tickets-${seated.number}.pdf"`);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const pages = await viewer.render(bytes, 2);
    expect(pages).toHaveLength(2);
    for (const [i, page] of pages.entries()) {
      const ticket = seated.tickets[i]!;
      const lines = page.text.replace(/\n/g, ' '); // the title wraps beside the code
      expect([page.width, page.height].map((n) => Math.round(n * 100) / 100)).toEqual([A4.width, A4.height]);
      await expectSigned(page, ticket);
      expect(page.text).toContain('Łukasz Żółć');
      expect(page.text).toContain(`${ticket.seat!.section}, rang ${ticket.seat!.row}, place ${ticket.seat!.number}`);
      expect(page.text).toContain(ticket.number);
      expect(page.text).toContain(seated.number);
      for (const label of ['PRIX PAYÉ', 'AU NOM DE', 'N° DE BILLET', 'Le Malade imaginaire', 'Théâtre du Lac', 'Présentez ce code à l’entrée', 'Conditions']) expect(lines).toContain(label);
      expect(page.text).toContain('Billets ni repris ni échangés. Enregistrements interdits.');
      expect(page.text).toMatch(/\n\S+, \d{1,2} \S+ \d{4} à \d{2}:\d{2}\n/);
      expect(page.text).toMatch(/\d+\.\d{2}\sCHF/);
    }
  });

  it('prints a general admission ticket for an 80 mm printer in German, or in Italian when asked, with a QR code over 40 mm wide', async () => {
    const { res, bytes } = await pdfOf(sf(`/orders/${standing.number}/tickets.pdf?secret=${standing.secret}&layout=thermal`));
    expect(res.status).toBe(200);
    const [page, ...more] = await viewer.render(bytes, 3);
    expect(more).toEqual([]);
    expect(page!.width).toBeCloseTo(thermalWidth, 1);
    expect(page!.height).toBeGreaterThan(page!.width);
    expect(page!.height).toBeLessThan(A4.height);
    await expectSigned(page!, standing.tickets[0]!);
    expect(page!.qrWidth!).toBeGreaterThanOrEqual(40 * mm);
    for (const text of ['Freie Platzwahl', 'Zoë O’Brien', 'Plein tarif', 'Keine Rücknahme, kein Umtausch.', `Ticket ${standing.tickets[0]!.number}`, `Bestellung ${standing.number}`]) expect(page!.text).toContain(text);

    const italian = await pdfOf(sf(`/orders/${standing.number}/tickets.pdf?secret=${standing.secret}&layout=thermal&lang=it`));
    const text = await pdfText(italian.bytes);
    expect(text).toContain('Posto libero');
    expect(text).toContain(`Biglietto ${standing.tickets[0]!.number}`);
    // No Italian conditions: the shop's default language's text.
    expect(text).toContain('Billets ni repris ni échangés.');
  });

  it('prints one ticket of an order, for the buyer and for the box office', async () => {
    const ticket = seated.tickets[1]!;
    const one = await pdfOf(sf(`/orders/${seated.number}/tickets/${ticket.number}/pdf?secret=${seated.secret}&layout=thermal`));
    expect(one.res.status).toBe(200);
    expect(one.res.headers.get('Content-Disposition')).toBe(`inline; filename="ticket-${ticket.number}.pdf"`);
    const pages = await viewer.render(one.bytes, 3);
    expect(pages).toHaveLength(1);
    await expectSigned(pages[0]!, ticket);

    const auth = { Authorization: `Bearer ${shop.demo.token}` };
    const staffAll = await pdfOf(`/api/org/orders/${seated.number}/tickets.pdf?layout=thermal`, auth);
    expect(staffAll.res.status).toBe(200);
    const staffPages = await viewer.render(staffAll.bytes, 3);
    expect(staffPages.map((p) => p.qr)).toEqual(seated.tickets.map((t) => t.qrPayload));
    expect(staffPages.every((p) => Math.abs(p.width - thermalWidth) < 0.1)).toBe(true);
    const staffOne = await pdfOf(`/api/org/orders/${seated.number}/tickets/${ticket.number}/pdf?layout=a4&lang=en`, auth);
    expect(staffOne.res.status).toBe(200);
    const [a4] = await viewer.render(staffOne.bytes, 2);
    await expectSigned(a4!, ticket);
    expect(a4!.text).toContain(`${ticket.seat!.section}, row ${ticket.seat!.row}, seat ${ticket.seat!.number}`);
    expect(a4!.text).toContain('PRICE PAID');
    const unsigned = await shop.app.request(`/api/org/orders/${seated.number}/tickets.pdf`);
    expect(unsigned.status).toBe(401);
  });

  it('refuses a wrong secret, an unknown ticket, a cancelled ticket, an unpaid invoice, and leaves a cancelled ticket out of the order’s PDF', async () => {
    const wrong = await shop.call('GET', sf(`/orders/${seated.number}/tickets.pdf?secret=${'a'.repeat(26)}`));
    expect([wrong.status, wrong.body.error.code]).toEqual([404, 'order_not_found']);
    const wrongOne = await shop.call('GET', sf(`/orders/${seated.number}/tickets/${seated.tickets[0]!.number}/pdf?secret=${'a'.repeat(26)}`));
    expect([wrongOne.status, wrongOne.body.error.code]).toEqual([404, 'order_not_found']);
    const noSecret = await shop.call('GET', sf(`/orders/${seated.number}/tickets.pdf`));
    expect(noSecret.status).toBe(400);
    const badLayout = await shop.call('GET', sf(`/orders/${seated.number}/tickets.pdf?secret=${seated.secret}&layout=a3`));
    expect([badLayout.status, badLayout.body.error.code]).toEqual([400, 'invalid_request']);
    const unknown = await shop.call('GET', sf(`/orders/${seated.number}/tickets/T000-0000-0000/pdf?secret=${seated.secret}`));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ticket_not_found']);

    const [kept, cancelled] = seated.tickets;
    const cancellation = await shop.org('POST', `/api/org/orders/${seated.number}/cancellations`, { scope: 'tickets', ticketNumbers: [cancelled!.number], reason: 'Seat broken', refundMethod: 'none', notifyBuyer: false });
    expect(cancellation.status).toBe(201);
    const refused = await shop.call('GET', sf(`/orders/${seated.number}/tickets/${cancelled!.number}/pdf?secret=${seated.secret}`));
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'ticket_not_valid', { status: 'cancelled' }]);
    const rest = await pdfOf(sf(`/orders/${seated.number}/tickets.pdf?secret=${seated.secret}`));
    expect((await viewer.render(rest.bytes, 2)).map((p) => p.qr)).toEqual([kept!.qrPayload]);

    const far = await farPerformance(shop, 90);
    const invoiced = await orderByInvoice(shop, far.performanceId, far.seats.slice(0, 1));
    const unpaid = await shop.call('GET', sf(`/orders/${invoiced.number}/tickets.pdf?secret=${invoiced.secret}`));
    expect([unpaid.status, unpaid.body.error.code]).toEqual([409, 'order_not_paid']);
    const staffUnpaid = await shop.org('GET', `/api/org/orders/${invoiced.number}/tickets.pdf`);
    expect([staffUnpaid.status, staffUnpaid.body.error.code]).toEqual([409, 'order_not_paid']);
  });

  it('writes a non-Latin-1 name on the invoice as typed', async () => {
    const far = await farPerformance(shop, 95);
    const order = await orderByInvoice(shop, far.performanceId, far.seats.slice(2, 4), { name: 'Łukasz Żółć', email: 'lukasz@example.pl', language: 'fr' });
    const { res, bytes } = await pdfOf(sf(`/orders/${order.number}/invoice.pdf?secret=${order.secret}`));
    expect(res.status).toBe(200);
    const text = await pdfText(bytes);
    expect(text).toContain('Łukasz Żółć');
    expect(text).toContain(`Facture ${order.number}`);
    expect(text).toContain('Récépissé');
  });

  it('attaches the new ticket’s PDF to the exchange e-mail, and only that ticket', async () => {
    const [newTicket] = standing.tickets;
    const order = {
      shopId: 'shp_demo', shopName: 'Théâtre du Lac', timeZone: 'Europe/Zurich', orderNumber: standing.number, orderSecret: standing.secret, buyerName: 'Zoë O’Brien', currency: 'CHF', total: 0, lines: [],
      eventTitle: 'Concert du Nouvel An', eventSubtitle: '', startsAt: Date.UTC(2027, 0, 1, 19), doorsAt: null, venueName: 'Salle Métropole', venueAddress: 'Rue de Genève 12, 1003 Lausanne', orderPageUrl: null,
    };
    const attachments = await messageAttachments({
      kind: 'ticket_exchanged',
      language: 'it',
      payload: {
        order,
        exchange: { oldTicketNumber: 'T111-2222-3333', oldSeatLabel: null, oldSeat: null, oldStartsAt: Date.UTC(2026, 11, 31, 19), difference: 0, fee: 0, amountCharged: 0, refundDue: 0 },
        ticket: { number: newTicket!.number, seatLabel: null, seat: null, tariffName: 'Plein tarif', qrPayload: newTicket!.qrPayload, price: 4500 },
        ticketConditions: 'Nessun rimborso.',
      },
    });
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`ticket-${newTicket!.number}.png`, 'image/png'],
      [`ticket-${newTicket!.number}.pdf`, 'application/pdf'],
    ]);
    const [page, ...more] = await viewer.render(attachments[1]!.content, 2);
    expect(more).toEqual([]);
    await expectSigned(page!, newTicket!);
    for (const text of ['Concert du Nouvel An', 'Salle Métropole', 'Posto libero', 'Zoë O’Brien', 'Nessun rimborso.', '45.00']) expect(page!.text).toContain(text);
    expect(page!.text).not.toContain('T111-2222-3333');
  });

  it('keeps ten tickets on ten A4 pages, every code readable', async () => {
    const far = await farPerformance(shop, 100);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: far.performanceId, seats: far.seats.slice(20, 30).map((seatId) => ({ seatId })) });
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), { buyer: { name: 'Giulia Bernasconi', email: 'giulia@example.ch', language: 'it' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } });
    expect(order.status).toBe(201);
    const { bytes } = await pdfOf(sf(`/orders/${order.body.number}/tickets.pdf?secret=${order.body.secret}`));
    const pages = await viewer.render(bytes, 2);
    expect(pages.map((p) => p.qr)).toEqual((order.body.tickets as Ticket[]).map((t) => t.qrPayload));
    expect(pages[0]!.text).toContain('PREZZO PAGATO');
    const one = await pdfOf(sf(`/orders/${order.body.number}/tickets/${order.body.tickets[0].number}/pdf?secret=${order.body.secret}`));
    expect(one.res.status).toBe(200);
  });
});
