import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { checkboxField, fieldStyles, formChecked, formText, inputField } from '../../ui/fields.js';
import { moneyInput, parseMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { consoleStyles } from '../../ui/styles.js';
import { languageNames, settingsTexts } from './texts.js';

type EventDetail = Answer<'getAdminEvent'>;
type Phase = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'refused'; error: unknown; local?: Record<string, string> };

/**
 * Exchange rules and the e-mail before each performance: the API keeps them per event, so
 * this section of the settings picks an event and changes its rules (PATCH of the event).
 */
export class EventRules extends LitElement {
  static override styles = [
    consoleStyles,
    fieldStyles,
    css`
      section.card > h2 {
        margin-top: 0;
      }
      textarea {
        width: 100%;
        min-height: 5rem;
      }
    `,
  ];

  @property({ attribute: false }) session!: ConsoleSession;
  @state() private eventId = '';
  @state() private detail: EventDetail | null = null;
  @state() private loadError: unknown = null;
  @state() private status: Phase = { phase: 'idle' };
  private readonly events = new Loadable(this, async () => {
    const { events } = await this.session.api.call('listAdminEvents');
    if (events[0] && !this.eventId) void this.choose(events[0].id);
    return events;
  });

  private get locale() {
    return this.session.locale;
  }

  private async choose(id: string) {
    this.eventId = id;
    this.detail = null;
    this.loadError = null;
    this.status = { phase: 'idle' };
    try {
      const detail = await this.session.api.call('getAdminEvent', { params: { id } });
      if (this.eventId === id) this.detail = detail;
    } catch (error) {
      if (this.eventId === id) this.loadError = error;
    }
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const t = settingsTexts(this.locale);
    const fee = parseMoney(formText(form, 'exchangeFee'));
    if (fee === null) {
      this.status = { phase: 'refused', error: null, local: { exchangeFee: t.invalidAmount } };
      return;
    }
    const text: Partial<Record<keyof typeof languageNames, string>> = {};
    for (const l of this.session.me.shop.locales) {
      const words = formText(form, `preEventText-${l}`);
      if (words) text[l] = words;
    }
    this.status = { phase: 'saving' };
    // The event being saved; the choice of event is locked meanwhile, and an answer for another is dropped.
    const eventId = this.eventId;
    try {
      const saved = await this.session.api.call('updateEvent', {
          params: { id: eventId },
          body: {
            exchangeEnabled: formChecked(form, 'exchangeEnabled'),
            exchangeDeadlineHours: Number(formText(form, 'exchangeDeadlineHours')),
            exchangeFee: fee,
            exchangeRefundsDifference: formChecked(form, 'exchangeRefundsDifference'),
            preEventMessageEnabled: formChecked(form, 'preEventMessageEnabled'),
            preEventDaysBefore: Number(formText(form, 'preEventDaysBefore')),
            preEventSendHour: Number(formText(form, 'preEventSendHour')),
            preEventMessageText: text,
          },
        });
      if (eventId !== this.eventId) return;
      this.detail = { ...this.detail!, ...saved };
      this.status = { phase: 'saved' };
    } catch (error) {
      this.status = { phase: 'refused', error };
    }
  }

  override render() {
    const t = settingsTexts(this.locale);
    return html`<section class="card" aria-labelledby="event-rules">
      <h2 id="event-rules">${t.sectionEventRules}</h2>
      <p>${t.eventRulesIntro}</p>
      ${this.events.render(this.locale, (events) =>
        events.length === 0
          ? html`<p>${t.noEvents}</p>`
          : html`<div class="field">
                <label for="rules-event">${t.chooseEvent}</label>
                <select id="rules-event" ?disabled=${this.status.phase === 'saving'} @change=${(e: Event) => void this.choose((e.target as HTMLSelectElement).value)}>
                  ${events.map((ev) => html`<option value=${ev.id} ?selected=${ev.id === this.eventId}>${ev.title}</option>`)}
                </select>
              </div>
              ${this.loadError ? html`<p class="notice error" role="alert">${errorText(this.loadError, this.locale)}</p>` : this.detail ? this.form(this.detail) : html`<p role="status">${commonTexts(this.locale).loading}</p>`}`,
      )}
    </section>`;
  }

  private form(d: EventDetail) {
    const t = settingsTexts(this.locale);
    const c = commonTexts(this.locale);
    const readOnly = !this.session.may('updateEvent');
    const current = this.status;
    const error = (path: string) => (current.phase === 'refused' ? (current.local?.[path] ?? fieldError(current.error, path)) : undefined);
    return html`<form @submit=${this.save}>
      ${readOnly ? html`<p class="hint">${t.eventRulesReadOnly}</p>` : nothing}
      <fieldset>
        <legend>${t.exchange}</legend>
        ${checkboxField({ id: 'exchangeEnabled', label: t.exchangeEnabled, checked: d.exchangeEnabled, disabled: readOnly })}
        <div class="grid">
          ${inputField({ id: 'exchangeDeadlineHours', label: t.exchangeDeadline, type: 'number', min: 0, max: 1440, required: true, value: d.exchangeDeadlineHours, error: error('exchangeDeadlineHours'), disabled: readOnly })}
          ${inputField({ id: 'exchangeFee', label: `${t.exchangeFee} (${this.session.me.shop.currency})`, inputmode: 'decimal', required: true, value: moneyInput(d.exchangeFee), error: error('exchangeFee'), disabled: readOnly })}
        </div>
        ${checkboxField({ id: 'exchangeRefundsDifference', label: t.exchangeRefunds, checked: d.exchangeRefundsDifference, disabled: readOnly })}
      </fieldset>
      <fieldset>
        <legend>${t.preEvent}</legend>
        ${checkboxField({ id: 'preEventMessageEnabled', label: t.preEventEnabled, checked: d.preEventMessageEnabled, disabled: readOnly })}
        <div class="grid">
          ${inputField({ id: 'preEventDaysBefore', label: t.preEventDays, type: 'number', min: 0, max: 14, required: true, value: d.preEventDaysBefore, error: error('preEventDaysBefore'), disabled: readOnly })}
          ${inputField({ id: 'preEventSendHour', label: t.preEventHour, type: 'number', min: 0, max: 23, required: true, value: d.preEventSendHour, error: error('preEventSendHour'), disabled: readOnly })}
        </div>
        <p class="hint" id="pre-event-text-hint">${t.preEventTextHint}</p>
        ${this.session.me.shop.locales.map(
          (l) => html`<div class="field">
            <label for="preEventText-${l}">${t.preEventText(languageNames[l])}</label>
            <textarea id="preEventText-${l}" name="preEventText-${l}" lang=${l} maxlength="2000" ?disabled=${readOnly} aria-describedby="pre-event-text-hint" .value=${d.preEventMessageText[l] ?? ''}></textarea>
          </div>`,
        )}
      </fieldset>
      ${current.phase === 'refused' && current.error !== null ? html`<div class="notice error" role="alert">${errorText(current.error, this.locale)}</div>` : nothing}
      ${current.phase === 'saved' ? html`<div class="notice success" role="status">${t.savedSection(`${t.sectionEventRules} (${d.title})`)}</div>` : nothing}
      ${readOnly
        ? nothing
        : html`<div class="actions">
            <button class="primary" type="submit" ?disabled=${current.phase === 'saving'}>${current.phase === 'saving' ? c.saving : c.save}</button>
          </div>`}
    </form>`;
  }
}
if (!customElements.get('tk-settings-event-rules')) customElements.define('tk-settings-event-rules', EventRules);
