import type { SeatPlace } from '../../../db/schema/orders.js';
import { formatDateTime, formatMoney, formatTime } from '../email/format.js';
import type { Language } from '../email/messages.js';
import { pdfFont } from '../email/pdf-fonts/files.js';
import { emailStrings } from '../email/translations.js';
import { qrRuns } from './qr-vector.js';
import { type TicketPdfStrings, ticketPdfStrings } from './ticket-pdf-strings.js';

export const ticketLayouts = ['a4', 'thermal'] as const;
export type TicketLayout = (typeof ticketLayouts)[number];

/** One ticket as it is printed. `price`: what it cost (price − discount); null when unknown (an e-mail queued before prices were kept). */
export interface TicketOnPaper {
  number: string;
  seat: SeatPlace | null;
  /** The stored English label, printed only when the seat's parts are unknown. */
  seatLabel: string | null;
  tariffName: string;
  price: number | null;
  qrPayload: string;
  /** Its performance: an order's tickets share one, but an exchange may move a ticket to another date. */
  performance: PerformanceOnPaper;
}

/** The event, date and venue, with the event's texts in the reader's language already. */
export interface PerformanceOnPaper {
  eventTitle: string;
  eventSubtitle: string;
  startsAt: number;
  doorsAt: number | null;
  venueName: string;
  venueAddress: string;
}

/** The tickets of one order and what they share. */
export interface TicketDocument {
  shopName: string;
  timeZone: string;
  currency: string;
  orderNumber: string;
  buyerName: string;
  /** The organizer's conditions (shop setting) in the reader's language, or null. */
  conditions: string | null;
  tickets: TicketOnPaper[];
}

const mm = 72 / 25.4;
/** 80 mm roll paper: the printable width of the usual box office printers is this or a little less. */
export const thermalWidth = 80 * mm;

/**
 * The tickets of an order as a PDF, one ticket per page: `a4` to print at home, `thermal` for
 * an 80 mm box office printer (a page as high as its ticket). The QR code is drawn as vector
 * squares from the signed payload, so it scans however the page is printed or zoomed.
 * Runs on Node and in workerd alike; pdfkit is loaded on first use only.
 */
export async function ticketsPdf(document: TicketDocument, layout: TicketLayout, language: Language): Promise<Uint8Array> {
  const { newPdfDocument, toBytes } = await import('../email/pdf-kit.js');
  const words = ticketPdfStrings[language];
  const first = document.tickets[0]?.performance;
  const doc = await newPdfDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: `${words.title(document.orderNumber)} · ${first?.eventTitle ?? ''}`, Author: document.shopName, Subject: first?.eventTitle ?? '' },
  });
  const bytes = toBytes(doc);
  const print = layout === 'a4' ? printA4 : printThermal;
  for (const ticket of document.tickets) print(doc, ticketText(document, ticket, language, words), ticket);
  doc.end();
  return bytes;
}

/** Every text of one ticket, formatted for its reader. */
interface TicketText {
  words: TicketPdfStrings;
  shop: string;
  title: string;
  subtitle: string;
  when: string;
  doors: string | null;
  venue: string;
  address: string;
  seat: string;
  tariff: string;
  price: string | null;
  holder: string;
  ticketNumber: string;
  orderNumber: string;
  conditions: string | null;
}

function ticketText(d: TicketDocument, ticket: TicketOnPaper, language: Language, words: TicketPdfStrings): TicketText {
  const s = emailStrings[language];
  const p = ticket.performance;
  return {
    words,
    shop: d.shopName,
    title: p.eventTitle,
    subtitle: p.eventSubtitle,
    when: formatDateTime(p.startsAt, d.timeZone, language, d.currency),
    doors: p.doorsAt === null ? null : formatTime(p.doorsAt, d.timeZone, language, d.currency),
    venue: p.venueName,
    address: p.venueAddress,
    seat: ticket.seat ? s.seatPlace(ticket.seat) : (ticket.seatLabel ?? words.generalAdmission),
    tariff: ticket.tariffName,
    price: ticket.price === null ? null : formatMoney(ticket.price, d.currency, language),
    holder: d.buyerName,
    ticketNumber: ticket.number,
    orderNumber: d.orderNumber,
    conditions: d.conditions?.trim() || null,
  };
}

