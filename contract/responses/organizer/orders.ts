import * as v from 'valibot';
import { OrderView, TicketView } from '../orders.js';
import { CancellationView } from './cancellations.js';
import { OrderMessage } from './messages.js';
import { OrderAnswers } from '../questions.js';
import { Amount, IsoTime } from '../shared.js';
import { exchangeActors, paymentKinds, saleChannels, paymentStatuses, stripeCaptureStates, stripePaymentStates, stripeReturnReasons } from '../../vocabulary.js';

/** One movement of money of the order: a charge (declined, authorized, captured, voided) or a refund. */
export const PaymentRecordView = v.object({
  provider: v.string(),
  method: v.string(),
  kind: v.picklist(paymentKinds),
  status: v.picklist(paymentStatuses),
  amount: Amount,
  currency: v.string(),
  providerReference: v.nullable(v.string()),
  declineCode: v.nullable(v.string()),
  createdAt: IsoTime,
});

/** A Stripe payment of the order as staff need it: where it stands, what Stripe refunded, a dispute. */
export const StripePaymentRecordView = v.object({
  paymentIntentId: v.string(),
  stripeAccount: v.nullable(v.string()),
  state: v.picklist(stripePaymentStates),
  capture: v.picklist(stripeCaptureStates),
  amount: Amount,
  applicationFee: Amount,
  amountRefunded: v.pipe(Amount, v.description('What Stripe says was refunded of the charge, refunds made in its dashboard included.')),
  returnReason: v.nullable(v.picklist(stripeReturnReasons)),
  disputedAt: v.pipe(v.nullable(IsoTime), v.description('The buyer disputed the charge with their bank: answer the dispute in Stripe.')),
  createdAt: IsoTime,
});

/** Who sold an order at the desk: a staff member or an API token, by its name or label. */
export const SellerRef = v.object({ id: v.string(), name: v.string() });

/** A ticket of the order swapped for another (the box office's or the buyer's exchange). */
export const StaffExchangeView = v.object({
  id: v.string(),
  oldTicketNumber: v.string(),
  newTicketNumber: v.string(),
  fromPerformanceId: v.string(),
  toPerformanceId: v.string(),
  difference: v.pipe(Amount, v.description('New price − old price (negative when cheaper).')),
  fee: Amount,
  amountCharged: Amount,
  refundDue: Amount,
  paymentMethod: v.nullable(v.string()),
  actor: v.picklist(exchangeActors),
  createdAt: IsoTime,
});

/** An order as the box office reads it: per ticket the insurance premium and commission, its cancellations, e-mails and money. */
export const StaffOrderView = v.object({
  ...OrderView.entries,
  channel: v.pipe(v.picklist(saleChannels), v.description('Where it was sold: online, at the box office, by a reseller, or imported.')),
  soldBy: v.pipe(v.nullable(SellerRef), v.description('The staff member or token that sold it at the desk (or imported it); null online.')),
  tickets: v.array(
    v.object({ ...TicketView.entries, insurancePremium: Amount, commission: Amount, performanceId: v.pipe(v.string(), v.description("The ticket's performance: another date than the order's after an exchange.")) }),
  ),
  cancellations: v.array(CancellationView),
  exchanges: v.array(StaffExchangeView),
  messages: v.array(OrderMessage),
  payments: v.array(PaymentRecordView),
  stripePayments: v.array(StripePaymentRecordView),
  answers: v.pipe(OrderAnswers, v.description("The buyer's answers to the event's questions.")),
  personalDataErasedAt: v.pipe(v.nullable(IsoTime), v.description("When the buyer's personal data was erased (name, e-mail, answers); the accounting stays.")),
});
export type StaffOrderView = v.InferOutput<typeof StaffOrderView>;
export type StaffExchangeView = v.InferOutput<typeof StaffExchangeView>;
export type PaymentRecordView = v.InferOutput<typeof PaymentRecordView>;
export type StripePaymentRecordView = v.InferOutput<typeof StripePaymentRecordView>;
