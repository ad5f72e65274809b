import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HoldItem,
  insurancePremium,
  type PassOffer,
  priceOrder,
  type PricingInput,
  type PricingPolicy,
  type PromoOffer,
  roundHalfUp,
  shareByLargestRemainder,
  type VoucherOffer,
} from '../../worker/src/domain/pricing.js';

const EVENT = 'evt_a';
const PERFORMANCE = 'prf_a';
const zones = ['zon_1', 'zon_2', 'zon_3'];
const tariffIds = ['trf_1', 'trf_2', 'trf_3', 'trf_4'];

const seat = (tariffName: string, unitPrice: number, seatId: number, zoneId = 'zon_1'): HoldItem => ({
  tariffId: `trf_${tariffName.toLowerCase()}`,
  tariffName,
  zoneId,
  unitPrice,
  quantity: 1,
  seatId,
  seatLabel: `Parterre, row A, seat ${seatId}`,
  seat: { section: 'Parterre', row: 'A', number: String(seatId) },
});
const ga = (tariffName: string, unitPrice: number, quantity: number): HoldItem => ({
  tariffId: `trf_${tariffName.toLowerCase()}`,
  tariffName,
  zoneId: null,
  unitPrice,
  quantity,
  seatId: null,
  seatLabel: null,
});
const promo = (overrides: Partial<PromoOffer>): PromoOffer => ({
  id: 'prm_1',
  code: 'PROMO',
  discountType: 'percent',
  discountValue: 10,
  per: 'ticket',
  eventIds: [],
  performanceIds: [],
  zoneIds: [],
  tariffIds: [],
  minTickets: 1,
  maxTicketsPerOrder: null,
  ...overrides,
});
const policy: PricingPolicy = { currency: 'CHF', serviceFeePerTicket: 0 };
const price = (input: Omit<PricingInput, 'eventId' | 'performanceId'>, p: PricingPolicy = policy) =>
  priceOrder({ eventId: EVENT, performanceId: PERFORMANCE, ...input }, p);

