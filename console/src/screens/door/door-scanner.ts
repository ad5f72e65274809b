import { type ConsoleApi, ConsoleApiError } from '../../api/client.js';
import { decideOffline, findTicket, type PerformanceFacts, type Scanned, type TicketFacts, type Verdict } from './door-decision.js';
import { mergeTickets } from './door-list.js';
import { doorStore, type QueuedAdmission, type StoredList, type SyncReport } from './door-store.js';
import { signatureValid } from './ticket-code.js';

const REFRESH_MS = 30_000;
const RETRY_MS = 10_000;
const SYNC_CHUNK = 500;
/**
 * A door cannot wait for a network that hangs: after this long the list decides. Should the late
 * request still admit the ticket, its queued twin is reported after the sync as a duplicate of
 * this same device a few seconds apart, which staff recognise.
 */
const ANSWER_WITHIN_MS = 8_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConsoleApiError(0, 'network_error', 'The server did not answer in time.')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

export interface ScannerState {
  /** The list made ready for offline of the chosen performance, or null. */
  list: StoredList | null;
  /** false after a request failed for want of network, until one gets through again. */
  online: boolean;
  /** Admissions made offline that the server has not recorded yet. */
  waiting: number;
  reports: SyncReport[];
  /** Whether the last list refresh or sync worked: staff see when the device last reached the server. */
  syncing: boolean;
}

const networkGone = (error: unknown) => error instanceof ConsoleApiError && error.status === 0;

/**
 * The door scanner's logic, apart from its screen: the door list kept ready in IndexedDB (delta
 * refresh every 30 s), each scan decided by the server when it is reachable and by the local list
 * when it is not, offline admissions queued and synced in chunks when the network is back.
 */
export class DoorScanner {
  state: ScannerState = { list: null, online: navigator.onLine, waiting: 0, reports: [], syncing: false };
  private refreshTimer: ReturnType<typeof setInterval> | null = null;
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private syncRun: Promise<void> | null = null;
  private readonly onOnline = () => {
    this.set({ online: true });
    void this.sync().then(() => this.refresh());
  };
  private readonly onOffline = () => this.set({ online: false });

  constructor(
    private readonly api: ConsoleApi,
    private readonly deviceId: string,
    private readonly changed: (state: ScannerState) => void,
    /** Performances the device knows by name (today's), to say which one a wrong ticket is for offline. */
    private readonly performances: () => ReadonlyMap<string, PerformanceFacts>,
  ) {}

  async start(performanceId: string) {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    const [list, queued, reports] = await Promise.all([doorStore.list(performanceId), doorStore.queued(), doorStore.reports()]);
    this.set({ list: list ?? null, waiting: queued.length, reports: reports.filter((r) => r.performanceId === performanceId) });
    this.refreshTimer = setInterval(() => void this.refresh(), REFRESH_MS);
    // Offline scans wait in the queue: tried again now and then, not only on the browser's online event (which a dead Wi-Fi never fires).
    this.retryTimer = setInterval(() => {
      if (this.state.waiting > 0) void this.sync();
    }, RETRY_MS);
    if (list) void this.refresh();
    if (queued.length) void this.sync();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.refreshTimer = this.retryTimer = null;
  }

  private set(patch: Partial<ScannerState>) {
    this.state = { ...this.state, ...patch };
    this.changed(this.state);
  }

  /** "Ready for offline": the whole list of the performance and the shop's key, kept on the device. */
  async prepare(performanceId: string): Promise<void> {
    const answer = await this.api.call('getDoorList', { params: { performanceId } });
    const previous = await doorStore.list(performanceId);
    const list: StoredList = {
      performanceId,
      shopId: answer.shopId,
      performance: answer.performance,
      publicKey: answer.publicKey,
      version: answer.version,
      refreshedAt: new Date().toISOString(),
      tickets: mergeTickets(previous?.tickets ?? [], answer.tickets, true),
    };
    await doorStore.saveList(list);
    this.set({ list, online: true });
  }

