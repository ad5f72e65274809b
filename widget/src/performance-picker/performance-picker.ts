import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PerformanceSummary } from '../api/types.js';
import { defineElement } from '../define.js';
import { emit } from '../events.js';
import { ControlFocusController, focusInside } from '../part-focus.js';
import type { Translation } from '../i18n/en.js';
import { dayKey, formatDate, LocalizeController } from '../i18n/localize.js';
import { hostStyles } from '../styles/shared.styles.js';
import { performancePickerStyles } from './performance-picker.styles.js';

export type PerformanceState = keyof Translation['availability'];
export type PickerView = 'list' | 'calendar';

/** More dates than this open in the calendar; fewer read better as a list. */
const CALENDAR_FROM = 9;
/** From this many dates on, the buyer can switch between list and calendar. */
const TOGGLE_FROM = 5;

/** What a buyer may do with a date: sold out and closed dates are shown but cannot be chosen. */
export function performanceState(performance: PerformanceSummary, scarcity: Readonly<Record<string, 'sold_out' | 'few_left'>>): PerformanceState {
  if (!performance.onSale) return performance.salesClosedReason ?? 'sales_ended';
  return scarcity[performance.id] ?? 'on_sale';
}

/** A sold-out date stays open when its waiting list is on: the buyer joins it on the date's page. */
const selectable = (state: PerformanceState, performance: PerformanceSummary) =>
  state === 'on_sale' || state === 'few_left' || (state === 'sold_out' && performance.waitingList);

/**
 * The dates of an event, as a list or a month calendar, with their sale state.
 *
 * @fires tk-performance-select - The buyer chose a date. Detail: `{ eventId, performanceId, startsAt, seating }`.
 * @csspart list - The list of dates.
 * @csspart performance - One date of the list (a button).
 * @csspart calendar - The month calendar.
 * @csspart view-toggle - The list/calendar switch.
 * @cssproperty --tk-accent - Accent colour of chosen and hovered dates.
 */
export class TkPerformancePicker extends LitElement {
  static override styles = [hostStyles, performancePickerStyles];

  /** The performances (dates) to offer, in chronological order. */
  @property({ attribute: false }) performances: PerformanceSummary[] = [];

  /** Sold-out or nearly sold-out dates by performance id; the others are available if on sale. */
  @property({ attribute: false }) scarcity: Readonly<Record<string, 'sold_out' | 'few_left'>> = {};

  /** The id of the chosen performance, if any. */
  @property() selected: string | null = null;

  /** BCP 47 language of the texts (fr, de, it or en). */
  @property() locale = 'en';

  /** IANA time zone in which dates are shown (the shop's). */
  @property({ attribute: 'time-zone' }) timeZone = 'Europe/Zurich';

  /** "list" or "calendar"; by default a calendar from nine dates on. */
  @property() view: PickerView | null = null;

  @state() private month: string | null = null;
  @state() private day: string | null = null;

  private readonly localize = new LocalizeController(this);
  private readonly focusController = new ControlFocusController(this);

  /** Moves focus to the heading ("Choose a date"). */
  override focus(options?: FocusOptions): void {
    focusInside(this, 'h3', options);
  }

  /** Another month; on the first or last one its button is disabled and focus moves to the other. */
  private showMonth(event: Event, month: string) {
    this.month = month;
    this.focusController.keepNear(event.currentTarget as HTMLElement);
  }

  private get currentView(): PickerView {
    return this.view ?? (this.performances.length >= CALENDAR_FROM ? 'calendar' : 'list');
  }

  private choose(performance: PerformanceSummary) {
    emit(this, 'tk-performance-select', {
      eventId: performance.eventId,
      performanceId: performance.id,
      startsAt: performance.startsAt,
      seating: performance.seating,
    });
  }

  override render() {
    const t = this.localize.t;
    const toggle =
      this.performances.length >= TOGGLE_FROM
        ? html`<div class="views" part="view-toggle" role="group" aria-label=${t.choosePerformance}>
            ${(['list', 'calendar'] as const).map(
              (view) =>
                html`<button type="button" aria-pressed=${this.currentView === view ? 'true' : 'false'} @click=${() => (this.view = view)}>
                  ${view === 'list' ? t.listView : t.calendarView}
                </button>`,
            )}
          </div>`
        : nothing;
    return html`
      <div class="toolbar">
        <h3 tabindex="-1">${t.choosePerformance}</h3>
        ${toggle}
      </div>
      ${this.performances.length === 0
        ? html`<p class="empty">${t.noPerformances}</p>`
        : this.currentView === 'calendar'
          ? this.renderCalendar(t)
          : html`<ul class="list" part="list">${this.performances.map((p) => html`<li>${this.renderPerformance(p, t)}</li>`)}</ul>`}
    `;
  }

