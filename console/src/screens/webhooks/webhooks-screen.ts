import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { checkboxField, fieldStyles, formChecked, formText, inputField } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import '../../ui/secret-once.js';
import './endpoint-detail.js';
import { chosenEvents, eventsFieldset, urlError, webhookEventTypes, webhookStyles } from './parts.js';
import { webhookTexts } from './texts.js';

export type WebhookEndpoint = Answer<'listWebhooks'>['webhooks'][number];

/**
 * The shop's webhook endpoints: the list, adding one (its signing secret shown once), and one
 * endpoint opened in place (`<tk-webhook-endpoint>`: change, test, secret, delete, delivery log).
 */
export class WebhooksScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, fieldStyles, webhookStyles];

  private readonly endpoints = new Loadable(this, async () => (await this.session.api.call('listWebhooks')).webhooks);
  @state() private openId: string | null = null;
  @state() private creating: { phase: 'idle' } | { phase: 'saving' } | { phase: 'refused'; error: unknown } = { phase: 'idle' };
  @state() private created: { url: string; secret: string } | null = null;
  @state() private notice = '';

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const events = chosenEvents(form);
    this.creating = { phase: 'saving' };
    this.created = null;
    this.notice = '';
    try {
      const endpoint = await this.session.api.call('createWebhook', {
        body: {
          url: formText(form, 'url'),
          description: formText(form, 'description'),
          enabled: formChecked(form, 'enabled'),
          // Every event ticked: none named, so events added later reach it too.
          ...(events.length === webhookEventTypes.length ? {} : { events }),
        },
      });
      this.created = { url: endpoint.url, secret: endpoint.secret };
      this.creating = { phase: 'idle' };
      form.reset();
      await this.endpoints.reload();
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('tk-secret-once')?.focus();
    } catch (error) {
      this.creating = { phase: 'refused', error };
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private async open(id: string | null) {
    this.openId = id;
    this.created = null;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>(id ? 'tk-webhook-endpoint' : 'h2#endpoints')?.focus();
  }

  override render() {
    const t = webhookTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      ${this.notice ? html`<p class="notice success" role="status">${this.notice}</p>` : nothing}
      ${this.endpoints.render(this.locale, (endpoints) => {
        const opened = endpoints.find((e) => e.id === this.openId);
        return opened
          ? html`<tk-webhook-endpoint
              tabindex="-1"
              .session=${this.session}
              .endpoint=${opened}
              @back=${() => void this.open(null)}
              @changed=${() => void this.endpoints.reload()}
              @removed=${async () => {
                this.notice = t.removed;
                await this.endpoints.reload();
                // Back to the list, the focus on its heading (the removed endpoint's buttons are gone).
                await this.open(null);
              }}
            ></tk-webhook-endpoint>`
          : html`${this.list(endpoints)} ${this.createForm()}`;
      })}`;
  }

  private list(endpoints: WebhookEndpoint[]) {
    const t = webhookTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    return html`<h2 id="endpoints" tabindex="-1">${t.endpoints}</h2>
      ${endpoints.length === 0
        ? html`<p>${t.noEndpoints}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.endpoints}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.url}</th>
                  <th scope="col">${t.events}</th>
                  <th scope="col">${t.state}</th>
                  <th scope="col">${t.created}</th>
                </tr>
              </thead>
              <tbody>
                ${endpoints.map(
                  (e) => html`<tr>
                    <td class="url">
                      <button type="button" class="link" aria-label=${t.open(e.url)} @click=${() => void this.open(e.id)}>${e.url}</button>
                      ${e.description ? html`<div class="hint">${e.description}</div>` : nothing}
                    </td>
                    <td>${e.events.length === webhookEventTypes.length ? t.allEvents : e.events.join(', ')}</td>
                    <td>
                      ${!e.enabled
                        ? html`<span class="badge status-failed">${t.stateDisabled}</span>`
                        : e.failingSince
                          ? html`<span class="badge status-pending">${t.stateFailing(formatDateTime(e.failingSince, zone, this.locale))}</span>`
                          : html`<span class="badge status-delivered">${t.stateEnabled}</span>`}
                    </td>
                    <td>${formatDateTime(e.createdAt, zone, this.locale)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
  }

  private createForm() {
    const t = webhookTexts(this.locale);
    const c = commonTexts(this.locale);
    const error = this.creating.phase === 'refused' ? this.creating.error : null;
    return html`<section class="card" aria-labelledby="add-endpoint">
      <h2 id="add-endpoint">${t.add}</h2>
      ${this.created
        ? html`<tk-secret-once
            tabindex="-1"
            .locale=${this.locale}
            .secret=${this.created.secret}
            .heading=${`${t.added} ${t.secretTitle}: ${this.created.url}`}
            .note=${t.secretOnce}
            .copyLabel=${t.copy}
          ></tk-secret-once>`
        : nothing}
      <form @submit=${this.create}>
        ${inputField({ id: 'url', label: t.url, type: 'url', required: true, maxlength: 2000, placeholder: 'https://example.com/webhooks', hint: t.urlHint, error: urlError(error, this.locale), size: 'wide' })}
        ${inputField({ id: 'description', label: t.description, maxlength: 500, hint: t.descriptionHint, error: fieldError(error, 'description'), size: 'wide' })}
        ${eventsFieldset('new', webhookEventTypes, this.locale, fieldError(error, 'events'))}
        ${checkboxField({ id: 'enabled', label: t.enabled, checked: true })}
        ${error ? html`<div class="notice error" role="alert">${errorText(error, this.locale)}</div>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.creating.phase === 'saving'}>${this.creating.phase === 'saving' ? t.adding : c.create}</button>
        </div>
      </form>
    </section>`;
  }
}
defineScreen('tk-webhooks-screen', WebhooksScreen);
