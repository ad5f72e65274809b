import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { webhookDeliveryStatuses } from '../../../../contract/vocabulary.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleSession } from '../../session.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { checkboxField, fieldStyles, formChecked, formText, inputField } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { consoleStyles } from '../../ui/styles.js';
import '../../ui/secret-once.js';
import { chosenEvents, eventLabel, eventsFieldset, urlError, webhookStyles } from './parts.js';
import { webhookTexts } from './texts.js';

type Endpoint = Answer<'getWebhook'>;
type Delivery = Answer<'listWebhookDeliveries'>['deliveries'][number];
type DeliveryStatus = (typeof webhookDeliveryStatuses)[number];
type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; error: unknown } | null;

/**
 * One webhook endpoint: change it, send a test, replace its secret (shown once), delete it
 * (after a confirmation in the page), and its delivery log with redelivery. Fires `changed`
 * after a write, `removed` once deleted and `back` to return to the list.
 */
export class WebhookEndpointDetail extends LitElement {
  static override styles = [consoleStyles, fieldStyles, webhookStyles];

  @property({ attribute: false }) session!: ConsoleSession;
  @property({ attribute: false }) endpoint!: Endpoint;
  @state() private editing: { phase: 'idle' | 'saving' } | { phase: 'refused'; error: unknown } = { phase: 'idle' };
  @state() private outcome: Outcome = null;
  @state() private secret: string | null = null;
  @state() private confirming: 'rotate' | 'remove' | null = null;
  @state() private deliveries: Delivery[] | null = null;
  @state() private logError: unknown = null;
  @state() private statusFilter: DeliveryStatus | '' = '';
  @state() private busy = false;

  private get locale() {
    return this.session.locale;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadLog();
  }

  private async loadLog() {
    try {
      const { deliveries } = await this.session.api.call('listWebhookDeliveries', {
        params: { id: this.endpoint.id },
        query: this.statusFilter ? { status: this.statusFilter } : {},
      });
      this.deliveries = deliveries;
      this.logError = null;
    } catch (error) {
      this.logError = error;
    }
  }

