import * as v from 'valibot';
import { currencies, orderStatuses, refundMethods, staffRoles, stripeReturnReasons, ticketStatuses } from './vocabulary.js';
import { CsvPlanProblem } from './seating-plan-csv-problems.js';
import { answerProblemReasons } from './questions.js';

/**
 * Every error code the API can answer, in one table: its HTTP status, who can meet it, what it
 * means, and the shape of its `details`. The server's ApiError only accepts codes of this
 * table with their status and details, the widget must translate every buyer-facing code,
 * and the API reference is written from it: a new code starts here.
 *
 * audience: 'buyer' — only the storefront API (/api/shops/…) answers it; 'organizer' — only
 * the organizer API (/api/org/…); 'any' — both (middleware, validation, shared services);
 * 'reseller' — the storefront API, only to a request with a reseller's token: the widget never
 * sends one, so it has no text for these; 'wallet' — Apple Wallet's web service
 * (/api/wallet/apple/…), met by a phone's Wallet only, so no widget text either.
 */

/** The seats a refusal is about (seat ids of the performance's plan). */
const SeatIds = v.object({ seatIds: v.array(v.number()) });
/** The ids of the request that are not of this shop. */
const Ids = v.object({ ids: v.array(v.string()) });
/** The normalized code a refusal is about, as the buyer or the organizer typed it. */
const Code = v.object({ code: v.string() });
/** The order's status when it refused the change. */
const OrderStatus = v.object({ status: v.picklist(orderStatuses) });
const Iso = v.pipe(v.string(), v.isoTimestamp());
/** The ticket a door refusal is about, as the scanner shows it. */
const DoorTicketFacts = v.object({ ticketNumber: v.string(), tariffName: v.string(), seatLabel: v.nullable(v.string()) });

export type ErrorAudience = 'buyer' | 'organizer' | 'any' | 'reseller' | 'wallet';

interface ErrorSpec {
  status: 400 | 401 | 402 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;
  audience: ErrorAudience;
  description: string;
  details?: v.GenericSchema;
}

