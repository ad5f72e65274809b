import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { decodeSeatRanges } from '../../../contract/seat-ranges.js';
import { createShopClient, ShopApiError, type ShopClient } from '../api/client.js';
import { resolveApiBase } from '../api/origin.js';
import type {
  Availability,
  Buyer,
  CheckoutAnswers,
  EventInfo,
  ExchangeOptions,
  HoldRequest,
  HoldView,
  Locale,
  OrderView,
  Payment,
  PerformanceDetail,
  PlanGeometry,
  SeatPlace,
  ShopInfo,
  Tariff,
  TicketView,
} from '../api/types.js';
import { defineElement } from '../define.js';
import { emit, type CheckoutSubmitDetail, type TicketShopEventMap } from '../events.js';
import { FocusController } from '../focus.js';
import type { Translation } from '../i18n/en.js';
import { errorMessage, formatDate, formatMoney, loadTranslation, LocalizeController, matchLocale } from '../i18n/localize.js';
import { clickPrices, lowestPrices } from '../seat-map/seat-prices.js';
import { hostStyles } from '../styles/shared.styles.js';
import { AvailabilityPoller } from './availability-poller.js';
import { HoldQueue } from './hold-queue.js';
import type { StripeLoader } from '../stripe/stripe-loader.js';
import { forget, keep, kept } from './purchase-storage.js';
import { ticketShopStyles } from './ticket-shop.styles.js';

type Step = 'loading' | 'failed' | 'events' | 'performances' | 'choose' | 'checkout' | 'done';
type Notice = { tone: 'error' | 'warning' | 'success'; text: string };

/** Events of the widget's parts that `<ticket-shop>` handles and keeps to itself. */
const internalEvents = [
  'tk-event-select',
  'tk-quantity-change',
  'tk-seat-remove',
  'tk-seat-tariff-change',
  'tk-best-available',
  'tk-hold-extend',
  'tk-checkout-request',
  'tk-checkout-submit',
  'tk-countdown-end',
  'tk-restart',
  'tk-code-submit',
  'tk-code-withdraw',
  'tk-insurance-change',
  'tk-seat-toggle',
  'tk-seat-focus',
  'tk-seat-lost',
  'tk-stripe-paid',
  'tk-stripe-processing',
  'tk-stripe-returned',
  'tk-stripe-back',
] as const;

/** Codes after which the hold is gone and the cart must be emptied. */
const lostHoldCodes = new Set(['hold_expired', 'hold_not_found', 'hold_released', 'hold_converted']);

const GA_FEW_LEFT = 20;

/** The seat map's element, loaded on demand: its own chunk, fetched only for seated performances. */
type SeatMapElement = HTMLElement & {
  geometry: PlanGeometry | null;
  unavailable: ReadonlySet<number>;
  selected: ReadonlySet<number>;
  prices: Record<string, string>;
  locale: string;
  maxSelectable: number;
  strings: Partial<Translation['seatMap']>;
  showSeats(seatIds: Iterable<number>): void;
};
/** Loads a lazy chunk once; a failed load (e.g. offline) is retried on the next call. */
function lazy(load: () => Promise<unknown>): () => Promise<unknown> {
  let pending: Promise<unknown> | null = null;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = null;
      throw err;
    }));
}
const loadSeatMap = lazy(() => import('../seat-map/seat-map.js'));
const loadPicker = lazy(() => import('../performance-picker/performance-picker.js'));
const loadChooseParts = lazy(() => import('./choose-parts.js'));
const loadCheckoutParts = lazy(() => import('./checkout-parts.js'));
const loadGiftShop = lazy(() => import('../gift-shop/gift-shop.js'));
const loadExchange = lazy(() => import('../ticket-exchange/ticket-exchange.js'));
const loadWaitingList = lazy(() => import('../waiting-list/waiting-list-join.js'));
/** Paying through Stripe (the Payment Element and Stripe.js's loader): only for an order that pays by Stripe. */
const loadStripe = () => import('../stripe/stripe-payment.js');

/**
 * A complete ticket shop for one event (or all events of a shop): dates, seats or quantities,
 * cart with a live reservation countdown, checkout and tickets with QR codes, in one element.
 *
 * ```html
 * <script type="module" src="https://tickets.example.ch/widget/ticket-shop.js"></script>
 * <ticket-shop shop="shp_demo" event="evt_…"></ticket-shop>
 * ```
 *
 * Without an `event` attribute the element offers every published event of the shop.
 * With `order` and `secret` it opens that order's page (tickets with QR codes, PDF, calendar,
 * exchange, invoice, "send the e-mail again"), as the `?order=…&secret=…` link of the e-mails does
 * on the page that embeds it: `<ticket-shop shop="shp_demo" order="T7K-…" secret="…">`.
 * The language comes from its `lang` attribute, else the closest `lang` of the page, else the
 * shop's default; amounts and dates use the shop's currency and time zone.
 *
 * @fires tk-performance-select - The buyer chose a date. Detail: `{ eventId, performanceId, startsAt, seating }`.
 * @fires tk-seats-change - The hold's content changed (seats or quantities). Detail: `{ performanceId, seatIds, quantities, ticketCount, total, currency }`.
 * @fires tk-hold-create - Tickets are reserved for the buyer. Detail: `{ performanceId, expiresAt }`.
 * @fires tk-hold-expire - The reservation ran out and the cart was emptied. Detail: `{ performanceId }`.
 * @fires tk-code-apply - The API accepted a promo, pass or voucher code and priced the cart with it. Detail: `{ code, kind, applied, amount, currency, amountDue }`.
 * @fires tk-code-remove - The buyer removed a code from the cart. Detail: `{ code, kind }`.
 * @fires tk-order-complete - The order was placed: paid or free (`status: 'paid'`, tickets issued) or by invoice (`status: 'invoiced'`, tickets once paid). Detail: `{ orderNumber, status, paymentMethod, performanceId, ticketCount, total, currency }`.
 *
 * @csspart base - The widget's card.
 * @csspart header - Event title, venue and chosen date.
 * @csspart steps - The progress bar.
 * @csspart notice - Messages to the buyer (errors, warnings).
 * @csspart event-card - One event of the shop (without `event` attribute).
 * @csspart list - Dates as a list.
 * @csspart performance - One date of the list.
 * @csspart calendar - Dates as a month calendar.
 * @csspart view-toggle - The list/calendar switch.
 * @csspart seat-map - The seat map; its own parts are exported as seat-map-base, seat-map-canvas, seat-map-toolbar, seat-map-legend, seat-map-tooltip and seat-map-list.
 * @csspart form - The best-available form.
 * @csspart submit - Its button.
 * @csspart tariff - A general-admission tariff row.
 * @csspart stepper - Its quantity control.
 * @csspart cart - The cart.
 * @csspart line - A cart line.
 * @csspart total - The cart total.
 * @csspart countdown - The reservation countdown.
 * @csspart extend-button - The "more time" button.
 * @csspart checkout-button - The "continue" button.
 * @csspart code-form - The field for promo, pass and voucher codes, with its button.
 * @csspart code-input - Its text field.
 * @csspart code-button - Its "apply" button.
 * @csspart code - A code on the cart, with what it did.
 * @csspart code-error - Why a code was refused.
 * @csspart code-line - A discount or pass line of the cart.
 * @csspart amount-due - What is left to pay after gift vouchers.
 * @csspart insurance - The cancellation insurance opt-in at checkout.
 * @csspart questions - The organizer's questions at checkout (customer forms).
 * @csspart ticket-questions - The questions of one ticket, under its seat or its number and tariff.
 * @csspart insured - The insurer's details on the confirmation of an insured order.
 * @csspart gift-form - With `gifts`: the form to buy a gift voucher or a pass.
 * @csspart gift-code - With `gifts`: the code bought.
 * @csspart checkout-form - The checkout form.
 * @csspart test-mode - The "Test mode — no real payment" badge.
 * @csspart field-error - An inline error message.
 * @csspart pay-button - The pay button (also the one under Stripe's Payment Element).
 * @csspart stripe-payment - The Stripe payment area.
 * @csspart hero - The confirmation banner.
 * @csspart ticket - A ticket card.
 * @csspart qr - A ticket's QR code.
 * @csspart documents - The order page's actions (all tickets as PDF, add to calendar, send the e-mail again).
 * @csspart tickets-pdf - The link to all tickets as one PDF.
 * @csspart ticket-pdf - The link to one ticket's PDF.
 * @csspart calendar-link - The link to the order's calendar file (.ics).
 * @csspart resend-button - The "send the e-mail again" button.
 * @csspart resend-status - What came of it.
 * @csspart invoice-status - An invoice order's status.
 *
 * @slot payment-element - Filled by the widget itself: Stripe's Payment Element, which cannot live in a shadow root, is mounted in a `<div slot="payment-element">` the widget adds to this element while the buyer pays by Stripe.
 *
 * @cssproperty --tk-accent - Accent colour (buttons, chosen items, focus ring). Default #4338ca.
 * @cssproperty --tk-on-accent - Text on the accent colour. Default #fff.
 * @cssproperty --tk-background - Background of the widget. Default #fff.
 * @cssproperty --tk-surface - Background of secondary areas. Default #f6f6f9.
 * @cssproperty --tk-text - Text colour. Default #17171f.
 * @cssproperty --tk-text-muted - Secondary text colour. Default #555868.
 * @cssproperty --tk-border - Border colour. Default #dfe0e8.
 * @cssproperty --tk-danger - Error colour. Default #b42318.
 * @cssproperty --tk-radius - Corner radius of boxes. Default 12px.
 * @cssproperty --tk-spacing - Base spacing. Default 16px.
 * @cssproperty --tk-font-family - Font stack. Default: the system UI font.
 * @cssproperty --tk-font-size - Base font size. Default 16px.
 */
