import * as v from 'valibot';
import { commissionGroupings, salesGroupings } from '../../reports.js';
import { codeKinds, orderStatuses, productOrderKinds, refundMethods } from '../../vocabulary.js';
import { Amount, Count, IsoTime } from '../shared.js';

/**
 * The organizer's reports. Every amount is in minor units of the row's `currency`; a shop sells
 * in one currency, but rows keep the currency each order was sold in.
 *
 * When things count: a sale on the day its order was paid (an invoice on the day its payment
 * was recorded, never while unpaid), whatever happened to its tickets since: a later
 * cancellation does not remove it (it is in the refunds report on its own day, and
 * `cancelledSince` says how many of the tickets sold are cancelled now); an exchange is counted
 * on its own day on the new ticket's performance, zone and tariff (`exchanges`, with what it
 * brought: the price difference kept or refunded and the fee), never as a second sale.
 */
export const ReportPeriod = v.object({
  from: v.pipe(IsoTime, v.description('Start, included.')),
  to: v.pipe(IsoTime, v.description('End, excluded.')),
  timeZone: v.pipe(v.string(), v.description('The shop’s time zone, in which dates were read and days are cut.')),
});

const SalesFigures = {
  currency: v.string(),
  tickets: v.pipe(Count, v.description('Tickets sold (not counting tickets issued by an exchange).')),
  gross: v.pipe(Amount, v.description('Their list prices.')),
  discounts: v.pipe(Amount, v.description('Promo code discounts on them.')),
  passes: v.pipe(Amount, v.description('The list price of the tickets booked with an access pass.')),
  net: v.pipe(Amount, v.description('Ticket revenue: gross − discounts − passes.')),
  fees: v.pipe(Amount, v.description('Service fees.')),
  insurance: v.pipe(Amount, v.description('Cancellation insurance premiums (owed to the insurer).')),
  exchanges: v.pipe(Count, v.description('Tickets exchanged onto this row.')),
  exchangeDifference: v.pipe(Amount, v.description('Price differences of those exchanges: charged (positive) or refunded (negative).')),
  exchangeFees: v.pipe(Amount, v.description('Exchange fees charged.')),
  total: v.pipe(Amount, v.description('What buyers were charged: net + fees + insurance + exchangeDifference + exchangeFees.')),
  cancelledSince: v.pipe(Count, v.description('Of the tickets sold, how many are cancelled now.')),
};

export const SalesRow = v.object({
  key: v.pipe(v.nullable(v.string()), v.description('The event, performance, zone or tariff id, the payment method, the day (YYYY-MM-DD), the channel (online, box_office, reseller, import) or the seller (a staff member’s or token’s id); null for the zone of general admission and for sales without a seller (online).')),
  label: v.pipe(v.string(), v.description('What the key names, in the asked language: a title, a name, a payment method, the day, a channel, the seller’s name (online sales: “Online”).')),
  context: v.pipe(v.nullable(v.string()), v.description('The event of a performance or tariff (with the zone of a tariff), the seating plan of a zone.')),
  startsAt: v.pipe(v.nullable(IsoTime), v.description('A performance’s start.')),
  ...SalesFigures,
});
export const SalesTotals = v.object(SalesFigures);

export const SalesReport = v.object({
  period: ReportPeriod,
  groupBy: v.picklist(salesGroupings),
  rows: v.pipe(v.array(SalesRow), v.description('Grouped by day: every day of the period, zeros included, in order.')),
  totals: v.pipe(v.array(SalesTotals), v.description('One per currency.')),
});

export const CodeReportRow = v.object({
  kind: v.picklist(codeKinds),
  code: v.string(),
  name: v.pipe(v.string(), v.description('The promo code’s name, the pass’s product and holder, the voucher’s note.')),
  currency: v.string(),
  uses: v.pipe(Count, v.description('Orders that used it.')),
  tickets: v.pipe(Count, v.description('Tickets it discounted (promo) or booked (pass); 0 for a voucher.')),
  amount: v.pipe(Amount, v.description('Discount given (promo), list price of the tickets booked (pass), amount paid (voucher).')),
});
export const CodesReport = v.object({
  period: ReportPeriod,
  rows: v.array(CodeReportRow),
  totals: v.pipe(v.array(v.object({ kind: v.picklist(codeKinds), currency: v.string(), uses: Count, tickets: Count, amount: Amount })), v.description('One per kind and currency.')),
});