describe('pricing: examples', () => {
  it('prices nothing as zero', () => {
    expect(price({ items: [] })).toMatchObject({ lines: [], tickets: [], ticketCount: 0, subtotal: 0, fees: 0, total: 0, amountDue: 0 });
  });

  it('makes one line per seat and per general-admission tariff, in minor units, naming the tariff and the seat in parts', () => {
    const priced = price({ items: [seat('Plein', 6800, 12), ga('Etudiant', 2500, 3)] }, { currency: 'EUR', serviceFeePerTicket: 0 });
    expect(priced.lines).toEqual([
      { kind: 'ticket', label: 'Plein · Parterre, row A, seat 12', tariffName: 'Plein', seat: { section: 'Parterre', row: 'A', number: '12' }, tariffId: 'trf_plein', seatId: 12, quantity: 1, unitAmount: 6800, amount: 6800 },
      { kind: 'ticket', label: 'Etudiant', tariffName: 'Etudiant', tariffId: 'trf_etudiant', seatId: null, quantity: 3, unitAmount: 2500, amount: 7500 },
    ]);
    expect(priced).toMatchObject({ currency: 'EUR', ticketCount: 4, subtotal: 14300, fees: 0, total: 14300 });
  });

  it('charges the service fee per ticket that still costs something', () => {
    const priced = price({ items: [ga('Plein', 3500, 2), ga('Gratuit', 0, 3)] }, { currency: 'CHF', serviceFeePerTicket: 150 });
    expect(priced.lines.at(-1)).toEqual({ kind: 'fee', label: 'Service fee', tariffId: null, seatId: null, quantity: 2, unitAmount: 150, amount: 300 });
    expect(priced).toMatchObject({ ticketCount: 5, subtotal: 7000, fees: 300, total: 7300 });
  });

  it('rounds a per-ticket percentage on each ticket, half up', () => {
    // 15 % of 3,350 is 502.5 → 503 on each of the two tickets.
    const priced = price({ items: [seat('Plein', 3350, 1), seat('Plein', 3350, 2)], promo: promo({ discountValue: 15 }) });
    expect(priced.tickets.map((t) => t.discount)).toEqual([503, 503]);
    expect(priced.lines.at(-1)).toMatchObject({ kind: 'discount', code: 'PROMO', quantity: 2, amount: -1006 });
    expect(priced.total).toBe(6700 - 1006);
  });

  it('rounds a per-order percentage once and shares it exactly over the tickets', () => {
    // 10 % of 1,001 + 1,001 + 1,001 = 300.3 → 300, shared 100 / 100 / 100.
    const priced = price({ items: [seat('A', 1001, 1), seat('A', 1001, 2), seat('A', 1001, 3)], promo: promo({ per: 'order' }) });
    expect(priced.discount).toBe(300);
    expect(priced.tickets.map((t) => t.discount)).toEqual([100, 100, 100]);
    // 33 % of 100 + 100 + 100 = 99: the remainder goes to the first listed ticket.
    const odd = price({ items: [seat('A', 100, 1), seat('A', 100, 2), seat('A', 100, 3)], promo: promo({ per: 'order', discountValue: 33 }) });
    expect(odd.tickets.map((t) => t.discount)).toEqual([33, 33, 33]);
    const fixed = price({ items: [seat('A', 100, 1), seat('A', 100, 2), seat('A', 100, 3)], promo: promo({ per: 'order', discountType: 'amount', discountValue: 100 }) });
    expect(fixed.tickets.map((t) => t.discount)).toEqual([34, 33, 33]);
  });

  it('caps a fixed discount at what it discounts', () => {
    const perTicket = price({ items: [seat('A', 500, 1)], promo: promo({ discountType: 'amount', discountValue: 2000 }) });
    expect(perTicket).toMatchObject({ discount: 500, total: 0 });
    const perOrder = price({ items: [seat('A', 500, 1), seat('A', 700, 2)], promo: promo({ discountType: 'amount', discountValue: 5000, per: 'order' }) });
    expect(perOrder).toMatchObject({ discount: 1200, total: 0 });
  });

  it('discounts the most expensive eligible tickets first up to the per-order limit', () => {
    const priced = price({ items: [seat('A', 1000, 1), seat('B', 3000, 2), seat('C', 2000, 3)], promo: promo({ discountValue: 50, maxTicketsPerOrder: 2 }) });
    expect(priced.tickets.map((t) => t.discount)).toEqual([0, 1500, 1000]);
    expect(priced.codes[0]).toMatchObject({ applied: true, tickets: 2, amount: 2500 });
  });

  it('keeps a promo on the hold but applies nothing below its minimum, saying why', () => {
    const priced = price({ items: [seat('A', 1000, 1), seat('A', 1000, 2)], promo: promo({ minTickets: 4 }) });
    expect(priced.discount).toBe(0);
    expect(priced.codes).toEqual([{ code: 'PROMO', kind: 'promo', id: 'prm_1', applied: false, reason: 'minimum_not_reached', tickets: 0, amount: 0, minTickets: 4 }]);
  });

  it('applies a promo only inside its scope', () => {
    const items = [seat('A', 1000, 1, 'zon_1'), seat('B', 2000, 2, 'zon_2')];
    expect(price({ items, promo: promo({ zoneIds: ['zon_2'] }) }).tickets.map((t) => t.discount)).toEqual([0, 200]);
    expect(price({ items, promo: promo({ tariffIds: ['trf_a'] }) }).tickets.map((t) => t.discount)).toEqual([100, 0]);
    expect(price({ items, promo: promo({ eventIds: ['evt_other'] }) }).codes[0]).toMatchObject({ applied: false, reason: 'not_valid_for_selection' });
    expect(price({ items, promo: promo({ performanceIds: [PERFORMANCE] }) }).discount).toBe(300);
  });

  it('lets an unlock-only code apply without a discount line', () => {
    const priced = price({ items: [seat('Membre', 2000, 1)], promo: promo({ discountType: 'none', discountValue: 0 }) });
    expect(priced.codes[0]).toMatchObject({ applied: true, amount: 0 });
    expect(priced.lines.map((l) => l.kind)).toEqual(['ticket']);
  });

  it('books pass seats at zero price, most expensive first, within the seats left', () => {
    const pass: PassOffer = { id: 'pas_1', code: 'PASS1', zoneIds: [], seatsLeft: 1 };
    const priced = price({ items: [seat('A', 4000, 1), seat('B', 6000, 2)], passes: [pass] }, { currency: 'CHF', serviceFeePerTicket: 150 });
    expect(priced.tickets.map((t) => [t.passId, t.netPrice, t.fee])).toEqual([
      [null, 4000, 150],
      ['pas_1', 0, 0],
    ]);
    expect(priced.lines.find((l) => l.kind === 'pass')).toMatchObject({ code: 'PASS1', quantity: 1, amount: -6000 });
    expect(priced.total).toBe(4150);
    expect(price({ items: [seat('A', 4000, 1)], passes: [{ ...pass, seatsLeft: 0 }] }).codes[0]).toMatchObject({ applied: false, reason: 'pass_used_up' });
    expect(price({ items: [seat('A', 4000, 1)], passes: [{ ...pass, zoneIds: ['zon_9'] }] }).codes[0]).toMatchObject({ applied: false, reason: 'not_valid_for_selection' });
  });

  it('does not discount a ticket a pass already booked', () => {
    const priced = price({ items: [seat('A', 4000, 1), seat('B', 6000, 2)], passes: [{ id: 'pas_1', code: 'P', zoneIds: [], seatsLeft: 1 }], promo: promo({ discountValue: 50 }) });
    expect(priced.tickets.map((t) => [t.passId, t.discount])).toEqual([
      [null, 2000],
      ['pas_1', 6000],
    ]);
  });

  it('adds insurance per ticket that costs something, with its minimum, as its own line', () => {
    const insured: PricingPolicy = { currency: 'CHF', serviceFeePerTicket: 0, insurance: { rateBasisPoints: 600, minimumPremium: 200 } };
    const priced = price({ items: [seat('A', 6800, 1), seat('B', 2000, 2), seat('Free', 0, 3)], insured: true }, insured);
    // 6 % of 68.00 = 4.08; 6 % of 20.00 = 1.20 → the minimum 2.00; the free ticket is not insured.
    expect(priced.tickets.map((t) => t.insurancePremium)).toEqual([408, 200, 0]);
    expect(priced.lines.at(-1)).toEqual({ kind: 'insurance', label: 'Cancellation insurance', tariffId: null, seatId: null, quantity: 2, unitAmount: 0, amount: 608 });
    expect(priced.total).toBe(8800 + 608);
    expect(price({ items: [seat('A', 6800, 1)], insured: false }, insured).insurance).toBe(0);
    expect(price({ items: [seat('A', 6800, 1)], insured: true }, policy).insurance).toBe(0);
  });

  it('pays with vouchers earliest expiry first, each up to its balance, and keeps the rest', () => {
    const vouchers: VoucherOffer[] = [
      { id: 'vch_b', code: 'LATER', balance: 10000, expiresAt: 2_000 },
      { id: 'vch_a', code: 'SOON', balance: 3000, expiresAt: 1_000 },
    ];
    const priced = price({ items: [seat('A', 5000, 1)], vouchers });
    expect(priced.vouchers).toEqual([
      { id: 'vch_a', code: 'SOON', amount: 3000, balanceAfter: 0 },
      { id: 'vch_b', code: 'LATER', amount: 2000, balanceAfter: 8000 },
    ]);
    expect(priced).toMatchObject({ total: 5000, paidByVouchers: 5000, amountDue: 0 });
    const spare = price({ items: [seat('A', 1000, 1)], vouchers });
    expect(spare.codes.find((c) => c.code === 'LATER')).toMatchObject({ applied: false, reason: 'nothing_to_pay', amount: 0, balanceAfter: 10000 });
  });
});

