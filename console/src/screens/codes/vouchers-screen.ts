import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { consoleLocales, type ConsoleLocale } from '../../i18n/texts.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { formatDate, formatMoney, parseMoney } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { codesNav } from './codes-nav.js';
import { codeStyles } from './styles.js';
import { codeTexts } from './texts.js';
import { localInputToIso } from './zoned.js';

type Voucher = Answer<'listVouchers'>['vouchers'][number];

export function voucherStatus(voucher: Pick<Voucher, 'status'>, locale: ConsoleLocale) {
  const t = codeTexts(locale);
  return voucher.status === 'active' ? t.active : voucher.status === 'expired' ? t.expired : t.cancelledStatus;
}

/** Gift vouchers with their balances, found by the code a customer reads out, and issued at the counter. */
export class VouchersScreen extends ConsoleScreen {
  static override styles = [consoleStyles, codeStyles];

  @state() private rows: Voucher[] = [];
  @state() private nextCursor: string | null = null;
  @state() private code = '';
  @state() private loaded = false;
  @state() private problem: unknown = null;
  @state() private localError = '';
  @state() private notice = '';
  @state() private issuing = false;
  @state() private busy = false;

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
    try {
      const page = await this.session.api.call('listVouchers', { query: { code: this.code || undefined, cursor, limit: '50' } });
      if (generation !== this.generation) return;
      this.rows = cursor ? [...this.rows, ...page.vouchers] : page.vouchers;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem = error;
    }
    this.loaded = true;
    this.listing = false;
  }

  private find(event: SubmitEvent) {
    event.preventDefault();
    this.code = ((event.target as HTMLFormElement).elements.namedItem('find') as HTMLInputElement).value.trim();
    this.problem = null;
    void this.load();
  }

  private async issue(event: SubmitEvent) {
    event.preventDefault();
    const t = codeTexts(this.locale);
    const form = event.target as HTMLFormElement;
    const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const amount = parseMoney(value('amount'));
    this.problem = null;
    this.notice = '';
    this.localError = amount === null || amount === 0 ? t.amountInvalid : '';
    if (this.localError) {
      (form.elements.namedItem('amount') as HTMLInputElement).focus();
      return;
    }
    const never = (form.elements.namedItem('never') as HTMLInputElement).checked;
    const expires = localInputToIso(value('expiresAt'), this.session.me.shop.timeZone);
    const recipientName = value('recipientName');
    const recipientEmail = value('recipientEmail');
    this.busy = true;
    try {
      const voucher = await this.session.api.call('issueVoucher', {
        body: {
          amount: amount!,
          ...(never ? { expiresAt: null } : expires ? { expiresAt: expires } : {}),
          note: value('note'),
          ...(recipientName ? { recipientName } : {}),
          ...(recipientEmail ? { recipientEmail, language: value('language') as ConsoleLocale } : {}),
        },
      });
      this.notice = t.voucherIssued(voucher.code);
      this.issuing = false;
      this.code = '';
      await this.load();
    } catch (error) {
      this.problem = error;
    }
    this.busy = false;
  }

  override render() {
    const t = codeTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    return html`
      <h1 tabindex="-1">${t.vouchers}</h1>
      ${codesNav(this.session, 'vouchers')}
      ${this.problem ? html`<div class="notice error" role="alert">${errorText(this.problem, this.locale)}</div>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing}</div>
      ${this.session.may('issueVoucher') ? (this.issuing ? this.renderIssue() : html`<p><button class="primary" @click=${() => (this.issuing = true)}>${t.issueVoucher}</button></p>`) : nothing}
      <form class="find" role="search" @submit=${this.find}>
        <div class="field">
          <label for="find">${t.findCode}</label>
          <input id="find" name="find" type="search" maxlength="64" autocomplete="off" .value=${this.code} aria-describedby="find-hint" />
        </div>
        <button type="submit">${t.findCode}</button>
        ${this.code ? html`<button type="button" @click=${() => ((this.code = ''), void this.load())}>${t.showAll}</button>` : nothing}
      </form>
      <p class="hint" id="find-hint">${t.findCodeHint}</p>
      ${!this.loaded
        ? html`<p role="status">…</p>`
        : this.rows.length === 0
          ? html`<p>${this.code ? t.notFound : t.noneYet}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t.vouchers}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.colCode}</th>
                    <th scope="col" class="number">${t.colInitial}</th>
                    <th scope="col" class="number">${t.colBalance}</th>
                    <th scope="col">${t.colExpires}</th>
                    <th scope="col">${t.colSource}</th>
                    <th scope="col">${t.colStatus}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.rows.map(
                    (v) => html`<tr>
                      <td><a href="#/codes/vouchers/${v.id}">${v.code}</a>${v.note ? html`<div class="muted">${v.note}</div>` : nothing}</td>
                      <td class="number">${formatMoney(v.initialAmount, v.currency, this.locale)}</td>
                      <td class="number balance">${formatMoney(v.balance, v.currency, this.locale)}</td>
                      <td>${v.expiresAt ? formatDate(v.expiresAt, tz, this.locale) : t.neverExpires}</td>
                      <td>${t[`source_${v.source}`]}</td>
                      <td><span class="badge">${voucherStatus(v, this.locale)}</span></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      ${this.nextCursor ? html`<p><button ?disabled=${this.listing} @click=${() => this.load(this.nextCursor!)}>${t.showMore}</button></p>` : nothing}
    `;
  }

  private renderIssue() {
    const t = codeTexts(this.locale);
    const shop = this.session.me.shop;
    const invalid = (name: string) => (fieldError(this.problem, name) ? 'true' : 'false');
    return html`<form class="card" @submit=${this.issue} novalidate aria-labelledby="issue-voucher">
      <h2 id="issue-voucher">${t.issueVoucher}</h2>
      <div class="form-grid">
        <div class="field">
          <label for="amount">${t.amount} (${shop.currency})</label>
          <input
            id="amount"
            name="amount"
            type="text"
            inputmode="decimal"
            required
            autocomplete="off"
            aria-invalid=${this.localError || fieldError(this.problem, 'amount') ? 'true' : 'false'}
            aria-describedby=${this.localError ? 'amount-error' : nothing}
          />
          ${this.localError ? html`<div class="field-error" id="amount-error">${this.localError}</div>` : nothing}
        </div>
        <div class="field">
          <label for="expiresAt">${t.expiresAt}</label>
          <input id="expiresAt" name="expiresAt" type="datetime-local" aria-describedby="expiresAt-hint" aria-invalid=${invalid('expiresAt')} />
          <div class="hint" id="expiresAt-hint">${t.timeZoneHint(shop.timeZone)}</div>
          <label class="choice"><input type="checkbox" name="never" /> ${t.neverExpires}</label>
        </div>
        <div class="field"><label for="note">${t.note}</label><input id="note" name="note" type="text" maxlength="500" /></div>
        <div class="field"><label for="recipientName">${t.recipientName}</label><input id="recipientName" name="recipientName" type="text" maxlength="120" aria-invalid=${invalid('recipientName')} /></div>
        <div class="field"><label for="recipientEmail">${t.recipientEmail}</label><input id="recipientEmail" name="recipientEmail" type="email" aria-invalid=${invalid('recipientEmail')} /></div>
        <div class="field">
          <label for="language">${t.language}</label>
          <select id="language" name="language">
            ${consoleLocales.map((l) => html`<option value=${l} ?selected=${l === shop.defaultLocale}>${l.toUpperCase()}</option>`)}
          </select>
        </div>
      </div>
      <p class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.issue}</button>
        <button type="button" @click=${() => (this.issuing = false)}>${commonTexts(this.locale).cancel}</button>
      </p>
    </form>`;
  }
}
defineScreen('tk-vouchers-screen', VouchersScreen);
