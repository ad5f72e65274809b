import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { consoleStyles } from '../../ui/styles.js';
import { errorLine, EventAreaForm, type FieldErrors, invalidAttrs } from './form-kit.js';
import { instantToLocal, localToInstant } from './local-time.js';

type Performance = Answer<'getAdminEvent'>['performances'][number];
export type PlanChoice = { id: string; name: string };

/**
 * One performance, new or edited: date and start time, doors, seated on a plan or general
 * admission, and its sales window, all typed in the shop's time zone. Fires `performance-saved`.
 */
export class PerformanceForm extends EventAreaForm {
  static override styles = [consoleStyles];

  @property() eventId = '';
  @property({ attribute: false }) performance: Performance | null = null;
  @property({ attribute: false }) plans: PlanChoice[] = [];
  @state() private seating: 'seated' | 'ga' = 'ga';
  @state() private opensAt: 'publish' | 'date' = 'publish';
  @state() private closesAt: 'start' | 'date' = 'start';

  protected override readonly apiFields = {
    startsAt: 'perf-date',
    doorsAt: 'perf-doors',
    planId: 'perf-plan',
    capacity: 'perf-capacity',
    salesStartAt: 'perf-open-date',
    salesEndAt: 'perf-close-date',
  };

  protected override fieldHelp() {
    return { 'perf-capacity': this.t.capacityInvalid, 'perf-plan': this.t.planRequired };
  }

  protected override codeField(error: { code: string }): [string, string] | null {
    if (error.code === 'capacity_below_sold') return ['perf-capacity', this.t.capacityBelowSold];
    if (error.code === 'plan_not_in_venue' || error.code === 'plan_not_found') return ['perf-plan', this.t.planRequired];
    return null;
  }

  override connectedCallback() {
    super.connectedCallback();
    const p = this.performance;
    if (p) {
      this.seating = p.planId ? 'seated' : 'ga';
      this.opensAt = p.salesStartAt ? 'date' : 'publish';
      this.closesAt = p.salesEndAt ? 'date' : 'start';
    } else if (this.plans.length > 0) this.seating = 'seated';
  }

