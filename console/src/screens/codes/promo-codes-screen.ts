import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { errorText } from '../../ui/errors.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { codesNav } from './codes-nav.js';
import { codeStyles } from './styles.js';
import { codeTexts } from './texts.js';

export type PromoCode = Answer<'getPromoCode'>;

/** A promo code's discount in words: "20 % off per ticket", "CHF 5.00 off per order", "unlocks tariffs only". */
export function discountText(code: Pick<PromoCode, 'discountType' | 'discountValue' | 'per'>, currency: string, locale: ConsoleLocale) {
  const t = codeTexts(locale);
  if (code.discountType === 'none') return t.unlockOnly;
  const value = code.discountType === 'percent' ? t.percentOff(code.discountValue) : t.amountOff(formatMoney(code.discountValue, currency, locale));
  return `${value} ${code.per === 'ticket' ? t.perTicket : t.perOrder}`;
}

/** The shop's promo codes, newest first, with their uses; found by code; activated or deactivated in place. */
export class PromoCodesScreen extends ConsoleScreen {
  static override styles = [consoleStyles, codeStyles];

  @state() private rows: PromoCode[] = [];
  @state() private nextCursor: string | null = null;
  @state() private code = '';
  @state() private phase: 'loading' | 'ready' = 'loading';
  @state() private problem = '';
  @state() private notice = '';

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  /** The latest list asked for (a search, or the next page): an older answer arriving late is dropped. */
  private generation = 0;
  @state() private listing = false;

  private async load(cursor?: string) {
    const generation = ++this.generation;
    this.listing = true;
    this.phase = 'loading';
    this.problem = '';
    try {
      const page = await this.session.api.call('listPromoCodes', { query: { code: this.code || undefined, cursor, limit: '50' } });
      if (generation !== this.generation) return;
      this.rows = cursor ? [...this.rows, ...page.promoCodes] : page.promoCodes;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem = errorText(error, this.locale);
    }
    this.phase = 'ready';
    this.listing = false;
  }

  private find(event: SubmitEvent) {
    event.preventDefault();
    this.code = ((event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value.trim();
    this.notice = '';
    void this.load();
  }

  private async toggle(code: PromoCode) {
    const t = codeTexts(this.locale);
    this.problem = '';
    try {
      const updated = await this.session.api.call('updatePromoCode', { params: { id: code.id }, body: { active: !code.active } });
      this.rows = this.rows.map((r) => (r.id === code.id ? updated : r));
      this.notice = updated.active ? t.activated : t.deactivated;
    } catch (error) {
      this.problem = errorText(error, this.locale);
    }
  }

  private validity(code: PromoCode) {
    const t = codeTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    const parts = [code.validFrom ? t.from(formatDate(code.validFrom, tz, this.locale)) : '', code.validUntil ? t.until(formatDate(code.validUntil, tz, this.locale)) : ''].filter(Boolean);
    return parts.length ? parts.join(' ') : t.always;
  }

  override render() {
    const t = codeTexts(this.locale);
    const currency = this.session.me.shop.currency;
    const mayEdit = this.session.may('updatePromoCode');
    return html`
      <h1 tabindex="-1">${t.promoCodes}</h1>
      ${codesNav(this.session, 'promo')}
      ${this.session.may('createPromoCode') ? html`<p><a class="button primary" href="#/codes/promo/new">${t.newPromo}</a></p>` : nothing}
      <form class="find" role="search" @submit=${this.find}>
        <div class="field">
          <label for="code">${t.findCode}</label>
          <input id="code" name="code" type="search" maxlength="64" autocomplete="off" .value=${this.code} aria-describedby="code-hint" />
        </div>
        <button type="submit">${t.findCode}</button>
        ${this.code ? html`<button type="button" @click=${() => ((this.code = ''), void this.load())}>${t.showAll}</button>` : nothing}
      </form>
      <p class="hint" id="code-hint">${t.findCodeHint}</p>
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing}${this.phase === 'loading' ? '…' : nothing}</div>
      ${this.phase === 'ready' && this.rows.length === 0 && !this.problem
        ? html`<p>${this.code ? t.notFound : t.noneYet}</p>`
        : this.rows.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.promoCodes}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.colCode}</th>
                    <th scope="col">${t.colName}</th>
                    <th scope="col">${t.colDiscount}</th>
                    <th scope="col">${t.colUses}</th>
                    <th scope="col" class="number">${t.colRemaining}</th>
                    <th scope="col">${t.colValidity}</th>
                    <th scope="col">${t.colStatus}</th>
                    ${mayEdit ? html`<th scope="col"><span class="visually-hidden">${t.deactivate}</span></th>` : nothing}
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (code) => html`<tr>
                      <td><a href="#/codes/promo/${code.id}">${code.code}</a></td>
                      <td>${code.name}</td>
                      <td>${discountText(code, currency, this.locale)}</td>
                      <td class="uses">${t.usesText(code.uses.used, code.uses.held)}</td>
                      <td class="number">${code.remainingUses ?? t.unlimited}</td>
                      <td>${this.validity(code)}</td>
                      <td><span class="badge">${code.active ? t.active : t.inactive}</span></td>
                      ${mayEdit
                        ? html`<td><button @click=${() => this.toggle(code)} aria-label="${code.active ? t.deactivate : t.activate} ${code.code}">${code.active ? t.deactivate : t.activate}</button></td>`
                        : nothing}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing}
      ${this.nextCursor ? html`<p><button ?disabled=${this.listing} @click=${() => this.load(this.nextCursor!)}>${t.showMore}</button></p>` : nothing}
    `;
  }
}
defineScreen('tk-codes-screen', PromoCodesScreen);
