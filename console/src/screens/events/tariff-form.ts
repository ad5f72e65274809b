import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { moneyInput, parseMoney } from '../../ui/format.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorLine, EventAreaForm, type FieldErrors, invalidAttrs } from './form-kit.js';

type Tariff = Answer<'getAdminEvent'>['tariffs'][number];
/** A plan's price zones, to give each its prices. */
export type ZoneGroup = { planName: string; zones: { id: string; name: string }[] };

/**
 * A tariff, new or edited: its price zone (or general admission), name, price in the shop's
 * currency (typed in decimal, sent in minor units), order, and whether it is hidden behind a
 * promo code or not offered at all. Fires `tariff-saved`.
 */
export class TariffForm extends EventAreaForm {
  static override styles = [consoleStyles];

  @property() eventId = '';
  @property({ attribute: false }) tariff: Tariff | null = null;
  @property({ attribute: false }) zoneGroups: ZoneGroup[] = [];

  protected override readonly apiFields = { zoneId: 'tariff-zone', name: 'tariff-name', price: 'tariff-price', sortOrder: 'tariff-order' };

  protected override fieldHelp() {
    return { 'tariff-price': this.t.priceInvalid, 'tariff-order': this.t.sortInvalid };
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const errors: FieldErrors = {};
    const name = this.value('tariff-name');
    if (!name) errors['tariff-name'] = t.nameRequired;
    const price = parseMoney(this.value('tariff-price'));
    if (price === null) errors['tariff-price'] = t.priceInvalid;
    const orderText = this.value('tariff-order') || '0';
    const sortOrder = /^\d{1,4}$/.test(orderText) && Number(orderText) <= 1000 ? Number(orderText) : null;
    if (sortOrder === null) errors['tariff-order'] = t.sortInvalid;
    if (!this.check(errors) || price === null || sortOrder === null) return;
    const hidden = this.checked('tariff-hidden');
    const saved = await this.send(() =>
      this.tariff
        ? this.session.api.call('updateTariff', { params: { id: this.tariff.id }, body: { name, price, sortOrder, hidden, active: this.checked('tariff-active') } })
        : this.session.api.call('createTariff', { params: { id: this.eventId }, body: { zoneId: this.value('tariff-zone') || null, name, price, sortOrder, hidden } }),
    );
    if (saved) this.emit('tariff-saved', saved);
  }

  override render() {
    const t = this.t;
    const tariff = this.tariff;
    const zone = invalidAttrs(this.errors, 'tariff-zone');
    return html`
      ${this.notice()}
      <form @submit=${this.submit} novalidate>
        ${tariff
          ? nothing
          : html`<div class="field">
              <label for="tariff-zone">${t.zone}</label>
              <select id="tariff-zone" aria-invalid=${zone.invalid} aria-describedby=${ifDefined(zone.describedBy)}>
                ${this.zoneGroups.map(
                  (group) => html`<optgroup label=${group.planName}>${group.zones.map((z) => html`<option value=${z.id}>${z.name}</option>`)}</optgroup>`,
                )}
                <option value="">${t.zoneGa}</option>
              </select>
              ${errorLine(this.errors, 'tariff-zone')}
            </div>`}
        <div class="row">
          ${this.input('tariff-name', t.tariffName, { value: tariff?.name ?? '', required: true, maxLength: 80 })}
          ${this.input('tariff-price', t.price(this.session.me.shop.currency), { value: tariff ? moneyInput(tariff.price) : '', required: true, attrs: { inputmode: 'decimal' } })}
          ${this.input('tariff-order', t.sortOrder, { type: 'number', value: String(tariff?.sortOrder ?? 0), attrs: { min: '0', max: '1000', step: '1', inputmode: 'numeric' } })}
        </div>
        <label class="choice"><input type="checkbox" id="tariff-hidden" .checked=${tariff?.hidden ?? false} />${t.hiddenLabel}</label>
        ${tariff ? html`<label class="choice"><input type="checkbox" id="tariff-active" .checked=${tariff.active} />${t.activeLabel}</label>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.saveTariff}</button>
          <button type="button" @click=${() => this.emit('form-closed')}>${commonTexts(this.session.locale).cancel}</button>
        </div>
      </form>
    `;
  }
}
customElements.get('tk-tariff-form') || customElements.define('tk-tariff-form', TariffForm);
