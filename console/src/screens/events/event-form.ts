import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { moneyInput, parseMoney } from '../../ui/format.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorLine, EventAreaForm, type FieldErrors, invalidAttrs } from './form-kit.js';
import { languageNames } from './texts.js';

type EventView = Answer<'getAdminEvent'>;
type Venue = Answer<'listVenues'>['venues'][number];
type Texts = { title: string; subtitle: string; description: string };

/**
 * Creating or editing an event: its venue (when new), its texts in every language of the shop
 * (the default language's are required, the others fall back to them), and its image. Fires
 * `event-saved` with the event.
 */
export class EventForm extends EventAreaForm {
  static override styles = [
    consoleStyles,
    css`
      input[type='text'],
      input[type='url'],
      textarea,
      select {
        width: 100%;
      }
      textarea {
        min-height: 6rem;
      }
      .row input {
        width: auto;
      }
    `,
  ];

  /** The event to edit; unset, a new one. */
  @property({ attribute: false }) event: EventView | null = null;
  @property({ attribute: false }) venues: Venue[] = [];

  private get languages(): ConsoleLocale[] {
    const { locales, defaultLocale } = this.session.me.shop;
    return [defaultLocale, ...locales.filter((l) => l !== defaultLocale)];
  }

  protected override get apiFields() {
    const fields: Record<string, string> = {
      venueId: 'venue',
      imageUrl: 'image-url',
      exchangeDeadlineHours: 'exchange-deadline',
      exchangeFee: 'exchange-fee',
      preEventDaysBefore: 'message-days',
      preEventSendHour: 'message-hour',
    };
    for (const l of this.languages) fields[`preEventMessageText.${l}`] = `message-text-${l}`;
    const [first, ...others] = this.languages;
    for (const key of ['title', 'subtitle', 'description']) {
      fields[key] = `${key}-${first}`;
      for (const l of others) fields[`translations.${l}.${key}`] = `${key}-${l}`;
    }
    return fields;
  }

  protected override codeField(error: { code: string }): [string, string] | null {
    return error.code === 'venue_not_found' ? ['venue', this.t.venueRequired] : null;
  }

  private textsOf(locale: ConsoleLocale): Texts {
    const e = this.event;
    if (!e) return { title: '', subtitle: '', description: '' };
    if (locale === this.languages[0]) return { title: e.title, subtitle: e.subtitle, description: e.description };
    const tr = e.translations[locale];
    return { title: tr?.title ?? '', subtitle: tr?.subtitle ?? '', description: tr?.description ?? '' };
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const errors: FieldErrors = {};
    const [first, ...others] = this.languages;
    const venueId = this.event ? this.event.venueId : this.value('venue');
    if (!this.event && !venueId) errors.venue = t.venueRequired;
    const read = (l: ConsoleLocale): Texts => ({ title: this.value(`title-${l}`), subtitle: this.value(`subtitle-${l}`), description: this.value(`description-${l}`) });
    const main = read(first!);
    if (!main.title) errors[`title-${first}`] = t.titleRequired;
    const imageUrl = this.value('image-url');
    if (imageUrl && !/^https?:\/\/\S+$/.test(imageUrl)) errors['image-url'] = t.urlInvalid;
    const whole = (id: string, max: number, message: string) => {
      const text = this.value(id);
      if (!/^\d{1,5}$/.test(text) || Number(text) > max) errors[id] = message;
      return Number(text);
    };
    const exchangeDeadlineHours = whole('exchange-deadline', 1440, t.hoursInvalid);
    const exchangeFee = parseMoney(this.value('exchange-fee') || '0');
    if (exchangeFee === null) errors['exchange-fee'] = t.priceInvalid;
    const preEventDaysBefore = whole('message-days', 14, t.daysInvalid);
    const preEventSendHour = whole('message-hour', 23, t.hourInvalid);
    if (!this.check(errors) || exchangeFee === null) return;
    const preEventMessageText = Object.fromEntries(this.languages.map((l) => [l, this.value(`message-text-${l}`)] as const).filter(([, text]) => text !== ''));
    const settings = {
      exchangeEnabled: this.checked('exchange-enabled'),
      exchangeDeadlineHours,
      exchangeFee,
      exchangeRefundsDifference: this.checked('exchange-refund'),
      preEventMessageEnabled: this.checked('message-enabled'),
      preEventDaysBefore,
      preEventSendHour,
      preEventMessageText,
    };
    // Only what was typed: an empty translation is no translation.
    const translations = Object.fromEntries(
      others.map((l) => [l, Object.fromEntries(Object.entries(read(l)).filter(([, text]) => text !== ''))] as const).filter(([, texts]) => Object.keys(texts).length > 0),
    );
    const texts = { ...main, imageUrl: imageUrl || null, translations, ...settings };
    const saved = await this.send(() =>
      this.event
        ? this.session.api.call('updateEvent', { params: { id: this.event.id }, body: texts })
        : this.session.api.call('createEvent', { body: { ...texts, venueId } }),
    );
    if (saved) this.emit('event-saved', saved);
  }

