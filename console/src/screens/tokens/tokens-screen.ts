import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Answer } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { fieldStyles, formText, inputField } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { roleGlossary, roleName, roleOptions, roleStyles, type StaffRole } from '../../ui/roles.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import '../../ui/secret-once.js';
import { tokenTexts } from './texts.js';

type Token = Answer<'listTokens'>['tokens'][number];

/**
 * The shop's API tokens: create one with a name and a role (its secret shown once, with a
 * copy button), see who created each, revoke one after a confirmation in the page.
 */
export class TokensScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, fieldStyles, roleStyles];

  private readonly tokens = new Loadable(this, async () => (await this.session.api.call('listTokens')).tokens);
  @state() private creating: { phase: 'idle' | 'saving' } | { phase: 'refused'; error: unknown } = { phase: 'idle' };
  @state() private created: { label: string; token: string } | null = null;
  @state() private confirming: string | null = null;
  @state() private outcome: { kind: 'ok'; message: string } | { kind: 'error'; error: unknown } | null = null;
  @state() private busy = false;

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.creating = { phase: 'saving' };
    this.created = null;
    this.outcome = null;
    try {
      const token = await this.session.api.call('createToken', { body: { label: formText(form, 'label'), role: formText(form, 'role') as StaffRole } });
      this.created = { label: token.label, token: token.token };
      this.creating = { phase: 'idle' };
      form.reset();
      await this.tokens.reload();
    } catch (error) {
      this.creating = { phase: 'refused', error };
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  /** The confirmation appears under the list; the focus goes to its answer. */
  private async ask(id: string) {
    this.confirming = id;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.confirm button')?.focus();
  }

  private async revoke(token: Token) {
    this.busy = true;
    this.outcome = null;
    try {
      await this.session.api.call('revokeToken', { params: { tokenId: token.id } });
      this.outcome = { kind: 'ok', message: tokenTexts(this.locale).revoked(token.label) };
      this.confirming = null;
      await this.tokens.reload();
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>('h2#tokens')?.focus();
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = tokenTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      ${this.createForm()} ${this.tokens.render(this.locale, (tokens) => this.list(tokens))}
      <section class="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">${t.roles}</h2>
        ${roleGlossary(this.locale, 'role-glossary')}
      </section>`;
  }

  private createForm() {
    const t = tokenTexts(this.locale);
    const error = this.creating.phase === 'refused' ? this.creating.error : null;
    return html`<section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">${t.create}</h2>
      ${this.created
        ? html`<tk-secret-once .locale=${this.locale} .secret=${this.created.token} .heading=${t.created(this.created.label)} .note=${t.secretOnce} .copyLabel=${t.copy}></tk-secret-once>`
        : nothing}
      <form @submit=${this.create}>
        <div class="grid">
          ${inputField({ id: 'label', label: t.label, required: true, maxlength: 80, autocomplete: 'off', hint: t.labelHint, error: fieldError(error, 'label') })}
          <div class="field">
            <label for="role">${t.role}</label>
            <select id="role" name="role" aria-describedby="role-hint">
              ${roleOptions(this.locale, 'box_office')}
            </select>
            <div class="hint" id="role-hint">${t.roleHint}</div>
          </div>
        </div>
        ${error ? html`<p class="notice error" role="alert">${errorText(error, this.locale)}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.creating.phase === 'saving'}>${this.creating.phase === 'saving' ? t.creating : commonTexts(this.locale).create}</button>
        </div>
      </form>
    </section>`;
  }

  private list(tokens: Token[]) {
    const t = tokenTexts(this.locale);
    const c = commonTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    const me = this.session.me.actor;
    const confirming = tokens.find((token) => token.id === this.confirming);
    return html`<h2 id="tokens" tabindex="-1">${t.tokens}</h2>
      ${this.outcome?.kind === 'ok' ? html`<p class="notice success" role="status">${this.outcome.message}</p>` : nothing}
      ${this.outcome?.kind === 'error' ? html`<p class="notice error" role="alert">${errorText(this.outcome.error, this.locale)}</p>` : nothing}
      ${tokens.length === 0
        ? html`<p>${t.noTokens}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.tokens}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.label}</th>
                  <th scope="col">${t.role}</th>
                  <th scope="col">${t.createdBy}</th>
                  <th scope="col">${t.createdAt}</th>
                  <th scope="col"><span class="visually-hidden">${t.revokeButton}</span></th>
                </tr>
              </thead>
              <tbody>
                ${tokens.map(
                  (token) => html`<tr data-token=${token.id}>
                    <td>${token.label}${me.kind === 'token' && me.id === token.id ? html`<div class="hint">${t.current}</div>` : nothing}</td>
                    <td class="role">${roleName(token.role, this.locale)}</td>
                    <td>${token.createdBy ?? t.unknownCreator}</td>
                    <td>${formatDateTime(token.createdAt, zone, this.locale)}</td>
                    <td>
                      <button type="button" class="danger" aria-label=${t.revoke(token.label)} ?disabled=${this.busy} @click=${() => void this.ask(token.id)}>${t.revokeButton}</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}
      ${confirming
        ? html`<div class="confirm" role="group" aria-labelledby="revoke-question">
            <p id="revoke-question">${t.revokeConfirm(confirming.label)}</p>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${() => void this.revoke(confirming)}>${t.revokeButton}</button>
              <button type="button" @click=${() => (this.confirming = null)}>${c.cancel}</button>
            </div>
          </div>`
        : nothing}`;
  }
}
defineScreen('tk-tokens-screen', TokensScreen);