  /** The changes since the list's version; the list stays as it was when the network is gone. */
  async refresh(): Promise<void> {
    const list = this.state.list;
    if (!list || navigator.onLine === false) return;
    try {
      const answer = await this.api.call('getDoorList', { params: { performanceId: list.performanceId }, query: { since: String(list.version) } });
      const current = (await doorStore.list(list.performanceId)) ?? list;
      const next: StoredList = {
        ...current,
        publicKey: answer.publicKey,
        performance: answer.performance,
        version: answer.version,
        refreshedAt: new Date().toISOString(),
        tickets: mergeTickets(current.tickets, answer.tickets, answer.full),
      };
      await doorStore.saveList(next);
      if (this.state.list?.performanceId === next.performanceId) this.set({ list: next, online: true });
    } catch (error) {
      if (networkGone(error)) this.set({ online: false });
    }
  }

  /** One scan: refused on the device when its signature is wrong, else the server's answer, else the local list's. */
  async scan(scanned: Scanned, performanceId: string, door: string | null): Promise<Verdict & { offline: boolean }> {
    const list = this.state.list?.performanceId === performanceId ? this.state.list : null;
    let valid = false;
    if (!scanned.typed && scanned.code.kind === 'damaged') return { kind: 'forged', offline: false };
    if (!scanned.typed && scanned.code.kind === 'signed' && list) {
      if (scanned.code.shopId !== list.shopId) return { kind: 'other_shop', offline: false };
      valid = await signatureValid(scanned.code, list.publicKey);
      if (!valid) return { kind: 'forged', offline: false };
    }
    const scannedAt = new Date().toISOString();
    if (navigator.onLine !== false) {
      try {
        const what = scanned.typed ? { ticketNumber: scanned.ticketNumber } : { code: scannedText(scanned) };
        const answer = await within(this.api.call('checkIn', { body: { ...what, performanceId, deviceId: this.deviceId, ...(door ? { door } : {}) } }), ANSWER_WITHIN_MS);
        if (!this.state.online) this.set({ online: true });
        await this.remember(list, scanned, answer.ticket.number, scannedAt, door);
        return { kind: 'admitted', ticket: { number: answer.ticket.number, tariffName: answer.ticket.tariffName, seatLabel: answer.ticket.seatLabel }, offline: false };
      } catch (error) {
        if (!networkGone(error)) return { ...serverVerdict(error), offline: false };
        this.set({ online: false });
      }
    } else if (this.state.online) this.set({ online: false });
    if (!list) return { kind: 'not_ready', offline: true };
    const verdict = decideOffline(list, scanned, valid, this.performances(), this.deviceId);
    if (verdict.kind === 'admitted') {
      await doorStore.enqueue({
        performanceId,
        deviceId: this.deviceId,
        door,
        ...(scanned.typed ? { ticketNumber: scanned.ticketNumber } : { code: scannedText(scanned) }),
        scannedAt,
      });
      await this.remember(list, scanned, verdict.ticket.number, scannedAt, door);
      this.set({ waiting: this.state.waiting + 1 });
    }
    return { ...verdict, offline: true };
  }

  /** The local list learns this device's admission at once (the next refresh would, minutes later). */
  private async remember(list: StoredList | null, scanned: Scanned, ticketNumber: string, at: string, door: string | null) {
    if (!list) return;
    const current = (await doorStore.list(list.performanceId).catch(() => undefined)) ?? list;
    const ticket = findTicket(current, scanned) ?? current.tickets.find((t) => t.number === ticketNumber);
    if (!ticket) return;
    const next = { ...current, tickets: current.tickets.map((t) => (t === ticket ? { ...t, admittedAt: at, admittedAtDoor: door } : t)) };
    // Kept in memory even if the device's storage refuses it: the answer already given stands, the next refresh brings it back.
    await doorStore.saveList(next).catch(() => undefined);
    if (this.state.list?.performanceId === next.performanceId) this.set({ list: next });
  }

  /** Sends the queue (500 a request), drops what the server recorded, keeps the rest for the next try. */
  sync(): Promise<void> {
    this.syncRun ??= this.syncQueue().finally(() => {
      this.syncRun = null;
    });
    return this.syncRun;
  }

