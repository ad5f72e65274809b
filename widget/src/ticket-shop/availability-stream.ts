import { decodeSeatRanges, encodeSeatRanges } from '../../../contract/seat-ranges.js';
import type { Availability, AvailabilityChange } from '../api/types.js';

/**
 * The pushed side of the availability (loaded only when the API offers a stream): follows
 * …/availability/stream with an EventSource (no credentials; the page's CSP connect-src names
 * the API already) from the version the buyer has, applies each change to it and hands the
 * whole availability on, like a poll would. Ends (calls `onEnd`, the poller takes over) when the
 * stream is refused or closed for good, or a change does not follow the version it holds.
 * Dropped connections are resumed by the EventSource itself (Last-Event-ID).
 */
export function followAvailability(url: string, start: Availability, onAvailability: (availability: Availability) => void, onEnd: () => void): () => void {
  const source = new EventSource(url, { withCredentials: false });
  let current = start;
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    source.close();
    onEnd();
  };
  source.addEventListener('snapshot', (event) => {
    current = JSON.parse((event as MessageEvent<string>).data) as Availability;
    onAvailability(current);
  });
  source.addEventListener('change', (event) => {
    const change = JSON.parse((event as MessageEvent<string>).data) as AvailabilityChange;
    if (change.from !== current.version || change.seating !== current.seating) return end();
    current = applyChange(current, change);
    onAvailability(current);
  });
  source.onerror = () => {
    // CONNECTING: the EventSource retries by itself; CLOSED: refused (404 where nothing is pushed) or not an event stream.
    if (source.readyState === EventSource.CLOSED) end();
  };
  return () => {
    open = false;
    source.close();
  };
}

/** The availability after a change event: the changed seats moved to their new state. */
export function applyChange(availability: Availability, change: AvailabilityChange): Availability {
  const at = new Date().toISOString();
  if (availability.seating === 'general_admission' || change.seating === 'general_admission') {
    return { ...availability, ...change, at } as Availability;
  }
  const states = new Map<number, 'held' | 'sold' | 'blocked' | 'free'>();
  for (const name of ['held', 'sold', 'blocked'] as const) for (const id of decodeSeatRanges(availability[name])) states.set(id, name);
  for (const name of ['held', 'sold', 'blocked', 'free'] as const) for (const id of decodeSeatRanges(change[name])) states.set(id, name);
  const lists = { held: [] as number[], sold: [] as number[], blocked: [] as number[], free: [] as number[] };
  for (const [id, state] of states) lists[state].push(id);
  return { ...availability, version: change.version, at, held: encodeSeatRanges(lists.held), sold: encodeSeatRanges(lists.sold), blocked: encodeSeatRanges(lists.blocked) };
}
