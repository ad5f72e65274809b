import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpTransport } from '../../worker/src/email/smtp-transport.js';
import { createTestShop, GOOD_CARD, sf, type TestShop } from './harness.js';
import { farPerformance, orderByInvoice, runJobs, useMail, zurichDayAt } from './invoice-helpers.js';
import { decodeWords, pdfText, plainSpaces, type ReceivedMail, startSmtpServer, type TestSmtpServer } from './mail-helpers.js';
import { readPdf } from './pdf-reader.js';

/**
 * The e-mails as a buyer receives them: the outbox job sends them with nodemailer to a real
 * SMTP server (smtp-server on loopback), and the test reads what arrived.
 */
describe('e-mails received over SMTP', () => {
  let shop: TestShop;
  let smtp: TestSmtpServer;
  let transport: ReturnType<typeof smtpTransport>;
  let performance: { performanceId: string; seats: number[] };
  beforeAll(async () => {
    smtp = await startSmtpServer();
    shop = await createTestShop();
    transport = smtpTransport(smtp.url);
    useMail(shop, transport);
    performance = await farPerformance(shop, 60);
  });
  afterAll(async () => {
    transport.close();
    shop.close();
    await smtp.close();
  });

  const receivedBy = (address: string, subject: RegExp): ReceivedMail => {
    const mail = smtp.received.find((m) => m.to.includes(address) && subject.test(m.subject));
    if (!mail) throw new Error(`no mail to ${address} matching ${subject}: ${smtp.received.map((m) => m.subject).join(' | ')}`);
    return mail;
  };

  it('sends the invoice in French with the amounts, the payment details and the PDF with its QR-bill', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, performance.seats.slice(0, 2), { name: 'Léa Rochat', email: 'lea@example.ch', language: 'fr' });
    await runJobs(shop);
    const mail = receivedBy('lea@example.ch', /facture/);
    expect(mail.subject).toBe(`Votre facture pour Le Malade imaginaire (commande ${order.number})`);
    expect(decodeWords(mail.headers.from!)).toBe('Théâtre du Lac <tickets@theatre.example>');
    expect(mail.headers['message-id']).toMatch(/^<msg_[a-z0-9]+@ticket-shop>$/);
    const text = plainSpaces(mail.text);
    expect(text).toContain('Bonjour Léa Rochat,');
    expect(text).toContain('Total: 104.00 CHF'); // two seats of 52.00 in the second category
    expect(text).toContain('CH44 3199 9123 0008 8901 2');
    expect(text).toContain(`https://tickets.theatre.example/api/shops/shp_demo/orders/${order.number}/invoice.pdf?secret=${order.secret}`);
    expect(mail.html).toContain('<a href="https://tickets.theatre.example/api/shops/shp_demo/orders/');
    expect(plainSpaces(mail.html)).toContain('104.00 CHF');

    const [pdf, ...others] = mail.attachments;
    expect(others).toEqual([]);
    expect([pdf!.filename, pdf!.contentType]).toEqual([`invoice-${order.number}.pdf`, 'application/pdf']);
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const drawn = plainSpaces(await pdfText(pdf!.content));
    expect(drawn).toContain(`Facture ${order.number}`);
    // The Swiss QR-bill payment part, in the buyer's language.
    expect(drawn).toContain('Section paiement');
    expect(drawn).toContain('Récépissé');
    expect(drawn).toContain('CH44 3199 9123 0008 8901 2');
    expect(drawn).toContain('104.00');
    // The performance with its time, and the seats in French.
    expect(drawn).toMatch(/Le Malade imaginaire, \S+ \d{1,2} \S+ \d{4} à \d{2}:\d{2}, /);
    expect(drawn).toMatch(/· \S+, rang \w+, place \d+/);
    expect(drawn).not.toMatch(/\brow\b|\bseat\b/);
  });

  it('sends the confirmation with the tickets in German: ticket numbers, seats in German, one QR image per ticket', async () => {
    const hold = await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: performance.seats.slice(4, 6).map((seatId) => ({ seatId })) });
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
      buyer: { name: 'Jonas Meier', email: 'jonas@example.ch', language: 'de' },
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
    });
    expect(order.status).toBe(201);
    await runJobs(shop);
    const mail = receivedBy('jonas@example.ch', /Tickets/);
    expect(mail.subject).toBe(`Ihre Tickets für Le Malade imaginaire (Bestellung ${order.body.number})`);
    const text = plainSpaces(mail.text);
    expect(text).toContain('Guten Tag Jonas Meier');
    expect(text).toContain('Total: CHF 104.00');
    expect(text).not.toMatch(/\brow\b|\bseat\b/);
    for (const ticket of order.body.tickets as { number: string; seat: { section: string; row: string; number: string } }[]) {
      expect(text).toContain(`Ticket ${ticket.number}`);
      expect(text).toContain(`${ticket.seat.section}, Reihe ${ticket.seat.row}, Platz ${ticket.seat.number}`);
      const image = mail.attachments.find((a) => a.contentId === `qr-${ticket.number}@ticket-shop`);
      expect(image?.contentType).toBe('image/png');
      expect(image!.content.subarray(1, 4).toString()).toBe('PNG');
      expect(mail.html).toContain(`cid:qr-${ticket.number}@ticket-shop`);
    }
    // The tickets to print: attached as an A4 PDF (one page per ticket, in German) and linked.
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`tickets-${order.body.number}.pdf`);
    const pages = (await readPdf(pdf!.content)).pages;
    expect(pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [595, 842],
      [595, 842],
    ]);
    // One page per ticket, in the order the sale issued them (the order page sorts by number).
    for (const ticket of order.body.tickets as { number: string; seat: { section: string; row: string; number: string } }[]) {
      const page = pages.filter((p) => p.text.includes(ticket.number));
      expect(page).toHaveLength(1);
      expect(page[0]!.text).toContain(`${ticket.seat.section}, Reihe ${ticket.seat.row}, Platz ${ticket.seat.number}`);
      expect(page[0]!.text).toContain('Jonas Meier');
      expect(page[0]!.text).toContain('BEZAHLTER PREIS');
    }
    expect(text).toContain('Tickets herunterladen (PDF)');
    expect(text).toContain(`https://tickets.theatre.example/api/shops/shp_demo/orders/${order.body.number}/tickets.pdf?secret=${order.body.secret}&layout=a4`);
  });

  it('sends an insured order part paid by gift voucher in the shop’s colours, in German: insurer, policy references, every line in German', async () => {
    const patched = await shop.org('PATCH', '/api/org/shop', { brandColor: '#7A1F2B' });
    expect([patched.status, patched.body.brandColor]).toEqual([200, '#7A1F2B']);
    const hold = await shop.call('POST', sf('/holds'), { performanceId: performance.performanceId, seats: performance.seats.slice(12, 14).map((seatId) => ({ seatId })) });
    expect((await shop.call('POST', sf(`/holds/${hold.body.id}/codes`), { code: 'CADEAU-100-DEMO' })).status).toBe(200);
    const order = await shop.call('POST', sf(`/holds/${hold.body.id}/checkout`), {
      buyer: { name: 'Lena Frei', email: 'lena@example.ch', language: 'de' },
      payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
      insured: true,
    });
    expect(order.status).toBe(201);
    await runJobs(shop);
    const mail = receivedBy('lena@example.ch', /Tickets/);
    const text = plainSpaces(mail.text);
    // Two seats of 52.00, insured at 6 % (3.12 each); the voucher pays 100.00 of 110.24.
    expect(text).toContain('2 × Annullierungsversicherung: CHF 6.24');
    expect(text).toContain('Mit Geschenkgutscheinen bezahlt: CHF -100.00');
    expect(text).toContain('Total: CHF 10.24');
    expect(text).toContain('Ihre Tickets sind bei Assurance Annulation Démo SA gegen Annullierung versichert.');
    expect(text).toContain('sinistres@assurance-annulation-demo.example');
    for (const ticket of order.body.tickets as { number: string }[]) expect(text).toContain(`Policennummer: ${ticket.number}`);
    expect(text).not.toMatch(/\brow\b|\bseat\b|Cancellation insurance|Paid with|CHF-/);
    expect(mail.html).toContain('background:#7a1f2b;color:#ffffff;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">Théâtre du Lac</td>');
    const invalid = await shop.org('PATCH', '/api/org/shop', { brandColor: 'red' });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'invalid_request']);
    expect((await shop.org('PATCH', '/api/org/shop', { brandColor: null })).body.brandColor).toBe(null);
  });

  it('sends the tickets in French once the invoice is paid', async () => {
    const order = await orderByInvoice(shop, performance.performanceId, [performance.seats[8]!], { name: 'Marc Favre', email: 'marc@example.ch', language: 'fr' });
    const paid = await shop.org('POST', `/api/org/orders/${order.number}/payments`, { method: 'bank_transfer', amount: order.total });
    await runJobs(shop);
    const mail = receivedBy('marc@example.ch', /Vos billets/);
    expect(plainSpaces(mail.text)).toContain(`Billet ${paid.body.tickets[0].number}`);
    expect(plainSpaces(mail.text)).toContain('Total: 52.00 CHF');
  });

  it('sends reminders and the cancellation notice in Italian and English with the new deadline', async () => {
    const orderedAt = shop.clock.now();
    const it = await orderByInvoice(shop, performance.performanceId, [performance.seats[10]!], { name: 'Giulia Rossi', email: 'giulia@example.ch', language: 'it' });
    const en = await orderByInvoice(shop, performance.performanceId, [performance.seats[11]!], { name: 'Sam Taylor', email: 'sam@example.com', language: 'en' });
    shop.clock.current = zurichDayAt(orderedAt, 10, 9);
    await runJobs(shop);
    const reminder = receivedBy('giulia@example.ch', /Richiamo/);
    expect(reminder.subject).toBe(`Richiamo: fattura dell’ordine ${it.number}`);
    expect(plainSpaces(reminder.text)).toMatch(/Nuovo termine di pagamento: \d{1,2} \w+ \d{4}\./);
    expect(plainSpaces(reminder.text)).toContain('Importo: CHF 52.00');
    expect(reminder.attachments).toEqual([]);
    shop.clock.current = zurichDayAt(orderedAt, 20, 9);
    await runJobs(shop);
    const final = receivedBy('sam@example.com', /Final reminder/);
    expect(final.text).toContain('This is the final reminder');
    shop.clock.current = zurichDayAt(orderedAt, 30, 9);
    await runJobs(shop);
    const notice = receivedBy('sam@example.com', /cancelled/);
    expect(notice.subject).toBe(`Order ${en.number} cancelled`);
    expect(notice.text).toContain('The payment deadline of your order for Le Malade imaginaire (Molière · Compagnie du Lac) has passed');
    expect(receivedBy('giulia@example.ch', /annullato/).subject).toBe(`Ordine ${it.number} annullato`);
  });
});
