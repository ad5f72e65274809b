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
    { label: 'Plein tarif · Parterre, row 3, seat 7', quantity: 1, amount: 6800 },
    { label: 'AVS / étudiant', quantity: 2, amount: 5400 },
    { label: 'Service fee', quantity: 3, amount: 150 },
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
    { kind: 'order_confirmation', language, payload: { order, tickets: [{ number: 'TAF9-22JT-N7PZ', seatLabel: 'Parterre, row 3, seat 7', tariffName: 'Plein tarif', qrPayload: 'TS1.shp_demo.TAF9-22JT-N7PZ.prf_x.sig' }] } },
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
    const swiss = pdfText(await invoicePdf({ order, invoice, language: 'de' }));
    expect(swiss).toContain('Zahlteil');
    expect(swiss).toContain('Rechnung K3F9-7QXM');
    const french = { ...invoice, creditor: { ...creditor, country: 'FR', account: 'FR7630006000011234567890189' }, reference: paymentReference('FR7630006000011234567890189', order.orderNumber) };
    const abroad = plainSpaces(pdfText(await invoicePdf({ order: { ...order, currency: 'EUR' }, invoice: french, language: 'fr', stamp: 'paid' })));
    expect(abroad).not.toContain('Section paiement');
    expect(abroad).toContain('FR76 3000 6000 0112 3456 7890 189');
    expect(abroad).toContain('PAYÉE');
  });

  it('starts a second page for the payment part when a long order fills the first', async () => {
    const many = { ...order, lines: Array.from({ length: 40 }, (_, i) => ({ label: `Plein tarif · Galerie, row ${i}, seat 1`, quantity: 1, amount: 3500 })) };
    const pdf = Buffer.from(await invoicePdf({ order: many, invoice, language: 'it' })).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
    expect(pdfText(Buffer.from(pdf, 'latin1'))).toContain('Sezione pagamento');
  });
});
