import { formatReference } from 'swissqrbill/utils';
import { formatDate, formatDateTime, formatIban, formatMoney } from './format.js';
import type { InvoiceFacts, Language, OrderFacts } from './messages.js';
import { pdfFont } from './pdf-fonts/files.js';
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

/**
 * The invoice as a one-page A4 PDF (more pages only for very long orders): creditor, buyer,
 * lines, total, deadline and reference, and at the bottom the Swiss QR-bill payment part.
 * Runs on Node and in workerd alike; DejaVu Sans prints any buyer's name and Intl's narrow
 * no-break spaces (French amounts) as they are.
 */
export async function invoicePdf({ order, invoice, language, stamp = null }: InvoicePdfInput): Promise<Uint8Array> {
  const { newPdfDocument, toBytes, SwissQRBill } = await import('./pdf-kit.js');
  const s = emailStrings[language];
  const money = (minor: number) => formatMoney(minor, order.currency, language);
  const date = (ms: number) => formatDate(ms, order.timeZone, language, order.currency);
  const title = `${s.pdf.title} ${order.orderNumber}`;
  const doc = await newPdfDocument({ size: 'A4', margin: 50, info: { Title: title, Author: invoice.creditor.name, Subject: order.eventTitle } });
  const bytes = toBytes(doc);
  const c = invoice.creditor;

  doc.font(pdfFont.bold).fontSize(12).text(c.name, 50, 50);
  doc.font(pdfFont.regular).fontSize(10).text(`${c.address}${c.buildingNumber ? ` ${c.buildingNumber}` : ''}`).text(`${c.zip} ${c.city}`).text(c.country);
  doc.font(pdfFont.bold).text(s.pdf.billTo, 330, 50).font(pdfFont.regular).text(order.buyerName, 330);

  doc.font(pdfFont.bold).fontSize(18).text(title, 50, 140);
  if (stamp) doc.fillColor(stamp === 'paid' ? '#1a7f37' : '#b42318').fontSize(18).text(stamp === 'paid' ? s.pdf.paid : s.pdf.cancelled, 400, 140).fillColor('black');
  doc.font(pdfFont.regular).fontSize(10).moveDown(0.5);
  const facts: [string, string][] = [
    [s.pdf.date, date(invoice.issuedAt)],
    [s.pdf.due, date(invoice.dueAt)],
    [s.invoice.reference, formatReference(invoice.reference)],
    // Day and time in the shop's time zone: the buyer needs both to know which performance.
    [s.performance, `${order.eventTitle}, ${formatDateTime(order.startsAt, order.timeZone, language, order.currency)}, ${order.venueName}`],
  ];
  let y = 175;
  for (const [label, value] of facts) {
    doc.font(pdfFont.bold).text(label, 50, y, { width: 120 });
    doc.font(pdfFont.regular).text(value, 170, y, { width: 375 });
    y = Math.max(doc.y, y + 14) + 2;
  }

  y += 14;
  doc.font(pdfFont.bold).text(s.pdf.description, 50, y).text(s.pdf.quantity, 380, y, { width: 40, align: 'right' }).text(s.pdf.amount, 445, y, { width: 100, align: 'right' });
  y += 16;
  doc.moveTo(50, y).lineTo(545, y).stroke();
  doc.font(pdfFont.regular);
  for (const line of order.lines) {
    y += 6;
    if (y > 780) {
      doc.addPage();
      y = 50;
    }
    doc.text(lineLabel(line, s), 50, y, { width: 320 });
    const bottom = doc.y;
    doc.text(String(line.quantity), 380, y, { width: 40, align: 'right' }).text(money(line.amount), 445, y, { width: 100, align: 'right' });
    y = Math.max(bottom, y + 12);
  }
  y += 6;
  doc.moveTo(50, y).lineTo(545, y).stroke();
  doc.font(pdfFont.bold).text(s.total, 50, y + 8).text(money(order.total), 445, y + 8, { width: 100, align: 'right' });
  doc.font(pdfFont.regular).text(s.pdf.paymentNote, 50, y + 36, { width: 495 });
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
