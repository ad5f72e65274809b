import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { consoleStyles } from '../../ui/styles.js';
import { waitingListTexts } from './waiting-list-texts.js';

type WaitingList = Answer<'listWaitingList'>;
type Entry = WaitingList['entries'][number];
type EventView = Answer<'getAdminEvent'>;

interface WaitingListPage {
  event: EventView;
  performance: EventView['performances'][number] | undefined;
  list: WaitingList;
}

/** Entries that still hold a place in line or seats: the only ones removing changes anything for. */
const live = (entry: Entry) => entry.status === 'waiting' || entry.status === 'offered';

/**
 * A performance's waiting list (#/events/:eventId/performances/:id/waiting-list): the switch and
 * the offer time, then everyone who joined in the order they joined, with the live offer and
 * when it lapses; a manager removes an entry after a second step that says what follows.
 */
class WaitingListScreen extends ConsoleScreen {
  static override styles = [
    consoleStyles,
    css`
      .sub {
        color: var(--tk-muted);
        font-size: 0.9rem;
        font-weight: normal;
      }
      .badge.waiting {
        background: #e6eefc;
        color: #173a8c;
      }
      .badge.offered {
        background: #fff4d6;
        color: #5c4300;
      }
      .badge.claimed {
        background: #e7f4ea;
        color: #134a24;
      }
      .badge.expired,
      .badge.withdrawn {
        background: #eceef1;
        color: #3d4552;
      }
      tr.closed td,
      tr.closed th {
        color: var(--tk-muted);
      }
      .confirm {
        border-color: var(--tk-danger);
      }
      .hours {
        width: 8rem;
      }
      td {
        overflow-wrap: anywhere;
      }
    `,
  ];

  private readonly data = new Loadable<WaitingListPage>(this, async () => {
    const api = this.session.api;
    const id = this.params.id ?? '';
    const [event, list] = await Promise.all([api.call('getAdminEvent', { params: { id: this.params.eventId ?? '' } }), api.call('listWaitingList', { params: { id } })]);
    return { event, performance: event.performances.find((p) => p.id === id), list };
  });

  @state() private notice: { kind: 'success' | 'error'; text: string } | null = null;
  @state() private confirming: string | null = null;
  @state() private busy = false;
  @state() private hoursError = '';

  private get t() {
    return waitingListTexts(this.locale);
  }

  private date(iso: string) {
    return formatDateTime(iso, this.session.me.shop.timeZone, this.locale);
  }