/** The QR code, `width` points wide with its top left corner at (x, y), black on white. */
function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, width: number) {
  const { size, runs } = qrRuns(payload);
  const unit = width / size;
  doc.save();
  for (const run of runs) doc.rect(x + run.x * unit, y + run.y * unit, run.width * unit, unit);
  doc.fillColor('black').fill();
  doc.restore();
}

const grey = '#555555';

/** A4 portrait, print at home: the ticket in a frame at the top, the conditions under it. */
function printA4(doc: PDFKit.PDFDocument, t: TicketText, ticket: TicketOnPaper) {
  doc.addPage({ size: 'A4', margin: 0 });
  const left = 50;
  const top = 50;
  const frameWidth = 495;
  const qrSize = 170; // 60 mm: scans from a phone's screen and from any printer
  const qrX = left + frameWidth - 20 - qrSize;
  const textWidth = qrX - left - 35;

  doc.font(pdfFont.regular).fontSize(9).fillColor(grey).text(t.shop.toUpperCase(), left + 20, top + 20, { width: frameWidth - 40, characterSpacing: 0.5 });
  doc.font(pdfFont.bold).fontSize(22).fillColor('black').text(t.title, left + 20, top + 40, { width: textWidth });
  if (t.subtitle) doc.font(pdfFont.regular).fontSize(12).fillColor(grey).text(t.subtitle, { width: textWidth });
  doc.moveDown(0.6);

  const facts: [string, string][] = [
    [t.words.when, t.when],
    ...(t.doors ? [[t.words.doors, t.doors] as [string, string]] : []),
    [t.words.venue, [t.venue, t.address].filter(Boolean).join('\n')],
    [t.words.seat, t.seat],
    [t.words.tariff, t.tariff],
    ...(t.price ? [[t.words.price, t.price] as [string, string]] : []),
    [t.words.holder, t.holder],
  ];
  for (const [label, value] of facts) {
    doc.font(pdfFont.regular).fontSize(8).fillColor(grey).text(label.toUpperCase(), left + 20, doc.y, { width: textWidth, characterSpacing: 0.3 });
    doc.font(label === t.words.seat || label === t.words.when ? pdfFont.bold : pdfFont.regular).fontSize(12).fillColor('black').text(value, { width: textWidth });
    doc.moveDown(0.45);
  }
  const factsBottom = doc.y;

  const qrY = top + 40;
  drawQr(doc, ticket.qrPayload, qrX, qrY, qrSize);
  doc.font(pdfFont.regular).fontSize(8).fillColor(grey).text(t.words.ticketNumber.toUpperCase(), qrX, qrY + qrSize + 12, { width: qrSize, align: 'center' });
  doc.font(pdfFont.bold).fontSize(14).fillColor('black').text(t.ticketNumber, qrX, doc.y, { width: qrSize, align: 'center' });
  doc.font(pdfFont.regular).fontSize(9).fillColor(grey).text(`${t.words.orderNumber} ${t.orderNumber}`, qrX, doc.y + 2, { width: qrSize, align: 'center' });
  const qrBottom = doc.y;

  const bottom = Math.max(factsBottom, qrBottom) + 10;
  doc.font(pdfFont.regular).fontSize(9).fillColor(grey).text(t.words.atTheDoor, left + 20, bottom, { width: frameWidth - 40 });
  const frameBottom = doc.y + 16;
  doc.save().lineWidth(1).strokeColor('#999999').roundedRect(left, top, frameWidth, frameBottom - top, 8).stroke().restore();

  if (t.conditions) {
    doc.font(pdfFont.bold).fontSize(10).fillColor('black').text(t.words.conditions, left, frameBottom + 24, { width: frameWidth });
    // Long conditions shrink rather than run onto a second page: one ticket, one sheet.
    const room = 842 - 40 - doc.y;
    let size = 9;
    doc.font(pdfFont.regular);
    while (size > 5 && doc.fontSize(size).heightOfString(t.conditions, { width: frameWidth }) > room) size -= 0.5;
    doc.fontSize(size).fillColor(grey).text(t.conditions, left, doc.y + 4, { width: frameWidth, height: room, ellipsis: true });
  }
  doc.fillColor('black');
}

