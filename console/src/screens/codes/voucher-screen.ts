import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { codesNav } from './codes-nav.js';
import { codeStyles } from './styles.js';
import { codeTexts } from './texts.js';
import { voucherStatus } from './vouchers-screen.js';

type Voucher = Answer<'getVoucher'>;

/** One gift voucher: what it was worth, what is left, every redemption (with its order), its note, and cancelling it after a confirmation. */
export class VoucherScreen extends ConsoleScreen {
  static override styles = [consoleStyles, codeStyles];

  private readonly voucher = new Loadable<Voucher>(this, () => this.session.api.call('getVoucher', { params: { id: this.params.id! } }));
  @state() private confirming = false;
  @state() private busy = false;
  @state() private problem = '';
  @state() private notice = '';

  private async change(body: { status?: 'cancelled'; note?: string }, done: string) {
    this.busy = true;
    this.problem = '';
    this.notice = '';
    try {
      await this.session.api.call('updateVoucher', { params: { id: this.params.id! }, body });
      this.notice = done;
      this.confirming = false;
      await this.voucher.reload();
    } catch (error) {
      this.problem = errorText(error, this.locale);
    }
    this.busy = false;
  }

  override render() {
    const t = codeTexts(this.locale);
    const code = this.voucher.value?.code ?? '';
    return html`
      <p><a href="#/codes/vouchers">${t.back}</a></p>
      <h1 tabindex="-1">${t.voucherTitle(code)}</h1>
      ${codesNav(this.session, 'vouchers')}
      ${this.problem ? html`<div class="notice error" role="alert">${this.problem}</div>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice success">${this.notice}</p>` : nothing}</div>
      ${this.voucher.render(this.locale, (v) => this.renderVoucher(v))}
    `;
  }

  private renderVoucher(v: Voucher) {
    const t = codeTexts(this.locale);
    const tz = this.session.me.shop.timeZone;
    const money = (minor: number) => formatMoney(minor, v.currency, this.locale);
    const mayEdit = this.session.may('updateVoucher');
    return html`
      <section class="card" aria-labelledby="facts">
        <h2 id="facts">${t.facts}</h2>
        <dl class="facts">
          <dt>${t.colStatus}</dt>
          <dd><span class="badge">${voucherStatus(v, this.locale)}</span></dd>
          <dt>${t.colInitial}</dt>
          <dd>${money(v.initialAmount)}</dd>
          <dt>${t.redeemed}</dt>
          <dd>${money(v.redeemed)}</dd>
          <dt>${t.colBalance}</dt>
          <dd><strong class="balance">${money(v.balance)}</strong></dd>
          <dt>${t.colExpires}</dt>
          <dd>${v.expiresAt ? formatDateTime(v.expiresAt, tz, this.locale) : t.neverExpires}</dd>
          <dt>${t.colSource}</dt>
          <dd>${t[`source_${v.source}`]}</dd>
          <dt>${t.created_at}</dt>
          <dd>${formatDateTime(v.createdAt, tz, this.locale)}</dd>
        </dl>
      </section>
      <section class="redemptions">
        <h2 id="redemptions">${t.redemptions}</h2>
        ${v.redemptions.length === 0
          ? html`<p>${t.noRedemptions}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="redemptions">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.colDate}</th>
                    <th scope="col">${t.colOrder}</th>
                    <th scope="col" class="number">${t.colAmount}</th>
                    <th scope="col">${t.colState}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.redemptions.map(
                    (r) => html`<tr>
                      <td>${formatDateTime(r.createdAt, tz, this.locale)}</td>
                      <td>${r.orderNumber ? (this.session.may('getStaffOrder') ? html`<a href="#/orders/${r.orderNumber}">${r.orderNumber}</a>` : r.orderNumber) : '—'}</td>
                      <td class="number">${money(r.amount)}</td>
                      <td>${t[`state_${r.state}`]}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      </section>
      ${mayEdit
        ? html`<section aria-labelledby="note-heading">
            <h2 id="note-heading">${t.note}</h2>
            <form
              class="find"
              @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                void this.change({ note: ((e.target as HTMLFormElement).elements.namedItem('note') as HTMLInputElement).value.trim() }, t.savedText);
              }}
            >
              <div class="field"><label for="note" class="visually-hidden">${t.note}</label><input id="note" name="note" type="text" maxlength="500" .value=${v.note} /></div>
              <button type="submit" ?disabled=${this.busy}>${t.saveNote}</button>
            </form>
            ${v.status === 'active'
              ? this.confirming
                ? html`<div class="card">
                    <p id="confirm-cancel" tabindex="-1">${t.confirmCancelVoucher(v.code, money(v.balance))}</p>
                    <p class="actions">
                      <button class="danger" @click=${() => this.change({ status: 'cancelled' }, t.voucherCancelled)} ?disabled=${this.busy}>${t.cancelVoucher}</button>
                      <button @click=${() => (this.confirming = false)}>${t.keep}</button>
                    </p>
                  </div>`
                : html`<p>
                    <button
                      @click=${async () => {
                        this.confirming = true;
                        await this.updateComplete;
                        (this.renderRoot.querySelector('#confirm-cancel') as HTMLElement | null)?.focus();
                      }}
                    >
                      ${t.cancelVoucher}
                    </button>
                  </p>`
              : nothing}
          </section>`
        : nothing}
    `;
  }
}
defineScreen('tk-voucher-screen', VoucherScreen);