export const errorCodes = {
  // --- Any request: middleware, validation, the app's last resort ---------------------------
  invalid_request: {
    status: 400,
    audience: 'any',
    description: 'The body, query or path failed validation, or its values contradict each other; `issues` lists what (up to 10).',
    details: v.optional(v.object({ issues: v.array(v.object({ path: v.string(), message: v.string() })) })),
  },
  invalid_json: { status: 400, audience: 'any', description: 'The request body is not valid JSON.' },
  bad_request: { status: 400, audience: 'any', description: 'The request could not be read (a malformed body other than JSON syntax).' },
  unsupported_media_type: { status: 415, audience: 'any', description: 'A request with a body did not send it as `Content-Type: application/json`.' },
  payload_too_large: { status: 413, audience: 'any', description: 'The declared body length is above the limit of this path (64 KB for most, 256 KB for events, 1 MB for a scanner’s offline sync, 32 MB for seating plans).' },
  client_aborted: { status: 400, audience: 'any', description: 'The client closed the connection before its request body arrived; nobody reads this answer.' },
  route_not_found: { status: 404, audience: 'any', description: 'No operation has this method and path.' },
  internal_error: { status: 500, audience: 'any', description: 'A fault on the server; retry, and report it if it persists.' },
  response_contract_violation: {
    status: 500,
    audience: 'any',
    description: 'Tests and staging only (CHECK_RESPONSES): the answer did not match this document; `issues` says where.',
    details: v.object({ operation: v.nullable(v.string()), status: v.number(), issues: v.array(v.string()) }),
  },
  rate_limited: {
    status: 429,
    audience: 'any',
    description: 'Too many wrong guesses (codes, order secrets, forged tickets, sign-in links) from this client, or too many sign-in link requests for one address or client; wait `retryAfter` seconds.',
    details: v.object({ retryAfter: v.number() }),
  },
  invalid_idempotency_key: { status: 400, audience: 'any', description: 'The Idempotency-Key header is not 1 to 255 visible ASCII characters.' },
  idempotency_in_progress: { status: 409, audience: 'any', description: 'A request with this Idempotency-Key is still being processed; retry shortly.' },
  idempotency_key_reused: { status: 422, audience: 'any', description: 'This Idempotency-Key was already used with a different request body.' },
  shop_not_found: { status: 404, audience: 'any', description: 'There is no shop with this id (storefront), or the token’s shop is gone (organizer).' },

  // --- Storefront access --------------------------------------------------------------------
  origin_not_allowed: {
    status: 403,
    audience: 'any',
    description: 'The page’s Origin is not one of the shop’s allowed origins (storefront), or a write signed in with the console’s session cookie came without this server’s Origin (organizer).',
  },
  unauthorized: {
    status: 401,
    audience: 'organizer',
    description: 'No valid credentials: the API token is missing, unknown or revoked, or the console session is unknown, signed out, expired (12 hours idle, 7 days at most) or its staff member revoked.',
  },
  forbidden: {
    status: 403,
    audience: 'organizer',
    description: 'The caller’s role (`role`) may not call this operation (`operation`); contract/permissions.ts is the role matrix.',
    details: v.object({ role: v.picklist(staffRoles), operation: v.string() }),
  },

  // --- Resellers ------------------------------------------------------------------------------
  role_not_for_staff: { status: 400, audience: 'organizer', description: 'The reseller role is for a reseller’s API token only (made with its `resellerId`), never for a staff member.' },
  reseller_not_found: { status: 404, audience: 'organizer', description: 'There is no reseller with this id in the shop (or, for a new token, no active one).' },
  reseller_not_active: { status: 409, audience: 'organizer', description: 'The reseller is archived: it gets no new token or quota until it is made active again.' },
  quota_kind_mismatch: {
    status: 400,
    audience: 'organizer',
    description: 'Places are for a general-admission performance and seats for a seated one; this request gave the other kind.',
  },
  quota_below_sold: {
    status: 409,
    audience: 'organizer',
    description: 'The places would be fewer than the reseller has already sold at this performance (`taken`); cancel its tickets first or keep the quota at least that high.',
    details: v.object({ taken: v.number() }),
  },
  quota_seats_in_use: {
    status: 409,
    audience: 'organizer',
    description: 'Seats to remove from the quota are sold or held by the reseller (`seatIds`): they stay in its quota until those tickets are cancelled or the hold ends.',
    details: SeatIds,
  },
  quota_seats_unavailable: {
    status: 409,
    audience: 'organizer',
    description: 'Seats to add to the quota are sold, held, blocked or in another reseller’s quota (`seatIds`); nothing was changed.',
    details: SeatIds,
  },
  ticket_csv_invalid: {
    status: 400,
    audience: 'organizer',
    description: 'The ticket import’s header lacks columns (`missing`); it needs performance, section, row, seat, tariff, barcode, buyer_name, buyer_email.',
    details: v.object({ missing: v.array(v.string()) }),
  },
  reseller_token_invalid: {
    status: 401,
    audience: 'reseller',
    description: 'A reseller’s token that is revoked or whose reseller is archived; or a reseller’s hold checked out without that reseller’s token, or a reseller’s token used on a public hold. (Any other `Authorization` header leaves a storefront request public.)',
  },
  reseller_quota_exhausted: {
    status: 409,
    audience: 'reseller',
    description: 'The reseller has sold (or holds) its whole quota at this performance; `remaining` places are left in it.',
    details: v.object({ remaining: v.number() }),
  },
  no_reseller_quota: { status: 409, audience: 'reseller', description: 'The reseller has no quota at this performance: the organizer sets one first.' },
  seat_not_in_quota: { status: 409, audience: 'reseller', description: 'A reseller may hold only the seats of its quota at this performance; these are not (`seatIds`).', details: SeatIds },

  // --- Staff accounts -----------------------------------------------------------------------
  sign_in_link_invalid: { status: 401, audience: 'organizer', description: 'The sign-in link is unknown, already used, expired, or its staff member was revoked: ask for a new one.' },
  staff_member_exists: { status: 409, audience: 'organizer', description: 'An active staff member of this shop already has this e-mail address.' },
  staff_member_not_found: { status: 404, audience: 'organizer', description: 'There is no (active, for a change) staff member with this id in the shop.' },
  last_owner: { status: 409, audience: 'organizer', description: 'The change would leave the shop without an active owner: make someone else owner first.' },
  refund_over_limit: {
    status: 403,
    audience: 'organizer',
    description: 'The box office may refund at most the shop’s `limit` (minor units; null: no limit set, so nothing) in one cancellation; `refundAmount` is what this one would refund.',
    details: v.object({ limit: v.nullable(v.number()), refundAmount: v.number() }),
  },

  // --- Catalogue ----------------------------------------------------------------------------
  event_not_found: { status: 404, audience: 'any', description: 'There is no (published, for the storefront) event with this id in the shop.' },
  performance_not_found: { status: 404, audience: 'any', description: 'There is no performance with this id in the shop.' },
  plan_not_found: { status: 404, audience: 'any', description: 'There is no seating plan with this id in the shop.' },
  event_not_published: { status: 409, audience: 'any', description: 'The event is not on sale (draft or archived).' },
  performance_cancelled: { status: 409, audience: 'any', description: 'The performance has been cancelled: nothing can be sold or exchanged onto it.' },
  sales_not_started: { status: 409, audience: 'buyer', description: 'Ticket sales for the performance have not started yet.' },
  sales_ended: { status: 409, audience: 'any', description: 'Ticket sales for the performance have ended.' },

  // --- Holds ----------------------------------------------------------------------------------
  hold_not_found: { status: 404, audience: 'any', description: 'There is no hold with this id in the shop.' },
  hold_expired: { status: 410, audience: 'any', description: 'The hold lapsed and its seats were released; choose again.' },
  hold_released: { status: 410, audience: 'any', description: 'The hold was released by the buyer; choose again.' },
  hold_converted: {
    status: 409,
    audience: 'any',
    description: 'The hold was already paid and became an order (`orderNumber` when known).',
    details: v.optional(v.object({ orderNumber: v.string() })),
  },
  hold_changed: { status: 409, audience: 'any', description: 'The hold, its codes or its prices changed while paying; nothing was charged. Look at the hold again.' },
  hold_empty: { status: 409, audience: 'any', description: 'Checkout of a hold that holds nothing.' },
  empty_hold: { status: 400, audience: 'any', description: 'A new hold must hold at least one seat or ticket (every quantity was 0).' },
  seat_selection_required: { status: 400, audience: 'any', description: 'The performance is seated: choose seats (or best available), not quantities.' },
  quantities_required: { status: 400, audience: 'any', description: 'The performance is general admission: choose quantities per tariff, not seats.' },
  duplicate_seat: { status: 400, audience: 'any', description: 'The same seat is listed twice.' },
  duplicate_tariff: { status: 400, audience: 'any', description: 'The same tariff is listed twice in the quantities.' },
  unknown_seat: {
    status: 400,
    audience: 'any',
    description: 'A seat is not in the performance’s plan (`seatIds` when the request named them).',
    details: v.optional(SeatIds),
  },
  unknown_tariff: {
    status: 400,
    audience: 'any',
    description: 'A tariff is not offered for this performance or seat (`ids` when several were checked).',
    details: v.optional(Ids),
  },
  unknown_zone: { status: 400, audience: 'any', description: 'A zone is not in the plan or not in the shop (`ids` when several were checked).', details: v.optional(Ids) },
  tariff_not_for_seat: { status: 400, audience: 'any', description: 'The tariff is not offered in the zone of the seat.' },
  too_many_tickets: { status: 400, audience: 'any', description: 'The hold would pass the shop’s maximum of tickets per order (`max`).', details: v.object({ max: v.number() }) },
  waiting_list_first: {
    status: 409,
    audience: 'any',
    description: 'The performance is sold out and people wait on its waiting list: seats that come back are offered to them first; join the list instead.',
  },
  waiting_list_not_open: {
    status: 409,
    audience: 'any',
    description: 'The waiting list takes no one now: `reason` says why (`not_sold_out`: tickets are on sale, buy them; `closed`: the organizer has not turned the list on, or the performance is no longer sold).',
    details: v.object({ reason: v.picklist(['not_sold_out', 'closed']) }),
  },
  answers_invalid: {
    status: 422,
    audience: 'buyer',
    description: "Answers to the event's questions are missing or not valid (`problems`: the question, the ticket's slot or null for the order's, and why). Nothing was charged or sold.",
    details: v.object({ problems: v.array(v.object({ questionId: v.string(), slot: v.nullable(v.string()), reason: v.picklist(answerProblemReasons) })) }),
  },
  waiting_list_duplicate: { status: 409, audience: 'any', description: 'This e-mail address is already waiting (or has an offer) for this performance.' },
  waiting_list_entry_not_found: { status: 404, audience: 'any', description: 'No waiting-list entry with this id (and, for a buyer, this token) in this shop.' },
  seats_taken: { status: 409, audience: 'any', description: 'Someone else holds or bought these seats (`seatIds`); nothing was held.', details: SeatIds },
  seats_not_for_sale: { status: 409, audience: 'any', description: 'These seats are blocked or not sold (`seatIds`).', details: SeatIds },
  seats_already_in_hold: { status: 409, audience: 'any', description: 'The seats to add are already in this hold (`seatIds`).', details: SeatIds },
  capacity_exceeded: {
    status: 409,
    audience: 'any',
    description: 'Not enough general-admission places are left (`remaining` when known).',
    details: v.optional(v.object({ remaining: v.number() })),
  },
  no_adjacent_seats: {
    status: 409,
    audience: 'any',
    description: 'Best available found no `quantity` adjacent seats left in the zone.',
    details: v.object({ quantity: v.number() }),
  },

  // --- Codes typed into a hold ----------------------------------------------------------------
  code_not_found: { status: 404, audience: 'buyer', description: 'No promo code, pass or voucher of the shop has this code (a wrong guess: rate limited).', details: Code },
  code_already_applied: { status: 409, audience: 'buyer', description: 'The code is already applied to this hold.', details: Code },
  promo_already_applied: {
    status: 409,
    audience: 'buyer',
    description: 'Only one promo code per order: `current` is the one applied.',
    details: v.object({ code: v.string(), current: v.optional(v.string()) }),
  },
  code_used_up: {
    status: 409,
    audience: 'any',
    description: 'The code has no use, seat or balance left (`code` null when it is not known which).',
    details: v.object({ code: v.nullable(v.string()) }),
  },
  code_expired: { status: 409, audience: 'buyer', description: 'The code’s validity has ended.', details: Code },
  code_not_yet_valid: { status: 409, audience: 'buyer', description: 'The code is valid from `validFrom`.', details: v.object({ code: v.string(), validFrom: Iso }) },
  code_disabled: { status: 409, audience: 'buyer', description: 'The organizer disabled the code.', details: Code },
  code_not_valid_for_performance: { status: 409, audience: 'buyer', description: 'The code does not apply to this performance (or a pass already booked its seats for it).', details: Code },
  voucher_currency_mismatch: {
    status: 409,
    audience: 'buyer',
    description: 'The voucher is in another `currency` than the shop.',
    details: v.object({ code: v.string(), currency: v.picklist(currencies) }),
  },

  // --- Checkout and payment -------------------------------------------------------------------
  payment_required: { status: 400, audience: 'any', description: 'The order costs something: a payment is needed.' },
  payment_not_needed: { status: 400, audience: 'any', description: 'The order is free or paid in full by codes: send no payment.' },
  payment_method_unavailable: { status: 400, audience: 'any', description: 'The shop does not offer this payment method (here, or for this performance).' },
  payment_declined: {
    status: 402,
    audience: 'any',
    description: 'The card was declined (`declineCode`); the seats stay held. A ticket or product order names its pending order.',
    details: v.object({ declineCode: v.string(), orderNumber: v.optional(v.string()), orderSecret: v.optional(v.string()) }),
  },
  payment_returned: {
    status: 409,
    audience: 'buyer',
    description:
      'Stripe took the payment but the sale could not be completed (`reason`): the authorization was released or the money refunded in full (`refunded`), and the buyer was told by e-mail.',
    details: v.object({
      reason: v.picklist(stripeReturnReasons),
      refunded: v.boolean(),
      orderNumber: v.string(),
    }),
  },
  payment_not_found: { status: 404, audience: 'buyer', description: 'This order has no Stripe payment with this id.' },
  payment_provider_unavailable: {
    status: 503,
    audience: 'any',
    description: 'The payment provider (Stripe) did not answer or refused the platform’s request; nothing was charged. Retry in a moment.',
  },
  stripe_key_mode_mismatch: {
    status: 409,
    audience: 'any',
    description: 'The platform’s Stripe key is a test key and the shop is live, or the other way round: Stripe is not offered until they match.',
    details: v.object({ shopMode: v.picklist(['test', 'live']), keyMode: v.picklist(['test', 'live']) }),
  },
  stripe_signature_invalid: {
    status: 400,
    audience: 'any',
    description: 'The Stripe-Signature header is missing, forged, or older than 300 seconds; nothing was changed.',
  },
  stripe_not_configured: { status: 404, audience: 'any', description: 'This server has no Stripe keys (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET).' },
  insurance_not_offered: { status: 400, audience: 'any', description: 'Cancellation insurance was asked for but the shop no longer offers it.' },
  invoice_not_offered: {
    status: 409,
    audience: 'any',
    description: 'Pay by invoice closes `cutoffDays` days before the performance.',
    details: v.object({ cutoffDays: v.number() }),
  },
  order_number_exhausted: { status: 503, audience: 'buyer', description: 'No free order number could be drawn; retry.' },

  // --- Box office: desk sales and tills ---------------------------------------------------------
  hold_at_desk: { status: 409, audience: 'buyer', description: 'The cart was started at the box office (a desk hold): it is paid there, not online.' },
  hold_not_at_desk: { status: 409, audience: 'organizer', description: 'The hold was made online, not at the desk (createBoxOfficeHold): the desk sells only its own holds.' },
  performance_over: { status: 409, audience: 'organizer', description: 'The performance started more than two hours ago: the desk no longer sells it.' },
  cash_insufficient: {
    status: 422,
    audience: 'organizer',
    description: 'The cash given is less than the total to pay (`total`, in minor units); nothing was sold.',
    details: v.object({ total: v.number() }),
  },
  buyer_required: { status: 400, audience: 'organizer', description: 'An invoice sale at the desk needs the buyer’s name and e-mail.' },
  till_closed: {
    status: 409,
    audience: 'organizer',
    description: 'Your till of today is closed: no money can go through it any more (`businessDay`). Ask an owner or manager.',
    details: v.object({ businessDay: v.string() }),
  },
  till_already_closed: { status: 409, audience: 'organizer', description: 'The till was already closed (by you or someone else).' },
  till_not_found: { status: 404, audience: 'organizer', description: 'There is no till with this id in the shop.' },
  till_not_yours: { status: 403, audience: 'organizer', description: 'Only the till’s own staff member, an owner or a manager may close it.' },
  tills_period_too_long: { status: 400, audience: 'organizer', description: 'A till list or export covers at most 400 days, `from` not after `to`.' },

  // --- Orders, invoices and product sales -----------------------------------------------------
  order_not_found: { status: 404, audience: 'any', description: 'No order of the shop has this number (and, for a buyer, this secret; a wrong guess is rate limited).' },
  resend_too_soon: {
    status: 429,
    audience: 'buyer',
    description: 'The buyer asked for the order’s e-mail again less than 10 minutes after the last time; wait `retryAfter` seconds.',
    details: v.object({ retryAfter: v.number() }),
  },
  invoice_not_found: { status: 404, audience: 'any', description: 'The order was not placed by invoice, so it has no invoice.' },
  order_not_awaiting_payment: {
    status: 409,
    audience: 'organizer',
    description: 'Only unpaid invoice orders can be marked paid (`status` is the order’s).',
    details: OrderStatus,
  },
  amount_mismatch: {
    status: 422,
    audience: 'organizer',
    description: 'The recorded payment is not the invoiced amount (`expected`, in minor units of `currency`).',
    details: v.object({ expected: v.number(), currency: v.string() }),
  },
  order_inventory_changed: { status: 409, audience: 'organizer', description: 'The seats of the invoice order no longer match its invoice; it cannot be marked paid.' },
  pass_product_not_found: { status: 404, audience: 'any', description: 'There is no pass product with this id in the shop.' },
  pass_not_on_sale: { status: 409, audience: 'buyer', description: 'The pass product is not on sale.' },
  vouchers_not_on_sale: { status: 409, audience: 'buyer', description: 'The shop does not sell gift vouchers.' },
  voucher_amount_invalid: {
    status: 400,
    audience: 'buyer',
    description: 'The voucher amount is neither one of `amounts` nor within `minAmount`–`maxAmount`.',
    details: v.object({ amounts: v.array(v.number()), minAmount: v.nullable(v.number()), maxAmount: v.nullable(v.number()) }),
  },
  already_paid: { status: 409, audience: 'buyer', description: 'The product order `orderNumber` is already paid.', details: v.object({ orderNumber: v.string() }) },
  order_not_pending: { status: 409, audience: 'buyer', description: 'The product order can no longer be paid (cancelled).' },

  // --- Ticket exchange (buyer and organizer) --------------------------------------------------
  ticket_not_found: { status: 404, audience: 'any', description: 'The order has no ticket with this number.' },
  exchange_not_offered: { status: 409, audience: 'buyer', description: 'The event does not offer online ticket exchange (the box office may still exchange).' },
  exchange_deadline_passed: { status: 409, audience: 'any', description: 'Exchanges closed at `deadline`.', details: v.object({ deadline: Iso }) },
  ticket_not_valid: {
    status: 409,
    audience: 'any',
    description: 'The ticket is cancelled or already exchanged (`status`); for an order’s tickets PDF: no ticket of the order is valid any more.',
    details: v.optional(v.object({ status: v.optional(v.picklist(ticketStatuses)) })),
  },
  ticket_admitted: { status: 409, audience: 'any', description: 'The ticket was already used to enter.' },
  wallet_not_offered: {
    status: 404,
    audience: 'buyer',
    description: 'The platform has no credentials for this wallet (`apple` or `google`): the shop info\'s `wallets` says which are offered.',
    details: v.object({ wallet: v.picklist(['apple', 'google']) }),
  },
  wallet_pass_unauthorized: {
    status: 401,
    audience: 'wallet',
    description: 'Apple Wallet\'s web service: the `Authorization: ApplePass <token>` header is missing or is not the authenticationToken of this pass.',
  },
  wallet_pass_not_found: {
    status: 404,
    audience: 'wallet',
    description: 'Apple Wallet\'s web service: no pass of this platform has this pass type and serial number.',
  },
  order_not_paid: { status: 409, audience: 'any', description: 'Only tickets of a paid order can be exchanged or printed (an invoice order’s tickets are issued when it is paid).' },
  other_event: { status: 400, audience: 'any', description: 'The new performance is not a performance of the ticket’s event.' },
  same_performance: { status: 400, audience: 'any', description: 'The new performance is the ticket’s own.' },
  not_on_sale: { status: 409, audience: 'any', description: 'The new performance is not on sale.' },
  seat_required: { status: 400, audience: 'any', description: 'The new performance is seated: choose a seat.' },
  tariff_required: { status: 400, audience: 'any', description: 'The new performance is general admission: choose a tariff.' },
  seat_taken: {
    status: 409,
    audience: 'any',
    description: 'The new seat was just taken; nothing was changed or charged.',
    details: v.object({ seatId: v.optional(v.number()) }),
  },
  quote_changed: {
    status: 409,
    audience: 'any',
    description: 'The price of the exchange is no longer the expected amount; the details are the new quote.',
    details: v.object({ difference: v.number(), fee: v.number(), amountToPay: v.number(), refundDue: v.number() }),
  },

  // --- Organizer: webhooks ------------------------------------------------------------------
  webhook_not_found: { status: 404, audience: 'organizer', description: 'There is no webhook endpoint with this id in the shop.' },
  webhook_delivery_not_found: { status: 404, audience: 'organizer', description: 'There is no delivery with this id for this endpoint.' },
  webhook_url_not_https: { status: 422, audience: 'organizer', description: 'A live shop’s webhook endpoint must use https.' },
  webhook_url_private: {
    status: 422,
    audience: 'organizer',
    description: 'The endpoint’s host is localhost or a private, loopback, link-local, shared (CGNAT), unique-local, unspecified or multicast address.',
    details: v.object({ host: v.string() }),
  },
  webhook_endpoint_disabled: { status: 409, audience: 'organizer', description: 'The endpoint is disabled: enable it before redelivering or sending a test event.' },
  webhook_delivery_in_progress: {
    status: 409,
    audience: 'organizer',
    description: 'The delivery is still pending or being sent: it cannot be redelivered yet.',
    details: v.object({ status: v.string() }),
  },

  // --- Organizer: shop, tokens, catalogue -----------------------------------------------------
  token_not_found: { status: 404, audience: 'organizer', description: 'There is no API token with this id in the shop.' },
  venue_not_found: { status: 404, audience: 'organizer', description: 'There is no venue with this id in the shop.' },
  tariff_not_found: { status: 404, audience: 'organizer', description: 'There is no tariff with this id in the shop.' },
  question_not_found: { status: 404, audience: 'organizer', description: 'There is no question with this id for this event in the shop.' },
  question_invalid: {
    status: 422,
    audience: 'organizer',
    description:
      "The question cannot be asked like this (see the message): its label lacks the shop's default language, a tariff is not of the event, a choice has fewer than two options, a consent has no link, or it is archived.",
  },
  question_order_invalid: { status: 422, audience: 'organizer', description: 'The new order must list every question of the event that is not archived, once each.' },
  zone_not_found: { status: 404, audience: 'organizer', description: 'There is no zone with this id in the plan.' },
  plan_not_in_venue: { status: 400, audience: 'organizer', description: 'The seating plan belongs to another venue than the performance’s.' },
  invalid_plan: { status: 400, audience: 'organizer', description: 'The seating plan cannot be imported (see the message).' },
  invalid_plan_csv: {
    status: 400,
    audience: 'organizer',
    description: 'The seating plan’s CSV has problems: `problems` lists them by line and column (up to 100; `total` counts them all), nothing was imported.',
    details: v.object({ problems: v.array(CsvPlanProblem), total: v.number() }),
  },
  not_seated: { status: 400, audience: 'organizer', description: 'The performance is general admission: it has no seats to block or to show.' },
  not_general_admission: { status: 400, audience: 'organizer', description: 'The performance is seated: it has no capacity to set.' },
  capacity_below_sold: { status: 409, audience: 'organizer', description: 'The capacity would be below the places already sold or held.' },
  series_empty: { status: 400, audience: 'organizer', description: 'No date of the series falls on a chosen day of the week (after the days left out).' },
  series_too_long: {
    status: 400,
    audience: 'organizer',
    description: 'The series would create more performances than one request may (`max`); split it.',
    details: v.object({ count: v.number(), max: v.number() }),
  },
  series_in_past: {
    status: 400,
    audience: 'organizer',
    description: 'A date of the series starts before now (`startsAt`); begin the series later or leave that date out.',
    details: v.object({ startsAt: Iso }),
  },
  series_sales_window_empty: {
    status: 400,
    audience: 'organizer',
    description: 'Sales would open (`salesStartAt`) only after they close for a date of the series (`startsAt`): open them earlier or close them later.',
    details: v.object({ startsAt: Iso }),
  },
  tariff_in_use: { status: 409, audience: 'organizer', description: 'Tickets, holds or promo codes use this tariff: it cannot be deleted (deactivate or hide it instead).' },
  performance_in_use: { status: 409, audience: 'organizer', description: 'Tickets, orders, holds or codes refer to this performance: it cannot be deleted (cancel it instead).' },
  unknown_event: { status: 400, audience: 'organizer', description: 'Events (`ids`) are not of the shop.', details: Ids },
  unknown_performance: { status: 400, audience: 'organizer', description: 'Performances (`ids`) are not of the shop.', details: Ids },
  message_not_failed: { status: 409, audience: 'organizer', description: 'No failed message of the shop has this id: only failed messages can be sent again.' },
  message_not_resendable: {
    status: 409,
    audience: 'organizer',
    description: 'The order has no such e-mail to send again now: a confirmation needs a paid order with valid tickets, an invoice an order still awaiting its payment.',
    details: v.object({ kind: v.picklist(['order_confirmation', 'invoice']), status: v.picklist(orderStatuses) }),
  },
  message_pending: {
    status: 409,
    audience: 'organizer',
    description: 'An e-mail of this kind for the order is still waiting to be sent (`messageId`); it goes out within minutes, a copy would only double it.',
    details: v.object({ messageId: v.string() }),
  },

  // --- Organizer: codes -----------------------------------------------------------------------
  code_taken: { status: 409, audience: 'organizer', description: 'A promo code, pass or voucher of the shop already has this code.', details: Code },
  code_in_use: { status: 409, audience: 'organizer', description: 'The promo code has been used: its text can no longer change; create a new code instead.' },
  code_generation_failed: { status: 503, audience: 'organizer', description: 'No free code could be generated; retry.' },
  invalid_discount: { status: 400, audience: 'organizer', description: 'The discount’s type, value and base do not fit together.' },
  invalid_window: { status: 400, audience: 'organizer', description: 'A promo code’s validFrom is not before its validUntil, or a voucher’s expiresAt is not in the future.' },
  tariff_not_hidden: { status: 400, audience: 'organizer', description: 'A promo code may unlock only hidden tariffs; these (`ids`) are public.', details: Ids },
  promo_code_not_found: { status: 404, audience: 'organizer', description: 'There is no promo code with this id in the shop.' },
  pass_not_found: { status: 404, audience: 'organizer', description: 'There is no pass with this id in the shop.' },
  voucher_not_found: { status: 404, audience: 'organizer', description: 'There is no gift voucher with this id in the shop.' },

  // --- Organizer: cancellations and refunds ---------------------------------------------------
  order_already_cancelled: { status: 409, audience: 'organizer', description: 'The order is already cancelled.', details: OrderStatus },
  order_not_cancellable: { status: 409, audience: 'organizer', description: 'The order was never completed (or is not an unpaid invoice order, where only those may be cancelled).', details: OrderStatus },
  order_changed: { status: 409, audience: 'organizer', description: 'The order changed while it was being cancelled or one of its e-mails prepared again; look at it again.', details: OrderStatus },
  invoice_order_whole_only: { status: 409, audience: 'organizer', description: 'An unpaid invoice order can only be cancelled whole.' },
  tickets_required: { status: 422, audience: 'organizer', description: 'Scope "tickets" needs `ticketNumbers`.' },
  ticket_not_in_order: { status: 404, audience: 'organizer', description: 'These `ticketNumbers` are not tickets of the order.', details: v.object({ ticketNumbers: v.array(v.string()) }) },
  ticket_not_cancellable: {
    status: 409,
    audience: 'organizer',
    description: 'These `tickets` are no longer valid (cancelled or exchanged; no `tickets` when another cancellation took them meanwhile).',
    details: v.optional(v.object({ tickets: v.array(v.object({ number: v.string(), status: v.picklist(ticketStatuses) })) })),
  },
  nothing_to_cancel: { status: 409, audience: 'organizer', description: 'The order has no valid ticket left.' },
  refund_not_possible: { status: 409, audience: 'organizer', description: 'Nothing was paid for the order: the refund method must be "none".' },
  refund_amount_without_method: { status: 422, audience: 'organizer', description: 'A refund amount needs a refund method other than "none".' },
  nothing_to_refund: { status: 422, audience: 'organizer', description: 'A refund voucher needs an amount above zero.' },
  card_refund_not_possible: { status: 409, audience: 'organizer', description: 'The order was not paid by a card the shop can refund.' },
  refund_exceeds_paid: {
    status: 409,
    audience: 'organizer',
    description: 'The refund, with the earlier ones, would exceed what was paid (`refundable` is what is left, when known).',
    details: v.optional(v.object({ refundable: v.number() })),
  },
  cancellation_not_found: { status: 404, audience: 'organizer', description: 'The order has no cancellation with this id.' },
  already_refunded: { status: 409, audience: 'organizer', description: 'The cancellation’s card refund was already made.' },
  no_card_refund: {
    status: 409,
    audience: 'organizer',
    description: 'The cancellation’s refund method (`refundMethod`) is not a card refund.',
    details: v.object({ refundMethod: v.picklist(refundMethods) }),
  },
  refund_failed: {
    status: 402,
    audience: 'organizer',
    description: 'The payment provider refused the refund (its `code`); the cancellation stands, retry the refund later.',
    details: v.object({ code: v.string() }),
  },

  // --- Organizer: check-in --------------------------------------------------------------------
  ticket_unreadable: { status: 422, audience: 'organizer', description: 'The scanned text is not a ticket code.' },
  ticket_forged: { status: 422, audience: 'organizer', description: 'The ticket code’s signature is wrong (rate limited per token).' },
  ticket_other_shop: { status: 422, audience: 'organizer', description: 'The ticket is of another shop.' },
  ticket_unknown: {
    status: 404,
    audience: 'organizer',
    description: 'No ticket has this code: a well-signed code never issued, a barcode no imported ticket carries, or a typed number of no ticket (rate limited per token).',
  },
  ticket_wrong_performance: {
    status: 409,
    audience: 'organizer',
    description: 'The ticket is for another performance: `performanceId`, its event’s `eventTitle` and `startsAt`. Not admitted.',
    details: v.object({ performanceId: v.string(), eventTitle: v.string(), startsAt: Iso, ...DoorTicketFacts.entries }),
  },
  ticket_cancelled: {
    status: 409,
    audience: 'organizer',
    description: 'The ticket was cancelled: do not admit.',
    details: v.object({ ...DoorTicketFacts.entries }),
  },
  ticket_exchanged: {
    status: 409,
    audience: 'organizer',
    description: 'The ticket was exchanged (`replacedBy` is the new ticket’s number): do not admit.',
    details: v.object({ replacedBy: v.string(), ...DoorTicketFacts.entries }),
  },
  // --- Organizer: reports ---------------------------------------------------------------------
  report_period_invalid: { status: 400, audience: 'organizer', description: 'The report period ends before it starts (`from` must be before `to`).' },
  report_period_too_long: {
    status: 400,
    audience: 'organizer',
    description: 'The report period is longer than `maxDays` days; ask for several shorter periods.',
    details: v.object({ maxDays: v.number() }),
  },

  ticket_already_admitted: {
    status: 409,
    audience: 'organizer',
    description: 'The ticket was already admitted at `admittedAt`, by scanner `deviceId` at `door` (null when its first scan named none).',
    details: v.object({ admittedAt: Iso, deviceId: v.nullable(v.string()), door: v.nullable(v.string()), ...DoorTicketFacts.entries }),
  },
} as const satisfies Record<string, ErrorSpec>;

