/**
 * What the storefront API answers and takes, as the widget sees it. These names are the
 * widget's public vocabulary (they appear in its .d.ts); they are the contract's own types
 * (contract/responses for what the widget reads, the request schemas' input types for what it
 * sends), so the API and the widget cannot describe the same answer twice. client.ts still
 * annotates each call with these names, so a route whose inferred answer drifts from the
 * contract fails the type check. Type-only imports: no schema, and no valibot, reaches the
 * widget's bundle.
 */
import type * as v from 'valibot';
import type { BuyerExchangeBody } from '../../../contract/exchange.js';
import type { ProductOrderBody } from '../../../contract/codes.js';
import type { CheckoutAnswers as CheckoutAnswersSchema } from '../../../contract/questions.js';
import type { Buyer as BuyerSchema, ChangeHoldBody, CreateHoldBody, PaymentBody } from '../../../contract/storefront.js';
import type { locales } from '../../../contract/vocabulary.js';
import type { JoinWaitingListBody } from '../../../contract/waiting-list.js';

export type {
  Availability,
  AvailabilityChange,
  EventInfo,
  EventSummary,
  GeneralAdmissionAvailability,
  PerformanceDetail,
  PerformanceSummary,
  PlanGeometry,
  PlanLandmark,
  SeatedAvailability,
  ShopInfo,
} from '../../../contract/responses/catalog.js';
export type { ExchangeOptions, ExchangeQuote, ExchangeResult, ExchangeTarget, ExchangeTicket } from '../../../contract/responses/exchange.js';
export type { HoldCode, HoldView, InsuranceOffer, RevertedTariffs } from '../../../contract/responses/holds.js';
export type { BuyerQuestionView as BuyerQuestion } from '../../../contract/responses/questions.js';
export type { OrderInvoice, OrderView, StripePaymentView, TicketView } from '../../../contract/responses/orders.js';
export type { ProductCatalog, ProductOrderView } from '../../../contract/responses/products.js';
export type { WaitingListJoined } from '../../../contract/responses/waiting-list.js';
export type { OrderLine, PriceZone, SalesClosedReason, SeatPlace } from '../../../contract/responses/shared.js';
export type { PublicTariff as Tariff } from '../../../contract/responses/shared.js';

export type Locale = (typeof locales)[number];
export type Seating = 'seated' | 'general_admission';

/** What the widget sends: the input types of the schemas the API validates with. */
export type Buyer = v.InferInput<typeof BuyerSchema>;
export type Payment = v.InferInput<typeof PaymentBody>;
/** A change of a hold; every part is optional and the API applies them as one batch. */
export type HoldChange = v.InferInput<typeof ChangeHoldBody>;
/** Seats (chosen or `best` available) for a seated performance, quantities for general admission: one of them. */
export type HoldRequest = v.InferInput<typeof CreateHoldBody>;
/** Which ticket moves where (a quote's question, and with the amount shown, the exchange). */
export type ExchangeChoice = Omit<v.InferInput<typeof BuyerExchangeBody>, 'expectedAmount' | 'payment'>;
/** Answers to the event's questions at checkout: the order's, and each ticket's by its slot (contract/questions.ts `ticketSlots`). */
export type CheckoutAnswers = v.InferInput<typeof CheckoutAnswersSchema>;
/** Joining a sold-out performance's waiting list. */
export type WaitingListJoin = v.InferInput<typeof JoinWaitingListBody>;
/** Buying a gift voucher or a pass. */
export type ProductPurchase = v.InferInput<typeof ProductOrderBody>;