  override render() {
    const t = this.t;
    const names = languageNames[this.session.locale];
    const venue = invalidAttrs(this.errors, 'venue');
    return html`
      ${this.notice()}
      <form @submit=${this.submit} novalidate>
        ${this.event
          ? nothing
          : this.venues.length === 0
            ? html`<p class="notice error" role="alert">${t.noVenue}</p>`
            : html`<div class="field">
                <label for="venue">${t.venue}</label>
                <select id="venue" name="venue" required aria-invalid=${venue.invalid} aria-describedby=${ifDefined(venue.describedBy)}>
                  <option value="">${t.chooseVenue}</option>
                  ${this.venues.map((v) => html`<option value=${v.id} ?selected=${this.venues.length === 1}>${v.name}</option>`)}
                </select>
                ${errorLine(this.errors, 'venue')}
              </div>`}
        ${this.languages.map((l, index) => this.languageFields(l, index === 0, names[l]))}
        ${this.input('image-url', t.imageUrl, { type: 'url', value: this.event?.imageUrl ?? '', maxLength: 2000 })} ${this.exchangeFields()} ${this.messageFields()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.event ? t.saveEvent : t.createEvent}</button>
          <button type="button" @click=${() => this.emit('form-closed')}>${commonTexts(this.session.locale).cancel}</button>
        </div>
      </form>
    `;
  }

  private exchangeFields() {
    const t = this.t;
    const e = this.event;
    return html`<fieldset>
      <legend>${t.exchangeLegend}</legend>
      <label class="choice"><input type="checkbox" id="exchange-enabled" .checked=${e?.exchangeEnabled ?? false} />${t.exchangeEnabled}</label>
      <div class="row">
        ${this.input('exchange-deadline', t.exchangeDeadline, { type: 'number', value: String(e?.exchangeDeadlineHours ?? 24), attrs: { min: '0', max: '1440', step: '1', inputmode: 'numeric' } })}
        ${this.input('exchange-fee', t.exchangeFee(this.session.me.shop.currency), { value: moneyInput(e?.exchangeFee ?? 0), attrs: { inputmode: 'decimal' } })}
      </div>
      <label class="choice"><input type="checkbox" id="exchange-refund" .checked=${e?.exchangeRefundsDifference ?? false} />${t.exchangeRefund}</label>
    </fieldset>`;
  }

  private messageFields() {
    const t = this.t;
    const e = this.event;
    const names = languageNames[this.session.locale];
    return html`<fieldset>
      <legend>${t.messageLegend}</legend>
      <label class="choice"><input type="checkbox" id="message-enabled" .checked=${e?.preEventMessageEnabled ?? true} />${t.messageEnabled}</label>
      <div class="row">
        ${this.input('message-days', t.messageDays, { type: 'number', value: String(e?.preEventDaysBefore ?? 1), attrs: { min: '0', max: '14', step: '1', inputmode: 'numeric' } })}
        ${this.input('message-hour', t.messageHour, { type: 'number', value: String(e?.preEventSendHour ?? 10), attrs: { min: '0', max: '23', step: '1', inputmode: 'numeric' } })}
      </div>
      ${this.languages.map((l) => {
        const a = invalidAttrs(this.errors, `message-text-${l}`);
        return html`<div class="field">
          <label for="message-text-${l}">${t.messageText} (${names[l]})</label>
          <textarea id="message-text-${l}" lang=${l} maxlength="2000" .value=${e?.preEventMessageText[l] ?? ''} aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)}></textarea>
          ${errorLine(this.errors, `message-text-${l}`)}
        </div>`;
      })}
    </fieldset>`;
  }

  private languageFields(locale: ConsoleLocale, isDefault: boolean, name: string) {
    const t = this.t;
    const texts = this.textsOf(locale);
    const description = invalidAttrs(this.errors, `description-${locale}`);
    return html`<fieldset>
      <legend>${t.textsIn(name)}${isDefault ? ` (${t.defaultLanguage})` : ''}</legend>
      ${isDefault ? nothing : html`<p class="hint">${t.otherLanguageHint}</p>`}
      ${this.input(`title-${locale}`, t.eventTitle, { value: texts.title, required: isDefault, lang: locale, maxLength: 200 })}
      ${this.input(`subtitle-${locale}`, t.subtitle, { value: texts.subtitle, lang: locale, maxLength: 200 })}
      <div class="field">
        <label for="description-${locale}">${t.description}</label>
        <textarea id="description-${locale}" lang=${locale} maxlength="10000" name="description-${locale}" .value=${texts.description} aria-invalid=${description.invalid} aria-describedby=${ifDefined(description.describedBy)}></textarea>
        ${errorLine(this.errors, `description-${locale}`)}
      </div>
    </fieldset>`;
  }
}
customElements.get('tk-event-form') || customElements.define('tk-event-form', EventForm);
