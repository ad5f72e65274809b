import type { ConsoleSession } from '../../session.js';

/** A performance as the order screens name it: its event's title and its date. */
export interface PerformanceName {
  id: string;
  eventId: string;
  eventTitle: string;
  startsAt: string;
}

/**
 * Every performance of the shop, soonest first, for the search's filter and to name an order's
 * performance in a list. One call per event: a shop has tens of events, not thousands.
 */
export async function loadPerformanceNames(session: ConsoleSession): Promise<PerformanceName[]> {
  const { events } = await session.api.call('listAdminEvents');
  const details = await Promise.all(events.map((event) => session.api.call('getAdminEvent', { params: { id: event.id } })));
  return details
    .flatMap((event) => event.performances.map((p) => ({ id: p.id, eventId: event.id, eventTitle: event.title, startsAt: p.startsAt })))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
