import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { moneyInput, parseMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { discountTypes } from '../../../../contract/vocabulary.js';
import { type EventDetail, loadEvents } from './catalogue.js';
import { codesNav } from './codes-nav.js';
import type { PromoCode } from './promo-codes-screen.js';
import { discountText } from './promo-codes-screen.js';
import { codeStyles } from './styles.js';
import { codeTexts } from './texts.js';
import { isoToLocalInput, localInputToIso } from './zoned.js';

type DiscountType = (typeof discountTypes)[number];

/**
 * A promo code created or changed: the discount (percent, amount or none), per ticket or per
 * order, the events it is for, the hidden tariffs it unlocks, its window and limits. The API's
 * refusals (a taken code, a used code's text, a public tariff to unlock) show next to the form.
 */
export class PromoCodeScreen extends ConsoleScreen {
  static override styles = [consoleStyles, codeStyles];

  @state() private code: PromoCode | null = null;
  @state() private events: EventDetail[] = [];
  @state() private discountType: DiscountType = 'percent';
  @state() private phase: 'loading' | 'failed' | 'ready' | 'saving' = 'loading';
  @state() private problem: unknown = null;
  @state() private local: Record<string, string> = {};
  @state() private notice = '';
  @state() private warnings: string[] = [];

  private get isNew() {
    return this.params.id === 'new';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const [events, code] = await Promise.all([loadEvents(this.session), this.isNew ? Promise.resolve(null) : this.session.api.call('getPromoCode', { params: { id: this.params.id! } })]);
      this.events = events;
      this.code = code;
      if (code) this.discountType = code.discountType;
      const t = codeTexts(this.locale);
      if (code && this.query.get('created')) this.notice = t.created(code.code);
      if (code && this.query.get('short')) this.warnings = [t.shortWarning];
      this.phase = 'ready';
    } catch (error) {
      // Never the form: a code that could not be read must not turn into "create a new one".
      this.problem = error;
      this.phase = 'failed';
    }
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const t = codeTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const selected = (name: string) => [...((form.elements.namedItem(name) as HTMLSelectElement | null)?.selectedOptions ?? [])].map((o) => o.value);
    const whole = (name: string, required = false): number | null | undefined => {
      const text = value(name);
      if (text === '') return required ? undefined : null;
      return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
    };
    const local: Record<string, string> = {};
    const discountText = value('discountValue');
    let discountValue = 0;
    if (this.discountType === 'percent') {
      const n = whole('discountValue', true);
      if (n === undefined || n === null) local.discountValue = t.numberInvalid;
      else discountValue = n;
    } else if (this.discountType === 'amount') {
      const minor = parseMoney(discountText);
      if (minor === null) local.discountValue = t.amountInvalid;
      else discountValue = minor;
    }
    const maxUses = whole('maxUses');
    const maxTicketsPerOrder = whole('maxTicketsPerOrder');
    const minTickets = whole('minTickets', true);
    if (maxUses === undefined) local.maxUses = t.numberInvalid;
    if (maxTicketsPerOrder === undefined) local.maxTicketsPerOrder = t.numberInvalid;
    if (minTickets === undefined || minTickets === null) local.minTickets = t.numberInvalid;
    this.local = local;
    this.problem = null;
    this.notice = '';
    if (Object.keys(local).length) {
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    const tz = this.session.me.shop.timeZone;
    const body = {
      name: value('name') || undefined,
      discountType: this.discountType,
      discountValue,
      per: value('per') as 'ticket' | 'order',
      eventIds: selected('eventIds'),
      unlockTariffIds: selected('unlockTariffIds'),
      validFrom: localInputToIso(value('validFrom'), tz),
      validUntil: localInputToIso(value('validUntil'), tz),
      maxUses: maxUses ?? null,
      maxTicketsPerOrder: maxTicketsPerOrder ?? null,
      minTickets: minTickets ?? 1,
      active: (form.elements.namedItem('active') as HTMLInputElement).checked,
    };
    const typed = value('code');
    this.phase = 'saving';
    try {
      const saved = this.code
        ? await this.session.api.call('updatePromoCode', { params: { id: this.code.id }, body: { ...body, ...(typed && typed !== this.code.code ? { code: typed } : {}) } })
        : await this.session.api.call('createPromoCode', { body: { ...body, ...(typed ? { code: typed } : {}) } });
      this.warnings = saved.warnings.length ? [t.shortWarning] : [];
      if (this.isNew) {
        // The new code's own page, with what was saved.
        this.session.navigate(`/codes/promo/${saved.id}?created=1${saved.warnings.length ? '&short=1' : ''}`);
        return;
      }
      this.code = saved;
      this.notice = t.savedText;
      this.phase = 'ready';
    } catch (error) {
      // Never the form: a code that could not be read must not turn into "create a new one".
      this.problem = error;
      this.phase = 'failed';
    }
  }

  private field(name: string, label: string, input: unknown, hint?: string) {
    const error = this.local[name] ?? fieldError(this.problem, name);
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${input} ${hint ? html`<div class="hint" id="${name}-hint">${hint}</div>` : nothing}
      ${error ? html`<div class="field-error" id="${name}-error">${error}</div>` : nothing}
    </div>`;
  }

  private invalid(name: string) {
    return this.local[name] || fieldError(this.problem, name) ? 'true' : 'false';
  }

  private describedBy(name: string, hint = false) {
    const ids = [hint ? `${name}-hint` : '', this.local[name] || fieldError(this.problem, name) ? `${name}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  override render() {
    const t = codeTexts(this.locale);
    const title = this.isNew ? t.newPromo : t.editPromo(this.code?.code ?? '');
    return html`
      <p><a href="#/codes">${t.back}</a></p>
      <h1 tabindex="-1">${title}</h1>
      ${codesNav(this.session, 'promo')}
      ${this.phase === 'loading'
        ? html`<p role="status">${commonTexts(this.locale).loading}</p>`
        : this.phase === 'failed'
          ? html`<div class="notice error" role="alert">
              <p>${errorText(this.problem, this.locale)}</p>
              <button @click=${() => {
                this.phase = 'loading';
                this.problem = null;
                void this.load();
              }}>${commonTexts(this.locale).retry}</button>
            </div>`
          : this.renderForm()}
    `;
  }

  private renderForm() {
    const t = codeTexts(this.locale);
    const c = this.code;
    const tz = this.session.me.shop.timeZone;
    const currency = this.session.me.shop.currency;
    const mayWrite = this.session.may(c ? 'updatePromoCode' : 'createPromoCode');
    const hidden = this.events.flatMap((e) => e.tariffs.filter((tariff) => tariff.hidden).map((tariff) => ({ ...tariff, eventTitle: e.title })));
    return html`
      ${c ? html`<p>${discountText(c, currency, this.locale)} · ${t.usesText(c.uses.used, c.uses.held)}</p>` : nothing}
      ${this.problem ? html`<div class="notice error" role="alert">${errorText(this.problem, this.locale)}</div>` : nothing}
      <div role="status">
        ${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing} ${this.warnings.map((w) => html`<p class="notice error">${w}</p>`)}
      </div>
      <form @submit=${this.submit} novalidate>
        <fieldset ?disabled=${!mayWrite} class="form-grid">
          ${this.field(
            'code',
            t.code,
            html`<input id="code" name="code" type="text" maxlength="64" autocomplete="off" .value=${c?.code ?? ''} aria-invalid=${this.invalid('code')} aria-describedby=${this.describedBy('code', true)} />`,
            t.codeHint,
          )}
          ${this.field('name', t.name, html`<input id="name" name="name" type="text" maxlength="200" .value=${c?.name ?? ''} aria-invalid=${this.invalid('name')} aria-describedby=${this.describedBy('name')} />`)}
          ${this.field(
            'discountType',
            t.discountType,
            html`<select id="discountType" name="discountType" @change=${(e: Event) => (this.discountType = (e.target as HTMLSelectElement).value as DiscountType)}>
              ${discountTypes.map((d) => html`<option value=${d} ?selected=${this.discountType === d}>${t[`type_${d}`]}</option>`)}
            </select>`,
          )}
          ${this.discountType === 'none'
            ? nothing
            : this.field(
                'discountValue',
                this.discountType === 'percent' ? `${t.discountPercent} (%)` : `${t.discountAmount} (${currency})`,
                html`<input
                  id="discountValue"
                  name="discountValue"
                  type="text"
                  inputmode=${this.discountType === 'percent' ? 'numeric' : 'decimal'}
                  required
                  .value=${c && c.discountType === this.discountType ? (this.discountType === 'amount' ? moneyInput(c.discountValue) : String(c.discountValue)) : ''}
                  aria-invalid=${this.invalid('discountValue')}
                  aria-describedby=${this.describedBy('discountValue')}
                />`,
              )}
          ${this.field(
            'per',
            t.per,
            html`<select id="per" name="per">
              ${(['ticket', 'order'] as const).map((p) => html`<option value=${p} ?selected=${(c?.per ?? 'ticket') === p}>${t[`per_${p}`]}</option>`)}
            </select>`,
          )}
          ${this.field(
            'eventIds',
            t.events,
            this.events.length
              ? html`<select id="eventIds" name="eventIds" multiple aria-invalid=${this.invalid('eventIds')} aria-describedby=${this.describedBy('eventIds')}>
                  ${this.events.map((e) => html`<option value=${e.id} ?selected=${c?.eventIds.includes(e.id) ?? false}>${e.title}</option>`)}
                </select>`
              : html`<p class="muted" id="eventIds">${t.noEvents}</p>`,
          )}
          ${this.field(
            'unlockTariffIds',
            t.unlock,
            hidden.length
              ? html`<select id="unlockTariffIds" name="unlockTariffIds" multiple aria-invalid=${this.invalid('unlockTariffIds')} aria-describedby=${this.describedBy('unlockTariffIds')}>
                  ${hidden.map((h) => html`<option value=${h.id} ?selected=${c?.unlockTariffIds.includes(h.id) ?? false}>${h.eventTitle}: ${h.name}</option>`)}
                </select>`
              : html`<p class="muted" id="unlockTariffIds">${t.noHiddenTariffs}</p>`,
          )}
          ${this.field(
            'validFrom',
            t.validFrom,
            html`<input id="validFrom" name="validFrom" type="datetime-local" .value=${isoToLocalInput(c?.validFrom ?? null, tz)} aria-invalid=${this.invalid('validFrom')} aria-describedby=${this.describedBy('validFrom', true)} />`,
            t.timeZoneHint(tz),
          )}
          ${this.field(
            'validUntil',
            t.validUntil,
            html`<input id="validUntil" name="validUntil" type="datetime-local" .value=${isoToLocalInput(c?.validUntil ?? null, tz)} aria-invalid=${this.invalid('validUntil')} aria-describedby=${this.describedBy('validUntil', true)} />`,
            t.timeZoneHint(tz),
          )}
          ${this.field(
            'maxUses',
            t.maxUses,
            html`<input id="maxUses" name="maxUses" type="text" inputmode="numeric" .value=${c?.maxUses == null ? '' : String(c.maxUses)} aria-invalid=${this.invalid('maxUses')} aria-describedby=${this.describedBy('maxUses')} />`,
          )}
          ${this.field(
            'maxTicketsPerOrder',
            t.maxTicketsPerOrder,
            html`<input
              id="maxTicketsPerOrder"
              name="maxTicketsPerOrder"
              type="text"
              inputmode="numeric"
              .value=${c?.maxTicketsPerOrder == null ? '' : String(c.maxTicketsPerOrder)}
              aria-invalid=${this.invalid('maxTicketsPerOrder')}
              aria-describedby=${this.describedBy('maxTicketsPerOrder')}
            />`,
          )}
          ${this.field(
            'minTickets',
            t.minTickets,
            html`<input id="minTickets" name="minTickets" type="text" inputmode="numeric" required .value=${String(c?.minTickets ?? 1)} aria-invalid=${this.invalid('minTickets')} aria-describedby=${this.describedBy('minTickets')} />`,
          )}
          <label class="choice"><input type="checkbox" name="active" ?checked=${c?.active ?? true} /> ${t.activeField}</label>
        </fieldset>
        ${mayWrite ? html`<p><button class="primary" type="submit" ?disabled=${this.phase === 'saving'}>${c ? t.save : t.create}</button></p>` : nothing}
      </form>
    `;
  }
}
defineScreen('tk-promo-code-screen', PromoCodeScreen);