export class TicketShop extends LitElement {
  static override styles = [hostStyles, ticketShopStyles];

  /** The shop id (shp_…). */
  @property() shop = '';

  /** The event id (evt_…); without it the buyer first picks one of the shop's published events. */
  @property() event: string | null = null;

  /** Origin of the ticket-shop server; by default where the script was loaded from (script tag) or the page's origin (npm). */
  @property() api: string | null = null;

  /** A performance id (prf_…) to open directly, skipping the choice of date. */
  @property() performance: string | null = null;

  /** Language of the widget (fr, de, it or en); else the closest `lang` of the page, else the shop's default. */
  @property() override lang!: string;

  /** An order number to open its order page directly (with `secret`); changing it reopens. */
  @property({ attribute: 'order' }) orderNumber: string | null = null;

  /** The order's secret (from its confirmation link), with `order`. */
  @property({ attribute: 'secret' }) orderSecret: string | null = null;

  /** Sell gift vouchers and passes instead of tickets (`<ticket-shop shop="…" gifts>`); that part loads on demand. */
  @property({ type: Boolean }) gifts = false;

  /**
   * Gives the Stripe object for a Stripe payment, `(publishableKey, { stripeAccount, locale }) => Promise<Stripe>`:
   * Stripe.js by default, a stand-in for tests. Read when a Payment Element is created. Reactive, because
   * with `gifts` it is handed down to `<tk-gift-shop>`, which may already be on the page when it is set.
   */
  @property({ attribute: false }) stripeLoader: StripeLoader | null = null;

  // Internal members other than reactive state are JS-private (#): unlike TypeScript's
  // `private`, the minifier can shorten their names, which keeps the first download small.
  @state() private step: Step = 'loading';
  @state() private shopInfo: ShopInfo | null = null;
  @state() private events: EventInfo[] = [];
  @state() private eventInfo: EventInfo | null = null;
  @state() private detail: PerformanceDetail | null = null;
  @state() private geometry: PlanGeometry | null = null;
  @state() private seatMapState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** Seats held, sold or blocked, as the last availability poll said (the buyer's own included). */
  @state() private taken: ReadonlySet<number> = new Set();
  /** Among them, the ones only held (they may come free again). */
  @state() private heldByAnyone: ReadonlySet<number> = new Set();
  @state() private remaining: number | null = null;
  /** A hold was refused because people wait for this date (waiting_list_first): the line is open to join. */
  @state() private lineWaiting = false;
  @state() private scarcity: Record<string, 'sold_out' | 'few_left'> = {};
  @state() private hold: HoldView | null = null;
  @state() private holdExpiresAt: number | null = null;
  @state() private holdMaxExpiresAt: number | null = null;
  @state() private bestBusy = false;
  @state() private paying = false;
  @state() private checkoutError: string | null = null;
  /** The last checkout's error itself: the form marks the answers an `answers_invalid` refused. */
  @state() private checkoutFailure: unknown = null;
  @state() private codeBusy = false;
  @state() private codeError: string | null = null;
  /** The buyer ticked the cancellation insurance (never pre-ticked; forgotten with the hold). */
  @state() private insured = false;
  @state() private notice: Notice | null = null;
  @state() private order: OrderView | null = null;
  /** What of the shown order can be exchanged online, and the ticket being exchanged. */
  @state() private exchangeOptions: ExchangeOptions | null = null;
  @state() private exchanging: string | null = null;
  /** The pending order paid by Stripe at the checkout step. */
  @state() private stripeOrder: OrderView | null = null;

  #client: ShopClient | null = null;
  /** A date the page named, asked for with the shop's first answers (see #prefetch). */
  #early: { client: ShopClient; performanceId: string; detail: Promise<PerformanceDetail>; plan: Promise<PlanGeometry | null> } | null = null;
  /** A PaymentIntent to settle before showing the Payment Element (back from Stripe's redirect); set with `stripeOrder`. */
  #stripeIntent: string | null = null;
  #loadToken = 0;
  #seatIndex: { geometry: PlanGeometry; byId: Map<number, number> } | null = null;
  readonly #localize = new LocalizeController(this);
  readonly #focus = new FocusController(this);
  /** Keeps the seat map and the places left current while the buyer chooses. */
  readonly #poller = new AvailabilityPoller(this, { client: () => this.#client, onAvailability: (availability) => this.#applyAvailability(availability) });
  /** The buyer's cart changes, one request at a time, shown as done while on their way. */
  readonly #holds = new HoldQueue(this, (err) => this.#handleHoldError(err));
  readonly #stopInternal = (event: Event) => event.stopPropagation();

  /** The language the page asks for: `lang`, else the page's; unset, the shop's default is used. */
  get #askedLocale(): Locale | null {
    return matchLocale(this.lang) ?? matchLocale(this.parentElement?.closest('[lang]')?.getAttribute('lang'));
  }

  /** The language in use: `lang`, else the page's, else the shop's default. */
  get locale(): Locale {
    return this.#askedLocale ?? this.shopInfo?.defaultLocale ?? 'en';
  }

