import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import './plan-import.js';
import { venueTexts } from './texts.js';

type Venue = Answer<'listVenues'>['venues'][number];

/** A venue: its details, its seating plans, and importing another plan. */
export class VenueScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      form input {
        width: 100%;
      }
    `,
  ];

  // The API lists venues with their plans; there is no call for one venue alone.
  private venues = new Loadable<Answer<'listVenues'>>(this, () => this.session.api.call('listVenues'));
  @state() private saving = false;
  @state() private failure: unknown = null;
  @state() private saved = false;

  private venue(): Venue | undefined {
    return this.venues.value?.venues.find((v) => v.id === this.params.id);
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.saving = true;
    this.failure = null;
    this.saved = false;
    try {
      await this.session.api.call('updateVenue', { params: { id: this.params.id! }, body: { name: String(data.get('name') ?? ''), address: String(data.get('address') ?? '') } });
      this.saved = true;
      await this.venues.reload();
    } catch (error) {
      this.failure = error;
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const t = venueTexts(this.locale);
    const c = commonTexts(this.locale);
    if (this.venues.state.status !== 'ready') return html`<h1 tabindex="-1">${t.venuesTitle}</h1>${this.venues.render(this.locale, () => '')}`;
    const venue = this.venue();
    if (!venue) return html`<h1 tabindex="-1">${t.venuesTitle}</h1><p>${t.venueNotFound}</p><p><a href="#/venues">${t.allVenues}</a></p>`;
    const nameError = fieldError(this.failure, 'name');
    const number = (n: number) => n.toLocaleString(`${this.locale}-CH`);
    return html`
      <p><a href="#/venues">${t.allVenues}</a></p>
      <h1 tabindex="-1">${venue.name}</h1>
      ${venue.address ? html`<p>${venue.address}</p>` : ''}
      <h2>${t.plans}</h2>
      ${venue.plans.length === 0
        ? html`<p>${t.noPlans}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.plans}>
            <table>
              <thead>
                <tr><th scope="col">${t.name}</th><th scope="col" class="number">${t.seats}</th></tr>
              </thead>
              <tbody>
                ${venue.plans.map((p) => html`<tr><td><a href="#/plans/${p.id}">${p.name}</a></td><td class="number">${number(p.seatCount)}</td></tr>`)}
              </tbody>
            </table>
          </div>`}
      ${this.session.may('importSeatingPlanCsv')
        ? html`<h2>${t.importTitle}</h2>
            <tk-plan-import .session=${this.session} venueId=${venue.id} @plan-imported=${(e: CustomEvent<{ planId: string }>) => this.session.navigate(`/plans/${e.detail.planId}`)}></tk-plan-import>`
        : ''}
      ${this.session.may('updateVenue')
        ? html`<h2>${t.venueDetails}</h2>
            <form class="card" @submit=${this.save}>
              ${this.failure && !nameError ? html`<div class="notice error" role="alert">${errorText(this.failure, this.locale)}</div>` : ''}
              ${this.saved ? html`<div class="notice success" role="status">${t.venueSaved}</div>` : ''}
              <div class="field">
                <label for="venue-name">${t.name}</label>
                <input id="venue-name" name="name" required maxlength="200" autocomplete="off" .value=${venue.name} aria-invalid=${nameError ? 'true' : 'false'} aria-describedby="venue-name-error" />
                <div id="venue-name-error" class="field-error">${nameError ?? ''}</div>
              </div>
              <div class="field">
                <label for="venue-address">${t.address}</label>
                <input id="venue-address" name="address" maxlength="500" autocomplete="off" .value=${venue.address} />
              </div>
              <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? c.saving : c.save}</button>
            </form>`
        : ''}
    `;
  }
}
defineScreen('tk-venue-screen', VenueScreen);
