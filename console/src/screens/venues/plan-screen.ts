import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { decodeSeatRanges } from '../../../../contract/seat-ranges.js';
import { seatFlagBits, type EditableSeatFlag } from '../../../../contract/seat-flags.js';
import '../../../../widget/src/seat-map/seat-map.js';
import { seatMapStrings, seatMapTables, type SeatMapStrings } from '../../ui/seat-map-texts.js';
import type { Answer } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { seatingPlanToCsv } from '../../../../contract/seating-plan-csv.js';
import { planRows, planSections, rowSeatIds, seatLabel } from './plan-rows.js';
import { venueTexts } from './texts.js';

type PlanSeats = Answer<'getSeatingPlanSeats'>;
type Seating = { blocked: Set<number>; held: Set<number>; sold: Set<number> };
type Mode = 'block' | 'release';

const EMPTY: ReadonlySet<number> = new Set();
/** The most seats one request takes (the contract's limits): a larger selection goes in several. */
const FLAGS_PER_CALL = 5000;
const BLOCKS_PER_CALL = 1000;

const chunks = (ids: number[], size: number) => Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));

/**
 * A seating plan on the widget's own seat map. Without a performance every seat is free and
 * the selection can be marked as wheelchair spaces or companion seats (for every performance
 * on the plan). With a performance chosen the map shows its held, sold and blocked seats, and
 * the selection is blocked or released for that performance only.
 */