  private renderPerformance(performance: PerformanceSummary, t: Translation) {
    const { locale, timeZone } = this;
    const state = performanceState(performance, this.scarcity);
    const open = selectable(state, performance);
    const chip = state === 'on_sale' ? 'chip-success' : state === 'few_left' ? 'chip-warning' : 'chip-muted';
    const fullDate = formatDate(performance.startsAt, locale, timeZone, { dateStyle: 'full', timeStyle: 'short' });
    const doors = performance.doorsAt ? t.doorsAt(formatDate(performance.doorsAt, locale, timeZone, { timeStyle: 'short' })) : null;
    return html`<button
      type="button"
      class="performance"
      part="performance"
      ?disabled=${!open}
      aria-current=${this.selected === performance.id ? 'true' : 'false'}
      @click=${() => this.choose(performance)}
    >
      <span class="date" aria-hidden="true">
        <span class="weekday">${formatDate(performance.startsAt, locale, timeZone, { weekday: 'short' })}</span>
        <span class="day">${formatDate(performance.startsAt, locale, timeZone, { day: 'numeric' })}</span>
        <span class="month">${formatDate(performance.startsAt, locale, timeZone, { month: 'short' })}</span>
      </span>
      <span class="when">
        <span class="time"><span class="sr-only">${fullDate}</span><span aria-hidden="true">${formatDate(performance.startsAt, locale, timeZone, { timeStyle: 'short' })}</span></span>
        <span class="meta">${[doors, performance.seating === 'seated' ? t.seated : t.generalAdmission].filter(Boolean).join(' · ')}</span>
      </span>
      <span class="chip ${chip}">${t.availability[state]}</span>
    </button>`;
  }

  private renderCalendar(t: Translation) {
    const { locale, timeZone } = this;
    const byDay = new Map<string, PerformanceSummary[]>();
    for (const performance of this.performances) {
      const key = dayKey(performance.startsAt, timeZone);
      byDay.set(key, [...(byDay.get(key) ?? []), performance]);
    }
    const months = [...new Set([...byDay.keys()].map((key) => key.slice(0, 7)))].sort();
    const selectedDay = this.selected ? [...byDay].find(([, list]) => list.some((p) => p.id === this.selected))?.[0] : undefined;
    const firstOpen = this.performances.find((p) => selectable(performanceState(p, this.scarcity), p));
    const month =
      this.month && months.includes(this.month)
        ? this.month
        : (selectedDay ?? (firstOpen ? dayKey(firstOpen.startsAt, timeZone) : months[0]!)).slice(0, 7);
    const index = months.indexOf(month);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const first = Date.UTC(year, monthNumber - 1, 1);
    const lead = (new Date(first).getUTCDay() + 6) % 7;
    const length = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
    const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
    while (cells.length % 7) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
    // 1 January 2024 was a Monday: seven days from it name the columns.
    const weekdays = Array.from({ length: 7 }, (_, i) => Date.UTC(2024, 0, 1 + i));
    const day = this.day && byDay.has(this.day) && this.day.startsWith(month) ? this.day : selectedDay?.startsWith(month) ? selectedDay : null;

    return html`<div class="calendar" part="calendar">
      <div class="month-bar">
        <button type="button" class="btn" aria-label=${t.previousMonth} ?disabled=${index <= 0} @click=${(e: Event) => this.showMonth(e, months[index - 1] ?? month)}>‹</button>
        <h4 aria-live="polite">${formatDate(first, locale, 'UTC', { month: 'long', year: 'numeric' })}</h4>
        <button type="button" class="btn" aria-label=${t.nextMonth} ?disabled=${index >= months.length - 1} @click=${(e: Event) => this.showMonth(e, months[index + 1] ?? month)}>›</button>
      </div>
      <table>
        <thead>
          <tr>
            ${weekdays.map(
              (d) => html`<th scope="col"><abbr title=${formatDate(d, locale, 'UTC', { weekday: 'long' })}>${formatDate(d, locale, 'UTC', { weekday: 'short' })}</abbr></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map(
            (week) =>
              html`<tr>
                ${week.map((date) => {
                  if (date === null) return html`<td></td>`;
                  const key = `${month}-${String(date).padStart(2, '0')}`;
                  const list = byDay.get(key);
                  if (!list) return html`<td>${date}</td>`;
                  const open = list.some((p) => selectable(performanceState(p, this.scarcity), p));
                  const label = `${formatDate(list[0]!.startsAt, locale, timeZone, { dateStyle: 'full' })}: ${list
                    .map((p) => `${formatDate(p.startsAt, locale, timeZone, { timeStyle: 'short' })} ${t.availability[performanceState(p, this.scarcity)]}`)
                    .join(', ')}`;
                  return html`<td>
                    <button
                      type="button"
                      class=${open ? '' : 'closed'}
                      aria-label=${label}
                      aria-pressed=${day === key ? 'true' : 'false'}
                      @click=${() => (list.length === 1 && open ? this.choose(list[0]!) : (this.day = key))}
                    >
                      ${date}
                    </button>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
      ${day
        ? html`<div class="day-list">
            <h4>${t.performancesOn(formatDate(byDay.get(day)![0]!.startsAt, locale, timeZone, { dateStyle: 'full' }))}</h4>
            <ul class="list">
              ${byDay.get(day)!.map((p) => html`<li>${this.renderPerformance(p, t)}</li>`)}
            </ul>
          </div>`
        : nothing}
    </div>`;
  }
}

defineElement('tk-performance-picker', TkPerformancePicker);

declare global {
  interface HTMLElementTagNameMap {
    'tk-performance-picker': TkPerformancePicker;
  }
}