describe('pricing: helpers', () => {
  it('rounds halves up', () => {
    expect(roundHalfUp(5025, 10)).toBe(503);
    expect(roundHalfUp(5024, 10)).toBe(502);
    expect(roundHalfUp(0, 100)).toBe(0);
    expect(insurancePremium(0, { rateBasisPoints: 600, minimumPremium: 200 })).toBe(0);
  });

  it('shares exactly, never more than a weight, in proportion', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const total = Math.floor(sum * fraction);
        const shares = shareByLargestRemainder(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((share, i) => {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(weights[i]!);
          // Each share is within one minor unit of its exact proportion.
          if (sum > 0) expect(Math.abs(share - (total * weights[i]!) / sum)).toBeLessThan(1);
        });
      }),
    );
  });
});

const itemArb = fc.record({
  unitPrice: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
  quantity: fc.integer({ min: 1, max: 6 }),
  seated: fc.boolean(),
  zone: fc.constantFrom(...zones),
  tariff: fc.constantFrom(...tariffIds),
});
const promoArb: fc.Arbitrary<PromoOffer> = fc
  .record({
    discountType: fc.constantFrom('percent' as const, 'amount' as const, 'none' as const),
    percent: fc.integer({ min: 1, max: 100 }),
    amount: fc.integer({ min: 0, max: 300_000 }),
    per: fc.constantFrom('ticket' as const, 'order' as const),
    zoneIds: fc.subarray(zones),
    tariffIds: fc.subarray(tariffIds),
    minTickets: fc.integer({ min: 1, max: 5 }),
    maxTicketsPerOrder: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  })
  .map((p) =>
    promo({
      discountType: p.discountType,
      discountValue: p.discountType === 'percent' ? p.percent : p.discountType === 'amount' ? p.amount : 0,
      per: p.per,
      zoneIds: p.zoneIds,
      tariffIds: p.tariffIds,
      minTickets: p.minTickets,
      maxTicketsPerOrder: p.maxTicketsPerOrder,
    }),
  );