/** 80 mm roll: one ticket per page, the page as long as the ticket, type large enough for a 203 dpi head. */
function printThermal(doc: PDFKit.PDFDocument, t: TicketText, ticket: TicketOnPaper) {
  const margin = 4 * mm;
  const width = thermalWidth - 2 * margin;
  const qrSize = 58 * mm;
  // What goes on the ticket, top to bottom; the page's height is their sum (pdfkit fixes the size when the page is added).
  const blocks: { text: string; font: string; size: number; color?: string; gap?: number; align?: 'center' | 'left' }[] = [
    { text: t.shop, font: pdfFont.regular, size: 9, color: grey, align: 'center' },
    { text: t.title, font: pdfFont.bold, size: 16, gap: 4, align: 'center' },
    ...(t.subtitle ? [{ text: t.subtitle, font: pdfFont.regular, size: 10, color: grey, align: 'center' as const }] : []),
    { text: t.when, font: pdfFont.bold, size: 12, gap: 6, align: 'center' },
    ...(t.doors ? [{ text: `${t.words.doors} ${t.doors}`, font: pdfFont.regular, size: 10, align: 'center' as const }] : []),
    { text: [t.venue, t.address].filter(Boolean).join('\n'), font: pdfFont.regular, size: 10, gap: 4, align: 'center' },
    { text: t.seat, font: pdfFont.bold, size: 15, gap: 10, align: 'center' },
    { text: [t.tariff, t.price].filter(Boolean).join(' · '), font: pdfFont.regular, size: 12, gap: 2, align: 'center' },
    { text: t.holder, font: pdfFont.regular, size: 11, gap: 2, align: 'center' },
  ];
  const after: typeof blocks = [
    { text: `${t.words.ticket} ${t.ticketNumber}`, font: pdfFont.bold, size: 13, gap: 6, align: 'center' },
    { text: `${t.words.orderNumber} ${t.orderNumber}`, font: pdfFont.regular, size: 9, color: grey, align: 'center' },
    ...(t.conditions ? [{ text: t.conditions, font: pdfFont.regular, size: 7.5, color: grey, gap: 10, align: 'left' as const }] : []),
  ];
  const heightOf = (list: typeof blocks) => list.reduce((sum, b) => sum + (b.gap ?? 0) + doc.font(b.font).fontSize(b.size).heightOfString(b.text, { width }), 0);
  const qrGap = 12;
  const height = margin + heightOf(blocks) + qrGap + qrSize + heightOf(after) + margin + 8 * mm; // the tail: room for the cutter
  doc.addPage({ size: [thermalWidth, Math.ceil(height)], margin: 0 });
  let y = margin;
  const put = (list: typeof blocks) => {
    for (const b of list) {
      y += b.gap ?? 0;
      doc.font(b.font).fontSize(b.size).fillColor(b.color ?? 'black').text(b.text, margin, y, { width, align: b.align ?? 'left' });
      y = doc.y;
    }
  };
  put(blocks);
  y += qrGap;
  drawQr(doc, ticket.qrPayload, (thermalWidth - qrSize) / 2, y, qrSize);
  y += qrSize;
  put(after);
  doc.fillColor('black');
}
