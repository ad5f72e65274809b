import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import './event-form.js';
import { localTimeOf } from './local-time.js';
import './performance-form.js';
import './series-form.js';
import type { ZoneGroup } from './tariff-form.js';
import './tariff-form.js';
import { eventTexts } from './texts.js';
import { questionTexts } from './question-texts.js';
import { waitingListTexts } from './waiting-list-texts.js';

type EventView = Answer<'getAdminEvent'>;
type Performance = EventView['performances'][number];
type Tariff = EventView['tariffs'][number];
type Venue = Answer<'listVenues'>['venues'][number];

interface EventPage {
  event: EventView;
  venue: Venue | undefined;
  zones: ZoneGroup[];
  /** Plan id → name and seat count, for the performances' seating. */
  plans: Map<string, { name: string; seatCount: number }>;
}

/** What is open below a section's table: one form at a time, or a step asking to confirm. */
type Panel =
  | { kind: 'edit-event' }
  | { kind: 'add-performance' }
  | { kind: 'add-series' }
  | { kind: 'edit-performance'; id: string }
  | { kind: 'confirm-cancel'; id: string }
  | { kind: 'confirm-delete-performance'; id: string }
  | { kind: 'add-tariff' }
  | { kind: 'edit-tariff'; id: string }
  | { kind: 'confirm-delete-tariff'; id: string }
  | null;

/**
 * An event's page: its details and texts, its performances (add one, a series with a preview,
 * edit, cancel, delete an unsold one) and its prices (tariffs per price zone, hidden ones flagged).
 */
class EventScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      .title-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .title-row h1 {
        margin: 0;
      }
      .badge.cancelled,
      .badge.hidden {
        background: #fdecea;
        color: #7a1a14;
      }
      .badge.published {
        background: #e7f4ea;
        color: #134a24;
      }
      .sub {
        color: var(--tk-muted);
        font-size: 0.9rem;
      }
      td .actions {
        flex-wrap: wrap;
      }
      .confirm {
        border-color: var(--tk-danger);
      }
      section > .actions,
      .page-actions {
        margin: 1rem 0;
      }
      .matrix {
        margin-bottom: 1rem;
      }
      .matrix .badge {
        font-size: 0.75rem;
      }
    `,
  ];

  private readonly data = new Loadable<EventPage>(this, async () => {
    const api = this.session.api;
    const [event, venues] = await Promise.all([api.call('getAdminEvent', { params: { id: this.params.id! } }), api.call('listVenues')]);
    const venue = venues.venues.find((v) => v.id === event.venueId);
    const plans = new Map<string, { name: string; seatCount: number }>();
    for (const v of venues.venues) for (const p of v.plans) plans.set(p.id, { name: p.name, seatCount: p.seatCount });
    const zoneGroups = await Promise.all((venue?.plans ?? []).map(async (p) => ({ planName: p.name, zones: (await api.call('getSeatingPlan', { params: { id: p.id } })).zones })));
    return { event, venue, zones: zoneGroups, plans };
  });

  @state() private panel: Panel = null;
  @state() private notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private busy = false;

  override connectedCallback() {
    super.connectedCallback();
    if (this.query.get('created')) {
      this.notice = { kind: 'success', text: eventTexts(this.locale).eventCreated };
      // Said once: a reload or a bookmark of this page does not say it again.
      history.replaceState(history.state, '', `#/events/${encodeURIComponent(this.params.id!)}`);
    }
  }

  private get t() {
    return eventTexts(this.locale);
  }

  private date(iso: string) {
    return formatDateTime(iso, this.session.me.shop.timeZone, this.locale);
  }

  /** After a write: say so, close the panel, read the event again, put focus on the notice. */
  private async done(text: string) {
    await this.data.reload();
    this.notice = { kind: 'success', text };
    this.panel = null;
    await this.updateComplete;
    (this.renderRoot.querySelector('.notice') as HTMLElement | null)?.focus();
  }

  private async act(write: () => Promise<unknown>, success: string, refusals: Record<string, string> = {}) {
    this.busy = true;
    try {
      await write();
      await this.done(success);
    } catch (error) {
      const text = error instanceof ConsoleApiError && refusals[error.code] ? refusals[error.code]! : errorText(error, this.locale);
      this.notice = { kind: 'error', text };
      this.panel = null;
      // The confirm buttons are gone: the refusal takes the focus, as a success does (done()).
      await this.updateComplete;
      (this.renderRoot.querySelector('.notice') as HTMLElement | null)?.focus();
    } finally {
      this.busy = false;
    }
  }

  private open(panel: Panel) {
    this.panel = panel;
    this.notice = null;
  }

  override render() {
    return this.data.render(this.locale, (page) => this.page(page));
  }

  private page(page: EventPage) {
    const t = this.t;
    const { event } = page;
    const may = (op: Parameters<typeof this.session.may>[0]) => this.session.may(op);
    return html`
      <p><a href="#/events">← ${t.allEvents}</a></p>
      <div class="title-row">
        <h1 tabindex="-1">${event.title}</h1>
        <span class="badge ${event.status}">${t[`status_${event.status}`]}</span>
      </div>
      ${event.subtitle ? html`<p class="sub">${event.subtitle}</p>` : nothing}
      ${page.venue ? html`<p>${page.venue.name}${page.venue.address ? ` · ${page.venue.address}` : ''}</p>` : nothing}
      ${this.notice
        ? html`<div class="notice ${this.notice.kind}" tabindex="-1" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</div>`
        : nothing}
      ${may('updateEvent')
        ? html`<div class="actions page-actions">
            ${event.status === 'published'
              ? html`<button ?disabled=${this.busy} @click=${() => this.act(() => this.session.api.call('updateEvent', { params: { id: event.id }, body: { status: 'draft' } }), t.unpublished(event.title))}>
                  ${t.unpublish}
                </button>`
              : html`<button class="primary" ?disabled=${this.busy} @click=${() => this.act(() => this.session.api.call('updateEvent', { params: { id: event.id }, body: { status: 'published' } }), t.published(event.title))}>
                  ${t.publish}
                </button>`}
            ${event.status === 'archived'
              ? html`<button ?disabled=${this.busy} @click=${() => this.act(() => this.session.api.call('updateEvent', { params: { id: event.id }, body: { status: 'draft' } }), t.restored(event.title))}>
                  ${t.restore}
                </button>`
              : html`<button ?disabled=${this.busy} @click=${() => this.act(() => this.session.api.call('updateEvent', { params: { id: event.id }, body: { status: 'archived' } }), t.archived(event.title))}>
                  ${t.archive}
                </button>`}
            <button @click=${() => this.open({ kind: 'edit-event' })} aria-expanded=${this.panel?.kind === 'edit-event' ? 'true' : 'false'}>${t.editEvent}</button>
          </div>`
        : nothing}
      ${may('listEventQuestions')
        ? html`<p><a href="#/events/${encodeURIComponent(event.id)}/questions">${questionTexts(this.locale).linkLabel}</a></p>`
        : nothing}
      ${this.panel?.kind === 'edit-event'
        ? html`<section class="card" aria-label=${t.editEvent}>
            <tk-event-form .session=${this.session} .event=${event} @event-saved=${() => this.done(t.eventSaved)} @form-closed=${() => (this.panel = null)}></tk-event-form>
          </section>`
        : nothing}
      ${this.performancesSection(page)} ${this.pricesSection(page)}
    `;
  }

  private planChoices(page: EventPage) {
    return (page.venue?.plans ?? []).map((p) => ({ id: p.id, name: p.name }));
  }

  private performancesSection(page: EventPage) {
    const t = this.t;
    const { event } = page;
    const write = this.session.may('updatePerformance');
    return html`<section aria-labelledby="performances">
      <h2 id="performances">${t.performances}</h2>
      ${event.performances.length === 0
        ? html`<p>${t.noPerformances}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.performances}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colDate}</th>
                  <th scope="col">${t.colSeating}</th>
                  <th scope="col">${t.colSales}</th>
                  <th scope="col">${t.colStatus}</th>
                  <th scope="col" class="number">${t.colSold}</th>
                  ${write ? html`<th scope="col">${t.colActions}</th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${event.performances.map((p) => this.performanceRow(page, p, write))}
              </tbody>
            </table>
          </div>`}
      ${this.performancePanel(page)}
      ${this.session.may('createPerformance') && !this.panel?.kind.includes('performance') && this.panel?.kind !== 'add-series'
        ? html`<div class="actions">
            <button class="primary" @click=${() => this.open({ kind: 'add-performance' })}>${t.addPerformance}</button>
            ${this.session.may('createPerformanceSeries') ? html`<button @click=${() => this.open({ kind: 'add-series' })}>${t.addSeries}</button>` : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private performanceRow(page: EventPage, p: Performance, write: boolean) {
    const t = this.t;
    const zone = this.session.me.shop.timeZone;
    const plan = p.planId ? page.plans.get(p.planId) : undefined;
    const places = p.capacity ?? plan?.seatCount ?? 0;
    const when = this.date(p.startsAt);
    const wl = waitingListTexts(this.locale);
    return html`<tr>
      <th scope="row">${when}${p.doorsAt ? html`<div class="sub">${t.doorsAt(localTimeOf(p.doorsAt, zone))}</div>` : nothing}</th>
      <td>${p.planId ? t.seatedOn(plan?.name ?? p.planId) : html`${t.generalAdmission}<div class="sub">${t.capacityOf(p.capacity ?? 0)}</div>`}</td>
      <td>${p.salesStartAt ? t.salesFrom(this.date(p.salesStartAt)) : t.salesOnPublish}<br />${p.salesEndAt ? t.salesUntil(this.date(p.salesEndAt)) : t.salesUntilStart}</td>
      <td>
        <span class="badge ${p.status}">${t[`perf_${p.status}`]}</span>
        ${this.session.may('listWaitingList')
          ? html`<div><a href="#/events/${encodeURIComponent(page.event.id)}/performances/${encodeURIComponent(p.id)}/waiting-list" aria-label="${wl.linkLabel}: ${when}">${wl.linkLabel}</a></div>`
          : nothing}
      </td>
      <td class="number">${p.sold} / ${places}</td>
      ${write
        ? html`<td>
            <div class="actions">
              <button @click=${() => this.open({ kind: 'edit-performance', id: p.id })} aria-label="${t.editPerformance}: ${when}">${t.editPerformance}</button>
              ${p.status === 'scheduled'
                ? html`<button @click=${() => this.open({ kind: 'confirm-cancel', id: p.id })} aria-label="${t.cancelPerformance}: ${when}">${t.cancelPerformance}</button>`
                : html`<button
                    ?disabled=${this.busy}
                    @click=${() => this.act(() => this.session.api.call('updatePerformance', { params: { id: p.id }, body: { status: 'scheduled' } }), t.performanceReinstated)}
                    aria-label="${t.reinstatePerformance}: ${when}"
                  >
                    ${t.reinstatePerformance}
                  </button>`}
              ${p.sold === 0 && this.session.may('deletePerformance')
                ? html`<button @click=${() => this.open({ kind: 'confirm-delete-performance', id: p.id })} aria-label="${t.deletePerformance}: ${when}">${t.deletePerformance}</button>`
                : nothing}
            </div>
          </td>`
        : nothing}
    </tr>`;
  }

  private performancePanel(page: EventPage) {
    const t = this.t;
    const c = commonTexts(this.locale);
    const panel = this.panel;
    if (!panel) return nothing;
    const performance = 'id' in panel ? page.event.performances.find((p) => p.id === panel.id) : undefined;
    switch (panel.kind) {
      case 'add-performance':
        return html`<section class="card" aria-labelledby="add-performance">
          <h3 id="add-performance">${t.addPerformance}</h3>
          <tk-performance-form
            .session=${this.session}
            eventId=${page.event.id}
            .plans=${this.planChoices(page)}
            @performance-saved=${() => this.done(t.performanceCreated)}
            @form-closed=${() => (this.panel = null)}
          ></tk-performance-form>
        </section>`;
      case 'add-series':
        return html`<section class="card" aria-labelledby="add-series">
          <h3 id="add-series">${t.seriesTitle}</h3>
          <tk-series-form
            .session=${this.session}
            eventId=${page.event.id}
            .plans=${this.planChoices(page)}
            @series-created=${(e: CustomEvent<{ count: number }>) => this.done(t.seriesCreated(e.detail.count))}
            @form-closed=${() => (this.panel = null)}
          ></tk-series-form>
        </section>`;
      case 'edit-performance':
        return performance
          ? html`<section class="card" aria-labelledby="edit-performance">
              <h3 id="edit-performance">${t.editPerformance}: ${this.date(performance.startsAt)}</h3>
              <tk-performance-form
                .session=${this.session}
                eventId=${page.event.id}
                .performance=${performance}
                .plans=${this.planChoices(page)}
                @performance-saved=${() => this.done(t.performanceSaved)}
                @form-closed=${() => (this.panel = null)}
              ></tk-performance-form>
            </section>`
          : nothing;
      case 'confirm-cancel':
        return performance
          ? html`<div class="card confirm" role="group" aria-labelledby="confirm-cancel">
              <p id="confirm-cancel">${t.confirmCancelPerformance(this.date(performance.startsAt))}</p>
              <div class="actions">
                <button
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => this.act(() => this.session.api.call('updatePerformance', { params: { id: performance.id }, body: { status: 'cancelled' } }), t.performanceCancelled)}
                >
                  ${t.cancelPerformance}
                </button>
                <button @click=${() => (this.panel = null)}>${c.back}</button>
              </div>
            </div>`
          : nothing;
      case 'confirm-delete-performance':
        return performance
          ? html`<div class="card confirm" role="group" aria-labelledby="confirm-delete">
              <p id="confirm-delete">${t.confirmDeletePerformance(this.date(performance.startsAt))}</p>
              <div class="actions">
                <button
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => this.act(() => this.session.api.call('deletePerformance', { params: { id: performance.id } }), t.performanceDeleted, { performance_in_use: t.performanceInUse })}
                >
                  ${c.delete}
                </button>
                <button @click=${() => (this.panel = null)}>${c.cancel}</button>
              </div>
            </div>`
          : nothing;
      default:
        return nothing;
    }
  }

  private zoneName(page: EventPage, zoneId: string | null) {
    if (zoneId === null) return this.t.zoneGa;
    for (const group of page.zones) {
      const zone = group.zones.find((z) => z.id === zoneId);
      if (zone) return page.zones.length > 1 ? `${zone.name} (${group.planName})` : zone.name;
    }
    return zoneId;
  }

  private pricesSection(page: EventPage) {
    const t = this.t;
    const c = commonTexts(this.locale);
    const currency = this.session.me.shop.currency;
    const write = this.session.may('updateTariff');
    // Zone by zone, in the plan's order, general admission last.
    const zoneOrder = new Map(page.zones.flatMap((g) => g.zones.map((z) => z.id)).map((id, i) => [id, i]));
    const tariffs = [...page.event.tariffs].sort(
      (a, b) => (zoneOrder.get(a.zoneId ?? '') ?? 1e6) - (zoneOrder.get(b.zoneId ?? '') ?? 1e6) || a.sortOrder - b.sortOrder || a.price - b.price,
    );
    const panel = this.panel;
    const tariff = panel && 'id' in panel ? page.event.tariffs.find((x) => x.id === panel.id) : undefined;
    return html`<section aria-labelledby="prices">
      <h2 id="prices">${t.prices}</h2>
      ${tariffs.length === 0 ? nothing : this.priceMatrix(page, tariffs, currency)}
      ${tariffs.length === 0
        ? html`<p>${t.noTariffs}</p>`
        : html`<div class="table-wrap tariffs" role="region" tabindex="0" aria-label=${t.prices}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.colZone}</th>
                  <th scope="col">${t.colTariff}</th>
                  <th scope="col" class="number">${t.colPrice}</th>
                  <th scope="col">${t.colVisibility}</th>
                  <th scope="col" class="number">${t.colOrder}</th>
                  ${write ? html`<th scope="col">${t.colActions}</th>` : nothing}
                </tr>
              </thead>
              <tbody>
                ${tariffs.map((x) => this.tariffRow(page, x, write, currency))}
              </tbody>
            </table>
          </div>`}
      ${panel?.kind === 'add-tariff'
        ? html`<section class="card" aria-labelledby="add-tariff">
            <h3 id="add-tariff">${t.addTariff}</h3>
            <tk-tariff-form .session=${this.session} eventId=${page.event.id} .zoneGroups=${page.zones} @tariff-saved=${() => this.done(t.tariffCreated)} @form-closed=${() => (this.panel = null)}></tk-tariff-form>
          </section>`
        : panel?.kind === 'edit-tariff' && tariff
          ? html`<section class="card" aria-labelledby="edit-tariff">
              <h3 id="edit-tariff">${t.editTariff}: ${this.zoneName(page, tariff.zoneId)} · ${tariff.name}</h3>
              <tk-tariff-form .session=${this.session} eventId=${page.event.id} .tariff=${tariff} @tariff-saved=${() => this.done(t.tariffSaved)} @form-closed=${() => (this.panel = null)}></tk-tariff-form>
            </section>`
          : panel?.kind === 'confirm-delete-tariff' && tariff
            ? html`<div class="card confirm" role="group" aria-labelledby="confirm-delete-tariff">
                <p id="confirm-delete-tariff">${t.confirmDeleteTariff(tariff.name)}</p>
                <div class="actions">
                  <button class="danger" ?disabled=${this.busy} @click=${() => this.act(() => this.session.api.call('deleteTariff', { params: { id: tariff.id } }), t.tariffDeleted, { tariff_in_use: t.tariffInUse })}>
                    ${c.delete}
                  </button>
                  <button @click=${() => (this.panel = null)}>${c.cancel}</button>
                </div>
              </div>`
            : this.session.may('createTariff')
              ? html`<div class="actions"><button class="primary" @click=${() => this.open({ kind: 'add-tariff' })}>${t.addTariff}</button></div>`
              : nothing}
    </section>`;
  }

  /** Zones across, tariff names down: what each kind of buyer pays where, at a glance. */
  private priceMatrix(page: EventPage, tariffs: Tariff[], currency: string) {
    const t = this.t;
    const offered = tariffs.filter((x) => x.active);
    const columns: (string | null)[] = [...new Set(offered.map((x) => x.zoneId))];
    const names = [...new Set(offered.map((x) => x.name))];
    if (offered.length === 0) return nothing;
    return html`<div class="table-wrap matrix" role="region" tabindex="0" aria-label=${t.matrix}>
      <table>
        <caption class="visually-hidden">${t.matrix}</caption>
        <thead>
          <tr>
            <th scope="col">${t.colTariff}</th>
            ${columns.map((zone) => html`<th scope="col" class="number">${this.zoneName(page, zone)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${names.map(
            (name) => html`<tr>
              <th scope="row">${name}</th>
              ${columns.map((zone) => {
                const cell = offered.filter((x) => x.name === name && x.zoneId === zone);
                return html`<td class="number">
                  ${cell.length === 0
                    ? html`<span class="sub">${t.matrixNone}</span>`
                    : cell.map((x) => html`<div>${formatMoney(x.price, currency, this.locale)}${x.hidden ? html` <span class="badge hidden">${t.hidden}</span>` : nothing}</div>`)}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private tariffRow(page: EventPage, x: Tariff, write: boolean, currency: string) {
    const t = this.t;
    const label = `${this.zoneName(page, x.zoneId)} · ${x.name}`;
    return html`<tr>
      <td>${this.zoneName(page, x.zoneId)}</td>
      <th scope="row">${x.name}</th>
      <td class="number">${formatMoney(x.price, currency, this.locale)}</td>
      <td>
        ${!x.active ? html`<span class="badge hidden">${t.inactive}</span>` : x.hidden ? html`<span class="badge hidden">${t.hidden}</span>` : html`<span class="badge">${t.visible}</span>`}
      </td>
      <td class="number">${x.sortOrder}</td>
      ${write
        ? html`<td>
            <div class="actions">
              <button @click=${() => this.open({ kind: 'edit-tariff', id: x.id })} aria-label="${t.editTariff}: ${label}">${t.editTariff}</button>
              ${this.session.may('deleteTariff')
                ? html`<button @click=${() => this.open({ kind: 'confirm-delete-tariff', id: x.id })} aria-label="${t.deleteTariff}: ${label}">${t.deleteTariff}</button>`
                : nothing}
            </div>
          </td>`
        : nothing}
    </tr>`;
  }
}
defineScreen('tk-event-screen', EventScreen);
