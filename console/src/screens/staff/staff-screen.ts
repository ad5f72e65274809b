import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { type Answer, ConsoleApiError } from '../../api/client.js';
import { commonTexts } from '../../i18n/common.js';
import type { ConsoleLocale } from '../../i18n/texts.js';
import { errorText, fieldError } from '../../ui/errors.js';
import { fieldStyles, formText, inputField } from '../../ui/fields.js';
import { formatDateTime } from '../../ui/format.js';
import { Loadable } from '../../ui/loadable.js';
import { roleGlossary, roleName, roleOptions, roleStyles, type StaffRole } from '../../ui/roles.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { languageNames } from '../settings/texts.js';
import { staffTexts } from './texts.js';

type Member = Answer<'listStaff'>['staff'][number];
type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; error: unknown } | null;


/**
 * The shop's staff: invite someone with a role (the e-mail carries a sign-in link), change a
 * member's name or role, sign them out everywhere, revoke their access (after a confirmation).
 * The API keeps an owner (409 last_owner), which is said in words here.
 */
export class StaffScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, fieldStyles, roleStyles];

  private readonly members = new Loadable(this, async () => (await this.session.api.call('listStaff')).staff);
  @state() private inviting: { phase: 'idle' | 'sending' } | { phase: 'refused'; error: unknown } = { phase: 'idle' };
  @state() private invited: string | null = null;
  @state() private editingId: string | null = null;
  @state() private confirmingRevoke = false;
  @state() private outcome: Outcome = null;
  @state() private busy = false;
  @state() private editError: unknown = null;

  private async invite(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const t = staffTexts(this.locale);
    this.inviting = { phase: 'sending' };
    this.invited = null;
    try {
      const member = await this.session.api.call('inviteStaff', {
        body: { email: formText(form, 'email'), name: formText(form, 'name'), role: formText(form, 'role') as StaffRole, locale: formText(form, 'locale') as ConsoleLocale },
      });
      this.invited = t.invited(member.name, member.email);
      this.inviting = { phase: 'idle' };
      form.reset();
      await this.members.reload();
    } catch (error) {
      this.inviting = { phase: 'refused', error };
      await this.updateComplete;
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  private open(member: Member | null) {
    this.editingId = member?.id ?? null;
    this.confirmingRevoke = false;
    this.outcome = null;
    this.editError = null;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(member ? '#edit-panel h2' : 'h2#members')?.focus());
  }

  /** A refusal as staff read it: the last owner in words, others as the API says. */
  private refusal(error: unknown): string {
    if (error instanceof ConsoleApiError && error.code === 'last_owner') return staffTexts(this.locale).lastOwner;
    return errorText(error, this.locale);
  }

  private async save(event: SubmitEvent, member: Member) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = formText(form, 'edit-name');
    const role = formText(form, 'edit-role') as StaffRole;
    const patch = { ...(name !== member.name ? { name } : {}), ...(role !== member.role ? { role } : {}) };
    if (Object.keys(patch).length === 0) return this.open(null);
    this.busy = true;
    this.editError = null;
    try {
      const updated = await this.session.api.call('updateStaff', { params: { id: member.id }, body: patch });
      this.outcome = { kind: 'ok', message: staffTexts(this.locale).saved(updated.name) };
      await this.members.reload();
    } catch (error) {
      this.editError = error;
    } finally {
      this.busy = false;
    }
  }

  private async act(run: () => Promise<string>) {
    this.busy = true;
    this.outcome = null;
    try {
      this.outcome = { kind: 'ok', message: await run() };
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.busy = false;
      this.confirmingRevoke = false;
    }
  }

  /** The confirmation appears below; the focus goes to its answer. */
  private async askRevoke() {
    this.confirmingRevoke = true;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('.confirm button')?.focus();
  }

  private signOutEverywhere(member: Member) {
    return this.act(async () => {
      const { revoked } = await this.session.api.call('revokeStaffSessions', { params: { id: member.id } });
      return staffTexts(this.locale).signedOut(revoked);
    });
  }

  private revoke(member: Member) {
    return this.act(async () => {
      await this.session.api.call('revokeStaff', { params: { id: member.id } });
      await this.members.reload();
      return staffTexts(this.locale).revokedNotice(member.name);
    });
  }

  override render() {
    const t = staffTexts(this.locale);
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      ${this.members.render(this.locale, (members) => {
        const editing = members.find((m) => m.id === this.editingId && m.status === 'active');
        return html`${this.list(members)} ${editing ? this.editPanel(editing) : nothing}
          ${this.outcome?.kind === 'ok' && !editing ? html`<p class="notice success" role="status">${this.outcome.message}</p>` : nothing}
          ${this.inviteForm()}`;
      })}
      <section class="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">${t.roles}</h2>
        ${roleGlossary(this.locale, 'role-glossary')}
      </section>`;
  }

  private list(members: Member[]) {
    const t = staffTexts(this.locale);
    const c = commonTexts(this.locale);
    const zone = this.session.me.shop.timeZone;
    const me = this.session.me.actor;
    return html`<h2 id="members" tabindex="-1">${t.members}</h2>
      ${members.length === 0
        ? html`<p>${t.noMembers}</p>`
        : html`<div class="table-wrap" role="region" tabindex="0" aria-label=${t.members}>
            <table>
              <thead>
                <tr>
                  <th scope="col">${t.name}</th>
                  <th scope="col">${t.role}</th>
                  <th scope="col">${t.status}</th>
                  <th scope="col">${t.lastSignIn}</th>
                  <th scope="col"><span class="visually-hidden">${c.edit}</span></th>
                </tr>
              </thead>
              <tbody>
                ${members.map(
                  (m) => html`<tr data-email=${m.email}>
                    <td>${m.name} ${me.kind === 'staff' && me.id === m.id ? t.you : nothing}<div class="hint">${m.email}</div></td>
                    <td class="role">${roleName(m.role, this.locale)}</td>
                    <td class="status">
                      ${m.status === 'active' ? html`<span class="badge">${t.active}</span>` : html`<span class="badge">${t.revoked(m.revokedAt ? formatDateTime(m.revokedAt, zone, this.locale) : '')}</span>`}
                    </td>
                    <td>${m.lastSignInAt ? formatDateTime(m.lastSignInAt, zone, this.locale) : t.never}</td>
                    <td>${m.status === 'active' ? html`<button type="button" @click=${() => this.open(m)}>${t.manage(m.name)}</button>` : nothing}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`}`;
  }

  private editPanel(member: Member) {
    const t = staffTexts(this.locale);
    const c = commonTexts(this.locale);
    return html`<section class="card panel" id="edit-panel" aria-labelledby="edit-heading">
      <h2 id="edit-heading" tabindex="-1">${t.editing(member.name)}</h2>
      ${this.outcome?.kind === 'ok' ? html`<p class="notice success" role="status">${this.outcome.message}</p>` : nothing}
      ${this.outcome?.kind === 'error' ? html`<p class="notice error" role="alert">${this.refusal(this.outcome.error)}</p>` : nothing}
      <form @submit=${(e: SubmitEvent) => this.save(e, member)}>
        <div class="grid">
          ${inputField({ id: 'edit-name', label: t.name, value: member.name, required: true, maxlength: 120, error: fieldError(this.editError, 'name') })}
          <div class="field">
            <label for="edit-role">${t.role}</label>
            <select id="edit-role" name="edit-role" aria-describedby="role-glossary">
              ${roleOptions(this.locale, member.role)}
            </select>
          </div>
        </div>
        ${this.editError ? html`<p class="notice error" role="alert">${this.refusal(this.editError)}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${c.save}</button>
          <button type="button" @click=${() => this.open(null)}>${c.close}</button>
        </div>
      </form>
      <h3>${t.access}</h3>
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${() => void this.signOutEverywhere(member)}>${t.signOutEverywhere}</button>
        <button type="button" class="danger" ?disabled=${this.busy} aria-expanded=${this.confirmingRevoke ? 'true' : 'false'} @click=${() => void this.askRevoke()}>${t.revoke}</button>
      </div>
      ${this.confirmingRevoke
        ? html`<div class="confirm" role="group" aria-labelledby="revoke-question">
            <p id="revoke-question">${t.revokeConfirm(member.name)}</p>
            <div class="actions">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${() => void this.revoke(member)}>${t.revoke}</button>
              <button type="button" @click=${() => (this.confirmingRevoke = false)}>${c.cancel}</button>
            </div>
          </div>`
        : nothing}
    </section>`;
  }

  private inviteForm() {
    const t = staffTexts(this.locale);
    const error = this.inviting.phase === 'refused' ? this.inviting.error : null;
    const exists = error instanceof ConsoleApiError && error.code === 'staff_member_exists';
    const shop = this.session.me.shop;
    return html`<section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">${t.invite}</h2>
      ${this.invited ? html`<p class="notice success" role="status">${this.invited}</p>` : nothing}
      <form @submit=${this.invite}>
        <div class="grid">
          ${inputField({ id: 'email', label: t.email, type: 'email', required: true, autocomplete: 'off', error: exists ? t.exists : fieldError(error, 'email') })}
          ${inputField({ id: 'name', label: t.name, required: true, maxlength: 120, autocomplete: 'off', error: fieldError(error, 'name') })}
          <div class="field">
            <label for="role">${t.role}</label>
            <select id="role" name="role" aria-describedby="role-hint">
              ${roleOptions(this.locale, 'manager')}
            </select>
            <div class="hint" id="role-hint">${t.roleHint}</div>
          </div>
          <div class="field">
            <label for="locale">${t.language}</label>
            <select id="locale" name="locale">
              ${shop.locales.map((l) => html`<option value=${l} ?selected=${l === this.locale}>${languageNames[l]}</option>`)}
            </select>
          </div>
        </div>
        ${error && !exists ? html`<p class="notice error" role="alert">${errorText(error, this.locale)}</p>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.inviting.phase === 'sending'}>${this.inviting.phase === 'sending' ? t.sending : t.send}</button>
        </div>
      </form>
    </section>`;
  }
}
defineScreen('tk-staff-screen', StaffScreen);