const ProductFigures = {
  currency: v.string(),
  sold: v.pipe(Count, v.description('Purchases paid in the period (one pass or one voucher each).')),
  amount: v.pipe(Amount, v.description('What the buyers were charged for them.')),
  cancelledSince: v.pipe(Count, v.description('Of them, purchases cancelled since (a card payment that could not be captured): their code no longer works.')),
};
export const ProductReportRow = v.object({
  kind: v.picklist(productOrderKinds),
  passProductId: v.pipe(v.nullable(v.string()), v.description('The pass product; null for a gift voucher.')),
  name: v.pipe(v.string(), v.description('The pass product’s name; for vouchers, “gift voucher” and its amount in the asked language.')),
  faceValue: v.pipe(v.nullable(Amount), v.description('A gift voucher’s amount (one row per amount sold); null for a pass.')),
  ...ProductFigures,
});
export const ProductsReport = v.object({
  period: ReportPeriod,
  rows: v.pipe(v.array(ProductReportRow), v.description('Passes by product name, then gift vouchers by amount; per currency.')),
  totals: v.pipe(v.array(v.object({ kind: v.picklist(productOrderKinds), ...ProductFigures })), v.description('One per kind (passes, gift vouchers) and currency.')),
});

const InsuranceFigures = {
  currency: v.string(),
  orders: v.pipe(Count, v.description('Orders sold.')),
  insuredOrders: v.pipe(Count, v.description('Of them, orders that opted in.')),
  tickets: v.pipe(Count, v.description('Tickets sold.')),
  insuredTickets: v.pipe(Count, v.description('Tickets insured (a premium was charged; the ticket number is the policy reference).')),
  premiums: Amount,
  insuredCancelledSince: v.pipe(Count, v.description('Insured tickets cancelled since.')),
};
export const InsuranceReport = v.object({
  period: ReportPeriod,
  rows: v.pipe(v.array(v.object({ performanceId: v.string(), eventTitle: v.string(), startsAt: IsoTime, ...InsuranceFigures })), v.description('Per performance, by start.')),
  totals: v.array(v.object(InsuranceFigures)),
});

const RefundFigures = {
  currency: v.string(),
  cancellations: Count,
  tickets: v.pipe(Count, v.description('Tickets cancelled.')),
  amount: v.pipe(Amount, v.description('Refunds recorded (what the buyers get back).')),
  pending: v.pipe(Amount, v.description('Card refunds not (yet) confirmed by the provider.')),
  bySystem: v.pipe(Count, v.description('Cancellations made by the system (unpaid invoices past their deadline).')),
  commissionKept: v.pipe(Amount, v.description('The platform’s commission on the cancelled tickets: it stays due.')),
};
export const RefundsReport = v.object({
  period: ReportPeriod,
  rows: v.pipe(v.array(v.object({ refundMethod: v.picklist(refundMethods), label: v.string(), ...RefundFigures })), v.description('Per refund method.')),
  totals: v.array(v.object(RefundFigures)),
});

const CommissionFigures = {
  currency: v.string(),
  tickets: v.pipe(Count, v.description('Tickets sold (cancelled since included: their commission stays due).')),
  net: v.pipe(Amount, v.description('Their ticket revenue (list price − discounts).')),
  commission: Amount,
  cancelledSince: Count,
};
export const CommissionsReport = v.object({
  period: ReportPeriod,
  groupBy: v.picklist(commissionGroupings),
  rows: v.array(
    v.object({
      key: v.string(),
      label: v.string(),
      context: v.pipe(v.nullable(v.string()), v.description('The event of a performance.')),
      startsAt: v.nullable(IsoTime),
      ...CommissionFigures,
    }),
  ),
  totals: v.array(v.object(CommissionFigures)),
});