  private async syncQueue() {
    const queued = await doorStore.queued();
    if (!queued.length) return;
    this.set({ syncing: true });
    try {
      // A request names one device and one door: group the queue by them (the door may have been renamed in between).
      const groups = new Map<string, QueuedAdmission[]>();
      for (const item of queued) {
        const key = `${item.deviceId}\n${item.door ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), item]);
      }
      for (const items of groups.values()) {
        for (let i = 0; i < items.length; i += SYNC_CHUNK) {
          const chunk = items.slice(i, i + SYNC_CHUNK);
          const { deviceId, door } = chunk[0]!;
          const answer = await this.api.call('syncAdmissions', {
            body: {
              deviceId,
              ...(door ? { door } : {}),
              admissions: chunk.map((a) => ({ ...(a.code !== undefined ? { code: a.code } : { ticketNumber: a.ticketNumber! }), scannedAt: a.scannedAt })),
            },
          });
          const reports: SyncReport[] = [];
          for (const result of answer.results) {
            const item = chunk[result.index];
            if (!item || (result.outcome !== 'duplicate' && result.outcome !== 'cancelled' && result.outcome !== 'exchanged')) continue;
            reports.push({
              performanceId: item.performanceId,
              outcome: result.outcome,
              ticketNumber: result.ticketNumber,
              first: result.firstAdmission ?? null,
              here: { door: item.door, scannedAt: item.scannedAt },
            });
          }
          // Every outcome is final (recorded, or refused for good): none is sent again.
          await doorStore.addReports(reports);
          await doorStore.dequeue(chunk.map((a) => a.id!));
          const performanceId = this.state.list?.performanceId;
          this.set({
            online: true,
            waiting: Math.max(0, this.state.waiting - chunk.length),
            reports: [...this.state.reports, ...reports.filter((r) => r.performanceId === performanceId)],
          });
        }
      }
    } catch (error) {
      if (networkGone(error)) this.set({ online: false });
    } finally {
      this.set({ syncing: false, waiting: (await doorStore.queued()).length });
    }
  }

  async clearReports() {
    await doorStore.clearReports();
    this.set({ reports: [] });
  }
}

/** The text read, as the server wants it (a damaged code never gets this far). */
function scannedText(scanned: Extract<Scanned, { typed: false }>): string {
  return scanned.code.kind === 'damaged' ? '' : scanned.code.text;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function ticketOf(details: Record<string, unknown>): TicketFacts | null {
  const number = text(details.ticketNumber);
  return number ? { number, tariffName: text(details.tariffName) ?? '', seatLabel: text(details.seatLabel) } : null;
}

/** The server's refusal as the door shows it (the details say when, where, which ticket or performance). */
export function serverVerdict(error: unknown): Verdict {
  if (!(error instanceof ConsoleApiError)) return { kind: 'error', message: String(error) };
  const d = error.details;
  switch (error.code) {
    case 'ticket_already_admitted':
      return { kind: 'already', ticket: ticketOf(d), admittedAt: text(d.admittedAt) ?? new Date().toISOString(), door: text(d.door), deviceId: text(d.deviceId) };
    case 'ticket_cancelled':
      return { kind: 'cancelled', ticket: ticketOf(d) };
    case 'ticket_exchanged':
      return { kind: 'exchanged', ticket: ticketOf(d), replacedBy: text(d.replacedBy) };
    case 'ticket_wrong_performance': {
      const eventTitle = text(d.eventTitle);
      const startsAt = text(d.startsAt);
      return { kind: 'wrong_performance', ticket: ticketOf(d), performance: eventTitle && startsAt ? { eventTitle, startsAt } : null };
    }
    case 'ticket_forged':
      return { kind: 'forged' };
    case 'ticket_unknown':
    case 'ticket_unreadable':
      return { kind: 'unknown' };
    case 'ticket_other_shop':
      return { kind: 'other_shop' };
    default:
      return { kind: 'error', message: error.message };
  }
}
