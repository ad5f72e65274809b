import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import './event-form.js';
import { eventTexts } from './texts.js';

type EventRow = Answer<'listAdminEvents'>['events'][number];

/** All the shop's events, drafts included: status, next date, publish or unpublish, and a new one. */
class EventsScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      .page-actions {
        margin-bottom: 1rem;
      }
    `,
  ];

  private readonly data = new Loadable(this, async () => {
    const [events, venues] = await Promise.all([this.session.api.call('listAdminEvents'), this.session.api.call('listVenues')]);
    // Archived events go last: the list is for what is being sold.
    const order = { published: 0, draft: 1, archived: 2 } as const;
    return { events: [...events.events].sort((a, b) => order[a.status] - order[b.status]), venues: venues.venues };
  });
  @state() private creating = false;
  @state() private notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private busyId: string | null = null;

  private async setStatus(event: EventRow, status: 'published' | 'draft') {
    const t = eventTexts(this.locale);
    this.busyId = event.id;
    try {
      await this.session.api.call('updateEvent', { params: { id: event.id }, body: { status } });
      await this.data.reload();
      this.notice = { kind: 'success', text: status === 'published' ? t.published(event.title) : t.unpublished(event.title) };
    } catch (error) {
      this.notice = { kind: 'error', text: errorText(error, this.locale) };
    } finally {
      this.busyId = null;
    }
  }

  override render() {
    const t = eventTexts(this.locale);
    return html`
      <h1 tabindex="-1">${t.eventsTitle}</h1>
      ${this.notice
        ? html`<div class="notice ${this.notice.kind}" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</div>`
        : nothing}
      ${this.data.render(this.locale, ({ events, venues }) => html`
        ${this.session.may('createEvent')
          ? this.creating
            ? html`<section class="card" aria-labelledby="new-event">
                <h2 id="new-event">${t.newEvent}</h2>
                <tk-event-form
                  .session=${this.session}
                  .venues=${venues}
                  @event-saved=${(e: CustomEvent<{ id: string }>) => this.session.navigate(`/events/${e.detail.id}?created=1`)}
                  @form-closed=${() => (this.creating = false)}
                ></tk-event-form>
              </section>`
            : html`<div class="actions page-actions"><button class="primary" @click=${() => (this.creating = true)}>${t.newEvent}</button></div>`
          : nothing}
        ${events.length === 0
          ? html`<p>${t.noEvents}</p>`
          : html`<h2 class="visually-hidden">${t.eventsTitle}</h2>
              <div class="table-wrap" role="region" tabindex="0" aria-label=${t.eventsTitle}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t.colTitle}</th>
                      <th scope="col">${t.venue}</th>
                      <th scope="col">${t.colStatus}</th>
                      <th scope="col">${t.colNext}</th>
                      <th scope="col" class="number">${t.colUpcoming}</th>
                      ${this.session.may('updateEvent') ? html`<th scope="col">${t.colActions}</th>` : nothing}
                    </tr>
                  </thead>
                  <tbody>
                    ${events.map((event) => this.row(event, venues.find((v) => v.id === event.venueId)?.name ?? ''))}
                  </tbody>
                </table>
              </div>`}
      `)}
    `;
  }

  private row(event: EventRow, venue: string) {
    const t = eventTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    return html`<tr>
      <th scope="row"><a href="#/events/${event.id}">${event.title}</a></th>
      <td>${venue}</td>
      <td><span class="badge">${t[`status_${event.status}`]}</span></td>
      <td>${event.nextPerformanceAt ? formatDateTime(event.nextPerformanceAt, zone, this.locale) : t.noneYet}</td>
      <td class="number">${event.upcomingPerformances}</td>
      ${this.session.may('updateEvent')
        ? html`<td>
            ${event.status === 'published'
              ? html`<button ?disabled=${this.busyId === event.id} @click=${() => this.setStatus(event, 'draft')} aria-label="${t.unpublish}: ${event.title}">${t.unpublish}</button>`
              : html`<button class="primary" ?disabled=${this.busyId === event.id} @click=${() => this.setStatus(event, 'published')} aria-label="${t.publish}: ${event.title}">${t.publish}</button>`}
          </td>`
        : nothing}
    </tr>`;
  }
}
defineScreen('tk-events-screen', EventsScreen);
