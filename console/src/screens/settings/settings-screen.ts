import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { fieldStyles } from '../../ui/fields.js';
import { Loadable } from '../../ui/loadable.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import './event-rules.js';
import { type Section, type SectionContext, type SectionKey, type ShopSettings, shopSections } from './shop-sections.js';
import { settingsTexts } from './texts.js';

type SectionState = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'refused'; error: unknown; local?: Record<string, string> };

/**
 * The shop's settings, one form per section: each saves only its own fields (a PATCH of
 * them), so a refusal in one section never loses what was typed in another. The API's
 * refusal is shown next to its field when it names one, otherwise in the section's notice.
 * Roles that may not change them read them (the inputs are disabled, no save button).
 */
export class SettingsScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    fieldStyles,
    css`
      section.card > h2 {
        margin-top: 0;
      }
      .origin-list {
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      .origin-list li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        padding: 0.25rem 0;
        border-bottom: 1px solid #e3e6ea;
      }
      .origin-list code {
        flex: 1;
        overflow-wrap: anywhere;
      }
      .add-origin {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem;
      }
      .add-origin .field {
        margin-bottom: 0;
        flex: 1 1 16rem;
      }
      .add-origin input {
        width: 100%;
      }
      .label {
        font-weight: 600;
      }
      dl.facts {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.5rem 1rem;
        margin: 0 0 1rem;
      }
  @media (min-width: 700px) {
    dl.facts {
      grid-template-columns: minmax(8rem, 16rem) minmax(0, 1fr);
    }
  }
      dl.facts dt {
        font-weight: 600;
      }
      dl.facts dd {
        margin: 0;
      }
      dd.problem {
        color: var(--tk-danger);
      }
      .badge.test {
        background: #fff3c4;
      }
      dd .badge {
        white-space: normal;
      }
      .badge.live {
        background: #e7f4ea;
        color: #134a24;
      }
    `,
  ];

  private readonly settings = new Loadable<ShopSettings>(this, async () => {
    const settings = await this.session.api.call('getShopSettings');
    this.origins = [...settings.allowedOrigins];
    return settings;
  });
  @state() private sectionStates: Partial<Record<SectionKey, SectionState>> = {};
  @state() private origins: string[] = [];

  private get readOnly() {
    return !this.session.may('updateShopSettings');
  }

  private context(section: SectionKey, settings: ShopSettings): SectionContext {
    const current = this.sectionStates[section];
    return {
      settings,
      locale: this.locale,
      readOnly: this.readOnly,
      error: (path) => (current?.phase === 'refused' ? (current.local?.[path] ?? fieldError(current.error, path)) : undefined),
      origins: this.origins,
      addOrigin: (origin) => {
        if (!this.origins.includes(origin)) this.origins = [...this.origins, origin];
      },
      removeOrigin: (index) => {
        this.origins = this.origins.filter((_, i) => i !== index);
      },
    };
  }

  private async save(event: SubmitEvent, section: Section, settings: ShopSettings) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const collected = section.collect(form, this.context(section.key, settings));
    if ('errors' in collected) {
      this.sectionStates = { ...this.sectionStates, [section.key]: { phase: 'refused', error: null, local: collected.errors } };
      await this.focusFirstInvalid(form);
      return;
    }
    this.sectionStates = { ...this.sectionStates, [section.key]: { phase: 'saving' } };
    try {
      const updated = await this.session.api.call('updateShopSettings', { body: collected.patch });
      this.settings.state = { status: 'ready', value: updated };
      if (section.key === 'embedding') this.origins = [...updated.allowedOrigins];
      // Every screen formats with the shop's facts of the session: they follow the change at once,
      // and the frame shows the new name in its header when told.
      const { name, locales, defaultLocale, timeZone, boxOfficeRefundLimit } = updated;
      Object.assign(this.session.me.shop, { name, locales, defaultLocale, timeZone, boxOfficeRefundLimit });
      this.dispatchEvent(new CustomEvent('shop-changed', { bubbles: true, composed: true }));
      this.sectionStates = { ...this.sectionStates, [section.key]: { phase: 'saved' } };
    } catch (error) {
      this.sectionStates = { ...this.sectionStates, [section.key]: { phase: 'refused', error } };
      await this.focusFirstInvalid(form);
    }
  }

  /** After a refusal the first field it names takes the focus; without one, the notice is announced (role=alert). */
  private async focusFirstInvalid(form: HTMLFormElement) {
    await this.updateComplete;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const t = settingsTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      ${this.settings.render(this.locale, (settings) => html`
        ${this.readOnly ? html`<p class="notice">${t.readOnly}</p>` : nothing}
        ${shopSections(this.locale).map((section) => this.section(section, settings))}
        <tk-settings-event-rules .session=${this.session}></tk-settings-event-rules>
      `)}`;
  }

  private section(section: Section, settings: ShopSettings) {
    const t = settingsTexts(this.locale);
    const c = commonTexts(this.locale);
    const current = this.sectionStates[section.key] ?? { phase: 'idle' };
    const ctx = this.context(section.key, settings);
    const headingId = `section-${section.key}`;
    return html`<section class="card" aria-labelledby=${headingId}>
      <h2 id=${headingId}>${section.title}</h2>
      <form id="form-${section.key}" @submit=${(e: SubmitEvent) => this.save(e, section, settings)}>
        ${section.fields(ctx)}
        ${current.phase === 'refused' && current.error !== null
          ? html`<div class="notice error" role="alert">${errorText(current.error, this.locale)}</div>`
          : nothing}
        ${current.phase === 'saved' ? html`<div class="notice success" role="status">${t.savedSection(section.title)}</div>` : nothing}
        ${this.readOnly
          ? nothing
          : html`<div class="actions">
              <button class="primary" type="submit" ?disabled=${current.phase === 'saving'}>${current.phase === 'saving' ? c.saving : t.saveSection(section.title)}</button>
            </div>`}
      </form>
    </section>`;
  }
}

defineScreen('tk-settings-screen', SettingsScreen);
