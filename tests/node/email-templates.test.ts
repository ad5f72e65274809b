import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { paymentReference } from '../../worker/src/domain/payment-reference.js';
import { invoicePdf } from '../../worker/src/email/invoice-pdf.js';
import type { Language, Message, OrderFacts } from '../../worker/src/email/messages.js';
import { qrPng } from '../../worker/src/email/qr-png.js';
import { renderMessage } from '../../worker/src/email/render.js';
import { pdfText, plainSpaces } from './mail-helpers.js';

const creditor = { name: 'Théâtre du Lac', address: 'Quai du Lac', buildingNumber: '1', zip: '1003', city: 'Lausanne', country: 'CH', account: 'CH4431999123000889012' };
const order: OrderFacts = {
  shopId: 'shp_demo',
  shopName: 'Théâtre du Lac',
  timeZone: 'Europe/Zurich',
  orderNumber: 'K3F9-7QXM',
  orderSecret: 'v3k9q2m7xh3pa4k9q2m7xh3pa4',
  buyerName: 'Zoé <script>alert(1)</script> & Co',
  currency: 'CHF',
  total: 12350,
  lines: [
    { kind: 'ticket', label: 'Plein tarif · Parterre, row 3, seat 7', tariffName: 'Plein tarif', seat: { section: 'Parterre', row: '3', number: '7' }, quantity: 1, amount: 6800 },
    { kind: 'ticket', label: 'AVS / étudiant', tariffName: 'AVS / étudiant', quantity: 2, amount: 5400 },
    { kind: 'fee', label: 'Service fee', quantity: 3, amount: 150 },
  ],
  eventTitle: 'Le Malade imaginaire',
  eventSubtitle: 'Molière',
  startsAt: Date.parse('2026-05-14T18:00:00Z'),
  doorsAt: Date.parse('2026-05-14T17:00:00Z'),
  venueName: 'Théâtre du Lac',
  venueAddress: 'Quai du Lac 1, 1003 Lausanne',
  orderPageUrl: 'https://theatre.example/billets?utm=mail',
};
const invoice = { issuedAt: Date.parse('2026-04-01T10:00:00Z'), dueAt: Date.parse('2026-04-11T07:00:00Z'), reference: paymentReference(creditor.account, order.orderNumber), creditor };
const ctx = { publicUrl: 'https://tickets.example' };
const languages: Language[] = ['fr', 'de', 'it', 'en'];

function messages(language: Language): Message[] {
  return [
    { kind: 'order_confirmation', language, payload: { order, tickets: [{ number: 'TAF9-22JT-N7PZ', seatLabel: 'Parterre, row 3, seat 7', seat: { section: 'Parterre', row: '3', number: '7' }, tariffName: 'Plein tarif', qrPayload: 'TS1.shp_demo.TAF9-22JT-N7PZ.prf_x.sig' }] } },
    { kind: 'invoice', language, payload: { order, invoice } },
    { kind: 'invoice_reminder', language, payload: { order, invoice, reminderNumber: 1, reminderCount: 2 } },
    { kind: 'invoice_reminder', language, payload: { order, invoice, reminderNumber: 2, reminderCount: 2 } },
    { kind: 'order_cancelled', language, payload: { order, reason: 'organizer', note: 'Spectacle <b>reporté</b>' } },
    { kind: 'pre_event', language, payload: { order, ticketCount: 3, text: 'Parking derrière la salle.' } },
  ];
}

