import type { Answer } from '../../api/client.js';
import type { ConsoleSession } from '../../session.js';

export type EventDetail = Answer<'getAdminEvent'>;

/** The shop's events with their performances and tariffs, to scope codes and pass products. One call per event. */
export async function loadEvents(session: ConsoleSession): Promise<EventDetail[]> {
  const { events } = await session.api.call('listAdminEvents');
  return Promise.all(events.map((event) => session.api.call('getAdminEvent', { params: { id: event.id } })));
}