const passesArb = fc.uniqueArray(
  fc.record({ n: fc.integer({ min: 1, max: 20 }), zoneIds: fc.subarray(zones), seatsLeft: fc.integer({ min: 0, max: 4 }) }),
  { maxLength: 3, selector: (p) => p.n },
);
const vouchersArb = fc.uniqueArray(
  fc.record({ n: fc.integer({ min: 1, max: 20 }), balance: fc.integer({ min: 0, max: 500_000 }), expiresAt: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }) }),
  { maxLength: 4, selector: (v) => v.n },
);
const orderArb = fc.record({
  items: fc.array(itemArb, { maxLength: 10 }),
  promo: fc.option(promoArb, { nil: null }),
  passes: passesArb,
  vouchers: vouchersArb,
  insured: fc.boolean(),
  fee: fc.integer({ min: 0, max: 500 }),
  rate: fc.integer({ min: 0, max: 2_000 }),
  minimum: fc.integer({ min: 0, max: 1_000 }),
});
type OrderCase = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

function toInput(c: OrderCase): { input: PricingInput; policy: PricingPolicy } {
  let seatId = 0;
  const items = c.items.flatMap((i, n): HoldItem[] =>
    i.seated
      ? Array.from({ length: i.quantity }, () => ({ tariffId: i.tariff, tariffName: `T${n}`, zoneId: i.zone, unitPrice: i.unitPrice, quantity: 1, seatId: ++seatId, seatLabel: `S${seatId}` }))
      : [{ tariffId: i.tariff, tariffName: `T${n}`, zoneId: null, unitPrice: i.unitPrice, quantity: i.quantity, seatId: null, seatLabel: null }],
  );
  return {
    input: {
      eventId: EVENT,
      performanceId: PERFORMANCE,
      items,
      promo: c.promo,
      passes: c.passes.map((p) => ({ id: `pas_${p.n}`, code: `PASS${p.n}`, zoneIds: p.zoneIds, seatsLeft: p.seatsLeft })),
      vouchers: c.vouchers.map((v) => ({ id: `vch_${v.n}`, code: `VCH${v.n}`, balance: v.balance, expiresAt: v.expiresAt })),
      insured: c.insured,
    },
    policy: { currency: 'CHF', serviceFeePerTicket: c.fee, insurance: { rateBasisPoints: c.rate, minimumPremium: c.minimum } },
  };
}

