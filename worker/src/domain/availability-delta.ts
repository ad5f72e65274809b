import { decodeSeatRanges, encodeSeatRanges } from '../../../contract/seat-ranges.js';
import type { AvailabilityChange, AvailabilityState } from '../../../contract/responses/catalog.js';

type SeatState = 'held' | 'sold' | 'blocked';

function seatStates(state: Extract<AvailabilityState, { seating: 'seated' }>): Map<number, SeatState> {
  const states = new Map<number, SeatState>();
  for (const name of ['held', 'sold', 'blocked'] as const) for (const id of decodeSeatRanges(state[name])) states.set(id, name);
  return states;
}

/**
 * What changed between two availabilities of one performance, for subscribers that have the
 * first: the seats whose state changed, as ranges under their new state (`free`: no longer
 * held, sold or blocked); a general-admission performance sends its two counts.
 */
export function availabilityChange(performanceId: string, from: { version: string; state: AvailabilityState }, to: { version: string; state: AvailabilityState }): AvailabilityChange {
  const base = { performanceId, version: to.version, from: from.version };
  if (to.state.seating === 'general_admission') return { ...base, seating: 'general_admission', capacity: to.state.capacity, remaining: to.state.remaining };
  const before = from.state.seating === 'seated' ? seatStates(from.state) : new Map<number, SeatState>();
  const after = seatStates(to.state);
  const changed: Record<SeatState | 'free', number[]> = { held: [], sold: [], blocked: [], free: [] };
  for (const [id, state] of after) if (before.get(id) !== state) changed[state].push(id);
  for (const id of before.keys()) if (!after.has(id)) changed.free.push(id);
  return {
    ...base,
    seating: 'seated',
    held: encodeSeatRanges(changed.held),
    sold: encodeSeatRanges(changed.sold),
    blocked: encodeSeatRanges(changed.blocked),
    free: encodeSeatRanges(changed.free),
  };
}
