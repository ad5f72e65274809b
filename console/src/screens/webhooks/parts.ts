import { css, html, nothing } from 'lit';
import { webhookEventTypes } from '../../../../contract/vocabulary.js';
import { ConsoleApiError } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { fieldError } from '../../ui/errors.js';
import { webhookTexts } from './texts.js';

export type WebhookEventType = (typeof webhookEventTypes)[number];
export { webhookEventTypes };

/** A sentence for an event type (order.paid → "An order was paid…"). */
export function eventLabel(type: string, locale: ConsoleLocale): string {
  const t = webhookTexts(locale);
  const key = `event_${type.replace(/\./g, '_')}` as keyof typeof t;
  const text = t[key];
  return typeof text === 'string' ? text : type;
}

/** The events checkboxes of the create and edit forms (all ticked: every event). */
export function eventsFieldset(prefix: string, chosen: readonly string[], locale: ConsoleLocale, error?: string) {
  const t = webhookTexts(locale);
  return html`<fieldset aria-describedby=${error ? `${prefix}-events-error` : nothing}>
    <legend>${t.events}</legend>
    <ul class="event-types">
      ${webhookEventTypes.map(
        (type) => html`<li>
          <input type="checkbox" id="${prefix}-event-${type}" name="event" value=${type} .checked=${chosen.includes(type)} />
          <label for="${prefix}-event-${type}"><code>${type}</code> <span class="hint">${eventLabel(type, locale)}</span></label>
        </li>`,
      )}
    </ul>
    ${error ? html`<div class="field-error" id="${prefix}-events-error">${error}</div>` : nothing}
  </fieldset>`;
}

export function chosenEvents(form: HTMLFormElement): WebhookEventType[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[name="event"]:checked')].map((input) => input.value as WebhookEventType);
}

/** The refusal of the URL, next to its field: the schema's message or the service's rule (private host, https). */
export function urlError(error: unknown, locale: ConsoleLocale): string | undefined {
  const t = webhookTexts(locale);
  if (error instanceof ConsoleApiError && error.code === 'webhook_url_private') return t.urlPrivate;
  if (error instanceof ConsoleApiError && error.code === 'webhook_url_not_https') return t.urlNotHttps;
  return fieldError(error, 'url');
}

export const webhookStyles = css`
  ul.event-types {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.event-types li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 44px;
  }
  ul.event-types label {
    margin: 0;
    font-weight: 500;
  }
  .secret {
    border: 2px solid var(--tk-accent);
    border-radius: 8px;
    padding: 1rem;
    margin: 0 0 1rem;
    background: #eef2fd;
  }
  .secret h3 {
    margin: 0 0 0.5rem;
    font-size: 1.1rem;
  }
  .secret code {
    display: block;
    font-size: 1rem;
    padding: 0.5rem;
    background: #fff;
    border: 1px solid var(--tk-border);
    border-radius: 6px;
    overflow-wrap: anywhere;
    margin: 0.5rem 0;
    user-select: all;
  }
  .url {
    overflow-wrap: anywhere;
  }
  button.link {
    background: none;
    border: 0;
    padding: 0;
    color: var(--tk-accent);
    text-decoration: underline;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .status-delivered {
    background: #e7f4ea;
    color: #134a24;
  }
  .status-failed {
    background: #fdecea;
    color: #7a1a14;
  }
  .status-pending,
  .status-sending {
    background: #fff3c4;
  }
  .confirm {
    border: 2px solid var(--tk-danger);
    border-radius: 8px;
    padding: 0.75rem 1rem;
    margin: 0.5rem 0 1rem;
  }
  .excerpt {
    font-family: ui-monospace, monospace;
    font-size: 0.85rem;
    overflow-wrap: anywhere;
  }
`;
