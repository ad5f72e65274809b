import { displayCode } from '../../../../contract/code-format.js';
import { formatDate, formatMoney } from '../format.js';
import { type Block, type RenderedMessage, renderBlocks } from '../layout.js';
import type { Language, MessagePayloads, ProductSaleFacts } from '../messages.js';
import { productStrings } from '../product-strings.js';
import { emailStrings } from '../translations.js';
import { brandOf } from './common.js';

function saleTexts(sale: ProductSaleFacts, language: Language) {
  return {
    s: emailStrings[language],
    p: productStrings[language],
    money: (minor: number) => formatMoney(minor, sale.currency, language),
    date: (ms: number) => formatDate(ms, sale.timeZone, language, sale.currency),
  };
}

const footer = (sale: ProductSaleFacts, t: ReturnType<typeof saleTexts>) => `${sale.shopName}${sale.orderNumber ? ` · ${t.p.orderNumber} ${sale.orderNumber}` : ''}\n${t.s.automatic}`;

/** A pass bought in the shop: its code (the holder's key), what it covers and how to book with it. */
export function passIssued(payload: MessagePayloads['pass_issued'], language: Language): RenderedMessage {
  const { sale, pass } = payload;
  const t = saleTexts(sale, language);
  const rows: [string, string][] = [
    [t.p.code, displayCode(pass.code)],
    [t.p.pass.holder, pass.holderName],
    [pass.productName, `${t.p.pass.performances(pass.maxPerformances)}\n${t.p.pass.seats(pass.seatsPerPerformance)}`],
  ];
  if (pass.validUntil !== null) rows.push([t.p.pass.validUntil, t.date(pass.validUntil)]);
  // Issued by the organizer (a gift, or sold at the box office): no purchase to show.
  if (sale.orderNumber) rows.push([t.p.paid, t.money(sale.amount)]);
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(sale.buyerName) },
    { type: 'paragraph', text: t.p.pass.intro(pass.productName) },
    ...(pass.description ? [{ type: 'paragraph' as const, text: pass.description }] : []),
    { type: 'facts', rows },
    { type: 'paragraph', text: `${t.p.pass.howTo} ${t.p.keepCode}` },
    { type: 'paragraph', text: t.s.signoff(sale.shopName) },
  ];
  return renderBlocks(t.p.pass.subject(pass.productName), brandOf(sale), blocks, footer(sale, t));
}

/** A gift voucher bought in the shop: its code, value and expiry, and how to pay with it. */
export function voucherIssued(payload: MessagePayloads['voucher_issued'], language: Language): RenderedMessage {
  const { sale, voucher } = payload;
  const t = saleTexts(sale, language);
  const value = t.money(voucher.amount);
  const rows: [string, string][] = [
    [t.p.code, displayCode(voucher.code)],
    [t.p.voucher.value, value],
    ...(voucher.recipientName ? [[t.p.voucher.recipient, voucher.recipientName] as [string, string]] : []),
    [t.p.voucher.expires, voucher.expiresAt === null ? t.p.voucher.noExpiry : t.date(voucher.expiresAt)],
  ];
  const blocks: Block[] = [
    { type: 'paragraph', text: t.s.greeting(sale.buyerName) },
    { type: 'paragraph', text: t.p.voucher.intro(value) },
    { type: 'facts', rows },
    { type: 'paragraph', text: `${t.p.voucher.howTo} ${t.p.keepCode}` },
    { type: 'paragraph', text: t.s.signoff(sale.shopName) },
  ];
  return renderBlocks(t.p.voucher.subject(value), brandOf(sale), blocks, footer(sale, t));
}
