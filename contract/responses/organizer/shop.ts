import * as v from 'valibot';
import { StripeStatusView } from '../../payments.js';
import { staffRoles } from '../../vocabulary.js';
import { Amount, Count, Currency, IsoTime, Locale } from '../shared.js';

/** Who is paid by invoice, as stored (the request schema also normalizes and checks the IBAN). */
export const InvoiceCreditorView = v.object({
  name: v.string(),
  address: v.string(),
  buildingNumber: v.optional(v.string()),
  zip: v.string(),
  city: v.string(),
  country: v.string(),
  account: v.string(),
});

/** The shop's settings as its organizer reads them (never the signing key's private half). */
export const ShopSettingsView = v.object({
  id: v.string(),
  name: v.string(),
  currency: Currency,
  locales: v.array(Locale),
  defaultLocale: Locale,
  timeZone: v.string(),
  testMode: v.boolean(),
  allowedOrigins: v.array(v.string()),
  holdMinutes: Count,
  holdMaxMinutes: Count,
  maxTicketsPerOrder: Count,
  serviceFeePerTicket: Amount,
  signingPublicKey: v.string(),
  invoiceEnabled: v.boolean(),
  invoiceReminderIntervalDays: Count,
  invoiceReminderCount: Count,
  invoiceCutoffDays: Count,
  invoiceSendHour: Count,
  invoiceCreditor: v.nullable(InvoiceCreditorView),
  senderEmail: v.nullable(v.string()),
  senderName: v.nullable(v.string()),
  /** Where notices about the shop itself go; null: senderEmail. */
  contactEmail: v.nullable(v.string()),
  orderPageUrl: v.nullable(v.string()),
  brandColor: v.nullable(v.string()),
  insuranceEnabled: v.boolean(),
  insuranceRateBasisPoints: Count,
  insuranceMinimumPremium: Amount,
  insurerName: v.nullable(v.string()),
  insurerTermsUrl: v.nullable(v.string()),
  insurerContact: v.nullable(v.string()),
  voucherSaleEnabled: v.boolean(),
  voucherAmounts: v.array(Amount),
  voucherMinAmount: v.nullable(Amount),
  voucherMaxAmount: v.nullable(Amount),
  voucherValidityDays: Count,
  commissionPerTicket: Amount,
  commissionBasisPoints: Count,
  stripeAccount: v.nullable(v.string()),
  /** The most a box office member may refund in one cancellation (minor units); null: none set, so the box office refunds nothing. */
  boxOfficeRefundLimit: v.nullable(Amount),
  /** The conditions printed on PDF tickets, per language. */
  ticketConditions: v.record(Locale, v.string()),
  /** Whether card and wallet payments through Stripe work for this shop now. */
  stripe: StripeStatusView,
  createdAt: IsoTime,
});

/** `createdBy`: the staff member or token that created it (its id), null for a shop's first token. */
export const TokenList = v.object({
  tokens: v.array(v.object({ id: v.string(), label: v.string(), role: v.picklist(staffRoles), resellerId: v.nullable(v.string()), createdBy: v.nullable(v.string()), createdAt: IsoTime })),
});
/** A new API token: `token` is shown this once, only its hash is stored. */
export const NewToken = v.object({ id: v.string(), label: v.string(), role: v.picklist(staffRoles), resellerId: v.nullable(v.string()), token: v.string(), createdAt: IsoTime });
export const RevokedToken = v.object({ id: v.string(), revoked: v.literal(true) });

export type ShopSettingsView = v.InferOutput<typeof ShopSettingsView>;

export type NewToken = v.InferOutput<typeof NewToken>;
