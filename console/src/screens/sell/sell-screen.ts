import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { decodeSeatRanges } from '../../../../contract/seat-ranges.js';
import '../../../../widget/src/seat-map/seat-map.js';
import { seatMapStrings, seatMapTables, type SeatMapStrings } from '../../ui/seat-map-texts.js';
import { ConsoleApiError, type Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney, parseMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { amountToPay, changeDue, clock, type Hold, mapSets, methodsFor, type PaymentMethod, saleBody, type SaleForm, tariffsForZone } from './desk-sale.js';
import { HoldClock } from './hold-clock.js';
import { dayIn, type DeskPerformance, loadDeskPerformances, searchPerformances } from './performances.js';
import { sellStyles } from './sell-styles.js';
import { sellTexts } from './texts.js';

type Detail = Answer<'getPerformance'>;
type Plan = Answer<'getPlan'>;
type Sale = Answer<'sellAtBoxOffice'>;
type Seated = { kind: 'seated'; held: number[]; sold: number[]; blocked: number[] };
type General = { kind: 'ga'; capacity: number; remaining: number };
/** What the desk had chosen, to hold it again after the hold lapsed. */
type Selection = { seats: { seatId: number; tariffId: string }[] } | { quantities: { tariffId: string; quantity: number }[] };

const EMPTY: ReadonlySet<number> = new Set();
/** Codes of a hold that is gone: the desk starts again from what it had chosen. */
const HOLD_GONE = new Set(['hold_expired', 'hold_released', 'hold_not_found']);
/** Shown in the list before a search narrows it. */
const LISTED = 12;

const blankForm = (language: string): SaleForm => ({ method: 'cash', amountGiven: null, reference: '', name: '', email: '', language, insured: false, emailTickets: true });

/**
 * Selling at the desk: a performance (today's first, or found by its event's name), seats on
 * the widget's seat map or quantities per tariff, a tariff per seat (hidden ones too), codes,
 * the buyer if they want one, and the payment (cash with the change, card terminal, invoice,
 * or nothing to pay). Every change goes to a desk hold at once, so the seats are the buyer's
 * while the clerk takes the money; the hold's time is shown and a lapsed hold is held again in
 * one click.
 */
export class SellScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, sellStyles];

  private performances = new Loadable<DeskPerformance[]>(this, () => loadDeskPerformances(this.session));
  private clock = new HoldClock(this);
  @state() private search = '';
  @state() private chosen: DeskPerformance | null = null;
  @state() private detail: Detail | null = null;
  @state() private plan: Plan | null = null;
  @state() private availability: Seated | General | null = null;
  @state() private loadError: unknown = null;
  @state() private hold: Hold | null = null;
  /** Why there is no hold any more although seats were chosen ('expired'), shown with a way back. */
  @state() private gone: Selection | null = null;
  @state() private quantities: Record<string, number> = {};
  @state() private code = '';
  @state() private form: SaleForm = blankForm('en');
  @state() private busy = false;
  @state() private failure: unknown = null;
  @state() private notice = '';
  @state() private sale: Sale | null = null;
  private soldWith: PaymentMethod = 'cash';
  private checkingExpiry = false;
  @state() private mapTexts: SeatMapStrings = seatMapStrings;
  private mapTextsLocale: ConsoleLocale = 'en';
  private queue: Promise<unknown> = Promise.resolve();
  private seatZone = new Map<number, string>();
  private pollTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback() {
    super.connectedCallback();
    this.form = blankForm(this.session.me.shop.defaultLocale);
    const wanted = this.query.get('performance');
    if (wanted) void this.performances.reload().then(() => this.pickById(wanted));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.pollTimer);
    // Leaving the screen with seats held but not sold gives them back at once, not when the hold lapses.
    if (this.hold) void this.session.api.call('releaseHold', this.holdParams(this.hold.id)).catch(() => undefined);
  }

  override willUpdate() {
    // The clock reached zero: the server says whether the hold lapsed (then it is held again in one click) or was extended.
    if (this.hold && this.clock.seconds === 0 && !this.checkingExpiry) {
      this.checkingExpiry = true;
      const id = this.hold.id;
      void this.enqueue(async () => {
        const hold = await this.session.api.call('getHold', this.holdParams(id));
        if (hold.status === 'active' && hold.secondsLeft > 0) this.setHold(hold);
        else {
          this.gone = this.selection();
          this.setHold(null);
        }
      }).finally(() => (this.checkingExpiry = false));
    }
    const locale = this.locale;
    if (locale !== this.mapTextsLocale) {
      this.mapTextsLocale = locale;
      void seatMapTables[locale]().then((texts) => {
        if (this.mapTextsLocale === locale) this.mapTexts = texts;
      });
    }
  }

  private get shopId() {
    return this.session.me.shop.id;
  }

  private holdParams(holdId: string) {
    return { params: { shopId: this.shopId, holdId } };
  }

  private pickById(id: string) {
    const performance = this.performances.value?.find((p) => p.id === id);
    if (performance) void this.choose(performance);
  }

  /** One hold change at a time, in the order asked (two seats clicked quickly are two changes, one after the other). */
  private enqueue(work: () => Promise<void>) {
    const run = this.queue.then(async () => {
      this.busy = true;
      this.failure = null;
      this.notice = '';
      try {
        await work();
      } catch (error) {
        this.refused(error);
      } finally {
        this.busy = false;
      }
    });
    this.queue = run;
    return run;
  }

  private setHold(hold: Hold | null) {
    this.hold = hold;
    this.clock.set(hold ? hold.secondsLeft : null);
    if (hold) this.quantities = Object.fromEntries(hold.quantities.map((q) => [q.tariffId, q.quantity]));
  }

  private selection(): Selection | null {
    const hold = this.hold;
    if (!hold) return null;
    if (hold.seats.length) return { seats: hold.seats.map((s) => ({ seatId: s.seatId, tariffId: s.tariffId })) };
    if (hold.quantities.length) return { quantities: hold.quantities.map((q) => ({ tariffId: q.tariffId, quantity: q.quantity })) };
    return null;
  }

  private refused(error: unknown) {
    if (error instanceof ConsoleApiError && HOLD_GONE.has(error.code)) {
      this.gone = this.selection() ?? this.gone;
      this.setHold(null);
      return;
    }
    this.failure = error;
    if (error instanceof ConsoleApiError && error.code === 'seats_taken') void this.loadAvailability();
  }

  // ---- the performance ----

  private async choose(performance: DeskPerformance) {
    if (this.hold) {
      const old = this.hold.id;
      this.setHold(null);
      void this.session.api.call('releaseHold', this.holdParams(old)).catch(() => undefined);
    }
    this.chosen = performance;
    this.detail = null;
    this.plan = null;
    this.availability = null;
    this.loadError = null;
    this.gone = null;
    this.sale = null;
    this.quantities = {};
    this.failure = null;
    this.notice = '';
    this.form = blankForm(this.session.me.shop.defaultLocale);
    try {
      const params = { shopId: this.shopId, performanceId: performance.id };
      const [detail, plan] = await Promise.all([
        this.session.api.call('getPerformance', { params, query: { lang: this.locale } }),
        performance.planId ? this.session.api.call('getPlan', { params: { shopId: this.shopId, planId: performance.planId } }) : Promise.resolve(null),
      ]);
      if (this.chosen !== performance) return;
      this.detail = detail;
      this.plan = plan;
      this.seatZone = new Map(plan ? plan.seats.id.map((id, i) => [id, plan.zones[plan.seats.zone[i]!]?.id ?? '']) : []);
      await this.loadAvailability();
      await this.updateComplete;
      await this.focusStart();
    } catch (error) {
      if (this.chosen === performance) this.loadError = error;
    }
  }

  /** After a performance is chosen or a sale begins: the map (seated) or the first quantity (general admission). */
  private async focusStart() {
    const map = this.renderRoot.querySelector('tk-seat-map');
    await map?.updateComplete;
    const canvas = map?.shadowRoot?.querySelector('canvas');
    if (canvas) return canvas.focus();
    this.renderRoot.querySelector<HTMLElement>('.quantities input, #sale-heading')?.focus();
  }

  private async loadAvailability() {
    const performance = this.chosen;
    if (!performance) return;
    clearTimeout(this.pollTimer);
    try {
      const answer = await this.session.api.call('getAvailability', { params: { shopId: this.shopId, performanceId: performance.id } });
      if (this.chosen !== performance || !this.isConnected) return;
      // Several reads may be under way (after each change and on the timer): one timer only.
      clearTimeout(this.pollTimer);
      this.availability =
        answer.seating === 'seated'
          ? { kind: 'seated', held: decodeSeatRanges(answer.held), sold: decodeSeatRanges(answer.sold), blocked: decodeSeatRanges(answer.blocked) }
          : { kind: 'ga', capacity: answer.capacity, remaining: answer.remaining };
      this.pollTimer = setTimeout(() => void this.loadAvailability(), Math.max(5000, answer.pollAfterMs));
    } catch {
      // The map keeps what it knew; the next change or sale tells if a seat was taken meanwhile.
      if (this.chosen !== performance || !this.isConnected) return;
      clearTimeout(this.pollTimer);
      this.pollTimer = setTimeout(() => void this.loadAvailability(), 15000);
    }
  }

  // ---- the hold ----

  private toggleSeat(event: CustomEvent<{ seatId: number; selected: boolean }>) {
    if (this.sale) return;
    const { seatId, selected } = event.detail;
    void this.enqueue(async () => {
      const performanceId = this.chosen!.id;
      if (selected) {
        this.gone = null;
        if (!this.hold) this.setHold(await this.session.api.call('createBoxOfficeHold', { body: { performanceId, seats: [{ seatId }] } }));
        else this.setHold(await this.session.api.call('changeHold', { params: { shopId: this.shopId, holdId: this.hold.id }, body: { addSeats: [{ seatId }] } }));
      } else if (this.hold) {
        if (this.hold.seats.length <= 1) await this.releaseAll();
        else this.setHold(await this.session.api.call('changeHold', { params: { shopId: this.shopId, holdId: this.hold.id }, body: { removeSeats: [seatId] } }));
      }
      void this.loadAvailability();
    });
  }

  private async releaseAll() {
    const hold = this.hold;
    this.setHold(null);
    this.quantities = {};
    if (hold) await this.session.api.call('releaseHold', this.holdParams(hold.id)).catch(() => undefined);
  }

  private changeSeatTariff(seatId: number, tariffId: string) {
    void this.enqueue(async () => {
      if (!this.hold) return;
      this.setHold(await this.session.api.call('changeHold', { params: { shopId: this.shopId, holdId: this.hold.id }, body: { seatTariffs: [{ seatId, tariffId }] } }));
    });
  }

  private changeQuantity(tariffId: string, text: string) {
    const quantity = Math.max(0, Math.min(100, Math.floor(Number(text) || 0)));
    if ((this.hold?.quantities.find((q) => q.tariffId === tariffId)?.quantity ?? 0) === quantity) return;
    this.quantities = { ...this.quantities, [tariffId]: quantity };
    void this.enqueue(async () => {
      const performanceId = this.chosen!.id;
      const quantities = Object.entries(this.quantities).map(([id, q]) => ({ tariffId: id, quantity: q }));
      this.gone = null;
      if (!this.hold) {
        if (quantities.some((q) => q.quantity > 0)) this.setHold(await this.session.api.call('createBoxOfficeHold', { body: { performanceId, quantities: quantities.filter((q) => q.quantity > 0) } }));
      } else if (quantities.every((q) => q.quantity === 0)) await this.releaseAll();
      else this.setHold(await this.session.api.call('changeHold', { params: { shopId: this.shopId, holdId: this.hold.id }, body: { quantities } }));
      void this.loadAvailability();
    }).then(() => {
      // A refused change: the fields show what is held, not what was typed.
      if (this.failure) this.quantities = Object.fromEntries((this.hold?.quantities ?? []).map((q) => [q.tariffId, q.quantity]));
    });
  }

  /** The lapsed hold's seats and tariffs (or quantities), held again as one new hold. */
  private holdAgain() {
    const selection = this.gone;
    if (!selection || !this.chosen) return;
    const performanceId = this.chosen.id;
    void this.enqueue(async () => {
      this.setHold(await this.session.api.call('createBoxOfficeHold', { body: { performanceId, ...selection } }));
      this.gone = null;
      void this.loadAvailability();
    });
  }

  private extend() {
    void this.enqueue(async () => {
      if (this.hold) this.setHold(await this.session.api.call('extendHold', this.holdParams(this.hold.id)));
    });
  }

  private applyCode(event: SubmitEvent) {
    event.preventDefault();
    const code = this.code.trim();
    if (!code) return;
    void this.enqueue(async () => {
      if (!this.hold) return;
      this.setHold(await this.session.api.call('applyCode', { params: { shopId: this.shopId, holdId: this.hold.id }, body: { code } }));
      this.code = '';
    });
  }

  private removeCode(code: string) {
    void this.enqueue(async () => {
      if (!this.hold) return;
      const answer = await this.session.api.call('removeCode', { params: { shopId: this.shopId, holdId: this.hold.id, code } });
      this.setHold(answer);
      const reverted = answer.reverted.seats.length + answer.reverted.quantities.length;
      if (reverted) this.notice = sellTexts(this.locale).tariffsReverted;
    });
  }

  // ---- the sale ----

  private update_(patch: Partial<SaleForm>) {
    this.form = { ...this.form, ...patch };
  }

  private method(toPay: number): PaymentMethod {
    const offered = methodsFor(toPay);
    return offered.includes(this.form.method) ? this.form.method : offered[0]!;
  }

  private readyToSell(hold: Hold): boolean {
    const toPay = amountToPay(hold, this.form.insured);
    const method = this.method(toPay);
    if (hold.ticketCount === 0 || this.busy) return false;
    if (method === 'cash') return this.form.amountGiven !== null && this.form.amountGiven >= toPay;
    if (method === 'terminal') return this.form.reference.trim().length > 0;
    if (method === 'invoice') return this.form.name.trim().length > 0 && this.form.email.trim().length > 0;
    return true;
  }

  private sell(event: SubmitEvent) {
    event.preventDefault();
    const hold = this.hold;
    if (!hold) return;
    const form = (event.target as HTMLFormElement);
    if (!form.reportValidity() || !this.readyToSell(hold)) return;
    const body = saleBody(hold.id, { ...this.form, method: this.method(amountToPay(hold, this.form.insured)) });
    // Busy at once: a second Enter before the queue starts must not send a second sale.
    this.busy = true;
    void this.enqueue(async () => {
      try {
        this.sale = await this.session.api.call('sellAtBoxOffice', { body });
        this.soldWith = body.payment.method;
        this.setHold(null);
        this.gone = null;
        void this.loadAvailability();
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#new-sale')?.focus();
      } catch (error) {
        if (error instanceof ConsoleApiError && error.code === 'hold_changed') {
          this.setHold(await this.session.api.call('getHold', this.holdParams(hold.id)));
          this.notice = sellTexts(this.locale).holdChanged;
          return;
        }
        throw error;
      }
    });
  }

  private newSale() {
    this.sale = null;
    this.quantities = {};
    this.failure = null;
    this.notice = '';
    this.code = '';
    this.form = blankForm(this.session.me.shop.defaultLocale);
    void this.updateComplete.then(() => this.focusStart());
  }

  // ---- rendering ----

  override render() {
    const t = sellTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      ${this.performances.render(this.locale, (list) => (this.chosen ? this.renderSale(this.chosen) : this.renderChooser(list)))}`;
  }

  private renderChooser(list: DeskPerformance[]) {
    const t = sellTexts(this.locale);
    const { timeZone } = this.session.me.shop;
    const today = dayIn(timeZone);
    const found = searchPerformances(list, this.search);
    const shown = found.slice(0, this.search ? 50 : LISTED);
    return html`<h2>${t.choosePerformance}</h2>
      <div class="field">
        <label for="search">${t.searchEvent}</label>
        <input id="search" type="search" autocomplete="off" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
      </div>
      ${list.length === 0 ? html`<p>${t.noPerformances}</p>` : found.length === 0 ? html`<p role="status">${t.noMatch}</p>` : nothing}
      <ul class="performances">
        ${shown.map(
          (p) => html`<li>
            <button type="button" @click=${() => void this.choose(p)}>
              <span class="title">${p.eventTitle}</span>
              <span>${formatDateTime(p.startsAt, timeZone, this.locale)}</span>
              ${dayIn(timeZone, p.startsAt) === today ? html`<span class="badge">${t.today}</span>` : nothing}
            </button>
          </li>`,
        )}
      </ul>
      ${found.length > shown.length ? html`<p class="hint">${t.moreFound(found.length - shown.length)}</p>` : nothing}`;
  }

  private renderSale(performance: DeskPerformance) {
    const t = sellTexts(this.locale);
    const { timeZone } = this.session.me.shop;
    const detail = this.detail;
    return html`<div class="chosen">
        <p class="performance-name">${performance.eventTitle}, ${formatDateTime(performance.startsAt, timeZone, this.locale)}</p>
        <button type="button" @click=${() => void this.releaseAll().then(() => ((this.chosen = null), (this.sale = null)))}>${t.otherPerformance}</button>
      </div>
      ${detail && !detail.onSale ? html`<p class="hint">${t.onlineClosed}</p>` : nothing}
      ${this.loadError ? html`<div class="notice error" role="alert"><p>${errorText(this.loadError, this.locale)}</p><button type="button" @click=${() => void this.choose(performance)}>${commonTexts(this.locale).retry}</button></div>` : nothing}
      ${!detail && !this.loadError ? html`<p role="status">${commonTexts(this.locale).loading}</p>` : nothing}
      ${detail ? (this.sale ? this.renderResult(this.sale) : this.renderCart(performance, detail)) : nothing}`;
  }

  private renderResult(sale: Sale) {
    const t = sellTexts(this.locale);
    const currency = sale.order.currency;
    return html`<section class="result" aria-labelledby="result-heading">
      <h2 id="result-heading">${t.sold(sale.order.number)}</h2>
      <div role="status">
        ${sale.change !== null
          ? html`<p class="change">${t.changeToGive}<strong>${formatMoney(sale.change, currency, this.locale)}</strong></p>`
          : html`<p>${t.paidWith(t[`method_${this.soldWith}`])}</p>`}
        <p>${t.orderTotal(formatMoney(sale.order.total, currency, this.locale))}</p>
        ${sale.till.id ? html`<p>${t.tillNow(formatMoney(sale.till.expectedCash, sale.till.currency, this.locale))}</p>` : nothing}
      </div>
      <div class="actions">
        <button id="new-sale" class="primary" type="button" @click=${this.newSale}>${t.newSale}</button>
        <a class="button" href="#/orders/${encodeURIComponent(sale.order.number)}">${t.openOrder(sale.order.number)}</a>
      </div>
      ${sale.order.status === 'paid' && this.session.may('getStaffOrderTicketsPdf') ? this.renderPrint(sale.order.number) : nothing}
      <p class="hint">${t.ticketsWhere}</p>
    </section>`;
  }

  /** The desk's printer takes the 80 mm layout; the browser's PDF viewer prints it. A4 for a customer who wants a sheet. */
  private renderPrint(number: string) {
    const t = sellTexts(this.locale);
    const pdf = (layout: 'thermal' | 'a4') => this.session.api.url('getStaffOrderTicketsPdf', { params: { number }, query: { layout, lang: this.locale } });
    return html`<div class="actions">
      <a id="print-tickets" class="button" href=${pdf('thermal')} target="_blank" rel="noopener">${t.printTickets}</a>
      <a class="button" href=${pdf('a4')} target="_blank" rel="noopener">${t.ticketsPdf}</a>
    </div>`;
  }

  private renderCart(performance: DeskPerformance, detail: Detail) {
    const t = sellTexts(this.locale);
    const hold = this.hold;
    return html`
      <section aria-labelledby="sale-heading">
        <h2 id="sale-heading" tabindex="-1">${detail.seating === 'seated' ? t.seats : t.tickets}</h2>
        ${this.gone ? this.renderGone() : nothing}
        ${detail.seating === 'seated' ? this.renderMap() : this.renderQuantities(performance, detail)}
        ${this.failure ? html`<div class="notice error" role="alert">${this.failureText(this.failure)}</div>` : nothing}
        ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
        ${this.busy ? html`<p class="hint" role="status">${commonTexts(this.locale).saving}</p>` : nothing}
      </section>
      ${hold ? this.renderHold(performance, detail, hold) : nothing}
    `;
  }

  private renderGone() {
    const t = sellTexts(this.locale);
    return html`<div class="notice error" role="alert">
      <p>${t.holdExpired}</p>
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.busy} @click=${this.holdAgain}>${t.holdAgain}</button>
        <button type="button" @click=${() => ((this.gone = null), (this.quantities = {}))}>${t.startOver}</button>
      </div>
    </div>`;
  }

  private renderMap() {
    const plan = this.plan;
    const availability = this.availability;
    if (!plan) return nothing;
    const mine = new Set(this.hold?.seats.map((s) => s.seatId) ?? []);
    const sets = availability?.kind === 'seated' ? mapSets(availability, mine) : { held: EMPTY, unavailable: new Set(plan.seats.id) };
    return html`<tk-seat-map
      .geometry=${plan}
      .unavailable=${sets.unavailable}
      .held=${sets.held}
      .selected=${mine}
      .strings=${this.mapTexts}
      max-selectable=${this.detail?.maxTicketsPerOrder ?? 50}
      locale=${`${this.locale}-CH`}
      @tk-seat-toggle=${this.toggleSeat}
    ></tk-seat-map>`;
  }

  private renderQuantities(performance: DeskPerformance, detail: Detail) {
    const t = sellTexts(this.locale);
    const tariffs = tariffsForZone(performance.tariffs, null);
    const availability = this.availability;
    return html`<fieldset class="quantities">
      <legend>${t.quantities}</legend>
      ${availability?.kind === 'ga' ? html`<p class="hint">${t.remaining(availability.remaining, availability.capacity)}</p>` : nothing}
      ${tariffs.length === 0 ? html`<p>${t.noTariffs}</p>` : nothing}
      ${tariffs.map(
        (tariff) => html`<div class="quantity">
          <label for="q-${tariff.id}">${tariff.name} · ${formatMoney(tariff.price, detail.currency, this.locale)}${tariff.hidden ? html` <span class="badge">${t.deskOnly}</span>` : nothing}</label>
          <input
            id="q-${tariff.id}"
            type="number"
            inputmode="numeric"
            min="0"
            max="100"
            .value=${String(this.quantities[tariff.id] ?? 0)}
            @change=${(e: Event) => this.changeQuantity(tariff.id, (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), this.changeQuantity(tariff.id, (e.target as HTMLInputElement).value))}
          />
        </div>`,
      )}
    </fieldset>`;
  }

  private renderHold(performance: DeskPerformance, detail: Detail, hold: Hold) {
    const t = sellTexts(this.locale);
    const money = (n: number) => formatMoney(n, hold.currency, this.locale);
    const seconds = this.clock.seconds ?? 0;
    const toPay = amountToPay(hold, this.form.insured);
    return html`<section aria-labelledby="cart-heading">
      <h2 id="cart-heading">${t.cart}</h2>
      <p class="timer ${seconds < 120 ? 'low' : ''}">
        ${seconds > 0 ? t.heldFor(clock(seconds)) : t.holdLapsing}
        ${Date.parse(hold.maxExpiresAt) > Date.parse(hold.expiresAt) ? html`<button type="button" ?disabled=${this.busy} @click=${this.extend}>${t.moreTime}</button>` : nothing}
      </p>
      ${hold.seats.length
        ? html`<ul class="seats">
            ${hold.seats.map((seat) => {
              const tariffs = tariffsForZone(performance.tariffs, this.seatZone.get(seat.seatId) ?? null);
              return html`<li>
                <label for="tariff-${seat.seatId}">${seat.seat ? t.seatName(seat.seat.section, seat.seat.row, seat.seat.number) : seat.label}</label>
                <select id="tariff-${seat.seatId}" ?disabled=${this.busy} @change=${(e: Event) => this.changeSeatTariff(seat.seatId, (e.target as HTMLSelectElement).value)}>
                  ${tariffs.map((tariff) => html`<option value=${tariff.id} ?selected=${tariff.id === seat.tariffId}>${tariff.name} · ${money(tariff.price)}${tariff.hidden ? ` (${t.deskOnly})` : ''}</option>`)}
                </select>
                <span class="price">${money(seat.price)}</span>
              </li>`;
            })}
          </ul>`
        : nothing}
      ${this.renderCodes(hold)}
      <dl class="totals">
        <dt>${t.ticketCount}</dt><dd>${hold.ticketCount}</dd>
        ${hold.discount ? html`<dt>${t.discount}</dt><dd>−${money(hold.discount)}</dd>` : nothing}
        ${hold.fees ? html`<dt>${t.fees}</dt><dd>${money(hold.fees)}</dd>` : nothing}
        <dt>${t.total}</dt><dd>${money(hold.total)}</dd>
        ${hold.paidByVouchers ? html`<dt>${t.paidByVouchers}</dt><dd>−${money(hold.paidByVouchers)}</dd>` : nothing}
        ${this.form.insured && hold.insurance ? html`<dt>${t.insurance}</dt><dd>${money(hold.insurance.total)}</dd>` : nothing}
        <dt class="due">${t.toPay}</dt><dd class="due">${money(toPay)}</dd>
      </dl>
      ${this.renderPayment(detail, hold, toPay)}
    </section>`;
  }

  private renderCodes(hold: Hold) {
    const t = sellTexts(this.locale);
    return html`<form class="code" @submit=${this.applyCode}>
        <div class="field">
          <label for="code">${t.code}</label>
          <input id="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" .value=${this.code} @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" ?disabled=${this.busy || !this.code.trim()}>${t.applyCode}</button>
      </form>
      ${hold.codes.length
        ? html`<ul class="codes">
            ${hold.codes.map(
              (c) => html`<li>
                <span><strong>${c.code}</strong> · ${t[`kind_${c.kind}`]} · ${c.applied ? formatMoney(c.amount, hold.currency, this.locale) : t.codeNotApplied}</span>
                <button type="button" ?disabled=${this.busy} aria-label=${t.removeCodeNamed(c.code)} @click=${() => this.removeCode(c.code)}>${t.removeCode}</button>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }

  private renderPayment(detail: Detail, hold: Hold, toPay: number) {
    const t = sellTexts(this.locale);
    const method = this.method(toPay);
    const money = (n: number) => formatMoney(n, hold.currency, this.locale);
    const given = this.form.amountGiven;
    const change = given === null ? null : changeDue(given, toPay);
    const invoice = method === 'invoice';
    const locales = this.session.me.shop.locales;
    return html`<form class="payment" @submit=${this.sell} novalidate>
      <fieldset class="methods">
        <legend>${t.payment}</legend>
        ${methodsFor(toPay).map(
          (m) => html`<label><input type="radio" name="method" value=${m} .checked=${method === m} @change=${() => this.update_({ method: m })} />${t[`method_${m}`]}</label>`,
        )}
      </fieldset>
      ${method === 'cash'
        ? html`<div class="field">
              <label for="given">${t.amountGiven}</label>
              <input
                id="given"
                inputmode="decimal"
                autocomplete="off"
                required
                aria-describedby="change"
                aria-invalid=${change !== null && change < 0 ? 'true' : 'false'}
                @input=${(e: Event) => this.update_({ amountGiven: parseMoney((e.target as HTMLInputElement).value) })}
              />
              <button type="button" class="exact" @click=${() => this.exact(toPay)}>${t.exactAmount}</button>
            </div>
            <p id="change" class="change-live ${change !== null && change < 0 ? 'missing' : ''}" aria-live="polite">
              ${change === null ? t.typeGiven : change >= 0 ? html`${t.changeToGive}<strong>${money(change)}</strong>` : t.missing(money(-change))}
            </p>`
        : nothing}
      ${method === 'terminal'
        ? html`<div class="field">
            <label for="reference">${t.terminalReference}</label>
            <input id="reference" autocomplete="off" maxlength="64" required .value=${this.form.reference} @input=${(e: Event) => this.update_({ reference: (e.target as HTMLInputElement).value })} />
          </div>`
        : nothing}
      <fieldset class="buyer">
        <legend>${invoice ? t.buyerRequired : t.buyerOptional}</legend>
        <div class="field">
          <label for="buyer-name">${t.buyerName}</label>
          <input id="buyer-name" autocomplete="off" maxlength="120" ?required=${invoice} .value=${this.form.name} @input=${(e: Event) => this.update_({ name: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="buyer-email">${t.buyerEmail}</label>
          <input id="buyer-email" type="email" autocomplete="off" ?required=${invoice} .value=${this.form.email} @input=${(e: Event) => this.update_({ email: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="buyer-language">${t.buyerLanguage}</label>
          <select id="buyer-language" @change=${(e: Event) => this.update_({ language: (e.target as HTMLSelectElement).value })}>
            ${locales.map((l) => html`<option value=${l} ?selected=${l === this.form.language}>${t[`language_${l}`]}</option>`)}
          </select>
        </div>
        ${this.form.email.trim()
          ? html`<label class="check"><input type="checkbox" .checked=${this.form.emailTickets} @change=${(e: Event) => this.update_({ emailTickets: (e.target as HTMLInputElement).checked })} />${t.emailTickets}</label>`
          : nothing}
      </fieldset>
      ${hold.insurance
        ? html`<label class="check"><input type="checkbox" .checked=${this.form.insured} @change=${(e: Event) => this.update_({ insured: (e.target as HTMLInputElement).checked })} />${t.insured(money(hold.insurance.premium), hold.insurance.insurerName)}</label>`
        : nothing}
      <button id="sell" class="primary sell" type="submit" ?disabled=${!this.readyToSell(hold)}>${t.sell(money(toPay))}</button>
    </form>`;
  }

  private exact(toPay: number) {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#given');
    if (input) input.value = (toPay / 100).toFixed(2);
    this.update_({ amountGiven: toPay });
    input?.focus();
  }

  private failureText(error: unknown): string {
    const t = sellTexts(this.locale);
    if (error instanceof ConsoleApiError) {
      const known = `error_${error.code}` as keyof typeof t;
      if (known in t && typeof t[known] === 'string') return t[known] as string;
      if (error.code === 'cash_insufficient' && typeof error.details.total === 'number') return t.cashInsufficient(formatMoney(error.details.total, this.session.me.shop.currency, this.locale));
    }
    return errorText(error, this.locale);
  }
}
defineScreen('tk-sell-screen', SellScreen);
