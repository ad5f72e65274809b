import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { errorText } from '../../ui/errors.js';
import { formatDateTime } from '../../ui/format.js';
import { ConsoleScreen, defineScreen } from '../../ui/screen.js';
import type { PerformanceFacts, Verdict } from './door-decision.js';
import { DoorScanner, type ScannerState } from './door-scanner.js';
import { chosenPerformance, choosePerformance, deviceId, doorName, saveDoorName } from './door-settings.js';
import type { SyncReport } from './door-store.js';
import { signal } from './feedback.js';
import { type CameraProblem, QrCamera, RepeatFilter } from './qr-camera.js';
import { scanStyles } from './scan-screen.styles.js';
import { doorTexts } from './texts.js';
import { ed25519Supported, readCode } from './ticket-code.js';

type PerformanceChoice = PerformanceFacts & { id: string; venueName: string };
type Answer = Verdict & { offline: boolean };

/** Today in the shop's time zone (YYYY-MM-DD), the day whose performances the door first offers. */
export function shopToday(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The door scanner (#/scan), a phone page: the performance and the door, "Ready for offline",
 * the camera with its scan frame, a field for a typed number (or a USB scanner), and one answer
 * that fills the screen until the next scan or a tap. Online, the server decides; without
 * network, the list kept on the device does, and the admissions wait in IndexedDB until they
 * are synced (DoorScanner).
 */
export class ScanScreen extends ConsoleScreen {
  static override styles = [...ConsoleScreen.styles, scanStyles];

  @state() private date = '';
  @state() private performances: PerformanceChoice[] = [];
  @state() private performanceId = chosenPerformance();
  @state() private door = doorName();
  @state() private scanner: ScannerState | null = null;
  @state() private preparing = false;
  @state() private prepareError: unknown = null;
  @state() private cameraOn = false;
  @state() private cameraProblem: CameraProblem | null = null;
  @state() private busy = false;
  @state() private answer: Answer | null = null;
  @state() private verifiesOffline = true;
  /** Whether the service worker serves this page, so that it opens again without network. */
  @state() private shellCached = Boolean(navigator.serviceWorker?.controller);
  private readonly onController = () => (this.shellCached = Boolean(navigator.serviceWorker?.controller));
  @query('#typed') private typedInput!: HTMLInputElement;
  @query('video') private video!: HTMLVideoElement;

  private readonly device = deviceId();
  private core: DoorScanner | null = null;
  private readonly camera = new QrCamera();
  private readonly repeats = new RepeatFilter();
  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.answer) this.dismiss();
  };

  override connectedCallback() {
    super.connectedCallback();
    this.date = shopToday(this.session.me.shop.timeZone);
    window.addEventListener('keydown', this.onKey);
    navigator.serviceWorker?.addEventListener('controllerchange', this.onController);
    void this.loadPerformances().then(() => this.useScanner());
    void ed25519Supported().then((supported) => (this.verifiesOffline = supported));
  }

  override disconnectedCallback() {
    window.removeEventListener('keydown', this.onKey);
    navigator.serviceWorker?.removeEventListener('controllerchange', this.onController);
    this.camera.stop();
    this.core?.stop();
    super.disconnectedCallback();
  }

  private async loadPerformances() {
    try {
      const { performances } = await this.session.api.call('getDoorOverview', { query: { date: this.date } });
      this.performances = performances.map((p) => ({ id: p.id, startsAt: p.startsAt, eventTitle: p.eventTitle, venueName: p.venueName }));
      if (!this.performances.some((p) => p.id === this.performanceId)) this.performanceId = this.performances[0]?.id ?? this.performanceId;
    } catch {
      // No network: the performance made ready before is still on the device (useScanner shows it).
      this.performances = [];
    }
  }

  /** A scanner for the chosen performance, with its list from the device. */
  private async useScanner() {
    this.core?.stop();
    this.core = null;
    this.scanner = null;
    if (!this.performanceId) return;
    choosePerformance(this.performanceId);
    const known = () => new Map(this.performances.map((p) => [p.id, p]));
    const core = new DoorScanner(this.session.api, this.device, (state) => this.core === core && (this.scanner = state), known);
    this.core = core;
    await core.start(this.performanceId);
    const list = core.state.list;
    if (list && !this.performances.some((p) => p.id === list.performanceId)) this.performances = [...this.performances, list.performance];
  }

  private async prepare() {
    if (!this.core || this.preparing) return;
    this.preparing = true;
    this.prepareError = null;
    try {
      await this.core.prepare(this.performanceId);
    } catch (error) {
      this.prepareError = error;
    } finally {
      this.preparing = false;
    }
  }

  private async toggleCamera() {
    if (this.cameraOn) {
      this.camera.stop();
      this.cameraOn = false;
      return;
    }
    this.cameraOn = true;
    this.cameraProblem = null;
    await this.updateComplete;
    const problem = await this.camera.start(this.video, (text) => this.sighted(text));
    if (problem) {
      this.cameraProblem = problem;
      this.cameraOn = false;
    }
  }

  /** A code the camera read: a new scan unless it is the same code still in sight, or a scan is under way. */
  private sighted(text: string) {
    if (this.busy || !this.repeats.accept(text, Date.now())) return;
    void this.check({ typed: false, code: readCode(text) });
  }

  private submitTyped(event: SubmitEvent) {
    event.preventDefault();
    const text = this.typedInput.value.trim();
    if (!text || this.busy) return;
    // A USB scanner types our whole code; staff type a ticket number (or an imported ticket's barcode).
    void this.check(text.startsWith('TS1.') ? { typed: false, code: readCode(text) } : { typed: true, ticketNumber: text }).then(() => {
      this.typedInput.value = '';
      this.typedInput.focus();
    });
  }

  private async check(scanned: Parameters<DoorScanner['scan']>[0]) {
    if (!this.core || this.busy) return;
    this.busy = true;
    try {
      const answer = await this.core.scan(scanned, this.performanceId, this.door.trim() || null);
      this.answer = answer;
      signal(answer.kind === 'admitted' ? 'admitted' : answer.kind === 'already' ? 'warning' : 'refused');
    } catch (error) {
      // The device's storage failed (full, or private browsing): said plainly, never taken for an admission.
      this.answer = { kind: 'error', message: errorText(error, this.locale), offline: false };
      signal('refused');
    } finally {
      this.busy = false;
    }
  }

  private dismiss() {
    this.answer = null;
    this.typedInput?.focus();
  }

  private when(iso: string) {
    return formatDateTime(iso, this.session.me.shop.timeZone, this.locale);
  }

  private performanceLabel(p: PerformanceFacts) {
    return `${p.eventTitle}, ${this.when(p.startsAt)}`;
  }

  override render() {
    const t = doorTexts(this.locale);
    const s = this.scanner;
    const online = s?.online ?? navigator.onLine;
    const current = this.performances.find((p) => p.id === this.performanceId) ?? (s?.list?.performanceId === this.performanceId ? s.list.performance : null);
    return html`<h1 tabindex="-1">${t.scanTitle}</h1>
      <div class="status-bar" role="status">
        <span class="badge ${online ? 'online' : 'offline'}">${online ? t.online : t.offline}</span>
        ${s ? html`<span>${s.waiting ? t.waiting(s.waiting) : t.allSent}</span>` : nothing}
      </div>
      ${!online ? html`<p class="hint">${t.offlineHint}</p>` : nothing}
      ${s?.waiting && online ? html`<p><button @click=${() => void this.core?.sync()} ?disabled=${s.syncing}>${t.sendNow}</button></p>` : nothing}
      ${current ? html`<p class="current">${this.performanceLabel(current)}${this.door.trim() ? html` · ${this.door.trim()}` : nothing}</p>` : nothing}
      <!-- Until a performance is chosen the setup comes first; then the camera does, as the door uses it. -->
      ${this.performanceId ? nothing : this.setup()}
      <h2>${t.camera}</h2>
      ${this.cameraOn ? html`<div class="camera"><video aria-label=${t.cameraLabel} muted playsinline></video><div class="frame"></div></div>` : nothing}
      ${this.cameraProblem ? html`<p class="notice error" role="alert">${this.cameraProblem === 'denied' ? t.cameraDenied : t.cameraUnavailable}</p>` : nothing}
      <p><button class=${this.cameraOn ? '' : 'primary'} @click=${() => void this.toggleCamera()} ?disabled=${!this.performanceId}>${this.cameraOn ? t.stopCamera : t.startCamera}</button></p>
      <div class="typed">
        <form @submit=${this.submitTyped}>
          <div class="field">
            <label for="typed">${t.typed}</label>
            <input id="typed" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" enterkeyhint="go" maxlength="1000" required aria-describedby="typed-hint" ?readonly=${this.busy} />
          </div>
          <button class="primary" type="submit" ?disabled=${this.busy || !this.performanceId}>${this.busy ? t.checking : t.check}</button>
        </form>
        <p class="hint" id="typed-hint">${t.typedHint}</p>
      </div>
      ${this.performanceId ? this.setup() : nothing} ${this.reports(s?.reports ?? [])}
      <p class="links"><a href="#/door">${t.overviewLink}</a></p>
      ${this.answerView()}`;
  }

  private setup() {
    const t = doorTexts(this.locale);
    const list = this.scanner?.list ?? null;
    return html`<section class="setup" aria-labelledby="setup-heading">
      <h2 id="setup-heading">${t.setup}</h2>
      <div class="field">
        <label for="date">${t.date}</label>
        <input
          id="date"
          type="date"
          .value=${this.date}
          @change=${async (e: Event) => {
            this.date = (e.target as HTMLInputElement).value || shopToday(this.session.me.shop.timeZone);
            await this.loadPerformances();
            await this.useScanner();
          }}
        />
      </div>
      <div class="field">
        <label for="performance">${t.performance}</label>
        ${this.performances.length
          ? html`<select
              id="performance"
              @change=${(e: Event) => {
                this.performanceId = (e.target as HTMLSelectElement).value;
                void this.useScanner();
              }}
            >
              ${this.performances.map((p) => html`<option value=${p.id} ?selected=${p.id === this.performanceId}>${this.performanceLabel(p)}</option>`)}
            </select>`
          : html`<p class="hint" id="performance">${t.noPerformances}</p>`}
      </div>
      <div class="field">
        <label for="door">${t.door}</label>
        <input
          id="door"
          type="text"
          maxlength="60"
          autocomplete="off"
          aria-describedby="door-hint"
          .value=${this.door}
          @input=${(e: Event) => {
            this.door = (e.target as HTMLInputElement).value;
            saveDoorName(this.door);
          }}
        />
        <div class="hint" id="door-hint">${t.doorHint} ${t.deviceHint(this.device)}</div>
      </div>
      <p class="actions">
        <button class="prepare" @click=${() => void this.prepare()} ?disabled=${this.preparing || !this.performanceId}>${this.preparing ? t.preparing : t.prepare}</button>
      </p>
      <p class="prepared" role="status">${list ? t.prepared(list.tickets.length, this.when(list.refreshedAt)) : t.notPrepared}</p>
      ${list ? html`<p class="hint shell">${this.shellCached ? t.shellCached : t.shellNotCached}</p>` : nothing}
      ${this.prepareError ? html`<p class="notice error" role="alert">${errorText(this.prepareError, this.locale)}</p>` : nothing}
      ${this.verifiesOffline ? nothing : html`<p class="notice error">${t.noOfflineSignatures}</p>`}
    </section>`;
  }

  private reports(reports: SyncReport[]) {
    if (!reports.length) return nothing;
    const t = doorTexts(this.locale);
    const line = (r: SyncReport) => {
      const ticket = r.ticketNumber ?? '?';
      const here = this.when(r.here.scannedAt);
      if (r.outcome === 'cancelled') return t.usedCancelled(ticket, here);
      if (r.outcome === 'exchanged') return t.usedExchanged(ticket, here);
      const first = r.first ? t.firstPlace(r.first.door ?? r.first.deviceId ?? t.unknownPlace, this.when(r.first.scannedAt)) : t.unknownPlace;
      return t.admittedTwice(ticket, first, here);
    };
    return html`<section aria-labelledby="reports-heading">
      <h2 id="reports-heading">${t.duplicatesTitle}</h2>
      <ul class="reports">
        ${reports.map((r) => html`<li>${line(r)}</li>`)}
      </ul>
      <button @click=${() => void this.core?.clearReports()}>${t.clearReports}</button>
    </section>`;
  }

  /** Both live regions stay in the page, so that each new answer is announced; the one in use covers the screen. */
  private answerView() {
    const t = doorTexts(this.locale);
    const a = this.answer;
    const admitted = a?.kind === 'admitted';
    const tone = !a ? 'idle' : admitted ? 'idle' : a.kind === 'already' ? 'already' : 'refused';
    const dismiss = html`<button class="dismiss" @click=${(e: Event) => (e.stopPropagation(), this.dismiss())}>${t.tapToDismiss}</button>`;
    return html`<div class="answer admitted ${admitted ? '' : 'idle'}" role="status" @click=${() => this.dismiss()}>
        ${a?.kind === 'admitted'
          ? html`<p class="verdict">${t.admitted}</p>
              <p class="tariff">${a.ticket.tariffName}</p>
              <p class="seat">${a.ticket.seatLabel ? t.seat(a.ticket.seatLabel) : t.generalAdmission}</p>
              <p>${t.ticketNumber(a.ticket.number)}</p>
              ${a.offline ? html`<p>${t.decidedOffline}</p>` : nothing} ${dismiss}`
          : nothing}
      </div>
      <div class="answer ${tone}" role="alert" @click=${() => this.dismiss()}>${a && !admitted ? html`${this.refusal(a)} ${dismiss}` : nothing}</div>`;
  }

  private refusal(a: Answer) {
    const t = doorTexts(this.locale);
    const ticket = 'ticket' in a && a.ticket ? html`<p>${t.ticketNumber(a.ticket.number)}${a.ticket.tariffName ? html` · ${a.ticket.tariffName}` : nothing}</p>` : nothing;
    const offline = a.offline && a.kind !== 'not_ready' ? html`<p>${t.decidedOffline}</p>` : nothing;
    switch (a.kind) {
      case 'already': {
        const where = a.deviceId === this.device ? (a.door ?? t.thisDevice) : (a.door ?? a.deviceId);
        return html`<p class="verdict">${t.already}</p>
          <p class="seat">${t.alreadyWhen(this.when(a.admittedAt))}</p>
          ${where ? html`<p class="seat">${t.alreadyWhere(where)}</p>` : nothing}
          <p>${t.doNotAdmit}</p>
          ${ticket} ${offline}`;
      }
      case 'cancelled':
        return html`<p class="verdict">${t.cancelled}</p>
          <p>${t.cancelledText}</p>
          ${ticket} ${offline}`;
      case 'exchanged':
        return html`<p class="verdict">${t.exchanged}</p>
          <p>${t.exchangedText}</p>
          ${a.replacedBy ? html`<p class="seat">${t.replacedBy(a.replacedBy)}</p>` : nothing} ${ticket} ${offline}`;
      case 'wrong_performance':
        return html`<p class="verdict">${t.wrongPerformance}</p>
          <p class="seat">${t.wrongPerformanceText(a.performance ? this.performanceLabel(a.performance) : t.anotherPerformance)}</p>
          ${ticket} ${offline}`;
      case 'forged':
        return html`<p class="verdict">${t.forged}</p>
          <p>${t.forgedText}</p>
          ${offline}`;
      case 'unknown':
        return html`<p class="verdict">${t.unknown}</p>
          <p>${t.unknownText}</p>
          ${offline}`;
      case 'other_shop':
        return html`<p class="verdict">${t.otherShop}</p>
          <p>${t.otherShopText}</p>`;
      case 'not_ready':
        return html`<p class="verdict">${t.notReady}</p>
          <p>${t.notReadyText}</p>`;
      case 'error':
        return html`<p class="verdict">${t.refused}</p>
          <p>${a.message}</p>`;
      case 'admitted':
        return nothing;
    }
  }
}
defineScreen('tk-scan-screen', ScanScreen);
