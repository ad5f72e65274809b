import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ConsoleApiError } from '../../api/client.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import { checkInTexts } from './texts.js';

type Ticket = { number: string; seatLabel: string | null; tariffName: string; performanceId: string };
/** The answer to one scan, as the door reads it. */
type Scan =
  | { kind: 'admitted'; ticket: Ticket }
  | { kind: 'already'; admittedAt: string }
  | { kind: 'refused'; code: string; message: string; replacedBy?: string };

type PerformanceChoice = { id: string; label: string; startsAt: string };

/** Performances from six hours ago on: the door checks tonight's, not last week's. */
const RECENT_MS = 6 * 3_600_000;

/**
 * The door: one big field a USB or Bluetooth barcode scanner types into (it ends with Enter),
 * and one big answer: admitted (green), already admitted (with when), or refused (why). The
 * answer is announced (status for admitted, alert otherwise), and the field is emptied and
 * focused again for the next ticket at once.
 */
export class CheckInScreen extends ConsoleScreen {
  static override styles = [
    ...ConsoleScreen.styles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
      }
      .code {
        flex: 1 1 20rem;
        margin: 0;
      }
      .code input {
        width: 100%;
        font-size: 1.5rem;
        min-height: 3.5rem;
        font-family: ui-monospace, monospace;
      }
      form button {
        min-height: 3.5rem;
        font-size: 1.25rem;
      }
      .answer {
        margin-top: 1.25rem;
        border-radius: 12px;
        padding: 1.25rem 1.5rem;
        border: 4px solid;
        font-size: 1.25rem;
      }
      .answer.idle {
        border: 0;
        padding: 0;
        margin: 0;
      }
      .answer .verdict {
        font-size: 2.5rem;
        font-weight: 800;
        line-height: 1.1;
        margin: 0 0 0.5rem;
        text-transform: uppercase;
      }
      .answer p {
        margin: 0.25rem 0;
      }
      .answer.admitted {
        background: #e3f5e8;
        border-color: #1d6b35;
        color: #0f3d1e;
      }
      .answer.already {
        background: #fff1d6;
        border-color: #a65c00;
        color: #4d2a00;
      }
      .answer.refused {
        background: #fde7e5;
        border-color: #b3261e;
        color: #5c120d;
      }
      .tariff {
        font-size: 1.75rem;
        font-weight: 700;
      }
      ol.recent {
        padding-inline-start: 1.25rem;
        color: var(--tk-muted);
      }
      .door-links {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
      }
      .door-links a {
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      .performance select {
        width: 100%;
        max-width: 40rem;
      }
    `,
  ];

  @state() private busy = false;
  @state() private scan: Scan | null = null;
  @state() private admittedCount = 0;
  @state() private recent: { at: string; text: string }[] = [];
  @state() private performances: PerformanceChoice[] = [];
  @state() private performanceId = '';
  @query('#code') private input!: HTMLInputElement;

  override connectedCallback() {
    super.connectedCallback();
    // The door role cannot read the catalogue: it checks tickets of any performance.
    if (this.session.may('listAdminEvents') && this.session.may('getAdminEvent')) void this.loadPerformances();
  }

  override firstUpdated() {
    // The frame focuses the heading; at the door the field is what is used first.
    requestAnimationFrame(() => this.input?.focus());
  }

  private async loadPerformances() {
    try {
      const { events } = await this.session.api.call('listAdminEvents');
      const details = await Promise.all(events.filter((e) => e.status === 'published').map((e) => this.session.api.call('getAdminEvent', { params: { id: e.id } })));
      const since = Date.now() - RECENT_MS;
      const { timeZone } = this.session.me.shop;
      this.performances = details
        .flatMap((event) =>
          event.performances
            .filter((p) => Date.parse(p.startsAt) >= since)
            .map((p) => ({ id: p.id, startsAt: p.startsAt, label: `${event.title}, ${formatDateTime(p.startsAt, timeZone, this.locale)}` })),
        )
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    } catch {
      // Without the list the door still checks tickets, for any performance.
      this.performances = [];
    }
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const code = this.input.value.trim();
    if (!code || this.busy) return;
    this.busy = true;
    try {
      const answer = await this.session.api.call('checkIn', { body: { code, ...(this.performanceId ? { performanceId: this.performanceId } : {}) } });
      this.scan = { kind: 'admitted', ticket: answer.ticket };
      this.admittedCount += 1;
    } catch (error) {
      this.scan = this.refusal(error);
    } finally {
      this.busy = false;
      this.input.value = '';
      this.remember();
      await this.updateComplete;
      this.input.focus();
    }
  }

  private refusal(error: unknown): Scan {
    if (error instanceof ConsoleApiError && error.code === 'ticket_already_admitted' && typeof error.details.admittedAt === 'string') {
      return { kind: 'already', admittedAt: error.details.admittedAt };
    }
    const t = checkInTexts(this.locale);
    const code = error instanceof ConsoleApiError ? error.code : 'network_error';
    const known = `reason_${code}` as keyof typeof t;
    const message = known in t && typeof t[known] === 'string' ? (t[known] as string) : errorText(error, this.locale);
    const replacedBy = error instanceof ConsoleApiError && typeof error.details.replacedBy === 'string' ? error.details.replacedBy : undefined;
    return { kind: 'refused', code, message, ...(replacedBy ? { replacedBy } : {}) };
  }

  private remember() {
    if (!this.scan) return;
    const t = checkInTexts(this.locale);
    const at = new Intl.DateTimeFormat(`${this.locale}-CH`, { timeStyle: 'medium', timeZone: this.session.me.shop.timeZone }).format(new Date());
    const text =
      this.scan.kind === 'admitted' ? t.line(t.admitted, t.ticketNumber(this.scan.ticket.number)) : this.scan.kind === 'already' ? t.alreadyAdmitted : t.line(t.refused, this.scan.message);
    this.recent = [{ at, text }, ...this.recent].slice(0, 8);
  }

  override render() {
    const t = checkInTexts(this.locale);
    const scan = this.scan;
    return html`<h1 tabindex="-1">${t.title}</h1>
      <p>${t.intro}</p>
      <p class="door-links">
        <a href="#/scan">${t.scannerLink}</a>
        ${this.session.may('getDoorOverview') ? html`<a href="#/door">${t.overviewLink}</a>` : nothing}
      </p>
      ${this.performances.length
        ? html`<div class="field performance">
            <label for="performance">${t.performance}</label>
            <select id="performance" aria-describedby="performance-hint" @change=${(e: Event) => (this.performanceId = (e.target as HTMLSelectElement).value)}>
              <option value="">${t.anyPerformance}</option>
              ${this.performances.map((p) => html`<option value=${p.id} ?selected=${p.id === this.performanceId}>${p.label}</option>`)}
            </select>
            <div class="hint" id="performance-hint">${t.performanceHint}</div>
          </div>`
        : nothing}
      <form @submit=${this.submit}>
        <div class="field code">
          <label for="code">${t.code}</label>
          <input id="code" name="code" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="go" maxlength="1000" required ?readonly=${this.busy} />
        </div>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t.checking : t.admit}</button>
      </form>
      <!-- Both live regions stay in the page, so that each new answer is announced. -->
      <div class="answer admitted ${scan?.kind === 'admitted' ? '' : 'idle'}" role="status">${scan?.kind === 'admitted' ? this.admittedView(scan.ticket) : nothing}</div>
      <div class="answer ${scan?.kind === 'already' ? 'already' : scan?.kind === 'refused' ? 'refused' : 'idle'}" role="alert">
        ${scan?.kind === 'already'
          ? html`<p class="verdict">${t.alreadyAdmitted}</p>
              <p>${t.admittedAt(formatDateTime(scan.admittedAt, this.session.me.shop.timeZone, this.locale))}</p>`
          : scan?.kind === 'refused'
            ? html`<p class="verdict">${t.refused}</p>
                <p>${scan.message}</p>
                ${scan.replacedBy ? html`<p>${t.replacedBy(scan.replacedBy)}</p>` : nothing}`
            : nothing}
      </div>
      <p>${t.count(this.admittedCount)}</p>
      <h2>${t.recent}</h2>
      ${this.recent.length
        ? html`<ol class="recent">
            ${this.recent.map((r) => html`<li><time>${r.at}</time> ${r.text}</li>`)}
          </ol>`
        : html`<p class="hint">${t.noScans}</p>`}`;
  }

  private admittedView(ticket: Ticket) {
    const t = checkInTexts(this.locale);
    return html`<p class="verdict">${t.admitted}</p>
      <p class="tariff">${ticket.tariffName}</p>
      <p>${ticket.seatLabel ? t.seat(ticket.seatLabel) : t.generalAdmission}</p>
      <p>${t.ticketNumber(ticket.number)}</p>`;
  }
}
defineScreen('tk-check-in-screen', CheckInScreen);
