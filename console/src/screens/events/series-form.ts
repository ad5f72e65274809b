import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer, CallArgs } from '../../api/client.js';
import { ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { formatDateTime } from '../../ui/format.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorLine, EventAreaForm, type FieldErrors, invalidAttrs } from './form-kit.js';
import { localToInstant } from './local-time.js';
import type { PlanChoice } from './performance-form.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];
type Preview = Answer<'createPerformanceSeries'> & { dryRun: true };
type SeriesBody = CallArgs<'createPerformanceSeries'>['body'];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** "14:30, 20:00" → ['14:30', '20:00'], or null when one is not a time. */
const timeList = (text: string) => {
  const list = text.split(/[,;\s]+/).filter(Boolean);
  return list.length > 0 && list.every((x) => TIME.test(x)) ? list : null;
};

/**
 * Many dates at once: chosen weekdays between two dates (or for some weeks), at one or more
 * start times (a weekday may have its own), seated on a plan or general admission, with doors
 * and sales window rules. The dates are previewed by the API (dryRun) and created only after.
 */
export class SeriesForm extends EventAreaForm {
  static override styles = [
    consoleStyles,
    css`
      .day {
        display: grid;
        grid-template-columns: minmax(9rem, 12rem) minmax(0, 1fr);
        gap: 0 1rem;
        align-items: start;
        border-bottom: 1px solid #e3e6ea;
        padding: 0.25rem 0;
      }
      .day .field {
        margin: 0;
      }
      .day label.own {
        font-weight: normal;
        font-size: 0.9rem;
      }
      ol.dates {
        columns: 2 16rem;
        padding-inline-start: 1.5rem;
      }
      .skipped {
        color: var(--tk-muted);
      }
    `,
  ];

  @property() eventId = '';
  @property({ attribute: false }) plans: PlanChoice[] = [];
  @state() private until: 'date' | 'weeks' = 'weeks';
  @state() private seating: 'seated' | 'ga' = 'ga';
  @state() private opensAt: 'publish' | 'date' = 'publish';
  @state() private chosen = new Set<Weekday>();
  @state() private preview: Preview | null = null;
  @state() private outdated = false;
  private previewedBody = '';

  protected override readonly apiFields: Record<string, string> = {
    firstDate: 'series-first',
    lastDate: 'series-last',
    weeks: 'series-weeks',
    weekdays: 'series-days',
    times: 'series-times',
    exceptDates: 'series-except',
    doorsOpenMinutesBefore: 'series-doors',
    planId: 'series-plan',
    capacity: 'series-capacity',
    salesStartAt: 'series-open-date',
    salesEndMinutesBefore: 'series-close',
    ...Object.fromEntries(weekdays.map((d) => [`timesByWeekday.${d}`, `series-own-${d}`])),
  };

  protected override fieldHelp() {
    const t = this.t;
    return {
      'series-first': t.dateRequired,
      'series-times': t.timesInvalid,
      'series-except': t.datesInvalid,
      'series-weeks': t.weeksInvalid,
      'series-capacity': t.capacityInvalid,
      'series-doors': t.minutesInvalid,
      'series-close': t.minutesInvalid,
      ...Object.fromEntries(weekdays.map((d) => [`series-own-${d}`, t.timesInvalid])),
    };
  }

  protected override codeField(error: ConsoleApiError): [string, string] | null {
    const t = this.t;
    switch (error.code) {
      case 'series_empty':
        return ['series-days', t.seriesEmpty];
      case 'series_too_long':
        return [this.until === 'date' ? 'series-last' : 'series-weeks', t.seriesTooLong(Number(error.details.count), Number(error.details.max))];
      case 'series_in_past':
        return ['series-first', t.seriesInPast];
      case 'series_sales_window_empty':
        return ['series-open-date', t.salesOpenTooLate];
      case 'plan_not_in_venue':
      case 'plan_not_found':
        return ['series-plan', t.planRequired];
      default:
        return null;
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.plans.length > 0) this.seating = 'seated';
  }

  /** The request the form says, or null after showing what is wrong. */
  private body(): Record<string, unknown> | null {
    const t = this.t;
    const errors: FieldErrors = {};
    const firstDate = this.value('series-first');
    if (!DATE.test(firstDate)) errors['series-first'] = t.dateRequired;
    const body: Record<string, unknown> = { firstDate, weekdays: weekdays.filter((d) => this.chosen.has(d)) };
    if (this.until === 'date') {
      const lastDate = this.value('series-last');
      if (!DATE.test(lastDate)) errors['series-last'] = t.dateRequired;
      else if (DATE.test(firstDate) && lastDate < firstDate) errors['series-last'] = t.lastBeforeFirst;
      body.lastDate = lastDate;
    } else {
      const weeks = this.value('series-weeks');
      if (!/^\d{1,3}$/.test(weeks) || Number(weeks) < 1 || Number(weeks) > 104) errors['series-weeks'] = t.weeksInvalid;
      body.weeks = Number(weeks);
    }
    if (this.chosen.size === 0) errors['series-days'] = t.weekdaysRequired;
    const times = timeList(this.value('series-times'));
    if (!times) errors['series-times'] = t.timesInvalid;
    body.times = times;
    const own: Partial<Record<Weekday, string[]>> = {};
    for (const day of this.chosen) {
      const text = this.value(`series-own-${day}`);
      if (!text) continue;
      const list = timeList(text);
      if (!list) errors[`series-own-${day}`] = t.timesInvalid;
      else own[day] = list;
    }
    body.timesByWeekday = own;
    const except = this.value('series-except');
    const exceptDates = except ? except.split(/[,;\s]+/).filter(Boolean) : [];
    if (!exceptDates.every((d) => DATE.test(d))) errors['series-except'] = t.datesInvalid;
    body.exceptDates = exceptDates;
    const minutes = (id: string) => {
      const text = this.value(id);
      if (!text) return null;
      if (!/^\d{1,6}$/.test(text)) errors[id] = t.minutesInvalid;
      return Number(text);
    };
    body.doorsOpenMinutesBefore = minutes('series-doors');
    body.salesEndMinutesBefore = minutes('series-close');
    if (this.seating === 'seated') {
      body.planId = this.value('series-plan') || null;
      if (!body.planId) errors['series-plan'] = t.planRequired;
    } else {
      const text = this.value('series-capacity');
      body.capacity = /^\d{1,7}$/.test(text) && Number(text) >= 1 ? Number(text) : null;
      if (body.capacity === null) errors['series-capacity'] = t.capacityInvalid;
    }
    if (this.opensAt === 'date') {
      const at = localToInstant(this.value('series-open-date'), this.value('series-open-time'), this.session.me.shop.timeZone);
      if (at === null) errors['series-open-date'] = t.dateRequired;
      body.salesStartAt = at;
    }
    return this.check(errors) ? body : null;
  }

  private async showPreview(event: Event) {
    event.preventDefault();
    const body = this.body();
    if (!body) return;
    const answer = await this.send(() => this.session.api.call('createPerformanceSeries', { params: { id: this.eventId }, body: { ...(body as SeriesBody), dryRun: true } }));
    if (answer && answer.dryRun) {
      this.preview = answer;
      this.previewedBody = JSON.stringify(body);
      this.outdated = false;
      await this.updateComplete;
      (this.renderRoot.querySelector('#series-preview') as HTMLElement | null)?.focus();
    }
  }

  private async create() {
    const body = this.body();
    if (!body) return;
    if (JSON.stringify(body) !== this.previewedBody) {
      this.outdated = true;
      this.preview = null;
      return;
    }
    const answer = await this.send(() => this.session.api.call('createPerformanceSeries', { params: { id: this.eventId }, body: { ...(body as SeriesBody), dryRun: false } }));
    if (answer && !answer.dryRun) this.emit('series-created', answer);
  }

  /** Any change after a preview asks for a new one: what is created is what was shown. */
  private changed() {
    if (this.preview) {
      this.preview = null;
      this.outdated = true;
    }
  }

  private toggleDay(day: Weekday, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(day);
    else next.delete(day);
    this.chosen = next;
    this.changed();
  }

  override render() {
    const t = this.t;
    const days = invalidAttrs(this.errors, 'series-days');
    const plan = invalidAttrs(this.errors, 'series-plan');
    return html`
      ${this.notice()}
      <form @submit=${this.showPreview} @input=${this.changed} novalidate>
        <p class="hint">${t.inTimeZone(this.session.me.shop.timeZone)}</p>
        <div class="row">
          ${this.input('series-first', t.firstDate, { type: 'date', required: true })}
          <fieldset>
            <legend>${t.until}</legend>
            <label class="choice"><input type="radio" name="until" .checked=${this.until === 'weeks'} @change=${() => (this.until = 'weeks')} />${t.forWeeks}</label>
            <label class="choice"><input type="radio" name="until" .checked=${this.until === 'date'} @change=${() => (this.until = 'date')} />${t.untilDate}</label>
            ${this.until === 'weeks'
              ? this.input('series-weeks', t.weeks, { type: 'number', value: '1', required: true, attrs: { min: '1', max: '104', step: '1', inputmode: 'numeric' } })
              : this.input('series-last', t.lastDate, { type: 'date', required: true })}
          </fieldset>
        </div>
        ${this.input('series-times', t.times, { required: true, hint: t.timesHint, value: '20:00' })}
        <fieldset id="series-days">
          <legend>${t.weekdays}</legend>
          ${weekdays.map((day) => {
            const name = t[`day_${day}`];
            const own = invalidAttrs(this.errors, `series-own-${day}`);
            return html`<div class="day">
              <label class="choice"><input type="checkbox" id="series-day-${day}" aria-invalid=${days.invalid} aria-describedby=${ifDefined(days.describedBy)} .checked=${this.chosen.has(day)} @change=${(e: Event) => this.toggleDay(day, (e.target as HTMLInputElement).checked)} />${name}</label>
              ${this.chosen.has(day)
                ? html`<div class="field">
                    <label class="own" for="series-own-${day}">${t.ownTimes(name)}</label>
                    <input id="series-own-${day}" type="text" inputmode="numeric" aria-invalid=${own.invalid} aria-describedby=${ifDefined(own.describedBy)} />
                    ${errorLine(this.errors, `series-own-${day}`)}
                  </div>`
                : html`<span></span>`}
            </div>`;
          })}
          ${errorLine(this.errors, 'series-days')}
        </fieldset>
        ${this.input('series-except', t.exceptDates, { hint: t.exceptHint })}
        ${this.input('series-doors', t.doorsBefore, { type: 'number', attrs: { min: '0', step: '1', inputmode: 'numeric' } })}
        <fieldset>
          <legend>${t.seating}</legend>
          <label class="choice"><input type="radio" name="series-seating" .checked=${this.seating === 'seated'} @change=${() => (this.seating = 'seated')} />${t.seated}</label>
          <label class="choice"><input type="radio" name="series-seating" .checked=${this.seating === 'ga'} @change=${() => (this.seating = 'ga')} />${t.ga}</label>
          ${this.seating === 'seated'
            ? this.plans.length === 0
              ? html`<p class="hint">${t.noPlan}</p>`
              : html`<div class="field">
                  <label for="series-plan">${t.plan}</label>
                  <select id="series-plan" required aria-invalid=${plan.invalid} aria-describedby=${ifDefined(plan.describedBy)}>
                    ${this.plans.length > 1 ? html`<option value="">${t.choosePlan}</option>` : nothing}
                    ${this.plans.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
                  </select>
                  ${errorLine(this.errors, 'series-plan')}
                </div>`
            : this.input('series-capacity', t.capacity, { type: 'number', required: true, attrs: { min: '1', step: '1', inputmode: 'numeric' } })}
        </fieldset>
        <fieldset>
          <legend>${t.salesOpen}</legend>
          <label class="choice"><input type="radio" name="series-opens" .checked=${this.opensAt === 'publish'} @change=${() => (this.opensAt = 'publish')} />${t.salesOpenNow}</label>
          <label class="choice"><input type="radio" name="series-opens" .checked=${this.opensAt === 'date'} @change=${() => (this.opensAt = 'date')} />${t.salesOpenAt}</label>
          ${this.opensAt === 'date'
            ? html`<div class="row">
                ${this.input('series-open-date', t.salesOpenDate, { type: 'date', required: true })}
                ${this.input('series-open-time', t.salesOpenTime, { type: 'time', value: '10:00', required: true })}
              </div>`
            : nothing}
        </fieldset>
        ${this.input('series-close', t.closeBefore, { type: 'number', hint: t.closeBeforeHint, attrs: { min: '0', step: '1', inputmode: 'numeric' } })}
        ${this.outdated ? html`<p class="notice error" role="alert">${t.previewOutdated}</p>` : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${this.busy && !this.preview ? t.previewing : t.preview}</button>
          <button type="button" @click=${() => this.emit('form-closed')}>${commonTexts(this.session.locale).cancel}</button>
        </div>
      </form>
      ${this.preview ? this.renderPreview(this.preview) : nothing}
    `;
  }

  private renderPreview(preview: Preview) {
    const t = this.t;
    const zone = this.session.me.shop.timeZone;
    return html`<section aria-labelledby="series-preview">
      <h3 id="series-preview" tabindex="-1">${t.previewCount(preview.count)}</h3>
      <ol class="dates">
        ${preview.dates.map(
          (d) => html`<li class=${d.existingPerformanceId ? 'skipped' : ''}>
            ${formatDateTime(d.startsAt, zone, this.session.locale)} (${t[`day_${d.weekday}`]})${d.existingPerformanceId ? html` — ${t.alreadyScheduled}` : nothing}
          </li>`,
        )}
      </ol>
      <div class="actions">
        <button class="primary" type="button" ?disabled=${this.busy || preview.count === 0} @click=${this.create}>${t.createSeries(preview.count)}</button>
      </div>
    </section>`;
  }
}
customElements.get('tk-series-form') || customElements.define('tk-series-form', SeriesForm);