  private local(iso: string | null) {
    return iso ? instantToLocal(iso, this.session.me.shop.timeZone) : { date: '', time: '' };
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const t = this.t;
    const zone = this.session.me.shop.timeZone;
    const errors: FieldErrors = {};
    const date = this.value('perf-date');
    const time = this.value('perf-time');
    if (!date) errors['perf-date'] = t.dateRequired;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors['perf-time'] = t.timeRequired;
    const startsAt = localToInstant(date, time, zone);
    if (startsAt !== null && !this.performance && startsAt <= Date.now()) errors['perf-date'] = t.startInPast;
    const doors = this.value('perf-doors');
    let doorsAt: number | null = null;
    if (doors) {
      doorsAt = localToInstant(date, doors, zone);
      if (doorsAt === null) errors['perf-doors'] = t.timeRequired;
      else if (startsAt !== null && doorsAt > startsAt) errors['perf-doors'] = t.doorsAfterStart;
    }
    let planId: string | null = null;
    let capacity: number | null = null;
    if (this.seating === 'seated' && !this.performance) {
      planId = this.value('perf-plan') || null;
      if (!planId) errors['perf-plan'] = t.planRequired;
    }
    if (this.seating === 'ga') {
      const text = this.value('perf-capacity');
      capacity = /^\d{1,7}$/.test(text) && Number(text) >= 1 ? Number(text) : null;
      if (capacity === null) errors['perf-capacity'] = t.capacityInvalid;
    }
    const windowEdge = (kind: 'open' | 'close') => {
      if ((kind === 'open' ? this.opensAt : this.closesAt) !== 'date') return null;
      const d = this.value(`perf-${kind}-date`);
      const tm = this.value(`perf-${kind}-time`);
      if (!d) errors[`perf-${kind}-date`] = t.dateRequired;
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(tm)) errors[`perf-${kind}-time`] = t.timeRequired;
      return localToInstant(d, tm, zone);
    };
    const salesStartAt = windowEdge('open');
    const salesEndAt = windowEdge('close');
    if (salesStartAt !== null && salesEndAt !== null && salesEndAt <= salesStartAt) errors['perf-close-date'] = t.salesCloseBeforeOpen;
    if (!this.check(errors) || startsAt === null) return;
    const saved = await this.send(() =>
      this.performance
        ? this.session.api.call('updatePerformance', {
            params: { id: this.performance.id },
            body: { startsAt, doorsAt, salesStartAt, salesEndAt, ...(capacity !== null ? { capacity } : {}) },
          })
        : this.session.api.call('createPerformance', { params: { id: this.eventId }, body: { startsAt, doorsAt, planId, capacity, salesStartAt, salesEndAt } }),
    );
    if (saved) this.emit('performance-saved', saved);
  }

  override render() {
    const t = this.t;
    const p = this.performance;
    const start = this.local(p?.startsAt ?? null);
    const opens = this.local(p?.salesStartAt ?? null);
    const closes = this.local(p?.salesEndAt ?? null);
    const plan = invalidAttrs(this.errors, 'perf-plan');
    return html`
      ${this.notice()}
      <form @submit=${this.submit} novalidate>
        <p class="hint">${t.inTimeZone(this.session.me.shop.timeZone)}</p>
        <div class="row">
          ${this.input('perf-date', t.date, { type: 'date', value: start.date, required: true })}
          ${this.input('perf-time', t.startTime, { type: 'time', value: start.time, required: true })}
          ${this.input('perf-doors', t.doorsTime, { type: 'time', value: p?.doorsAt ? this.local(p.doorsAt).time : '' })}
        </div>
        ${p
          ? p.capacity !== null
            ? this.input('perf-capacity', t.capacity, { type: 'number', value: String(p.capacity), required: true, attrs: { min: '1', step: '1', inputmode: 'numeric' } })
            : nothing
          : html`<fieldset>
              <legend>${t.seating}</legend>
              <label class="choice"><input type="radio" name="seating" .checked=${this.seating === 'seated'} @change=${() => (this.seating = 'seated')} />${t.seated}</label>
              <label class="choice"><input type="radio" name="seating" .checked=${this.seating === 'ga'} @change=${() => (this.seating = 'ga')} />${t.ga}</label>
              ${this.seating === 'seated'
                ? this.plans.length === 0
                  ? html`<p class="hint">${t.noPlan}</p>`
                  : html`<div class="field">
                      <label for="perf-plan">${t.plan}</label>
                      <select id="perf-plan" required aria-invalid=${plan.invalid} aria-describedby=${ifDefined(plan.describedBy)}>
                        ${this.plans.length > 1 ? html`<option value="">${t.choosePlan}</option>` : nothing}
                        ${this.plans.map((pl) => html`<option value=${pl.id}>${pl.name}</option>`)}
                      </select>
                      ${errorLine(this.errors, 'perf-plan')}
                    </div>`
                : this.input('perf-capacity', t.capacity, { type: 'number', required: true, attrs: { min: '1', step: '1', inputmode: 'numeric' } })}
            </fieldset>`}
        <fieldset>
          <legend>${t.salesOpen}</legend>
          <label class="choice"><input type="radio" name="opens" .checked=${this.opensAt === 'publish'} @change=${() => (this.opensAt = 'publish')} />${t.salesOpenNow}</label>
          <label class="choice"><input type="radio" name="opens" .checked=${this.opensAt === 'date'} @change=${() => (this.opensAt = 'date')} />${t.salesOpenAt}</label>
          ${this.opensAt === 'date'
            ? html`<div class="row">
                ${this.input('perf-open-date', t.salesOpenDate, { type: 'date', value: opens.date, required: true })}
                ${this.input('perf-open-time', t.salesOpenTime, { type: 'time', value: opens.time, required: true })}
              </div>`
            : nothing}
        </fieldset>
        <fieldset>
          <legend>${t.salesClose}</legend>
          <label class="choice"><input type="radio" name="closes" .checked=${this.closesAt === 'start'} @change=${() => (this.closesAt = 'start')} />${t.salesCloseAtStart}</label>
          <label class="choice"><input type="radio" name="closes" .checked=${this.closesAt === 'date'} @change=${() => (this.closesAt = 'date')} />${t.salesCloseAt}</label>
          ${this.closesAt === 'date'
            ? html`<div class="row">
                ${this.input('perf-close-date', t.salesCloseDate, { type: 'date', value: closes.date, required: true })}
                ${this.input('perf-close-time', t.salesCloseTime, { type: 'time', value: closes.time, required: true })}
              </div>`
            : nothing}
        </fieldset>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${t.savePerformance}</button>
          <button type="button" @click=${() => this.emit('form-closed')}>${commonTexts(this.session.locale).cancel}</button>
        </div>
      </form>
    `;
  }
}
customElements.get('tk-performance-form') || customElements.define('tk-performance-form', PerformanceForm);
