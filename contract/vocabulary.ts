/**
 * The closed lists of words the API speaks (statuses, kinds, locales, currencies). Storage
 * enums and request schemas both read them from here, so the two cannot drift apart.
 */
export const currencies = ['CHF', 'EUR'] as const;
export const locales = ['fr', 'de', 'it', 'en'] as const;
export const eventStatuses = ['draft', 'published', 'archived'] as const;
export const performanceStatuses = ['scheduled', 'cancelled'] as const;
/** Days of the week in ISO order (Monday first), as a series of performances names them. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const codeKinds = ['promo', 'pass', 'voucher'] as const;
export const discountTypes = ['percent', 'amount', 'none'] as const;
export const discountBases = ['ticket', 'order'] as const;
export const codeStatuses = ['active', 'cancelled'] as const;
export const productOrderKinds = ['pass', 'voucher'] as const;
export const voucherSources = ['sold', 'issued', 'refund'] as const;
export const codeUseStates = ['held', 'used', 'released'] as const;
export const productOrderStatuses = ['pending', 'paid', 'cancelled'] as const;
export const holdStatuses = ['active', 'converted', 'released', 'expired'] as const;
export const claimStates = ['held', 'sold', 'blocked'] as const;
export const messageKinds = ['order_confirmation', 'invoice', 'invoice_reminder', 'order_cancelled', 'pre_event', 'ticket_exchanged', 'pass_issued', 'voucher_issued', 'tickets_cancelled', 'webhook_endpoint_disabled', 'payment_returned', 'staff_sign_in', 'staff_invitation', 'waiting_list_joined', 'waiting_list_offer'] as const;
export const messageStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export const mailTransports = ['smtp', 'http', 'mailbox'] as const;
export const orderStatuses = ['pending', 'paid', 'expired', 'cancelled', 'invoiced'] as const;
/** `authorized`: a card payment held by Stripe, captured right after the sale (or voided). */
export const paymentStatuses = ['declined', 'authorized', 'captured', 'voided', 'refunded'] as const;
export const paymentKinds = ['charge', 'refund'] as const;
export const ticketStatuses = ['valid', 'cancelled', 'exchanged'] as const;
export const orderLineKinds = ['ticket', 'pass', 'discount', 'fee', 'insurance'] as const;
export const cancellationScopes = ['order', 'tickets'] as const;
export const refundMethods = ['none', 'bank_transfer', 'cash', 'card_refund', 'voucher'] as const;
export const cancellationActors = ['system', 'organizer'] as const;
/**
 * What a staff member or an API token may do (contract/permissions.ts is the matrix): the owner
 * everything; the manager the catalogue, codes, orders and reports; the box office selling, looking
 * up, exchanging, recording payments and cancelling up to the owner's refund limit; the door
 * check-in only; the accountant reading orders, reports and exports; the reseller (API tokens
 * only, never a staff member) selling within its own quotas through the storefront API.
 */
export const staffRoles = ['owner', 'manager', 'box_office', 'door', 'accountant', 'reseller'] as const;
/** The roles a person signing in to the console may have (a reseller is a partner's API token). */
export const consoleRoles = ['owner', 'manager', 'box_office', 'door', 'accountant'] as const;
/** A reseller sells while active; archived, its tokens are refused and its quotas no longer sell. */
export const resellerStatuses = ['active', 'archived'] as const;
/** Who made an organizer write: a staff member signed in to the console, or an API token. */
export const staffActorKinds = ['staff', 'token'] as const;
/** A staff member can sign in while active; revoked, never again (an invitation makes a new member). */
export const staffMemberStatuses = ['active', 'revoked'] as const;
/**
 * Where an order was sold: the widget or the API (`online`), at the desk by a staff member
 * (`box_office`), by a reseller within its quota (`reseller`), or sold elsewhere and imported
 * so that the door admits it (`import`).
 */
export const saleChannels = ['online', 'box_office', 'reseller', 'import'] as const;
/** Where a hold was made: by a buyer online, or at the desk (which may sell outside the online sales window). */
export const holdChannels = ['online', 'box_office', 'waitlist'] as const;
/** A waiting-list entry's life: in line, offered seats (a hold of channel waitlist), bought them, let the offer lapse, left or removed. */
export const waitingListStatuses = ['waiting', 'offered', 'claimed', 'expired', 'withdrawn'] as const;
/** How money moves through a till: notes and coins, or the card terminal at the desk. */
export const tillMethods = ['cash', 'terminal'] as const;
export const tillStatuses = ['open', 'closed'] as const;
export const exchangeActors = ['buyer', 'organizer'] as const;
/** Webhook events an endpoint may subscribe to (contract/webhooks.ts says when each fires). */
export const webhookEventTypes = ['order.placed', 'order.paid', 'order.cancelled', 'tickets.cancelled', 'ticket.exchanged', 'ticket.checked_in', 'invoice.reminder_sent', 'refund.recorded'] as const;
export const webhookDeliveryStatuses = ['pending', 'sending', 'delivered', 'failed'] as const;
/** Where a Stripe payment stands on the API's side (db/schema/stripe.ts says what each means). */
export const stripePaymentStates = ['open', 'settling', 'sold', 'returning', 'returned', 'superseded'] as const;
export const stripeCaptureStates = ['none', 'pending', 'captured', 'not_captured'] as const;
/** Why a Stripe payment was given back instead of making the sale. */
export const stripeReturnReasons = ['seats_taken', 'hold_changed', 'codes_changed', 'order_closed'] as const;
/** What a customer-form question asks for; each kind has its own check (contract/questions.ts). */
export const questionKinds = ['attendee_name', 'email', 'phone', 'date_of_birth', 'choice', 'choices', 'yes_no', 'text', 'consent'] as const;
/** Asked once per order, or once per ticket (e.g. each attendee's name). */
export const questionScopes = ['order', 'ticket'] as const;
