import { html, LitElement, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ConsoleApi } from '../../api/client.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { errorText } from '../../ui/errors.js';
import { consoleStyles } from '../../ui/styles.js';
import { defineScreen } from '../../ui/screen.js';
import { signInTexts } from './texts.js';
import { css } from 'lit';

/**
 * Sign-in by e-mail link: no password to store or to steal. The link's token arrives in the
 * hash (`#/sign-in?token=…`), is spent once for an HttpOnly session cookie, and is wiped from
 * the address bar and history at once. Fires `signed-in` when the cookie is set.
 */
export class SignInScreen extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      :host {
        max-width: 28rem;
        margin: 10vh auto 0;
        padding: 0 1rem;
      }
      input[type='email'] {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) api!: ConsoleApi;
  @property() locale: ConsoleLocale = 'en';
  /** A link's token, when the page was opened from the e-mail. */
  @property() token: string | null = null;
  @state() private phase: 'ask' | 'sending' | 'sent' | 'spending' = 'ask';
  @state() private problem = '';
  @state() private email = '';
  @query('h1') private heading!: HTMLElement;

  override willUpdate(changed: PropertyValues<this>) {
    // A link opened on a console already showing this screen changes the token, not the element.
    if (changed.has('token') && this.token) void this.spend(this.token);
  }

  override firstUpdated() {
    this.heading.focus();
  }

  private async spend(token: string) {
    this.phase = 'spending';
    // The token must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', `${location.pathname}${location.search}#/sign-in`);
    try {
      await this.api.call('startStaffSession', { body: { token } });
      this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true, composed: true }));
    } catch (error) {
      this.phase = 'ask';
      const t = signInTexts(this.locale);
      this.problem = (error as { code?: string }).code === 'sign_in_link_invalid' ? t.linkInvalid : errorText(error, this.locale);
    }
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('email') as HTMLInputElement;
    if (!input.checkValidity()) {
      this.problem = signInTexts(this.locale).emailInvalid;
      input.focus();
      return;
    }
    this.email = input.value.trim();
    this.phase = 'sending';
    this.problem = '';
    try {
      await this.api.call('requestSignInLink', { body: { email: this.email, locale: this.locale } });
      this.phase = 'sent';
    } catch (error) {
      this.phase = 'ask';
      this.problem = errorText(error, this.locale);
    }
  }

  override render() {
    const t = signInTexts(this.locale);
    return html`
      <h1 tabindex="-1">${t.title}</h1>
      ${this.problem ? html`<p class="notice error" role="alert">${this.problem}</p>` : null}
      ${this.phase === 'spending'
        ? html`<p role="status">${t.signingIn}</p>`
        : this.phase === 'sent'
          ? html`<p class="notice success" role="status">${t.sent(this.email)}</p>
              <button @click=${() => (this.phase = 'ask')}>${t.another}</button>`
          : html`<p>${t.intro}</p>
              <form @submit=${this.submit} novalidate>
                <div class="field">
                  <label for="email">${t.email}</label>
                  <input id="email" name="email" type="email" autocomplete="email" required .value=${this.email} aria-invalid=${this.problem ? 'true' : 'false'} />
                </div>
                <button class="primary" type="submit" ?disabled=${this.phase === 'sending'}>${this.phase === 'sending' ? t.sending : t.send}</button>
              </form>`}
    `;
  }
}
defineScreen('tk-sign-in-screen', SignInScreen);