describe('e-mail templates', () => {
  it.each(languages)('renders every message in %s as text and HTML with the amounts, without a hole', (language) => {
    const total = { fr: '123.50 CHF', de: 'CHF 123.50', it: 'CHF 123.50', en: 'CHF 123.50' }[language];
    const subjects = new Set<string>();
    for (const message of messages(language)) {
      const { subject, text, html } = renderMessage(message, ctx);
      subjects.add(subject);
      for (const part of [subject, text, html]) expect(part).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
      expect(subject).not.toContain('\n');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(text).toContain('K3F9-7QXM');
      if (message.kind !== 'pre_event' && message.kind !== 'order_cancelled') expect(plainSpaces(text)).toContain(total);
    }
    expect(subjects.size).toBe(6);
  });

  it('escapes what buyers and organizers typed in the HTML, and keeps it readable in the text', () => {
    for (const message of messages('fr')) {
      const { text, html } = renderMessage(message, ctx);
      expect(html).not.toContain('<script>');
      expect(html).toContain('Zoé &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
      expect(text).toContain('Zoé <script>alert(1)</script> & Co');
    }
    const cancelled = renderMessage(messages('fr')[4]!, ctx);
    expect(cancelled.html).toContain('Spectacle &lt;b&gt;reporté&lt;/b&gt;');
  });

  it('links to the invoice download and to the organizer’s order page with the secret', () => {
    const invoiceMail = renderMessage(messages('en')[1]!, ctx);
    expect(invoiceMail.text).toContain('https://tickets.example/api/shops/shp_demo/orders/K3F9-7QXM/invoice.pdf?secret=v3k9q2m7xh3pa4k9q2m7xh3pa4');
    const confirmation = renderMessage(messages('en')[0]!, ctx);
    expect(confirmation.text).toContain('https://theatre.example/billets?utm=mail&order=K3F9-7QXM&secret=v3k9q2m7xh3pa4k9q2m7xh3pa4');
    expect(confirmation.html).toContain('src="cid:qr-TAF9-22JT-N7PZ@ticket-shop"');
    // An order page given as a path is on this deployment, after PUBLIC_URL (with or without its trailing slash).
    const onThisServer = { ...messages('en')[5]!, payload: { order: { ...order, orderPageUrl: '/order.html' }, ticketCount: 3, text: null } } as Message;
    for (const publicUrl of ['https://tickets.example/shop', 'https://tickets.example/shop/']) {
      expect(renderMessage(onThisServer, { publicUrl }).text).toContain('https://tickets.example/shop/order.html?order=K3F9-7QXM&secret=v3k9q2m7xh3pa4k9q2m7xh3pa4');
    }
  });

  it('writes dates in the shop time zone and the buyer’s language', () => {
    const reminder = (language: Language) => plainSpaces(renderMessage(messages(language)[2]!, ctx).text);
    expect(reminder('fr')).toContain('Nouveau délai de paiement : 11 avril 2026.');
    expect(reminder('de')).toContain('Neue Zahlungsfrist: 11. April 2026.');
    expect(plainSpaces(renderMessage(messages('de')[5]!, ctx).text)).toContain('Donnerstag, 14. Mai 2026 um 20:00');
  });
});

describe('ticket QR image', () => {
  it('is a 1-bit PNG whose top-left finder pattern is dark, inside a white quiet zone', async () => {
    const png = Buffer.from(await qrPng('TS1.shp_demo.TAF9-22JT-N7PZ.prf_abc.signature', 6));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    expect(png.readUInt32BE(20)).toBe(width);
    expect([png[24], png[25]]).toEqual([1, 0]); // bit depth 1, greyscale
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    const rowBytes = Math.ceil(width / 8) + 1;
    expect(raw.length).toBe(rowBytes * width);
    const pixel = (x: number, y: number) => (raw[y * rowBytes + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1; // 1 = white
    expect(pixel(0, 0)).toBe(1); // quiet zone
    expect(pixel(4 * 6, 4 * 6)).toBe(0); // first module of the finder pattern
  });
});

describe('invoice PDF', () => {
  it('carries the QR-bill for a Swiss account and plain bank details otherwise', async () => {
    const swiss = await pdfText(await invoicePdf({ order, invoice, language: 'de' }));
    expect(swiss).toContain('Zahlteil');
    expect(swiss).toContain('Rechnung K3F9-7QXM');
    const french = { ...invoice, creditor: { ...creditor, country: 'FR', account: 'FR7630006000011234567890189' }, reference: paymentReference('FR7630006000011234567890189', order.orderNumber) };
    const abroad = plainSpaces(await pdfText(await invoicePdf({ order: { ...order, currency: 'EUR' }, invoice: french, language: 'fr', stamp: 'paid' })));
    expect(abroad).not.toContain('Section paiement');
    expect(abroad).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(abroad).toContain('PAYÉE');
  });

  it('starts a second page for the payment part when a long order fills the first', async () => {
    const many = { ...order, lines: Array.from({ length: 40 }, (_, i) => ({ label: `Plein tarif · Galerie, row ${i}, seat 1`, quantity: 1, amount: 3500 })) };
    const pdf = Buffer.from(await invoicePdf({ order: many, invoice, language: 'it' })).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
    expect(await pdfText(Buffer.from(pdf, 'latin1'))).toContain('Sezione pagamento');
  });
});

describe('e-mails in the buyer’s words', () => {
  const seat7 = { section: 'Parterre', row: 'A', number: '15' };
  const seat8 = { section: 'Parterre', row: 'A', number: '16' };
  /** Two insured seats, part paid with a gift voucher: every kind of line a buyer can meet. */
  const insured: OrderFacts = {
    ...order,
    total: 4416,
    lines: [
      { kind: 'ticket', label: 'Plein tarif · Parterre, row A, seat 15', tariffName: 'Plein tarif', seat: seat7, quantity: 1, amount: 6800 },
      { kind: 'ticket', label: 'Plein tarif · Parterre, row A, seat 16', tariffName: 'Plein tarif', seat: seat8, quantity: 1, amount: 6800 },
      { kind: 'discount', label: 'Promo BIENVENUE', code: 'BIENVENUE', quantity: 2, amount: 0 },
      { kind: 'insurance', label: 'Cancellation insurance', quantity: 2, amount: 816 },
      { kind: 'vouchers', label: 'Paid with gift vouchers', quantity: 1, amount: -10000 },
    ],
  };
  const tickets = [
    { number: 'TAF9-22JT-N7PZ', seatLabel: 'Parterre, row A, seat 15', seat: seat7, tariffName: 'Plein tarif', qrPayload: 'TS1.a', insured: true },
    { number: 'TQ4M-7XKD-3HPA', seatLabel: 'Parterre, row A, seat 16', seat: seat8, tariffName: 'Plein tarif', qrPayload: 'TS1.b', insured: true },
  ];
  const insurer = { name: 'Assurance Annulation Démo SA', contact: 'sinistres@assurance.example' };
  const confirmation = (language: Language) =>
    renderMessage({ kind: 'order_confirmation', language, payload: { order: insured, tickets, insurer } }, ctx);
  const money = (locale: string, minor: number) => plainSpaces(new Intl.NumberFormat(locale, { style: 'currency', currency: 'CHF' }).format(minor / 100));

  it('names seats by section, row and number in French and German, never in English', () => {
    const fr = plainSpaces(confirmation('fr').text);
    const de = plainSpaces(confirmation('de').text);
    expect(fr).toContain('Parterre, rang A, place 15');
    expect(fr).toContain('2 × Code promo BIENVENUE');
    expect(de).toContain('Parterre, Reihe A, Platz 15');
    expect(de).toContain('Plein tarif · Parterre, Reihe A, Platz 16');
    expect(plainSpaces(confirmation('it').text)).toContain('Parterre, fila A, posto 15');
    for (const text of [fr, de, confirmation('fr').html, confirmation('de').html]) {
      expect(text).not.toMatch(/\brow\b|\bseat\b|Cancellation insurance|Paid with|Service fee/i);
    }
  });

  it('writes insurance, gift vouchers and amounts as the buyer’s locale does, the sign of a deduction with its digits', () => {
    const fr = plainSpaces(confirmation('fr').text);
    const de = plainSpaces(confirmation('de').text);
    expect(fr).toContain(`2 × Assurance annulation: ${money('fr-CH', 816)}`);
    expect(fr).toContain('Payé avec des bons cadeaux: -100.00 CHF');
    expect(fr).toContain(`Total: ${money('fr-CH', 4416)}`);
    expect(de).toContain(`2 × Annullierungsversicherung: ${money('de-CH', 816)}`);
    expect(de).toContain('Mit Geschenkgutscheinen bezahlt: CHF -100.00');
    expect(de).toContain(`Total: ${money('de-CH', 4416)}`);
    expect(money('de-CH', 4416)).toBe('CHF 44.16');
    expect(money('fr-CH', 4416)).toBe('44.16 CHF');
    expect(de).not.toContain('CHF-');
  });

  it('says who insures the tickets, how to reach them, and that each ticket number is its policy reference', () => {
    const fr = plainSpaces(confirmation('fr').text);
    expect(fr).toContain('Vos billets sont assurés contre l’annulation par Assurance Annulation Démo SA.');
    expect(fr).toContain('Assureur: Assurance Annulation Démo SA\nsinistres@assurance.example');
    expect(fr).toContain('Référence de police : TAF9-22JT-N7PZ');
    expect(fr).toContain('Référence de police : TQ4M-7XKD-3HPA');
    const de = plainSpaces(confirmation('de').text);
    expect(de).toContain('Policennummer: TAF9-22JT-N7PZ');
    expect(de).toContain('Versicherer: Assurance Annulation Démo SA');
    const uninsured = renderMessage(messages('fr')[0]!, ctx).text;
    expect(uninsured).not.toContain('Assureur');
    expect(uninsured).not.toContain('police');
  });

  it('keeps e-mails queued before the parts readable with their stored labels', () => {
    const old: OrderFacts = { ...order, lines: [{ label: 'Plein tarif · Parterre, row 3, seat 7', quantity: 1, amount: 6800 }] };
    const { text } = renderMessage({ kind: 'order_confirmation', language: 'fr', payload: { order: old, tickets: [{ number: 'T1', seatLabel: 'Parterre, row 3, seat 7', tariffName: 'Plein tarif', qrPayload: 'x' }] } }, ctx);
    expect(text).toContain('Plein tarif · Parterre, row 3, seat 7');
  });

  it('writes the seats of exchanged and cancelled tickets in the buyer’s language', () => {
    const exchanged = renderMessage(
      {
        kind: 'ticket_exchanged',
        language: 'de',
        payload: {
          order,
          exchange: { oldTicketNumber: 'TOLD-0000-0000', oldSeatLabel: 'Balcon, row B, seat 3', oldSeat: { section: 'Balcon', row: 'B', number: '3' }, oldStartsAt: order.startsAt, difference: 0, fee: 0, amountCharged: 0, refundDue: 0 },
          ticket: tickets[0]!,
        },
      },
      ctx,
    ).text;
    expect(exchanged).toContain('Balcon, Reihe B, Platz 3');
    expect(exchanged).toContain('Parterre, Reihe A, Platz 15');
    const cancelled = renderMessage(
      {
        kind: 'tickets_cancelled',
        language: 'fr',
        payload: { order, wholeOrder: false, tickets: [{ number: 'T1', seatLabel: 'Balcon, row B, seat 3', seat: { section: 'Balcon', row: 'B', number: '3' }, tariffName: 'Plein tarif' }], note: null, refund: { method: 'none', amount: 0, voucher: null }, insured: false },
      },
      ctx,
    ).text;
    expect(cancelled).toContain('Balcon, rang B, place 3');
    for (const text of [exchanged, cancelled]) expect(text).not.toMatch(/\brow\b|\bseat\b/);
  });

  it('heads every e-mail with the shop’s name in its colour, a neutral dark without one', () => {
    const branded = renderMessage({ kind: 'order_confirmation', language: 'fr', payload: { order: { ...order, brandColor: '#7A1F2B' }, tickets } }, ctx).html;
    expect(branded).toContain('background:#7a1f2b;color:#ffffff;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">Théâtre du Lac</td>');
    expect(branded).toContain('background:#7a1f2b;color:#ffffff;text-decoration:none;');
    const light = renderMessage({ kind: 'pre_event', language: 'fr', payload: { order: { ...order, orderPageUrl: null, brandColor: '#ffd54f' }, ticketCount: 1, text: null } }, ctx).html;
    expect(light).toContain('background:#ffd54f;color:#1a1a1a;');
    for (const message of messages('de')) {
      const { html } = renderMessage(message, ctx);
      expect(html).toContain('background:#1f2937;color:#ffffff;');
      expect(html).not.toContain('#1f4e8c');
    }
    const voucher = renderMessage(
      { kind: 'voucher_issued', language: 'de', payload: { sale: { shopId: 'shp_demo', shopName: 'Théâtre du Lac', brandColor: '#0b5d3b', timeZone: 'Europe/Zurich', currency: 'CHF', orderNumber: null, buyerName: 'Ana', amount: 0 }, voucher: { code: 'CADEAU100', amount: 10000, recipientName: null, expiresAt: null } } },
      ctx,
    ).html;
    expect(voucher).toContain('background:#0b5d3b;color:#ffffff;');
  });

  it('prints the performance’s day and time in the shop’s time zone on the invoice, and its lines in the buyer’s language', async () => {
    const fr = plainSpaces(await pdfText(await invoicePdf({ order: insured, invoice, language: 'fr' })));
    expect(fr).toMatch(/Le Malade imaginaire, jeudi,? 14 mai 2026 à 20:00, Théâtre du Lac/);
    expect(fr).toContain('Plein tarif · Parterre, rang A, place 15');
    expect(fr).toContain('Assurance annulation');
    expect(fr).toContain('Payé avec des bons cadeaux');
    expect(fr).toContain('-100.00 CHF');
    const de = plainSpaces(await pdfText(await invoicePdf({ order: insured, invoice, language: 'de' })));
    expect(de.replace(/\n/g, ' ')).toContain('Le Malade imaginaire, Donnerstag, 14. Mai 2026 um 20:00, Théâtre du Lac');
    expect(de).toContain('Parterre, Reihe A, Platz 16');
    expect(de).toContain('CHF -100.00');
    for (const text of [fr, de]) expect(text).not.toMatch(/\brow\b|\bseat\b|Cancellation insurance|Paid with/);
  });
});

describe('the notice of a Stripe payment given back', () => {
  const reasons = ['seats_taken', 'hold_changed', 'codes_changed', 'order_closed'] as const;
  it.each(languages)('says in %s why, how much and whether it was refunded or only released, for every reason', (language) => {
    const amount = { fr: '123.50 CHF', de: 'CHF 123.50', it: 'CHF 123.50', en: 'CHF 123.50' }[language];
    const texts = new Set<string>();
    for (const reason of reasons) {
      for (const refunded of [false, true]) {
        const { subject, text, html } = renderMessage({ kind: 'payment_returned', language, payload: { order, reason, amount: 12350, refunded } }, ctx);
        for (const part of [subject, text, html]) expect(part).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object/);
        expect(subject).toContain('K3F9-7QXM');
        expect(plainSpaces(text)).toContain(amount);
        expect(html).not.toContain('<script>');
        texts.add(text);
      }
    }
    // Each reason and each way the money went back reads differently.
    expect(texts.size).toBe(8);
  });

  it('is written in the buyer’s language, not in English', () => {
    const fr = renderMessage({ kind: 'payment_returned', language: 'fr', payload: { order, reason: 'seats_taken', amount: 12350, refunded: true } }, ctx);
    expect(fr.text).toContain('intégralement remboursés');
    const de = renderMessage({ kind: 'payment_returned', language: 'de', payload: { order, reason: 'seats_taken', amount: 12350, refunded: false } }, ctx);
    expect(de.text).toContain('Es wurde nichts abgebucht');
  });
});

describe('the notice of an order cancelled because its card payment was never collected', () => {
  it.each(languages)('says so in %s, and not that the organizer cancelled it', (language) => {
    const payload = { order, wholeOrder: true, tickets: [], note: null, refund: { method: 'none' as const, amount: 0, voucher: null }, insured: false, cause: 'payment_not_collected' as const };
    const staff = renderMessage({ kind: 'tickets_cancelled', language, payload: { ...payload, cause: undefined } }, ctx).text;
    const system = renderMessage({ kind: 'tickets_cancelled', language, payload }, ctx).text;
    expect(system).not.toMatch(/\bundefined\b|\bnull\b/);
    expect(system).not.toBe(staff);
    expect(system).toContain('Le Malade imaginaire');
  });
});
