import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { fieldStyles, formText, inputField } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import '../../ui/secret-once.js';
import { resellerTexts } from './texts.js';

type Reseller = Answer<'listResellers'>['resellers'][number];
type Quota = Answer<'listResellerQuotas'>['quotas'][number];
type Performance = Answer<'getAdminEvent'>['performances'][number];

/** "7,5" or "7.5" percent as basis points (750); null when it is not a percentage. */
function percentToBps(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 100);
}
const bpsToPercent = (bps: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(bps / 100);

type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; error: unknown } | null;

/**
 * The shop's resellers: add one with its commission, archive or reactivate it, and for the one
 * chosen its quotas per performance (places for general admission, seat ranges for a seated
 * one, with what it sold) and, for the owner, its API token shown once.
 */
export class ResellersScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, fieldStyles];

  private readonly resellers = new Loadable(this, async () => (await this.session.api.call('listResellers')).resellers);
  private readonly events = new Loadable(this, async () => (await this.session.api.call('listAdminEvents')).events);
  @state() private adding: { phase: 'idle' | 'saving' } | { phase: 'refused'; error: unknown } = { phase: 'idle' };
  @state() private outcome: Outcome = null;
  @state() private selected: Reseller | null = null;
  @state() private quotas: Quota[] | null = null;
  @state() private performances: Performance[] = [];
  @state() private quotaOutcome: Outcome = null;
  @state() private token: { name: string; token: string } | null = null;
  @state() private busy = false;

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const bps = percentToBps(formText(form, 'commission') || '0');
    this.adding = { phase: 'saving' };
    this.outcome = null;
    try {
      const created = await this.session.api.call('createReseller', { body: { name: formText(form, 'name'), email: formText(form, 'email'), commissionBps: bps ?? -1 } });
      this.adding = { phase: 'idle' };
      this.outcome = { kind: 'ok', message: resellerTexts(this.locale).added(created.name) };
      form.reset();
      await this.resellers.reload();
    } catch (error) {
      this.adding = { phase: 'refused', error };
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private async setStatus(reseller: Reseller, status: 'active' | 'archived') {
    this.busy = true;
    this.outcome = null;
    try {
      const saved = await this.session.api.call('updateReseller', { params: { resellerId: reseller.id }, body: { status } });
      this.outcome = { kind: 'ok', message: resellerTexts(this.locale).saved(saved.name) };
      await this.resellers.reload();
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.busy = false;
    }
  }

  private async choose(reseller: Reseller) {
    this.selected = reseller;
    this.quotas = null;
    this.quotaOutcome = null;
    this.token = null;
    await this.loadQuotas();
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('h2#quotas')?.focus();
  }

  private async loadQuotas() {
    if (!this.selected) return;
    try {
      this.quotas = (await this.session.api.call('listResellerQuotas', { params: { resellerId: this.selected.id } })).quotas;
    } catch (error) {
      this.quotaOutcome = { kind: 'error', error };
    }
  }

  private async pickEvent(event: Event) {
    const id = (event.target as HTMLSelectElement).value;
    this.performances = id === '' ? [] : (await this.session.api.call('getAdminEvent', { params: { id } })).performances;
  }

  private async setQuota(event: SubmitEvent) {
    event.preventDefault();
    if (!this.selected) return;
    const form = event.target as HTMLFormElement;
    const places = formText(form, 'places');
    const seats = formText(form, 'seats').replace(/\s+/g, '');
    this.quotaOutcome = null;
    this.busy = true;
    try {
      await this.session.api.call('setResellerQuota', {
        params: { resellerId: this.selected.id, performanceId: formText(form, 'performance') },
        body: { ...(places !== '' ? { places: Number(places) } : {}), ...(seats !== '' ? { seats } : {}) },
      });
      this.quotaOutcome = { kind: 'ok', message: resellerTexts(this.locale).quotaSaved };
      await this.loadQuotas();
    } catch (error) {
      this.quotaOutcome = { kind: 'error', error };
    } finally {
      this.busy = false;
    }
  }

  private async createToken() {
    if (!this.selected) return;
    this.busy = true;
    this.quotaOutcome = null;
    try {
      const made = await this.session.api.call('createToken', { body: { label: this.selected.name.slice(0, 80), role: 'reseller', resellerId: this.selected.id } });
      this.token = { name: this.selected.name, token: made.token };
    } catch (error) {
      this.quotaOutcome = { kind: 'error', error };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = resellerTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      ${this.session.may('importTickets') ? html`<p><a href="#/ticket-imports">${t.importLink}</a></p>` : nothing} ${this.addForm()}
      ${this.resellers.render(this.locale, (resellers) => this.list(resellers))} ${this.selected ? this.quotaPanel(this.selected) : nothing}`;
  }

  private addForm() {
    const t = resellerTexts(this.locale);
    const error = this.adding.phase === 'refused' ? this.adding.error : null;
    return html`<section class="card" aria-labelledby="add-heading">
      <h2 id="add-heading">${t.create}</h2>
      <form @submit=${this.add}>
        <div class="grid">
          ${inputField({ id: 'name', label: t.name, required: true, maxlength: 120, autocomplete: 'organization', error: fieldError(error, 'name') })}
          ${inputField({ id: 'email', label: t.email, type: 'email', required: true, maxlength: 254, autocomplete: 'email', error: fieldError(error, 'email') })}
          ${inputField({ id: 'commission', label: t.commission, inputmode: 'decimal', pattern: '[0-9]{1,3}([.,][0-9]{1,2})?', hint: t.commissionHint, size: 'short', error: fieldError(error, 'commissionBps') })}
        </div>
        ${error && !fieldError(error, 'name') && !fieldError(error, 'email') && !fieldError(error, 'commissionBps') ? html`<p class="notice error" role="alert">${errorText(error, this.locale)}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.adding.phase === 'saving'}>${this.adding.phase === 'saving' ? t.adding : commonTexts(this.locale).create}</button>
        </div>
      </form>
    </section>`;
  }

  private list(resellers: Reseller[]) {
    const t = resellerTexts(this.locale);
    return html`<h2 id="resellers" tabindex="-1">${t.list}</h2>
      ${this.outcome?.kind === 'ok' ? html`<p class="notice success" role="status">${this.outcome.message}</p>` : nothing}
      ${this.outcome?.kind === 'error' ? html`<p class="notice error" role="alert">${errorText(this.outcome.error, this.locale)}</p>` : nothing}
      ${resellers.length === 0
        ? html`<p>${t.none}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.list}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.name}</th>
                  <th scope="col">${t.email}</th>
                  <th scope="col" class="number">${t.commission}</th>
                  <th scope="col">${t.status}</th>
                  <th scope="col"><span class="visually-hidden">${t.quotasButton}</span></th>
                </tr>
              </thead>
              <tbody>
                ${resellers.map(
                  (r) => html`<tr data-reseller=${r.id}>
                    <td>${r.name}</td>
                    <td>${r.email}</td>
                    <td class="number">${bpsToPercent(r.commissionBps, this.locale)}</td>
                    <td class="status">${r.status === 'active' ? t.active : t.archived}</td>
                    <td class="actions">
                      <button type="button" aria-label=${t.showQuotas(r.name)} @click=${() => void this.choose(r)}>${t.quotasButton}</button>
                      ${r.status === 'active'
                        ? html`<button type="button" aria-label=${t.archive(r.name)} ?disabled=${this.busy} @click=${() => void this.setStatus(r, 'archived')}>${t.archiveButton}</button>`
                        : html`<button type="button" aria-label=${t.activate(r.name)} ?disabled=${this.busy} @click=${() => void this.setStatus(r, 'active')}>${t.activateButton}</button>`}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
  }

  private quotaPanel(reseller: Reseller) {
    const t = resellerTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    const events = this.events.value ?? [];
    return html`<section class="card" aria-labelledby="quotas">
      <h2 id="quotas" tabindex="-1">${t.quotasOf(reseller.name)}</h2>
      ${this.quotaOutcome?.kind === 'ok' ? html`<p class="notice success" role="status">${this.quotaOutcome.message}</p>` : nothing}
      ${this.quotaOutcome?.kind === 'error' ? html`<p class="notice error" role="alert">${errorText(this.quotaOutcome.error, this.locale)}</p>` : nothing}
      ${this.quotas === null
        ? nothing
        : this.quotas.length === 0
          ? html`<p>${t.noQuota}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.quotasButton}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.performance}</th>
                    <th scope="col" class="number">${t.places}</th>
                    <th scope="col" class="number">${t.sold}</th>
                    <th scope="col" class="number">${t.remaining}</th>
                    <th scope="col" class="number">${t.seatsSold}</th>
                    <th scope="col" class="number">${t.seatsFree}</th>
                  </tr>
                </thead>
                <tbody>
                  ${this.quotas.map(
                    (q) => html`<tr data-performance=${q.performanceId}>
                      <td>${q.eventName}, ${formatDateTime(q.startsAt, zone, this.locale)}</td>
                      <td class="number">${q.places}</td>
                      <td class="number">${q.taken}</td>
                      <td class="number remaining">${q.remaining}</td>
                      <td class="number">${q.seatsSold}</td>
                      <td class="number seats-free">${q.seatsFree}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <form @submit=${this.setQuota}>
        <div class="grid">
          <div class="field">
            <label for="quota-event">${t.event}</label>
            <select id="quota-event" @change=${this.pickEvent}>
              <option value="">${t.chooseEvent}</option>
              ${events.map((e) => html`<option value=${e.id}>${e.title}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="quota-performance">${t.performance}</label>
            <select id="quota-performance" name="performance" required>
              ${this.performances.map((p) => html`<option value=${p.id}>${formatDateTime(p.startsAt, zone, this.locale)}</option>`)}
            </select>
          </div>
          ${inputField({ id: 'quota-places', name: 'places', label: t.places, type: 'number', min: 0, max: 1_000_000, step: 1, hint: t.placesHint, size: 'short' })}
          ${inputField({ id: 'quota-seats', name: 'seats', label: t.seats, hint: t.seatsHint, pattern: '[0-9,\\- ]*', maxlength: 100000 })}
        </div>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy || reseller.status !== 'active'}>${t.setQuota}</button>
        </div>
      </form>
      ${this.session.may('createToken') && reseller.status === 'active'
        ? html`<h3>${t.tokenTitle}</h3>
            <p>${t.tokenHelp}</p>
            ${this.token
              ? html`<tk-secret-once .locale=${this.locale} .secret=${this.token.token} .heading=${t.tokenCreated(this.token.name)} .note=${t.secretOnce} .copyLabel=${t.copy}></tk-secret-once>`
              : html`<div class="actions"><button type="button" ?disabled=${this.busy} @click=${() => void this.createToken()}>${t.createToken}</button></div>`}`
        : nothing}
    </section>`;
  }
}
defineScreen('tk-resellers-screen', ResellersScreen);