type Table = typeof errorCodes;

/** Every code the API can answer. */
export type ErrorCode = keyof Table;

/** The HTTP status a code is answered with. */
export type ErrorStatus<C extends ErrorCode> = Table[C]['status'];

/** The `details` a code carries (undefined when it carries none; may be undefined when its schema is optional). */
export type ErrorDetails<C extends ErrorCode> = C extends ErrorCode ? (Table[C] extends { details: infer S extends v.GenericSchema } ? v.InferOutput<S> : undefined) : never;

/** The codes the storefront API can answer to a buyer's widget: the widget must say each in every language. */
export type BuyerErrorCode = { [C in ErrorCode]: Table[C]['audience'] extends 'organizer' | 'reseller' | 'wallet' ? never : C }[ErrorCode];

/** The codes answered with a status: e.g. `CodeWithStatus<404>` for a not-found helper. */
export type CodeWithStatus<S extends ErrorSpec['status']> = { [C in ErrorCode]: Table[C]['status'] extends S ? C : never }[ErrorCode];

/** One answer of the error envelope, its details typed by its code. */
export type ErrorBody<C extends ErrorCode = ErrorCode> = C extends ErrorCode ? { code: C; message: string; details?: ErrorDetails<C> } : never;

export function errorStatus<C extends ErrorCode>(code: C): ErrorStatus<C> {
  return errorCodes[code].status;
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}