  private changed(endpoint: Endpoint) {
    this.endpoint = endpoint;
    this.dispatchEvent(new CustomEvent('changed'));
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.editing = { phase: 'saving' };
    this.outcome = null;
    try {
      const events = chosenEvents(form);
      const updated = await this.session.api.call('updateWebhook', {
        params: { id: this.endpoint.id },
        body: { url: formText(form, 'edit-url'), description: formText(form, 'edit-description'), enabled: formChecked(form, 'edit-enabled'), ...(events.length ? { events } : {}) },
      });
      this.editing = { phase: 'idle' };
      this.outcome = { kind: 'ok', message: webhookTexts(this.locale).saved };
      this.changed(updated);
    } catch (error) {
      this.editing = { phase: 'refused', error };
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  /** One action's call, its outcome announced, the buttons disabled meanwhile. */
  private async act(run: () => Promise<string>) {
    this.busy = true;
    this.outcome = null;
    try {
      this.outcome = { kind: 'ok', message: await run() };
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.busy = false;
      this.confirming = null;
    }
  }

  private test() {
    return this.act(async () => {
      await this.session.api.call('testWebhook', { params: { id: this.endpoint.id } });
      await this.loadLog();
      return webhookTexts(this.locale).tested;
    });
  }

  private rotate() {
    return this.act(async () => {
      const rotated = await this.session.api.call('rotateWebhookSecret', { params: { id: this.endpoint.id } });
      this.secret = rotated.secret;
      const { secret: _secret, ...endpoint } = rotated;
      this.changed(endpoint);
      return webhookTexts(this.locale).rotated;
    });
  }

  private async deleteEndpoint() {
    this.busy = true;
    try {
      await this.session.api.call('deleteWebhook', { params: { id: this.endpoint.id } });
      this.dispatchEvent(new CustomEvent('removed'));
    } catch (error) {
      this.outcome = { kind: 'error', error };
      this.confirming = null;
    } finally {
      this.busy = false;
    }
  }

  private redeliver(delivery: Delivery) {
    return this.act(async () => {
      await this.session.api.call('redeliverWebhook', { params: { id: this.endpoint.id, deliveryId: delivery.id } });
      await this.loadLog();
      return webhookTexts(this.locale).redelivered;
    });
  }

  override render() {
    const t = webhookTexts(this.locale);
    const c = commonTexts(this.locale);
    const e = this.endpoint;
    const zone = this.session.me.shop.timeZone;
    const error = this.editing.phase === 'refused' ? this.editing.error : null;
    return html`<div class="actions"><button type="button" @click=${() => this.dispatchEvent(new CustomEvent('back'))}>← ${t.back}</button></div>
      <h2 class="url">${t.endpoint(e.url)}</h2>
      ${e.disabledAt ? html`<p class="notice error">${t.disabledBySystem(formatDateTime(e.disabledAt, zone, this.locale), e.disabledReason ?? '')}</p>` : nothing}
      ${e.previousSecretExpiresAt ? html`<p class="hint">${t.previousSecret(formatDateTime(e.previousSecretExpiresAt, zone, this.locale))}</p>` : nothing}
      ${this.secret
        ? html`<tk-secret-once .locale=${this.locale} .secret=${this.secret} .heading=${t.secretTitle} .note=${t.secretOnce} .copyLabel=${t.copy}></tk-secret-once>`
        : nothing}
      <div aria-live="polite">
        ${this.outcome?.kind === 'ok' ? html`<p class="notice success" role="status">${this.outcome.message}</p>` : nothing}
      </div>
      ${this.outcome?.kind === 'error' ? html`<p class="notice error" role="alert">${errorText(this.outcome.error, this.locale)}</p>` : nothing}
      <div class="actions">
        <button type="button" class="primary" ?disabled=${this.busy} @click=${() => void this.test()}>${t.test}</button>
        <button type="button" ?disabled=${this.busy} aria-expanded=${this.confirming === 'rotate' ? 'true' : 'false'} @click=${() => (this.confirming = 'rotate')}>${t.rotate}</button>
        <button type="button" class="danger" ?disabled=${this.busy} aria-expanded=${this.confirming === 'remove' ? 'true' : 'false'} @click=${() => (this.confirming = 'remove')}>${t.remove}</button>
      </div>
      ${this.confirming
        ? html`<div class="confirm" role="group" aria-labelledby="confirm-text">
            <p id="confirm-text">${this.confirming === 'rotate' ? t.rotateConfirm : t.removeConfirm(e.url)}</p>
            <div class="actions">
              <button
                type="button"
                class=${this.confirming === 'remove' ? 'danger' : 'primary'}
                ?disabled=${this.busy}
                @click=${() => void (this.confirming === 'remove' ? this.deleteEndpoint() : this.rotate())}
              >
                ${this.confirming === 'remove' ? t.remove : t.rotate}
              </button>
              <button type="button" @click=${() => (this.confirming = null)}>${c.cancel}</button>
            </div>
          </div>`
        : nothing}

      <section class="card" aria-labelledby="edit-endpoint">
        <h3 id="edit-endpoint">${t.edit}</h3>
        <form @submit=${this.save}>
          ${inputField({ id: 'edit-url', label: t.url, type: 'url', required: true, maxlength: 2000, value: e.url, hint: t.urlHint, error: urlError(error, this.locale), size: 'wide' })}
          ${inputField({ id: 'edit-description', label: t.description, maxlength: 500, value: e.description, error: fieldError(error, 'description'), size: 'wide' })}
          ${eventsFieldset('edit', e.events, this.locale, fieldError(error, 'events'))}
          ${checkboxField({ id: 'edit-enabled', label: t.enabled, checked: e.enabled })}
          ${error ? html`<div class="notice error" role="alert">${errorText(error, this.locale)}</div>` : nothing}
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.editing.phase === 'saving'}>${this.editing.phase === 'saving' ? c.saving : c.save}</button>
          </div>
        </form>
      </section>
      ${this.log()}`;
  }

  private log() {
    const t = webhookTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    const when = (iso: string | null) => (iso ? formatDateTime(iso, zone, this.locale) : '—');
    return html`<div class="log">
      <h3 id="delivery-log">${t.log}</h3>
      <div class="actions">
        <label for="log-status">${t.filter}</label>
        <select
          id="log-status"
          @change=${(ev: Event) => {
            this.statusFilter = (ev.target as HTMLSelectElement).value as DeliveryStatus | '';
            void this.loadLog();
          }}
        >
          <option value="">${t.allDeliveries}</option>
          ${webhookDeliveryStatuses.map((s) => html`<option value=${s} ?selected=${s === this.statusFilter}>${t[`status_${s}`]}</option>`)}
        </select>
        <button type="button" @click=${() => void this.loadLog()}>${t.refresh}</button>
      </div>
      ${this.logError ? html`<p class="notice error" role="alert">${errorText(this.logError, this.locale)}</p>` : nothing}
      ${this.deliveries === null
        ? html`<p role="status">${commonTexts(this.locale).loading}</p>`
        : this.deliveries.length === 0
          ? html`<p>${t.noDeliveries}</p>`
          : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.log}>
              <table class="deliveries">
                <thead>
                  <tr>
                    <th scope="col">${t.event}</th>
                    <th scope="col">${t.status}</th>
                    <th scope="col" class="number">${t.attempts}</th>
                    <th scope="col">${t.lastAttempt}</th>
                    <th scope="col">${t.answer}</th>
                    <th scope="col"><span class="visually-hidden">${t.actionsColumn}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.deliveries.map(
                    (d) => html`<tr data-event=${d.eventType}>
                      <td><code>${d.eventType}</code><div class="hint">${eventLabel(d.eventType, this.locale)} · ${when(d.createdAt)}</div></td>
                      <td>
                        <span class="badge status-${d.status}">${t[`status_${d.status}`]}</span>
                        ${d.nextAttemptAt && d.status === 'pending' ? html`<div class="hint">${t.nextAttempt(when(d.nextAttemptAt))}</div>` : nothing}
                      </td>
                      <td class="number">${d.attempts}</td>
                      <td>${when(d.lastAttemptAt)}${d.lastDurationMs !== null ? html` <span class="hint">(${d.lastDurationMs} ms)</span>` : nothing}</td>
                      <td>
                        ${d.lastResponseStatus !== null ? html`HTTP ${d.lastResponseStatus}` : d.lastAttemptAt ? t.noAnswer : '—'}
                        ${d.lastError ? html`<div class="excerpt">${d.lastError}</div>` : nothing}
                      </td>
                      <td>
                        ${d.status === 'delivered' || d.status === 'failed'
                          ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.redeliver(d)}>${t.redeliver(d.eventType)}</button>`
                          : nothing}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    </div>`;
  }
}
if (!customElements.get('tk-webhook-endpoint')) customElements.define('tk-webhook-endpoint', WebhookEndpointDetail);
