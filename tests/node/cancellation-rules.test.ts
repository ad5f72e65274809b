import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CancellableTicket, netTicketCost, planCancellation, type RefundMethod, refundStatusOf } from '../../worker/src/domain/cancellation.js';
import { csvRow, decimalAmount, toCsv } from '../../worker/src/domain/csv.js';

/** Properties of the pure cancellation rules and of the CSV writer. */

const methods: RefundMethod[] = ['none', 'cash', 'bank_transfer', 'card_refund', 'voucher'];

const ticketArb = fc.record({
  price: fc.integer({ min: 0, max: 20_000 }),
  discountShare: fc.integer({ min: 0, max: 100 }),
  status: fc.constantFrom<CancellableTicket['status']>('valid', 'valid', 'valid', 'cancelled', 'exchanged'),
});

const scenario = fc
  .record({
    tickets: fc.array(ticketArb, { minLength: 1, maxLength: 12 }),
    fees: fc.integer({ min: 0, max: 5_000 }),
    vouchers: fc.integer({ min: 0, max: 30_000 }),
    earlierTotal: fc.integer({ min: 0, max: 30_000 }),
    earlierCardShare: fc.integer({ min: 0, max: 100 }),
    cardPaid: fc.boolean(),
    scope: fc.constantFrom<'order' | 'tickets'>('order', 'tickets'),
    pick: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    method: fc.constantFrom(...methods),
    amount: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: undefined }),
  })
  .map((s) => {
    const tickets = s.tickets.map((t, i) => ({ id: `tkt_${i}`, number: `T${String(i).padStart(3, '0')}-AAAA-BBBB`, price: t.price, discount: Math.floor((t.price * t.discountShare) / 100), status: t.status }));
    const total = netTicketCost(tickets) + s.fees;
    const paidByVouchers = Math.min(s.vouchers, total);
    const money = total - paidByVouchers;
    const earlier = { total: Math.min(s.earlierTotal, money), card: 0 };
    earlier.card = s.cardPaid ? Math.floor((earlier.total * s.earlierCardShare) / 100) : 0;
    return { ...s, tickets, order: { status: 'paid' as const, total, paidByVouchers }, earlier, cardCharged: s.cardPaid ? money : 0 };
  });