  protected override firstUpdated(): void {
    // Parts talk to this element with bubbling, composed events; they stop here.
    for (const type of internalEvents) this.renderRoot.addEventListener(type, this.#stopInternal);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.gifts) {
      if (changed.has('gifts')) void loadGiftShop().catch(() => undefined);
    } else if (changed.has('shop') || changed.has('event') || changed.has('api') || changed.has('gifts') || changed.has('orderNumber') || changed.has('orderSecret')) void this.#load();
    else if (changed.has('performance') && this.performance && this.eventInfo) void this.#selectPerformance(this.performance);
    if (changed.has('lang')) void loadTranslation(this.locale).catch(() => undefined);
    // A new step (or the exchange opening or closing) replaced what had focus: its heading takes it.
    // Not on the first screen, which must not pull focus into the widget.
    const before = (changed as PropertyValues).get('step');
    if ((before && before !== 'loading') || (changed as PropertyValues).get('exchanging') !== undefined) this.#focusStage();
  }

  // ── Loading ────────────────────────────────────────────────────────────

  async #load() {
    const token = ++this.#loadToken;
    this.#poller.stop();
    this.#reset();
    this.step = 'loading';
    if (!this.shop) return;
    this.#client = createShopClient(resolveApiBase(this.api), this.shop, () => this.#askedLocale);
    const client = this.#client;
    if (this.performance) this.#prefetch(client, this.performance);
    try {
      // The parts of the first screens load in parallel with the first API answers, not before them.
      const [shopInfo, events] = await Promise.all([client.shop(), this.event ? client.event(this.event).then((e) => [e]) : client.events(), loadPicker()]);
      this.shopInfo = shopInfo;
      await loadTranslation(this.locale).catch(() => undefined);
      if (token !== this.#loadToken) return;
      this.events = events;
      void loadChooseParts().catch(() => undefined);
      const link = new URLSearchParams(globalThis.location?.search ?? '');
      // The attributes, else the e-mail's link on the page.
      const [number, secret] = this.orderNumber && this.orderSecret ? [this.orderNumber, this.orderSecret] : [link.get('order'), link.get('secret')];
      if (number && secret && (await this.#openOrder(client, token, number, secret, link.get('exchange')))) return;
      // The "leave the waiting list" link of the e-mail (?waitlist=…&token=…): done, said, then the shop as usual.
      const leaving = link.get('waitlist');
      if (leaving) {
        const t = this.#localize.t;
        const { leaveWaitingList } = await import('../api/waiting-list-client.js');
        this.notice = await leaveWaitingList(resolveApiBase(this.api), this.shop, leaving, link.get('token') ?? '').then(
          () => ({ tone: 'success' as const, text: t.leftWaitingList }),
          (err) => ({ tone: 'error' as const, text: errorMessage(t, err) }),
        );
        this.step = 'events';
        return;
      }
      if (link.has('payment_intent') && (await this.#backFromStripe(client, token))) return;
      // A waiting-list offer's link (?hold=…): that hold is the cart to restore.
      const offered = link.get('hold');
      const hold = offered ? await client.getHold(offered).catch(() => null) : null;
      const held = hold && events.find((e) => e.performances.some((p) => p.id === hold.performanceId));
      if (held) keep('hold', this.shop, held.id, hold.id);
      if ((await this.#restoreHold(client, token)) || (await this.#restoreOrder(client, token))) return;
      const wanted = this.performance ? events.find((e) => e.performances.some((p) => p.id === this.performance)) : undefined;
      if (wanted || events.length === 1) await this.#openEvent(wanted ?? events[0]!, this.performance);
      else this.step = 'events';
    } catch (err) {
      if (token !== this.#loadToken) return;
      this.notice = { tone: 'error', text: errorMessage(this.#localize.t, err) };
      this.step = 'failed';
    }
  }

  #reset() {
    this.shopInfo = null;
    this.events = [];
    this.eventInfo = null;
    this.detail = null;
    this.geometry = null;
    this.seatMapState = 'idle';
    this.#clearHold();
    this.notice = null;
    this.order = null;
    this.exchangeOptions = null;
    this.exchanging = null;
    this.scarcity = {};
  }

  /**
   * Shows an order as the API has it now: the order page (the links of the e-mails open the
   * shop's page with ?order=…&secret=…, and &exchange=TICKET to exchange that ticket straight
   * away), or the buyer's last order after a reload.
   */
  async #openOrder(client: ShopClient, token: number, number: string, secret: string, exchange?: string | null): Promise<boolean> {
    const order = await client.order(number, secret).catch(() => null);
    if (!order || token !== this.#loadToken) return false;
    await loadCheckoutParts();
    this.order = order;
    this.eventInfo = this.events.find((e) => e.id === order.event.id) ?? null;
    this.step = 'done';
    await this.#loadExchangeOptions();
    if (exchange && this.exchangeOptions?.tickets.some((t) => t.number === exchange)) await this.#openExchange(exchange);
    return true;
  }

  /** Back from Stripe's redirect (3-D Secure, TWINT): the checkout settles the payment and shows what came of it. */
  async #backFromStripe(client: ShopClient, token: number): Promise<boolean> {
    const back = await (await loadStripe()).backFromStripe(client);
    if (!back || token !== this.#loadToken) return false;
    const { order } = back;
    // The cart comes back as after a reload; without it (the hold lapsed) the order's date opens, to choose again from.
    const event = this.events.find((e) => e.id === order.event.id);
    if (!(await this.#restoreHold(client, token)) && event) await this.#openEvent(event, order.performance.id);
    await loadCheckoutParts();
    this.#stripeIntent = back.paymentIntentId;
    this.stripeOrder = order;
    this.step = 'checkout';
    return true;
  }

  /** The confirmation says "keep this page": after a reload it shows the last order again, until the buyer starts a new purchase. */
  async #restoreOrder(client: ShopClient, token: number): Promise<boolean> {
    for (const saved of kept('order', this.shop, this.event || undefined)) {
      const [number = '', secret = ''] = saved.value.split(' ');
      if ((await this.#openOrder(client, token, number, secret)) || token !== this.#loadToken) return true;
      forget('order', this.shop, saved.eventId);
    }
    return false;
  }

  async #loadExchangeOptions() {
    const order = this.order;
    if (!order || order.status !== 'paid' || !this.#client) return;
    const options = await this.#client.exchangeOptions(order.number, order.secret).catch(() => null);
    if (order === this.order) this.exchangeOptions = options;
  }

  async #openExchange(ticketNumber: string) {
    await loadExchange();
    this.exchanging = ticketNumber;
  }

  /** After an exchange the order shows the new ticket, and the old one as no longer valid. */
  async #exchanged() {
    const order = this.order;
    if (!order || !this.#client) return;
    const fresh = await this.#client.order(order.number, order.secret).catch(() => null);
    if (fresh) this.order = fresh;
    await this.#loadExchangeOptions();
  }

  /** Reopens the cart of a reload within the hold's lifetime. */
  async #restoreHold(client: ShopClient, token: number): Promise<boolean> {
    for (const saved of kept('hold', this.shop, this.event || undefined)) {
      const hold = await client.getHold(saved.value).catch(() => null);
      if (token !== this.#loadToken) return true;
      if (!hold || hold.status !== 'active' || hold.secondsLeft <= 0 || hold.ticketCount === 0) {
        forget('hold', this.shop, saved.eventId);
        continue;
      }
      const event = this.events.find((e) => e.id === saved.eventId) ?? (await client.event(saved.eventId).catch(() => null));
      if (!event || token !== this.#loadToken) continue;
      await this.#openEvent(event, hold.performanceId);
      this.#applyHold(hold);
      return true;
    }
    return false;
  }

  async #openEvent(event: EventInfo, performanceId?: string | null) {
    this.eventInfo = event;
    void this.#loadScarcity(event);
    const only = event.performances.length === 1 ? event.performances[0]!.id : null;
    const target = performanceId ?? only;
    if (target) await this.#selectPerformance(target);
    else this.step = 'performances';
  }

  /** Marks sold-out and nearly sold-out general-admission dates (seated ones show their state on the map). */
  async #loadScarcity(event: EventInfo) {
    const client = this.#client;
    const open = event.performances.filter((p) => p.onSale && p.seating === 'general_admission');
    const found = await Promise.all(open.map((p) => client?.availability(p.id).catch(() => null)));
    if (client !== this.#client) return;
    const scarcity: Record<string, 'sold_out' | 'few_left'> = {};
    for (const availability of found) {
      if (availability?.seating !== 'general_admission') continue;
      if (availability.remaining === 0) scarcity[availability.performanceId] = 'sold_out';
      else if (availability.remaining <= GA_FEW_LEFT) scarcity[availability.performanceId] = 'few_left';
    }
    this.scarcity = scarcity;
  }

  /**
   * A page that names its date (`performance`) gets its details, its seat map's plan and the
   * code to show them while the shop's first answers are on their way, not one round trip after
   * another: on a phone's network each round trip costs 150 ms or more.
   */
  #prefetch(client: ShopClient, performanceId: string) {
    const detail = client.performance(performanceId);
    const plan = detail.then((d) => (d.seating === 'seated' && d.planId ? (void loadSeatMap().catch(() => undefined), client.plan(d.planId)) : null));
    // Nobody may ask for them (the page restores a cart of another date): no unhandled rejections.
    detail.catch(() => undefined);
    plan.catch(() => undefined);
    void loadChooseParts().catch(() => undefined);
    this.#early = { client, performanceId, detail, plan };
  }

  async #selectPerformance(performanceId: string) {
    const client = this.#client;
    if (!client || !this.eventInfo) return;
    if (this.hold && this.hold.performanceId !== performanceId) await this.#releaseHold();
    this.#poller.stop();
    this.notice = null;
    this.detail = null;
    this.geometry = null;
    this.taken = new Set();
    this.heldByAnyone = new Set();
    this.remaining = null;
    this.lineWaiting = false;
    this.step = 'choose';
    try {
      const early = this.#early?.client === client && this.#early.performanceId === performanceId ? this.#early : null;
      this.#early = null;
      const [detail] = await Promise.all([early?.detail ?? client.performance(performanceId), loadChooseParts()]);
      if (client !== this.#client) return;
      this.detail = detail;
      if (detail.seating === 'seated' && detail.planId) void this.#loadSeating(client, detail.planId, early?.plan);
      this.#poller.start(performanceId);
    } catch (err) {
      if (client !== this.#client) return;
      this.#showError(err);
      this.step = 'performances';
    }
  }

  async #loadSeating(client: ShopClient, planId: string, prefetched?: Promise<PlanGeometry | null>) {
    this.seatMapState = 'loading';
    try {
      const early = await prefetched?.catch(() => null);
      const [geometry] = await Promise.all([early?.plan.id === planId ? early : client.plan(planId), loadSeatMap()]);
      if (client !== this.#client || this.detail?.planId !== planId) return;
      this.geometry = geometry;
      this.seatMapState = 'ready';
    } catch {
      if (client === this.#client) this.seatMapState = 'failed';
    }
  }

  // ── Availability (polled by #poller) ───────────────────────────────

  #applyAvailability(availability: Availability) {
    if (availability.seating === 'general_admission') {
      this.remaining = availability.remaining;
      return;
    }
    const held = new Set(decodeSeatRanges(availability.held));
    const taken = new Set(held);
    for (const ranges of [availability.sold, availability.blocked]) for (const id of decodeSeatRanges(ranges)) taken.add(id);
    this.heldByAnyone = held;
    this.taken = taken;
  }

  #othersMemo: { taken: ReadonlySet<number>; selected: ReadonlySet<number>; unavailable: ReadonlySet<number>; held: ReadonlySet<number> } | null = null;

  /** What others hold, bought or blocked (`unavailable`) and, among it, what they only hold: the poll's sets minus the buyer's own seats. */
  get #others(): { unavailable: ReadonlySet<number>; held: ReadonlySet<number> } {
    const selected = this.#selectedSeats;
    if (this.#othersMemo?.taken !== this.taken || this.#othersMemo.selected !== selected) {
      const unavailable = new Set(this.taken);
      const held = new Set(this.heldByAnyone);
      for (const id of selected) {
        unavailable.delete(id);
        held.delete(id);
      }
      this.#othersMemo = { taken: this.taken, selected, unavailable, held };
    }
    return this.#othersMemo;
  }

  // ── The hold (the buyer's cart) ────────────────────────────────────────

  /** Seats shown as selected: the hold's, plus clicks on their way to the API, minus removals on theirs. */
  get #selectedSeats(): ReadonlySet<number> {
    const memo = this.#selectedMemo;
    const { pendingAdds, pendingRemoves } = this.#holds;
    if (memo && memo.hold === this.hold && memo.adds === pendingAdds && memo.removes === pendingRemoves) return memo.result;
    const seats = new Set(this.hold?.seats.map((s) => s.seatId) ?? []);
    for (const id of pendingAdds) seats.add(id);
    for (const id of pendingRemoves) seats.delete(id);
    this.#selectedMemo = { hold: this.hold, adds: pendingAdds, removes: pendingRemoves, result: seats };
    return seats;
  }

  #selectedMemo: { hold: HoldView | null; adds: ReadonlySet<number>; removes: ReadonlySet<number>; result: ReadonlySet<number> } | null = null;

  get #shownQuantities(): Record<string, number> {
    const quantities: Record<string, number> = {};
    for (const line of this.hold?.quantities ?? []) quantities[line.tariffId] = line.quantity;
    return { ...quantities, ...this.#holds.pendingQuantities };
  }

  get #maxTickets(): number {
    return this.detail?.maxTicketsPerOrder ?? this.shopInfo?.maxTicketsPerOrder ?? 10;
  }

  async #createHold(request: HoldRequest): Promise<HoldView> {
    const hold = await this.#client!.createHold(request);
    if (this.eventInfo) keep('hold', this.shop, this.eventInfo.id, hold.id);
    emit(this, 'tk-hold-create', { performanceId: hold.performanceId, expiresAt: hold.expiresAt });
    return hold;
  }

  #applyHold(hold: HoldView) {
    const before = this.hold;
    const now = Date.now();
    this.hold = hold;
    this.holdExpiresAt = now + hold.secondsLeft * 1000;
    this.holdMaxExpiresAt = this.holdExpiresAt + Math.max(0, Date.parse(hold.maxExpiresAt) - Date.parse(hold.expiresAt));
    if (this.eventInfo) keep('hold', this.shop, this.eventInfo.id, hold.id);
    void loadCheckoutParts().catch(() => undefined);
    const signature = (h: HoldView | null) => JSON.stringify([h?.seats.map((s) => s.seatId), h?.quantities.map((q) => [q.tariffId, q.quantity])]);
    if (signature(before) !== signature(hold)) {
      emit(this, 'tk-seats-change', {
        performanceId: hold.performanceId,
        seatIds: hold.seats.map((s) => s.seatId),
        quantities: hold.quantities.map(({ tariffId, quantity }) => ({ tariffId, quantity })),
        ticketCount: hold.ticketCount,
        total: hold.total,
        currency: hold.currency,
      });
    }
  }

  #clearHold() {
    if (this.hold && this.eventInfo) forget('hold', this.shop, this.eventInfo.id);
    const had = this.hold;
    this.hold = null;
    this.holdExpiresAt = null;
    this.holdMaxExpiresAt = null;
    this.#holds.clearPending();
    this.codeError = null;
    this.insured = false;
    this.stripeOrder = null;
    if (had && had.ticketCount > 0) {
      emit(this, 'tk-seats-change', { performanceId: had.performanceId, seatIds: [], quantities: [], ticketCount: 0, total: 0, currency: had.currency });
    }
  }

  async #releaseHold() {
    const hold = this.hold;
    if (!hold) return;
    this.#clearHold();
    await this.#client?.releaseHold(hold.id).catch(() => undefined);
  }

  /** The hold ran out (by the clock or by the API's answer): empty the cart and say so. */
  #holdLost(message: string) {
    const performanceId = this.hold?.performanceId ?? this.detail?.id;
    this.#clearHold();
    this.notice = { tone: 'warning', text: message };
    if (this.step === 'checkout') this.step = 'choose';
    if (performanceId) emit(this, 'tk-hold-expire', { performanceId });
    this.#poller.refresh();
  }

  #handleHoldError(err: unknown) {
    const t = this.#localize.t;
    if (err instanceof ShopApiError && lostHoldCodes.has(err.code)) {
      this.#holdLost(errorMessage(t, err));
      return;
    }
    if (err instanceof ShopApiError && err.code === 'seats_taken' && Array.isArray(err.details.seatIds)) {
      const lost = err.details.seatIds as number[];
      this.taken = new Set([...this.taken, ...lost]);
    }
    if (err instanceof ShopApiError && err.code === 'waiting_list_first') this.lineWaiting = true;
    this.#showError(err);
  }

  #showError(err: unknown) {
    this.notice = { tone: 'error', text: errorMessage(this.#localize.t, err, (id) => this.#seatName(id)) };
  }

  #onSeatToggle(event: CustomEvent<{ seatId: number; selected: boolean }>) {
    const { seatId, selected } = event.detail;
    if (selected) this.#addSeat(seatId);
    else this.#removeSeat(seatId);
  }

  #addSeat(seatId: number) {
    const performanceId = this.detail?.id;
    if (!performanceId || this.#selectedSeats.has(seatId)) return;
    if (this.#selectedSeats.size >= this.#maxTickets) {
      this.notice = { tone: 'warning', text: this.#localize.t.maxPerOrder(this.#maxTickets) };
      return;
    }
    this.notice = null;
    void this.#holds.addSeat(seatId, async () => {
      const hold = this.hold
        ? await this.#client!.changeHold(this.hold.id, { addSeats: [{ seatId }] })
        : await this.#createHold({ performanceId, seats: [{ seatId }] });
      this.#applyHold(hold);
    });
  }