export class PlanScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      tk-seat-map {
        display: block;
        margin-bottom: 1rem;
        --tk-seat-map-max-height: 62vh;
        --tk-seat-map-min-height: 320px;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
      }
      .controls .field {
        flex: 1 1 16rem;
        min-width: 0;
      }
      select {
        width: 100%;
      }
      fieldset {
        border: 1px solid var(--tk-border);
        border-radius: 8px;
        margin: 0 0 1rem;
        padding: 0.5rem 1rem;
      }
      fieldset label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        font-weight: normal;
        min-height: 44px;
      }
      .actions {
        margin-bottom: 0.75rem;
      }
      details.card summary {
        cursor: pointer;
        min-height: 44px;
        display: flex;
        align-items: center;
        font-weight: 600;
      }
      .seat-list {
        margin: 0.5rem 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  private plan = new Loadable<PlanSeats>(this, () => this.session.api.call('getSeatingPlanSeats', { params: { id: this.params.id! } }));
  /** '' shows the plan; a performance id shows that performance's seats. */
  @state() private view = '';
  @state() private mode: Mode = 'block';
  @state() private seating: Seating | null = null;
  @state() private seatingError: unknown = null;
  @state() private selected: ReadonlySet<number> = EMPTY;
  @state() private busy = false;
  @state() private failure: unknown = null;
  @state() private done = '';
  @state() private rowSection = 0;
  @state() private rowIndex = 0;
  @state() private mapTexts: SeatMapStrings = seatMapStrings;
  private mapTextsLocale: ConsoleLocale = 'en';
  private unavailable: ReadonlySet<number> = EMPTY;
  private held: ReadonlySet<number> = EMPTY;
  private seatingGeneration = 0;

  private lastPlan?: PlanSeats;

  override willUpdate() {
    const locale = this.locale;
    if (locale !== this.mapTextsLocale) {
      this.mapTextsLocale = locale;
      void seatMapTables[locale]().then((texts) => {
        if (this.mapTextsLocale === locale) this.mapTexts = texts;
      });
    }
  }

  /** What the map may not select: nothing on the plan; taken seats to block; all but the blocked ones to release. */
  private computeAvailability() {
    const plan = this.plan.value;
    if (plan === this.lastPlan && this.availabilityKey === this.currentKey()) return;
    this.lastPlan = plan;
    this.availabilityKey = this.currentKey();
    const seating = this.seating;
    if (!plan || !this.view) {
      this.unavailable = EMPTY;
      this.held = EMPTY;
    } else if (!seating) {
      // Until the performance's seats are known, none can be chosen.
      this.unavailable = new Set(plan.seats.id);
      this.held = EMPTY;
    } else if (this.mode === 'block') {
      this.unavailable = new Set([...seating.blocked, ...seating.sold, ...seating.held]);
      this.held = seating.held;
    } else {
      this.unavailable = new Set(plan.seats.id.filter((id) => !seating.blocked.has(id)));
      this.held = EMPTY;
    }
  }

  private availabilityKey = '';
  private seatingVersion = 0;
  private currentKey() {
    return `${this.view}|${this.mode}|${this.seatingVersion}`;
  }

  private async loadSeating() {
    const generation = ++this.seatingGeneration;
    const performanceId = this.view;
    if (!performanceId) {
      this.seating = null;
      return;
    }
    this.seatingError = null;
    try {
      const answer = await this.session.api.call('getPerformanceSeating', { params: { id: performanceId } });
      if (generation !== this.seatingGeneration) return;
      this.seatingVersion++;
      this.seating = { blocked: new Set(decodeSeatRanges(answer.blocked)), held: new Set(decodeSeatRanges(answer.held)), sold: new Set(decodeSeatRanges(answer.sold)) };
    } catch (error) {
      if (generation === this.seatingGeneration) this.seatingError = error;
    }
  }

  private chooseView(event: Event) {
    this.view = (event.target as HTMLSelectElement).value;
    this.selected = EMPTY;
    this.done = '';
    this.failure = null;
    this.seating = null;
    this.seatingVersion++;
    void this.loadSeating();
  }

  private chooseMode(mode: Mode) {
    this.mode = mode;
    this.selected = EMPTY;
    this.done = '';
  }

  /** Whether the role may change anything in this view; if not, the map is for looking only. */
  private canAct(): boolean {
    return this.view ? this.session.may('blockSeats') && this.session.may('unblockSeats') : this.session.may('setSeatFlags');
  }

  private toggle(event: CustomEvent<{ seatId: number; selected: boolean }>) {
    if (!this.canAct()) return;
    const next = new Set(this.selected);
    if (event.detail.selected) next.add(event.detail.seatId);
    else next.delete(event.detail.seatId);
    this.selected = next;
  }

  /** Whether a seat may join the selection now (the same rule the map applies to clicks). */
  private selectable(plan: PlanSeats, index: number): boolean {
    const id = plan.seats.id[index]!;
    if (!this.view) return (plan.seats.flags[index]! & seatFlagBits.notForSale) === 0;
    return !this.unavailable.has(id) && (plan.seats.flags[index]! & seatFlagBits.notForSale) === 0;
  }

  private addRow(plan: PlanSeats) {
    const rows = planRows(plan);
    const row = rows[this.rowSection]?.rows[this.rowIndex];
    if (!row) return;
    const next = new Set(this.selected);
    for (const index of rowSeatIds(plan, this.rowSection, row)) if (this.selectable(plan, index)) next.add(plan.seats.id[index]!);
    this.selected = next;
  }

  private async run(work: () => Promise<string>) {
    this.busy = true;
    this.failure = null;
    this.done = '';
    try {
      this.done = await work();
      this.selected = EMPTY;
    } catch (error) {
      this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private setFlag(flag: EditableSeatFlag, on: boolean) {
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    return this.run(async () => {
      let changed = 0;
      for (const seatIds of chunks([...this.selected], FLAGS_PER_CALL)) {
        const result = await this.session.api.call('setSeatFlags', { params: { id: this.params.id! }, body: on ? { seatIds, add: [flag] } : { seatIds, remove: [flag] } });
        changed += result.seats.length;
      }
      this.selected = EMPTY;
      await this.plan.reload();
      return venueTexts(this.locale).flagsSaved(number(changed));
    });
  }

  private changeBlocks() {
    const t = venueTexts(this.locale);
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    const performanceId = this.view;
    return this.run(async () => {
      let done = 0;
      let skipped = 0;
      for (const seatIds of chunks([...this.selected], BLOCKS_PER_CALL)) {
        if (this.mode === 'block') {
          const result = await this.session.api.call('blockSeats', { params: { id: performanceId }, body: { seatIds } });
          done += result.blocked.length;
          skipped += result.skipped.length;
        } else {
          const result = await this.session.api.call('unblockSeats', { params: { id: performanceId }, body: { seatIds } });
          done += result.unblocked.length;
        }
      }
      // Cleared before the map learns the new state: else it reports each seat of the selection as lost.
      this.selected = EMPTY;
      await this.loadSeating();
      return this.mode === 'block' ? t.blockedResult(number(done), number(skipped)) : t.releasedResult(number(done));
    });
  }

  /**
   * The plan as CSV for a spreadsheet, separated as Excel expects it in the staff member's
   * language (`;` and decimal commas in French, German and Italian); edited, it imports back
   * as a new plan.
   */
  private downloadCsv(plan: PlanSeats) {
    const csv = seatingPlanToCsv({ sections: planSections(plan) }, this.locale === 'en' ? ',' : ';');
    // The BOM makes Excel read the file as UTF-8 (accents intact).
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${plan.plan.name.replace(/[\\/:*?"<>|]+/g, '-')}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  private mapStrings(): Partial<SeatMapStrings> {
    const t = venueTexts(this.locale);
    const base = this.mapTexts;
    if (!this.view) return base;
    return this.mode === 'block' ? { ...base, held: t.mapHeld, unavailable: t.mapTakenBlock } : { ...base, available: t.mapBlockedSelectable, unavailable: t.mapNotBlocked };
  }

  private renderSelection(plan: PlanSeats) {
    const t = venueTexts(this.locale);
    const c = commonTexts(this.locale);
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    const index = this.seatIndex(plan);
    const shown = [...this.selected].slice(0, 8);
    const rows = planRows(plan);
    const sectionRows = rows[this.rowSection]?.rows ?? [];
    const n = this.selected.size;
    return html`
      <h2 id="selection-heading">${t.selection}</h2>
      ${n === 0 ? html`<p>${t.noSelection}</p>` : html`<p role="status">${t.selectedCount(number(n))}</p>`}
      ${this.renderActions(n)}
      ${this.failure ? html`<div class="notice error" role="alert">${errorText(this.failure, this.locale)}</div>` : ''}
      ${this.done ? html`<div class="notice success" role="status">${this.done}</div>` : ''}
      ${this.busy ? html`<p role="status">${c.saving}</p>` : ''}
      ${n === 0
        ? ''
        : html`<ul class="seat-list">
              ${shown.map((id) => html`<li>${seatLabel(plan, index.get(id)!, this.mapTexts)}</li>`)}
              ${n > shown.length ? html`<li>${t.moreSeats(number(n - shown.length))}</li>` : ''}
            </ul>
            <div class="actions"><button type="button" @click=${() => (this.selected = EMPTY)}>${t.clearSelection}</button></div>`}
      <h3>${t.selectRow}</h3>
      <div class="controls">
        <div class="field">
          <label for="row-section">${t.section}</label>
          <select id="row-section" @change=${(e: Event) => ((this.rowSection = Number((e.target as HTMLSelectElement).value)), (this.rowIndex = 0))}>
            ${rows.map((s, i) => html`<option value=${i} ?selected=${i === this.rowSection}>${s.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="row-row">${t.row}</label>
          <select id="row-row" @change=${(e: Event) => (this.rowIndex = Number((e.target as HTMLSelectElement).value))}>
            ${sectionRows.map((label, i) => html`<option value=${i} ?selected=${i === this.rowIndex}>${label}</option>`)}
          </select>
        </div>
        <div class="field"><button type="button" @click=${() => this.addRow(plan)}>${t.addRow}</button></div>
      </div>
    `;
  }

  private renderActions(n: number) {
    const t = venueTexts(this.locale);
    const number = (k: number) => k.toLocaleString(`${this.locale}-CH`);
    const disabled = n === 0 || this.busy;
    if (!this.view) {
      return html`<p class="hint">${t.flagsTitle}</p>
        <div class="actions">
          <button type="button" ?disabled=${disabled} @click=${() => this.setFlag('wheelchair', true)}>${t.markWheelchair}</button>
          <button type="button" ?disabled=${disabled} @click=${() => this.setFlag('wheelchair', false)}>${t.unmarkWheelchair}</button>
          <button type="button" ?disabled=${disabled} @click=${() => this.setFlag('companion', true)}>${t.markCompanion}</button>
          <button type="button" ?disabled=${disabled} @click=${() => this.setFlag('companion', false)}>${t.unmarkCompanion}</button>
        </div>`;
    }
    return html`<div class="actions">
      <button type="button" class="primary" ?disabled=${disabled} @click=${() => this.changeBlocks()}>${this.mode === 'block' ? t.blockButton(number(n)) : t.releaseButton(number(n))}</button>
    </div>`;
  }

  private renderCounts(plan: PlanSeats) {
    const t = venueTexts(this.locale);
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    if (!this.view) {
      const count = (bit: number) => plan.seats.flags.reduce((k, f) => k + ((f & bit) !== 0 ? 1 : 0), 0);
      const marked = plan.seats.id.filter((_, i) => (plan.seats.flags[i]! & (seatFlagBits.wheelchair | seatFlagBits.companion)) !== 0);
      return html`<p>${t.seatCounts(number(plan.seats.id.length), number(count(seatFlagBits.wheelchair)), number(count(seatFlagBits.companion)))}</p>
        ${this.seatList(plan, marked, t.markedSeats(number(marked.length)))}`;
    }
    if (this.seatingError) return html`<div class="notice error" role="alert">${errorText(this.seatingError, this.locale)}</div>`;
    if (!this.seating) return html`<p role="status">${commonTexts(this.locale).loading}</p>`;
    const s = this.seating;
    return html`<div class="actions">
        <p>${t.performanceCounts(number(s.blocked.size), number(s.held.size), number(s.sold.size))}</p>
        <button type="button" @click=${() => this.loadSeating()}>${t.refresh}</button>
      </div>
      ${this.seatList(plan, [...s.blocked], t.blockedSeats(number(s.blocked.size)))}`;
  }

  /** Seats named in a disclosure (the marked or blocked ones), with a button to select them all. */
  private seatList(plan: PlanSeats, ids: number[], summary: string) {
    if (ids.length === 0) return '';
    const t = venueTexts(this.locale);
    const index = this.seatIndex(plan);
    const shown = ids.slice(0, 200);
    const selectable = ids.filter((id) => this.selectable(plan, index.get(id)!));
    return html`<details class="card">
      <summary>${summary}</summary>
      <ul class="seat-list">
        ${shown.map((id) => html`<li>${seatLabel(plan, index.get(id)!, this.mapTexts)}</li>`)}
        ${ids.length > shown.length ? html`<li>${t.moreSeats((ids.length - shown.length).toLocaleString(`${this.locale}-CH`))}</li>` : ''}
      </ul>
      ${this.canAct() && selectable.length
        ? html`<button type="button" @click=${() => (this.selected = new Set([...this.selected, ...selectable]))}>${t.selectThese}</button>`
        : ''}
    </details>`;
  }

  private indexOf?: { plan: PlanSeats; index: Map<number, number> };
  /** Seat index by id, built once per plan loaded. */
  private seatIndex(plan: PlanSeats): Map<number, number> {
    if (this.indexOf?.plan !== plan) this.indexOf = { plan, index: new Map(plan.seats.id.map((id, i) => [id, i])) };
    return this.indexOf.index;
  }

  override render() {
    const t = venueTexts(this.locale);
    if (this.plan.state.status === 'failed' && (this.plan.state.error as { status?: number }).status === 404) {
      return html`<h1 tabindex="-1">${t.plans}</h1><p>${t.planNotFound}</p><p><a href="#/venues">${t.allVenues}</a></p>`;
    }
    const plan = this.plan.value;
    if (!plan) return html`<h1 tabindex="-1">${t.plans}</h1>${this.plan.render(this.locale, () => '')}`;
    this.computeAvailability();
    const timeZone = this.session.me.shop.timeZone;
    return html`
      <p><a href="#/venues/${plan.venueId}">${t.backToVenue}</a></p>
      <h1 tabindex="-1">${plan.plan.name}</h1>
      <div class="actions"><button type="button" @click=${() => this.downloadCsv(plan)}>${t.downloadCsv}</button></div>
      <div class="controls">
        <div class="field">
          <label for="plan-view">${t.show}</label>
          <select id="plan-view" @change=${this.chooseView}>
            <option value="" ?selected=${this.view === ''}>${t.planOnly}</option>
            ${plan.performances.map(
              (p) => html`<option value=${p.id} ?selected=${this.view === p.id}>${t.performanceOption(p.eventTitle, formatDateTime(p.startsAt, timeZone, this.locale))}${p.status === 'cancelled' ? ` (${t.cancelled})` : ''}</option>`,
            )}
          </select>
        </div>
      </div>
      ${this.renderCounts(plan)}
      ${this.view && this.canAct()
        ? html`<fieldset>
            <legend>${t.whatToDo}</legend>
            <label><input type="radio" name="mode" value="block" .checked=${this.mode === 'block'} @change=${() => this.chooseMode('block')} />${t.modeBlock}</label>
            <label><input type="radio" name="mode" value="release" .checked=${this.mode === 'release'} @change=${() => this.chooseMode('release')} />${t.modeRelease}</label>
            ${this.mode === 'release' ? html`<p class="hint">${t.releaseHint}</p>` : ''}
          </fieldset>`
        : ''}
      <tk-seat-map
        .geometry=${plan}
        .unavailable=${this.unavailable}
        .held=${this.held}
        .selected=${this.selected}
        .strings=${this.mapStrings()}
        locale=${`${this.locale}-CH`}
        @tk-seat-toggle=${this.toggle}
      ></tk-seat-map>
      ${this.canAct() ? this.renderSelection(plan) : ''}
    `;
  }
}
defineScreen('tk-plan-screen', PlanScreen);
