import type { Answer } from '../../api/client.js';
import type { ConsoleSession } from '../../session.js';

type AdminEvent = Answer<'getAdminEvent'>;
export type DeskTariff = AdminEvent['tariffs'][number];

/** A performance the desk may sell: its event's title, its date, and the event's active tariffs (hidden ones too). */
export interface DeskPerformance {
  id: string;
  eventId: string;
  eventTitle: string;
  startsAt: string;
  planId: string | null;
  tariffs: DeskTariff[];
}

/** The desk sells until two hours after the start (the API's rule): later ones are no longer offered. */
const SELLABLE_AFTER_START_MS = 2 * 3_600_000;

/**
 * The performances the desk may sell now, soonest first: published events, not cancelled, not
 * started more than two hours ago. One call per event: a shop has tens of events, not thousands.
 */
export async function loadDeskPerformances(session: ConsoleSession, now = Date.now()): Promise<DeskPerformance[]> {
  const { events } = await session.api.call('listAdminEvents');
  const details = await Promise.all(events.filter((e) => e.status === 'published').map((e) => session.api.call('getAdminEvent', { params: { id: e.id } })));
  return details
    .flatMap((event) =>
      event.performances
        .filter((p) => p.status !== 'cancelled' && Date.parse(p.startsAt) + SELLABLE_AFTER_START_MS > now)
        .map((p) => ({
          id: p.id,
          eventId: event.id,
          eventTitle: event.title,
          startsAt: p.startsAt,
          planId: p.planId,
          tariffs: event.tariffs.filter((t) => t.active).sort((a, b) => a.sortOrder - b.sortOrder),
        })),
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Performances whose event title contains every word typed (accents and case ignored). */
export function searchPerformances(performances: readonly DeskPerformance[], text: string): DeskPerformance[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...performances];
  return performances.filter((p) => {
    const title = fold(p.eventTitle);
    return words.every((w) => title.includes(w));
  });
}

/** The YYYY-MM-DD of an instant in a time zone (the shop's business day). */
export function dayIn(timeZone: string, at: Date | string = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(typeof at === 'string' ? new Date(at) : at);
}
