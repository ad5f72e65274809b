import { formatReference } from 'swissqrbill/utils';
import { formatDate, formatDateTime, formatIban, formatMoney } from './format.js';
import type { InvoiceFacts, Language, OrderFacts } from './messages.js';
import { lineLabel } from './templates/common.js';
import { emailStrings } from './translations.js';

export interface InvoicePdfInput {
  order: OrderFacts;
  invoice: InvoiceFacts;
  language: Language;
  /** A stamp on an invoice downloaded after it was paid or cancelled. */
  stamp?: 'paid' | 'cancelled' | null;
}

/** A QR-bill needs a Swiss or Liechtenstein account and CHF or EUR (Swiss payment standards). */
export function hasQrBill(invoice: InvoiceFacts, currency: string): boolean {
  return /^(CH|LI)/.test(invoice.creditor.account) && (currency === 'CHF' || currency === 'EUR');
}

// Standard PDF fonts are WinAnsi: Intl's narrow no-break space (French amounts) is not in it.
const ansi = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');

/**
 * The invoice as a one-page A4 PDF (more pages only for very long orders): creditor, buyer,
 * lines, total, deadline and reference, and at the bottom the Swiss QR-bill payment part.
 * Runs on Node and in workerd alike.
 */
export async function invoicePdf({ order, invoice, language, stamp = null }: InvoicePdfInput): Promise<Uint8Array> {
  const { PDFDocument, toBytes, SwissQRBill } = await import('./pdf-kit.js');
  const s = emailStrings[language];
  const money = (minor: number) => ansi(formatMoney(minor, order.currency, language));
  const date = (ms: number) => ansi(formatDate(ms, order.timeZone, language, order.currency));
  const title = `${s.pdf.title} ${order.orderNumber}`;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: invoice.creditor.name, Subject: order.eventTitle } });
  const bytes = toBytes(doc);
  const c = invoice.creditor;

  doc.font('Helvetica-Bold').fontSize(12).text(c.name, 50, 50);
  doc.font('Helvetica').fontSize(10).text(`${c.address}${c.buildingNumber ? ` ${c.buildingNumber}` : ''}`).text(`${c.zip} ${c.city}`).text(c.country);
  doc.font('Helvetica-Bold').text(s.pdf.billTo, 330, 50).font('Helvetica').text(order.buyerName, 330);

  doc.font('Helvetica-Bold').fontSize(18).text(title, 50, 140);
  if (stamp) doc.fillColor(stamp === 'paid' ? '#1a7f37' : '#b42318').fontSize(18).text(stamp === 'paid' ? s.pdf.paid : s.pdf.cancelled, 400, 140).fillColor('black');
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  const facts: [string, string][] = [
    [s.pdf.date, date(invoice.issuedAt)],
    [s.pdf.due, date(invoice.dueAt)],
    [s.invoice.reference, formatReference(invoice.reference)],
    // Day and time in the shop's time zone: the buyer needs both to know which performance.
    [s.performance, ansi(`${order.eventTitle}, ${formatDateTime(order.startsAt, order.timeZone, language, order.currency)}, ${order.venueName}`)],
  ];
  let y = 175;
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').text(label, 50, y, { width: 120 });
    doc.font('Helvetica').text(value, 170, y, { width: 375 });
    y = Math.max(doc.y, y + 14) + 2;
  }

  y += 14;
  doc.font('Helvetica-Bold').text(s.pdf.description, 50, y).text(s.pdf.quantity, 380, y, { width: 40, align: 'right' }).text(s.pdf.amount, 445, y, { width: 100, align: 'right' });
  y += 16;
  doc.moveTo(50, y).lineTo(545, y).stroke();
  doc.font('Helvetica');
  for (const line of order.lines) {
    y += 6;
    if (y > 780) {
      doc.addPage();
      y = 50;
    }
    doc.text(ansi(lineLabel(line, s)), 50, y, { width: 320 });
    const bottom = doc.y;
    doc.text(String(line.quantity), 380, y, { width: 40, align: 'right' }).text(money(line.amount), 445, y, { width: 100, align: 'right' });
    y = Math.max(bottom, y + 12);
  }
  y += 6;
  doc.moveTo(50, y).lineTo(545, y).stroke();
  doc.font('Helvetica-Bold').text(s.total, 50, y + 8).text(money(order.total), 445, y + 8, { width: 100, align: 'right' });
  doc.font('Helvetica').text(s.pdf.paymentNote, 50, y + 36, { width: 495 });
  if (!hasQrBill(invoice, order.currency)) doc.text(`${s.invoice.account}: ${formatIban(c.account)}`, 50).text(`${s.invoice.reference}: ${invoice.reference}`, 50);

  if (hasQrBill(invoice, order.currency)) {
    const bill = new SwissQRBill(
      {
        currency: order.currency as 'CHF' | 'EUR',
        amount: order.total / 100,
        reference: invoice.reference,
        message: `${s.orderNumber} ${order.orderNumber}`,
        creditor: { name: c.name, address: c.address, buildingNumber: c.buildingNumber, zip: c.zip, city: c.city, country: c.country, account: c.account },
      },
      { language: language.toUpperCase() as 'FR' | 'DE' | 'IT' | 'EN' },
    );
    // Placed at the bottom of the page, or on a page of its own when the lines left no room.
    bill.attachTo(doc);
  }
  doc.end();
  return bytes;
}