describe('cancellation rules', () => {
  it('never refunds more than was paid in money, nor by card more than the charge, and cancels only valid tickets', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const numbers = s.tickets.filter((_, i) => s.pick[i]).map((t) => t.number);
        const plan = planCancellation(s.order, s.tickets, { scope: s.scope, ticketNumbers: numbers, refundMethod: s.method, refundAmount: s.amount }, s.earlier, s.cardCharged);
        if (!plan.ok) return;
        const money = s.order.total - s.order.paidByVouchers;
        expect(plan.refundAmount).toBeGreaterThanOrEqual(0);
        expect(s.earlier.total + plan.refundAmount).toBeLessThanOrEqual(money);
        if (s.method === 'card_refund') expect(s.earlier.card + plan.refundAmount).toBeLessThanOrEqual(s.cardCharged);
        if (s.method === 'none') expect(plan.refundAmount).toBe(0);
        expect(plan.tickets.every((t) => t.status === 'valid')).toBe(true);
        expect(plan.tickets.length).toBeGreaterThan(0);
        if (s.amount === undefined) expect(plan.refundAmount).toBeLessThanOrEqual(netTicketCost(plan.tickets));
        if (s.scope === 'order') expect(plan.wholeOrder).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refunds by default what the tickets cost net of discount, without fees', () => {
    const tickets = [
      { id: 'a', number: 'TAAA-0000-0001', price: 6800, discount: 680, status: 'valid' as const },
      { id: 'b', number: 'TAAA-0000-0002', price: 5200, discount: 0, status: 'valid' as const },
    ];
    const order = { status: 'paid' as const, total: 6120 + 5200 + 300, paidByVouchers: 0 };
    const plan = planCancellation(order, tickets, { scope: 'tickets', ticketNumbers: ['taaa-0000-0001'], refundMethod: 'cash' }, { total: 0, card: 0 }, 0);
    expect(plan).toMatchObject({ ok: true, refundAmount: 6120, wholeOrder: false });
    const whole = planCancellation({ ...order, paidByVouchers: 5000 }, tickets, { scope: 'order', refundMethod: 'cash' }, { total: 0, card: 0 }, 0);
    expect(whole).toMatchObject({ ok: true, refundAmount: 6120 + 5200 - 5000, wholeOrder: true });
    expect(planCancellation(order, tickets, { scope: 'order', refundMethod: 'card_refund' }, { total: 0, card: 0 }, 0)).toMatchObject({ ok: false, code: 'card_refund_not_possible' });
  });

  it('keeps unpaid invoice orders whole and unrefunded, and leaves other orders alone', () => {
    const invoiced = { status: 'invoiced' as const, total: 10_400, paidByVouchers: 0 };
    expect(planCancellation(invoiced, [], { scope: 'tickets', ticketNumbers: ['TAAA-0000-0001'], refundMethod: 'none' }, { total: 0, card: 0 }, 0)).toMatchObject({ code: 'invoice_order_whole_only' });
    expect(planCancellation(invoiced, [], { scope: 'order', refundMethod: 'bank_transfer' }, { total: 0, card: 0 }, 0)).toMatchObject({ code: 'refund_not_possible' });
    expect(planCancellation(invoiced, [], { scope: 'order', refundMethod: 'none' }, { total: 0, card: 0 }, 0)).toMatchObject({ ok: true, refundAmount: 0, wholeOrder: true });
    for (const status of ['pending', 'expired'] as const) {
      expect(planCancellation({ ...invoiced, status }, [], { scope: 'order', refundMethod: 'none' }, { total: 0, card: 0 }, 0)).toMatchObject({ code: 'order_not_cancellable' });
    }
    expect(planCancellation({ ...invoiced, status: 'cancelled' }, [], { scope: 'order', refundMethod: 'none' }, { total: 0, card: 0 }, 0)).toMatchObject({ code: 'order_already_cancelled' });
  });

  it('says how a refund stands', () => {
    expect(refundStatusOf('card_refund', 100, [])).toBe('pending');
    expect(refundStatusOf('card_refund', 100, ['declined'])).toBe('failed');
    expect(refundStatusOf('card_refund', 100, ['declined', 'refunded'])).toBe('refunded');
    expect(refundStatusOf('cash', 100, [])).toBe('recorded');
    expect(refundStatusOf('voucher', 100, [])).toBe('voucher_issued');
    expect(refundStatusOf('bank_transfer', 0, [])).toBe('none');
  });
});

/** An RFC 4180 reader, to check that what we write reads back as it was. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('reads back every field as written (formulas neutralized by a leading apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 10 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const header = table[0]!.map((_, i) => `c${i}`);
        const read = parseCsv(toCsv(header, table));
        expect(read[0]).toEqual(header);
        expect(read.slice(1)).toEqual(table.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) && !/^-\d+(\.\d+)?$/.test(v) ? `'${v}` : v))));
      }),
      { numRuns: 500 },
    );
  });

  it('quotes what needs it and writes amounts as decimals', () => {
    expect(csvRow(['a,b', 'say "hi"', 'two\nlines', null, 42, 'plain'])).toBe('"a,b","say ""hi""","two\nlines",,42,plain\r\n');
    expect([decimalAmount(0), decimalAmount(5), decimalAmount(5200), decimalAmount(123456)]).toEqual(['0.00', '0.05', '52.00', '1234.56']);
    // A negative amount is a number; anything else starting with "-" could be a formula.
    expect(csvRow([decimalAmount(-1250), '-1', '-1+1', '-2.5.1', '+41 79', '@SUM(A1)', '\tx'])).toBe("-12.50,-1,'-1+1,'-2.5.1,'+41 79,'@SUM(A1),'\tx\r\n");
  });
});