describe('pricing: properties', () => {
  it('never totals below zero, and the total is the sum of its lines and of its tickets', () => {
    fc.assert(
      fc.property(orderArb, (c) => {
        const { input, policy: p } = toInput(c);
        const priced = priceOrder(input, p);
        expect(priced.total).toBeGreaterThanOrEqual(0);
        expect(priced.amountDue).toBeGreaterThanOrEqual(0);
        expect(priced.total).toBe(priced.lines.reduce((sum, l) => sum + l.amount, 0));
        expect(priced.total).toBe(priced.tickets.reduce((sum, t) => sum + t.netPrice + t.fee + t.insurancePremium, 0));
        expect(priced.total).toBe(priced.subtotal - priced.discount + priced.fees + priced.insurance);
        expect(priced.ticketCount).toBe(priced.tickets.length);
        for (const line of priced.lines.filter((l) => l.kind === 'ticket' || l.kind === 'fee')) expect(line.amount).toBe(line.unitAmount * line.quantity);
      }),
      { numRuns: 500 },
    );
  });

  it('never discounts a ticket by more than its price, nor the order by more than it discounts', () => {
    fc.assert(
      fc.property(orderArb, (c) => {
        const { input, policy: p } = toInput(c);
        const priced = priceOrder(input, p);
        for (const t of priced.tickets) {
          expect(t.discount).toBeGreaterThanOrEqual(0);
          expect(t.discount).toBeLessThanOrEqual(t.listPrice);
          expect(t.netPrice).toBe(t.listPrice - t.discount);
          if (t.passId) expect(t.netPrice).toBe(0);
        }
        expect(priced.discount).toBeLessThanOrEqual(priced.subtotal);
        // Rounding neither loses nor invents a minor unit between the tickets and the lines.
        const codeLines = priced.lines.filter((l) => l.kind === 'discount' || l.kind === 'pass');
        expect(codeLines.reduce((sum, l) => sum - l.amount, 0)).toBe(priced.discount);
        expect(priced.tickets.reduce((sum, t) => sum + t.discount, 0)).toBe(priced.discount);
        const promoOutcome = priced.codes.find((o) => o.kind === 'promo');
        if (promoOutcome?.applied && c.promo?.per === 'order' && c.promo.discountType === 'percent') {
          const base = priced.tickets.filter((t) => t.promoId).reduce((sum, t) => sum + t.listPrice, 0);
          expect(promoOutcome.amount).toBe(roundHalfUp(base * c.promo.discountValue, 100));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a pass book more seats than it has left', () => {
    fc.assert(
      fc.property(orderArb, (c) => {
        const { input, policy: p } = toInput(c);
        const priced = priceOrder(input, p);
        for (const pass of input.passes ?? []) {
          const booked = priced.tickets.filter((t) => t.passId === pass.id).length;
          expect(booked).toBeLessThanOrEqual(Math.max(0, pass.seatsLeft));
        }
      }),
    );
  });

  it('never lets a voucher pay more than its balance or the order more than its total', () => {
    fc.assert(
      fc.property(orderArb, (c) => {
        const { input, policy: p } = toInput(c);
        const priced = priceOrder(input, p);
        for (const payment of priced.vouchers) {
          const voucher = input.vouchers!.find((v) => v.id === payment.id)!;
          expect(payment.amount).toBeGreaterThan(0);
          expect(payment.amount).toBeLessThanOrEqual(voucher.balance);
          expect(payment.balanceAfter).toBe(voucher.balance - payment.amount);
        }
        expect(priced.paidByVouchers).toBe(priced.vouchers.reduce((sum, v) => sum + v.amount, 0));
        expect(priced.paidByVouchers).toBeLessThanOrEqual(priced.total);
        expect(priced.amountDue).toBe(priced.total - priced.paidByVouchers);
        const balances = (input.vouchers ?? []).reduce((sum, v) => sum + v.balance, 0);
        expect(priced.amountDue).toBe(Math.max(0, priced.total - balances));
      }),
    );
  });

  it('gives the same total whatever order the buyer typed the codes in', () => {
    fc.assert(
      fc.property(orderArb, fc.integer(), (c, seed) => {
        const { input, policy: p } = toInput(c);
        const shuffle = <T>(list: readonly T[]) => {
          const copy = [...list];
          let s = seed;
          for (let i = copy.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) & 0x7fffffff;
            const j = s % (i + 1);
            [copy[i], copy[j]] = [copy[j]!, copy[i]!];
          }
          return copy;
        };
        const a = priceOrder(input, p);
        const b = priceOrder({ ...input, passes: shuffle(input.passes ?? []), vouchers: shuffle(input.vouchers ?? []) }, p);
        expect(b.total).toBe(a.total);
        expect(b.amountDue).toBe(a.amountDue);
        expect(b.tickets).toEqual(a.tickets);
        expect([...b.vouchers].sort((x, y) => x.id.localeCompare(y.id))).toEqual([...a.vouchers].sort((x, y) => x.id.localeCompare(y.id)));
      }),
    );
  });

  it('charges an insured ticket its premium, at least the minimum, and nothing when not opted in', () => {
    fc.assert(
      fc.property(orderArb, (c) => {
        const { input, policy: p } = toInput(c);
        const priced = priceOrder(input, p);
        for (const t of priced.tickets) {
          if (!c.insured || t.netPrice === 0) expect(t.insurancePremium).toBe(0);
          else {
            expect(t.insurancePremium).toBe(Math.max(c.minimum, roundHalfUp(t.netPrice * c.rate, 10_000)));
            expect(t.insurancePremium).toBeGreaterThanOrEqual(c.minimum);
          }
        }
        expect(priced.insurance).toBe(priced.tickets.reduce((sum, t) => sum + t.insurancePremium, 0));
      }),
    );
  });
});