  /** The API answers the whole list after every write: show it as it is now, and say what happened. */
  private async write(call: () => Promise<WaitingList>, success: string) {
    this.busy = true;
    this.notice = null;
    try {
      const list = await call();
      const page = this.data.value;
      if (page) this.data.state = { status: 'ready', value: { ...page, list } };
      this.notice = { kind: 'success', text: success };
      this.confirming = null;
    } catch (error) {
      const field = fieldError(error, 'offerHours');
      if (field) this.hoursError = this.t.offerHoursInvalid;
      else this.notice = { kind: 'error', text: errorText(error, this.locale) };
      this.confirming = null;
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    (this.renderRoot.querySelector(this.hoursError ? '#offer-hours' : '.notice') as HTMLElement | null)?.focus();
  }

  private saveSettings(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const enabled = (form.querySelector('#enabled') as HTMLInputElement).checked;
    const hoursText = (form.querySelector('#offer-hours') as HTMLInputElement).value.trim();
    const offerHours = /^\d{1,3}$/.test(hoursText) ? Number(hoursText) : NaN;
    this.hoursError = offerHours >= 1 && offerHours <= 168 ? '' : this.t.offerHoursInvalid;
    if (this.hoursError) {
      void this.updateComplete.then(() => (this.renderRoot.querySelector('#offer-hours') as HTMLElement | null)?.focus());
      return;
    }
    void this.write(() => this.session.api.call('updateWaitingList', { params: { id: this.params.id ?? '' }, body: { enabled, offerHours } }), this.t.settingsSaved);
  }

  private removeEntry(entry: Entry) {
    void this.write(() => this.session.api.call('removeWaitingListEntry', { params: { id: this.params.id ?? '', entryId: entry.id } }), this.t.removed(entry.name));
  }

  override render() {
    return this.data.render(this.locale, (page) => this.page(page));
  }

  private page({ event, performance, list }: WaitingListPage) {
    const t = this.t;
    return html`
      <p><a href="#/events/${encodeURIComponent(event.id)}">← ${t.backToEvent(event.title)}</a></p>
      <h1 tabindex="-1">${t.title}</h1>
      <p class="sub">${event.title}${performance ? html` · ${this.date(performance.startsAt)}` : nothing}</p>
      ${performance?.status === 'cancelled' ? html`<p class="notice error">${t.performanceCancelled}</p>` : nothing}
      ${this.notice
        ? html`<div class="notice ${this.notice.kind}" tabindex="-1" role=${this.notice.kind === 'error' ? 'alert' : 'status'}>${this.notice.text}</div>`
        : nothing}
      ${this.settings(list)}
      <section aria-labelledby="line">
        <h2 id="line">${t.line}</h2>
        <p>${t.summary(list.waiting, list.offered)}</p>
        <p class="hint">${t.lineHint}</p>
        ${list.entries.length === 0 ? html`<p>${t.empty}</p>` : this.table(list)}
      </section>
    `;
  }

  private settings(list: WaitingList) {
    const t = this.t;
    if (!this.session.may('updateWaitingList')) {
      return html`<section aria-labelledby="settings">
        <h2 id="settings">${t.settings}</h2>
        <p>${t.readOnlySettings(list.enabled ? t.stateOn : t.stateOff, list.offerHours)}</p>
      </section>`;
    }
    const hoursDescribedBy = ['offer-hours-hint', this.hoursError ? 'offer-hours-error' : ''].filter(Boolean).join(' ');
    return html`<section class="card" aria-labelledby="settings">
      <h2 id="settings">${t.settings}</h2>
      <form @submit=${this.saveSettings} novalidate>
        <div class="field">
          <label class="choice"><input type="checkbox" id="enabled" .checked=${list.enabled} aria-describedby="enabled-hint" />${t.enabledLabel}</label>
          <p class="hint" id="enabled-hint">${t.enabledHint}</p>
        </div>
        <div class="field">
          <label for="offer-hours">${t.offerHours}</label>
          <input
            id="offer-hours"
            class="hours"
            type="number"
            inputmode="numeric"
            min="1"
            max="168"
            step="1"
            required
            .value=${String(list.offerHours)}
            aria-invalid=${this.hoursError ? 'true' : 'false'}
            aria-describedby=${ifDefined(hoursDescribedBy)}
          />
          <p class="hint" id="offer-hours-hint">${t.offerHoursHint}</p>
          ${this.hoursError ? html`<p class="field-error" id="offer-hours-error">${this.hoursError}</p>` : nothing}
        </div>
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${t.saveSettings}</button></div>
      </form>
    </section>`;
  }

  private table(list: WaitingList) {
    const t = this.t;
    const write = this.session.may('removeWaitingListEntry');
    return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.tableLabel}>
      <table>
        <thead>
          <tr>
            <th scope="col" class="number">${t.colPosition}</th>
            <th scope="col">${t.colPerson}</th>
            <th scope="col" class="number">${t.colTickets}</th>
            <th scope="col">${t.colStatus}</th>
            <th scope="col">${t.colJoined}</th>
            <th scope="col">${t.colOffer}</th>
            ${write ? html`<th scope="col">${t.colActions}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${list.entries.map((entry) => this.row(entry, write))}
        </tbody>
      </table>
    </div>`;
  }

  private row(entry: Entry, write: boolean) {
    const t = this.t;
    const c = commonTexts(this.locale);
    const confirming = this.confirming === entry.id;
    return html`<tr class=${live(entry) ? 'live' : 'closed'} data-entry=${entry.id}>
        <td class="number">${entry.position ?? '–'}</td>
        <th scope="row">${entry.name}<div class="sub">${entry.email}</div><div class="sub">${t.language(entry.language)}</div></th>
        <td class="number">${entry.quantity}</td>
        <td><span class="badge ${entry.status}">${t[`status_${entry.status}`]}</span></td>
        <td>${this.date(entry.createdAt)}</td>
        <td>${this.offer(entry)}</td>
        ${write
          ? html`<td>
              ${live(entry) && !confirming
                ? html`<button @click=${() => this.ask(entry)} aria-label=${t.removeLabel(entry.name)}>${t.remove}</button>`
                : nothing}
            </td>`
          : nothing}
      </tr>
      ${confirming
        ? html`<tr>
            <td colspan="7">
              <div class="card confirm" role="group" aria-labelledby="confirm-remove">
                <p id="confirm-remove">${entry.status === 'offered' ? t.confirmRemoveOffer(entry.name, entry.email) : t.confirmRemove(entry.name, entry.email)}</p>
                <div class="actions">
                  <button class="danger" ?disabled=${this.busy} @click=${() => this.removeEntry(entry)}>${t.remove}</button>
                  <button @click=${() => this.cancelAsk(entry)}>${c.cancel}</button>
                </div>
              </div>
            </td>
          </tr>`
        : nothing}`;
  }

  private offer(entry: Entry) {
    const t = this.t;
    const lines = [];
    if (entry.offeredAt) {
      lines.push(
        entry.status === 'offered' && entry.offerExpiresAt ? t.offerUntil(this.date(entry.offeredAt), this.date(entry.offerExpiresAt)) : t.offerPast(this.date(entry.offeredAt)),
      );
    }
    if (entry.closedAt) lines.push(t.closedAt(this.date(entry.closedAt)));
    if (lines.length === 0) return html`<span class="sub">${t.noOffer}</span>`;
    return lines.map((line) => html`<div>${line}</div>`);
  }

  private async ask(entry: Entry) {
    this.confirming = entry.id;
    this.notice = null;
    await this.updateComplete;
    (this.renderRoot.querySelector('.confirm button.danger') as HTMLElement | null)?.focus();
  }

  private async cancelAsk(entry: Entry) {
    this.confirming = null;
    await this.updateComplete;
    (this.renderRoot.querySelector(`tr[data-entry="${entry.id}"] button`) as HTMLElement | null)?.focus();
  }
}
defineScreen('tk-waiting-list-screen', WaitingListScreen);
