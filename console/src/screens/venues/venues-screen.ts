import { css, html } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { venueTexts } from './texts.js';

/** Every venue of the shop with its plans, and a form to add one. */
export class VenuesScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      form input {
        width: 100%;
      }
    `,
  ];

  private venues = new Loadable<Answer<'listVenues'>>(this, () => this.session.api.call('listVenues'));
  @state() private saving = false;
  @state() private failure: unknown = null;
  @state() private done = '';

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.saving = true;
    this.failure = null;
    this.done = '';
    try {
      const venue = await this.session.api.call('createVenue', { body: { name: String(data.get('name') ?? ''), address: String(data.get('address') ?? '') } });
      form.reset();
      this.done = venueTexts(this.locale).venueCreated(venue.name);
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
    const nameError = fieldError(this.failure, 'name');
    return html`
      <h1 tabindex="-1">${t.venuesTitle}</h1>
      <p class="hint">${t.venuesIntro}</p>
      ${this.venues.render(this.locale, ({ venues }) =>
        venues.length === 0
          ? html`<p>${t.noVenues}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.venuesTitle}>
              <table>
                <thead>
                  <tr><th scope="col">${t.name}</th><th scope="col">${t.address}</th><th scope="col">${t.plans}</th></tr>
                </thead>
                <tbody>
                  ${venues.map(
                    (venue) => html`<tr>
                      <td><a href="#/venues/${venue.id}">${venue.name}</a></td>
                      <td>${venue.address}</td>
                      <td>${venue.plans.length ? venue.plans.map((p, i) => html`${i ? ', ' : ''}<a href="#/plans/${p.id}">${p.name}</a>`) : t.planCount(0)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      )}
      ${this.session.may('createVenue')
        ? html`<h2>${t.addVenue}</h2>
            <form class="card" @submit=${this.create}>
              ${this.failure && !nameError ? html`<div class="notice error" role="alert">${errorText(this.failure, this.locale)}</div>` : ''}
              ${this.done ? html`<div class="notice success" role="status">${this.done}</div>` : ''}
              <div class="field">
                <label for="venue-name">${t.name}</label>
                <input id="venue-name" name="name" required maxlength="200" autocomplete="off" aria-invalid=${nameError ? 'true' : 'false'} aria-describedby="venue-name-error" />
                <div id="venue-name-error" class="field-error">${nameError ?? ''}</div>
              </div>
              <div class="field">
                <label for="venue-address">${t.address}</label>
                <input id="venue-address" name="address" maxlength="500" autocomplete="off" />
              </div>
              <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? c.saving : t.addVenue}</button>
            </form>`
        : ''}
    `;
  }
}
defineScreen('tk-venues-screen', VenuesScreen);