  #removeSeat(seatId: number) {
    if (!this.#selectedSeats.has(seatId)) return;
    this.notice = null;
    void this.#holds.removeSeat(seatId, async () => {
      const hold = this.hold;
      if (!hold || !hold.seats.some((s) => s.seatId === seatId)) return;
      if (hold.seats.length === 1 && this.#holds.pendingAdds.size === 0) await this.#releaseHold();
      else this.#applyHold(await this.#client!.changeHold(hold.id, { removeSeats: [seatId] }));
    });
  }

  #changeQuantity(tariffId: string, quantity: number) {
    const performanceId = this.detail?.id;
    if (!performanceId) return;
    this.notice = null;
    void this.#holds.setQuantity(tariffId, quantity, async (wanted) => {
      const hold = this.hold;
      if (!hold) {
        if (wanted > 0) this.#applyHold(await this.#createHold({ performanceId, quantities: [{ tariffId, quantity: wanted }] }));
        return;
      }
      const total = hold.quantities.reduce((n, q) => n + (q.tariffId === tariffId ? 0 : q.quantity), 0) + wanted;
      if (total === 0) await this.#releaseHold();
      else this.#applyHold(await this.#client!.changeHold(hold.id, { quantities: [{ tariffId, quantity: wanted }] }));
    });
  }

  /** Types a code into the hold; a refusal is said at the field, in the buyer's language. */
  #applyCode(code: string) {
    const hold = this.hold;
    if (!hold) return;
    this.codeError = null;
    this.codeBusy = true;
    void this.#holds.enqueue(async () => {
      try {
        const priced = await this.#client!.applyCode(this.hold?.id ?? hold.id, code);
        this.#applyHold(priced);
        const outcome = priced.codes?.find((c) => c.code === code);
        if (outcome) {
          emit(this, 'tk-code-apply', {
            code: outcome.code,
            kind: outcome.kind,
            applied: outcome.applied,
            amount: outcome.amount,
            currency: priced.currency,
            amountDue: priced.amountDue ?? priced.total,
          });
        }
      } catch (err) {
        if (err instanceof ShopApiError && lostHoldCodes.has(err.code)) throw err;
        this.codeError = errorMessage(this.#localize.t, err);
      } finally {
        this.codeBusy = false;
      }
    });
  }

  #removeCode(code: string) {
    this.codeError = null;
    void this.#holds.enqueue(async () => {
      const hold = this.hold;
      const kind = hold?.codes?.find((c) => c.code === code)?.kind;
      if (!hold || !kind) return;
      const { reverted, ...priced } = await this.#client!.removeCode(hold.id, code);
      this.#applyHold(priced);
      // Tickets on a price only the code gave went back to the public price (or, general admission, left the cart).
      if (reverted.seats.length + reverted.quantities.length > 0) this.notice = { tone: 'warning', text: this.#localize.t.codeReverted };
      emit(this, 'tk-code-remove', { code, kind });
    });
  }

  #changeTariff(seatId: number, tariffId: string) {
    void this.#holds.enqueue(async () => {
      if (this.hold) this.#applyHold(await this.#client!.changeHold(this.hold.id, { seatTariffs: [{ seatId, tariffId }] }));
    });
  }

  #bestAvailable(zoneId: string, quantity: number) {
    const performanceId = this.detail?.id;
    if (!performanceId) return;
    this.notice = null;
    this.bestBusy = true;
    void this.#holds.enqueue(async () => {
      try {
        // The API picks the seats and holds them in a new hold, which replaces the buyer's current one.
        const previous = this.hold;
        const hold = await this.#createHold({ performanceId, best: { zoneId, quantity } });
        this.#applyHold(hold);
        // The cart, headed by how many tickets it now holds, lists the seats found; the map zooms to them.
        this.#focus.moveAfterUpdate(() => this.renderRoot.querySelector('tk-cart'));
        void this.updateComplete.then(() => this.renderRoot.querySelector<SeatMapElement>('tk-seat-map')?.showSeats(hold.seats.map((s) => s.seatId)));
        if (previous) await this.#client!.releaseHold(previous.id).catch(() => undefined);
        this.#poller.refresh();
      } finally {
        this.bestBusy = false;
      }
    });
  }

  #extend() {
    void this.#holds.enqueue(async () => {
      if (!this.hold) return;
      this.#applyHold(await this.#client!.extendHold(this.hold.id));
      this.notice = { tone: 'success', text: this.#localize.t.extended };
    });
  }

  async #goToCheckout() {
    try {
      await loadCheckoutParts();
    } catch (err) {
      this.#showError(new ShopApiError(0, 'network_error', String(err)));
      return;
    }
    if (!this.hold) return;
    this.step = 'checkout';
    // A Stripe payment opened before is for the cart as it was then: the form comes first again.
    this.checkoutError = this.stripeOrder = this.checkoutFailure = null;
  }

  async #pay(buyer: Buyer, payment: Payment, insured: boolean, answers?: CheckoutAnswers) {
    if (this.paying) return;
    this.paying = true;
    this.checkoutError = this.checkoutFailure = null;
    await this.#holds.settled;
    const hold = this.hold;
    try {
      if (!hold) return;
      const order = await this.#client!.checkout(hold.id, buyer, payment, insured, answers);
      if (order.stripe) {
        // Pending until Stripe has the money: the Payment Element takes the form's place, its heading the focus.
        await loadStripe();
        this.#stripeIntent = null;
        this.stripeOrder = order;
        this.#focusStage();
        return;
      }
      this.#complete(order, payment.method);
    } catch (err) {
      if (err instanceof ShopApiError && lostHoldCodes.has(err.code)) {
        this.#holdLost(errorMessage(this.#localize.t, err));
        return;
      }
      // The date came too close for an invoice meanwhile: stop offering it (the form falls back to the card).
      if (err instanceof ShopApiError && err.code === 'invoice_not_offered' && this.detail) {
        this.detail = { ...this.detail, paymentMethods: this.detail.paymentMethods.filter((m) => m !== 'invoice') };
      }
      this.checkoutError = errorMessage(this.#localize.t, err, (id) => this.#seatName(id));
      this.checkoutFailure = err;
      // A decline keeps the hold and extends it to cover the payment: refresh the countdown.
      const fresh = hold ? await this.#client!.getHold(hold.id).catch(() => null) : null;
      if (fresh?.status === 'active') this.#applyHold(fresh);
      if (err instanceof ShopApiError && err.code === 'hold_changed') {
        this.step = 'choose';
        this.notice = { tone: 'warning', text: this.checkoutError };
        this.checkoutError = null;
      }
    } finally {
      this.paying = false;
    }
  }

  /** The order is placed (paid, free or by invoice): its confirmation follows, and the host page is told. */
  #complete(order: OrderView, method: string) {
    if (this.eventInfo) {
      forget('hold', this.shop, this.eventInfo.id);
      keep('order', this.shop, this.eventInfo.id, `${order.number} ${order.secret}`);
    }
    this.hold = null;
    this.holdExpiresAt = null;
    this.stripeOrder = null;
    this.#poller.stop();
    this.order = order;
    this.step = 'done';
    void this.#loadExchangeOptions();
    emit(this, 'tk-order-complete', {
      orderNumber: order.number,
      status: order.status === 'invoiced' ? 'invoiced' : 'paid',
      paymentMethod: order.paymentMethod ?? method,
      performanceId: order.performance.id,
      ticketCount: order.lines.reduce((sum, line) => sum + (line.kind === 'ticket' ? line.quantity : 0), 0),
      total: order.total,
      currency: order.currency,
    });
  }

  /** A new purchase: the last order is no longer what a reload shows. */
  #restart() {
    if (this.order) forget('order', this.shop, this.order.event.id);
    this.order = null;
    this.notice = null;
    if (this.eventInfo && this.eventInfo.performances.length > 1) this.step = 'performances';
    else if (this.detail) void this.#selectPerformance(this.detail.id);
    else this.step = this.events.length > 1 ? 'events' : 'performances';
  }

  #backToEvents() {
    void this.#releaseHold();
    this.#poller.stop();
    this.eventInfo = null;
    this.detail = null;
    this.notice = null;
    this.step = 'events';
  }

  /** Focus goes to the step's heading (or, at checkout, the first field) once it is rendered: parts focus their own. */
  #focusStage() {
    this.#focus.moveAfterUpdate(() => this.renderRoot.querySelector<HTMLElement>('[data-stage-focus]'));
  }

  // ── Names and prices ───────────────────────────────────────────────────

  /**
   * A seat's name in the buyer's language ("Parterre, rang 3, place 12"), from the parts the
   * API gave (`known`) or else from the plan; the API's English label only without either.
   */
  #seatName(seatId: number, known?: { seat: SeatPlace | null; label: string | null }): string {
    if (known?.seat) return this.#localize.t.seatLabel(known.seat.section, known.seat.row, known.seat.number);
    const fallback = known?.label ?? undefined;
    const geometry = this.geometry;
    if (!geometry) return fallback ?? String(seatId);
    if (this.#seatIndex?.geometry !== geometry) {
      this.#seatIndex = { geometry, byId: new Map(geometry.seats.id.map((id, i) => [id, i])) };
    }
    const i = this.#seatIndex.byId.get(seatId);
    if (i === undefined) return fallback ?? String(seatId);
    const section = geometry.sections[geometry.seats.section[i]!]?.name ?? '';
    return this.#localize.t.seatLabel(section, geometry.seats.row[i]!, geometry.seats.number[i]!);
  }

  /** The performance's tariffs and the hidden ones a code on the hold unlocked. */
  get #tariffs(): Tariff[] {
    const listed = this.detail?.tariffs ?? [];
    const unlocked = (this.hold?.unlockedTariffs ?? []).filter((tariff) => !listed.some((t) => t.id === tariff.id));
    return unlocked.length > 0 ? [...listed, ...unlocked] : listed;
  }

  /** The lowest public price per zone, formatted ("CHF 28.00", or "from CHF 28.00" with `from`); not those a code unlocked. */
  #zonePrices(from = false): Record<string, string> {
    const detail = this.detail;
    if (!detail) return {};
    return lowestPrices(detail.tariffs, (amount) => {
      const price = formatMoney(amount, detail.currency, this.locale);
      return from ? this.#localize.t.fromPrice(price) : price;
    });
  }

  // ── Rendering ──────────────────────────────────────────────────────────

  override render() {
    const t = this.#localize.t;
    if (this.gifts) {
      return html`<div class="shell" part="base" lang=${this.locale}>
        <tk-gift-shop
          exportparts="gift-form, gift-code, stripe-payment, pay-button"
          shop=${this.shop}
          .api=${resolveApiBase(this.api)}
          .locale=${this.locale}
          .stripeLoader=${this.stripeLoader}
          ><slot name="payment-element" slot="payment-element"></slot
        ></tk-gift-shop>
      </div>`;
    }
    return html`<div class="shell" part="base" lang=${this.locale} aria-busy=${this.step === 'loading' ? 'true' : 'false'}>
      ${this.step === 'loading' ? this.#renderSkeleton() : this.#renderHeader(t)}
      ${this.step === 'loading' || this.step === 'failed' || this.step === 'events' ? nothing : this.#renderSteps(t)}
      ${this.notice && this.step !== 'failed'
        ? html`<div class="alert notice alert-${this.notice.tone}" part="notice" role=${this.notice.tone === 'success' ? 'status' : 'alert'}>
            <span>${this.notice.text}</span>
            <button
              type="button"
              aria-label=${t.dismiss}
              @click=${() => {
                this.notice = null;
                this.#focusStage();
              }}
            >
              ×
            </button>
          </div>`
        : nothing}
      <div class="stage">${this.#renderStage(t)}</div>
    </div>`;
  }

  #renderSkeleton() {
    return html`<div class="skeleton-head" aria-hidden="true">
        <span class="skeleton sk-eyebrow"></span>
        <span class="skeleton sk-title"></span>
        <span class="skeleton sk-line"></span>
      </div>
      <span class="sr-only" role="status">${this.#localize.t.loading}</span>`;
  }

  #renderHeader(t: Translation) {
    const event = this.eventInfo;
    const shop = this.shopInfo;
    if (!event) {
      return html`<header class="head" part="header">
        <p class="eyebrow">${shop ? t.shopLabel(shop.name) : ''}</p>
        <h2 tabindex="-1" data-stage-focus>${this.step === 'failed' ? t.loadFailed : t.chooseEvent}</h2>
      </header>`;
    }
    // During an exchange the panel names the ticket's date and the one chosen instead: no third date here.
    const chosen = this.exchanging ? null : (this.detail ?? event.performances.find((p) => p.id === this.hold?.performanceId) ?? null);
    const tz = shop?.timeZone ?? 'Europe/Zurich';
    return html`<header class="head" part="header">
      ${this.events.length > 1 && this.step !== 'done'
        ? html`<div class="back-row"><button type="button" class="btn btn-link" @click=${this.#backToEvents}>← ${t.allEvents}</button></div>`
        : nothing}
      <p class="eyebrow">${event.venue.name}</p>
      <h2>${event.title}</h2>
      ${event.subtitle ? html`<p class="subtitle">${event.subtitle}</p>` : nothing}
      ${chosen && this.step !== 'performances'
        ? html`<p class="chosen">
            <span class="when">
              <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><rect x="3" y="5" width="18" height="16" rx="2"></rect><path d="M3 10h18M8 3v4M16 3v4"></path></svg>
              ${formatDate(chosen.startsAt, this.locale, tz, { dateStyle: 'full', timeStyle: 'short' })}
            </span>
            ${event.performances.length > 1 && this.step === 'choose'
              ? html`<button type="button" class="btn btn-link" @click=${() => (this.step = 'performances')}>${t.changePerformance}</button>`
              : nothing}
          </p>`
        : nothing}
    </header>`;
  }

  #renderSteps(t: Translation) {
    const order: Step[] = ['performances', 'choose', 'checkout', 'done'];
    const current = order.indexOf(this.step);
    const labels = [t.steps.date, t.steps.tickets, t.steps.details, this.order?.status === 'invoiced' ? t.steps.invoiced : t.steps.done];
    return html`<ol class="steps" part="steps" aria-label=${t.steps.label}>
      ${labels.map(
        (label, i) => html`<li class=${i < current ? 'done' : ''} aria-current=${i === current ? 'step' : nothing}><span>${label}</span></li>`,
      )}
    </ol>`;
  }

  #renderStage(t: Translation) {
    switch (this.step) {
      case 'loading':
        return html`<div class="skeleton-rows" aria-hidden="true">
          ${[0, 1, 2, 3].map(() => html`<span class="skeleton sk-row"></span>`)}
        </div>`;
      case 'failed':
        return html`<div class="failure">
          <p class="alert alert-error" role="alert">${this.notice?.text ?? t.errors.generic}</p>
          <button type="button" class="btn" @click=${() => void this.#load()}>${t.retry}</button>
        </div>`;
      case 'events':
        return this.#renderEvents(t);
      case 'performances':
        return html`<tk-performance-picker
          data-stage-focus
          exportparts="list, performance, calendar, view-toggle"
          .performances=${this.eventInfo?.performances ?? []}
          .scarcity=${this.scarcity}
          .selected=${this.detail?.id ?? null}
          .locale=${this.locale}
          .timeZone=${this.shopInfo?.timeZone ?? 'Europe/Zurich'}
          @tk-performance-select=${(e: CustomEvent<TicketShopEventMap['tk-performance-select']>) => void this.#selectPerformance(e.detail.performanceId)}
        ></tk-performance-picker>`;
      case 'choose':
        return this.#renderChoose(t);
      case 'checkout':
        return this.#renderCheckout(t);
      case 'done':
        if (this.exchanging && this.order) {
          return html`<tk-ticket-exchange
            data-stage-focus
            exportparts="exchange, quote, pay-button, ticket, qr, seat-map"
            .client=${this.#client}
            .order=${this.order}
            .ticket=${this.exchanging}
            .locale=${this.locale}
            .timeZone=${this.shopInfo?.timeZone ?? 'Europe/Zurich'}
            ?test-mode=${this.shopInfo?.testMode ?? false}
            @tk-exchange-complete=${() => void this.#exchanged()}
            @tk-exchange-close=${() => (this.exchanging = null)}
          ></tk-ticket-exchange>`;
        }
        return html`<tk-order-confirmation
          data-stage-focus
          exportparts="hero, ticket, qr, invoice, invoice-link, insured, exchange-button, documents, tickets-pdf, ticket-pdf, calendar-link, resend-button, resend-status, invoice-status, apple-wallet, google-wallet, wallet-error"
          .order=${this.order}
          .apiBase=${resolveApiBase(this.api)}
          .shopId=${this.shop}
          .invoiceUrl=${this.order?.paymentMethod === 'invoice' ? this.#client!.invoicePdfUrl(this.order) : null}
          .wallets=${this.shopInfo?.wallets}
          .client=${this.#client}
          .locale=${this.locale}
          .timeZone=${this.shopInfo?.timeZone ?? 'Europe/Zurich'}
          .venue=${this.eventInfo?.venue.name ?? ''}
          .seatLabel=${(ticket: TicketView) => (ticket.seatId === null ? null : this.#seatName(ticket.seatId, { seat: ticket.seat, label: ticket.seatLabel }))}
          .exchangeable=${new Set(this.exchangeOptions?.tickets.filter((x) => x.exchangeable).map((x) => x.number) ?? [])}
          @tk-exchange-request=${(e: CustomEvent<{ ticketNumber: string }>) => void this.#openExchange(e.detail.ticketNumber)}
          @tk-restart=${this.#restart}
        ></tk-order-confirmation>`;
    }
  }

  #renderEvents(t: Translation) {
    const tz = this.shopInfo?.timeZone ?? 'Europe/Zurich';
    if (this.events.length === 0) return html`<p class="muted">${t.noEvents}</p>`;
    return html`<ul class="events">
      ${this.events.map((event) => {
        const next = event.performances.find((p) => p.onSale) ?? event.performances[0];
        return html`<li>
          <button type="button" class="event-card" part="event-card" @click=${() => void this.#openEvent(event)}>
            <strong>${event.title}</strong>
            ${event.subtitle ? html`<span class="meta">${event.subtitle}</span>` : nothing}
            <span class="meta">${event.venue.name} · ${t.dateCount(event.performances.length)}</span>
            ${next ? html`<span class="next">${t.nextDate(formatDate(next.startsAt, this.locale, tz, { dateStyle: 'medium', timeStyle: 'short' }))}</span>` : nothing}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #renderCart(readonly: boolean) {
    return html`<tk-cart
      exportparts="cart, line, total, countdown, extend-button, checkout-button, code-form, code-input, code-button, code, code-error, code-line, amount-due"
      .hold=${this.hold}
      .tariffs=${this.#tariffs}
      .expiresAt=${this.holdExpiresAt}
      .maxExpiresAt=${this.holdMaxExpiresAt}
      .seatLabel=${(seat: HoldView['seats'][number]) => this.#seatName(seat.seatId, { seat: seat.seat, label: seat.label })}
      .locale=${this.locale}
      ?busy=${this.#holds.busy || this.paying}
      ?readonly=${readonly}
      ?code-busy=${this.codeBusy}
      .codeError=${this.codeError}
      ?insured=${readonly && this.insured}
      @tk-code-submit=${(e: CustomEvent<{ code: string }>) => this.#applyCode(e.detail.code)}
      @tk-code-withdraw=${(e: CustomEvent<{ code: string }>) => this.#removeCode(e.detail.code)}
      @tk-seat-remove=${(e: CustomEvent<{ seatId: number }>) => this.#removeSeat(e.detail.seatId)}
      @tk-seat-tariff-change=${(e: CustomEvent<{ seatId: number; tariffId: string }>) => this.#changeTariff(e.detail.seatId, e.detail.tariffId)}
      @tk-quantity-change=${(e: CustomEvent<{ tariffId: string; quantity: number }>) => this.#changeQuantity(e.detail.tariffId, e.detail.quantity)}
      @tk-hold-extend=${this.#extend}
      @tk-checkout-request=${this.#goToCheckout}
      @tk-countdown-end=${() => this.#holdLost(this.#localize.t.holdExpired)}
    ></tk-cart>`;
  }

  #renderChoose(t: Translation) {
    const detail = this.detail;
    if (!detail) {
      return html`<div class="columns" aria-hidden="true">
        <span class="skeleton map-status"></span>
        <div class="side"><span class="skeleton sk-row"></span><span class="skeleton sk-row"></span></div>
      </div>`;
    }
    const main =
      detail.seating === 'seated'
        ? html`<h3 class="sr-only" tabindex="-1" data-stage-focus>${t.chooseSeats}</h3>
            <div class="map-frame">${this.#renderSeatMap(t)}</div>`
        : html`<tk-quantity-picker
            exportparts="tariff, stepper"
            data-stage-focus
            .tariffs=${this.#tariffs}
            .quantities=${this.#shownQuantities}
            .currency=${detail.currency}
            .locale=${this.locale}
            .max=${this.#maxTickets}
            .remaining=${this.remaining}
            @tk-quantity-change=${(e: CustomEvent<{ tariffId: string; quantity: number }>) => this.#changeQuantity(e.detail.tariffId, e.detail.quantity)}
          ></tk-quantity-picker>`;
    return html`<div class="columns">
      <div class="main">${main}</div>
      <div class="side">
        ${detail.seating === 'seated'
          ? html`<tk-best-available
              exportparts="form, submit"
              .zones=${detail.zones}
              .prices=${this.#zonePrices()}
              .max=${this.#maxTickets}
              .locale=${this.locale}
              ?busy=${this.bestBusy}
              @tk-best-available=${(e: CustomEvent<{ zoneId: string; quantity: number }>) => this.#bestAvailable(e.detail.zoneId, e.detail.quantity)}
            ></tk-best-available>`
          : nothing}
        ${this.#renderWaitingList(detail)}${this.#renderCart(false)}
      </div>
    </div>`;
  }

  /** A date that is sold out (or whose returned seats are kept for the line) offers its waiting list, when the organizer turned it on. */
  #renderWaitingList(detail: PerformanceDetail) {
    const geometry = this.geometry;
    const soldOut =
      this.lineWaiting ||
      (detail.seating === 'general_admission' ? this.remaining === 0 : !!geometry && geometry.seats.id.length > 0 && this.#others.unavailable.size >= geometry.seats.id.length);
    if (!detail.waitingList || !detail.onSale || !soldOut || this.hold) return nothing;
    void loadWaitingList().catch(() => undefined);
    return html`<tk-waiting-list-join
      exportparts="waiting-list"
      .api=${resolveApiBase(this.api)}
      .shop=${this.shop}
      .performanceId=${detail.id}
      .max=${this.#maxTickets}
      .locale=${this.locale}
    ></tk-waiting-list-join>`;
  }

  #renderSeatMap(t: Translation) {
    if (this.seatMapState === 'failed') {
      return html`<div class="map-status">
        <p>${t.seatMapFailed}</p>
        <button type="button" class="btn" @click=${() => this.detail?.planId && this.#client && void this.#loadSeating(this.#client, this.detail.planId)}>${t.retry}</button>
      </div>`;
    }
    if (this.seatMapState !== 'ready' || !this.geometry) {
      return html`<div class="map-status skeleton" role="status"><span>${t.seatMapLoading}</span></div>`;
    }
    return html`<tk-seat-map
      part="seat-map"
      .geometry=${this.geometry}
      exportparts="base: seat-map-base, canvas: seat-map-canvas, toolbar: seat-map-toolbar, legend: seat-map-legend, tooltip: seat-map-tooltip, list: seat-map-list"
      .unavailable=${this.#others.unavailable}
      .held=${this.#others.held}
      .selected=${this.#selectedSeats}
      .prices=${this.#zonePrices(true)}
      .seatPrices=${clickPrices(this.detail?.tariffs ?? [], (amount) => formatMoney(amount, this.detail!.currency, this.locale))}
      .locale=${this.locale}
      .maxSelectable=${this.#maxTickets}
      .strings=${t.seatMap}
      @tk-seat-toggle=${this.#onSeatToggle}
    ></tk-seat-map>`;
  }

  #renderCheckout(t: Translation) {
    const hold = this.hold;
    // The order summary first, then the form that ends with the pay button (on a phone, one below the other).
    return html`<div class="columns checkout">
      <div class="side">
        ${this.#renderCart(true)}
        <button type="button" class="btn btn-link" ?disabled=${this.paying} @click=${() => (this.step = 'choose')}>← ${t.backToCart}</button>
      </div>
      <div class="main">${this.stripeOrder ? this.#renderStripe(this.stripeOrder) : html`
        <tk-checkout-form
          data-stage-focus
          exportparts="form: checkout-form, test-mode, field-error, submit: pay-button, insurance, questions, ticket-questions"
          .total=${hold?.amountDue ?? hold?.total ?? 0}
          .insurance=${hold?.insurance ?? null}
          .vouchers=${hold?.vouchers ?? []}
          .insured=${this.insured}
          .currency=${hold?.currency ?? this.shopInfo?.currency ?? 'CHF'}
          .paymentMethods=${this.detail?.paymentMethods ?? this.shopInfo?.paymentMethods ?? []}
          ?test-mode=${this.shopInfo?.testMode ?? false}
          ?busy=${this.paying}
          .error=${this.checkoutError}
          .failure=${this.checkoutFailure}
          .locale=${this.locale}
          .hold=${hold}
          .client=${this.#client}
          .timeZone=${this.shopInfo?.timeZone ?? 'Europe/Zurich'}
          @tk-insurance-change=${(e: CustomEvent<{ insured: boolean }>) => (this.insured = e.detail.insured)}
          @tk-checkout-submit=${(e: CustomEvent<CheckoutSubmitDetail>) => void this.#pay(e.detail.buyer, e.detail.payment, e.detail.insured ?? false, e.detail.answers)}
        ></tk-checkout-form>`}
      </div>
    </div>`;
  }

  /** Stripe's Payment Element, mounted in this element's light DOM and shown here through the forwarded slot. */
  #renderStripe(order: OrderView) {
    return html`<tk-stripe-payment
      data-stage-focus
      exportparts="stripe-payment, pay-button"
      .order=${order}
      .client=${this.#client}
      .loader=${this.stripeLoader}
      .paymentIntentId=${this.#stripeIntent}
      .locale=${this.locale}
      @tk-stripe-paid=${(e: CustomEvent<{ order: OrderView }>) => this.#complete(e.detail.order, 'stripe')}
      @tk-stripe-processing=${() => (this.holdExpiresAt = null) /* Stripe has the money and the API completes the order by itself: the countdown no longer applies. */}
      @tk-stripe-returned=${(e: CustomEvent<{ message: string }>) => this.#holdLost(e.detail.message)}
      @tk-stripe-back=${() => {
        this.stripeOrder = null;
        this.#focusStage();
      }}
      ><slot name="payment-element" slot="payment-element"></slot
    ></tk-stripe-payment>`;
  }
}

defineElement('ticket-shop', TicketShop);

declare global {
  interface HTMLElementTagNameMap {
    'ticket-shop': TicketShop;
  }
}