const ResellerFigures = {
  currency: v.string(),
  tickets: v.pipe(Count, v.description('Tickets the reseller sold (cancelled since included).')),
  cancelled: v.pipe(Count, v.description('Of them, cancelled since (their places went back to the quota).')),
  gross: v.pipe(Amount, v.description('Net prices (list price − discounts) of the tickets not cancelled: what the reseller collected for the shop.')),
  commission: v.pipe(
    Amount,
    v.description('The reseller’s commission: its commission_bps of `gross`, rounded half up once per reseller and performance (at the reseller’s present rate).'),
  ),
  owed: v.pipe(Amount, v.description('gross − commission: what the reseller owes the shop.')),
};
/** Reseller sales in a period (by the time of sale), per reseller and performance. */
export const ResellersReport = v.object({
  period: ReportPeriod,
  rows: v.array(
    v.object({
      resellerId: v.string(),
      reseller: v.string(),
      commissionBps: Count,
      performanceId: v.string(),
      event: v.string(),
      startsAt: IsoTime,
      ...ResellerFigures,
    }),
  ),
  totals: v.array(v.object(ResellerFigures)),
});

const SalesSummary = v.object({ currency: v.string(), tickets: Count, net: Amount, total: Amount });
const Span = v.object({ from: IsoTime, to: IsoTime, sales: v.pipe(v.array(SalesSummary), v.description('One per currency; empty when nothing was sold.')) });

/** The console's first screen. */
export const TodayDashboard = v.object({
  asOf: IsoTime,
  timeZone: v.string(),
  currency: v.pipe(v.string(), v.description('The shop’s currency.')),
  today: Span,
  week: v.pipe(Span, v.description('This week, from Monday.')),
  upcoming: v.pipe(
    v.array(
      v.object({
        performanceId: v.string(),
        eventId: v.string(),
        eventTitle: v.string(),
        startsAt: IsoTime,
        seating: v.picklist(['seated', 'general_admission']),
        capacity: v.pipe(Count, v.description('Places that can be sold: the plan’s seats less blocked ones, or the general admission capacity.')),
        sold: v.pipe(Count, v.description('Sold, unpaid invoices included (their seats are the buyer’s).')),
        held: v.pipe(Count, v.description('In buyers’ carts right now.')),
        blocked: Count,
        fillRate: v.pipe(v.number(), v.minValue(0), v.description('sold / capacity, 0 to 1.')),
      }),
    ),
    v.description('The next 10 performances of published events, by start.'),
  ),
  unpaidInvoices: v.object({
    count: Count,
    amounts: v.pipe(v.array(v.object({ currency: v.string(), amount: Amount })), v.description('What is still to be paid, per currency.')),
    next: v.pipe(
      v.array(v.object({ orderNumber: v.string(), buyerName: v.string(), amount: Amount, currency: v.string(), dueAt: v.nullable(IsoTime), overdue: v.boolean() })),
      v.description('The 5 due first.'),
    ),
  }),
  recentOrders: v.pipe(
    v.array(
      v.object({
        number: v.string(),
        buyerName: v.string(),
        eventTitle: v.string(),
        total: Amount,
        currency: v.string(),
        status: v.picklist(orderStatuses),
        paymentMethod: v.nullable(v.string()),
        createdAt: IsoTime,
      }),
    ),
    v.description('The last 10 orders placed (paid, invoiced or cancelled; not abandoned carts).'),
  ),
});

export type SalesReport = v.InferOutput<typeof SalesReport>;
export type SalesRow = v.InferOutput<typeof SalesRow>;
export type SalesTotals = v.InferOutput<typeof SalesTotals>;
export type CodesReport = v.InferOutput<typeof CodesReport>;
export type ProductsReport = v.InferOutput<typeof ProductsReport>;
export type InsuranceReport = v.InferOutput<typeof InsuranceReport>;
export type RefundsReport = v.InferOutput<typeof RefundsReport>;
export type CommissionsReport = v.InferOutput<typeof CommissionsReport>;
export type ResellersReport = v.InferOutput<typeof ResellersReport>;
export type TodayDashboard = v.InferOutput<typeof TodayDashboard>;
export type ReportPeriod = v.InferOutput<typeof ReportPeriod>;
