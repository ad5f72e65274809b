import type { LocalTicket } from './door-decision.js';

type ServerTicket = Omit<LocalTicket, 'admittedAtDoor'>;

/**
 * The local list after the server's answer: a full list replaces the tickets, a delta (`since`)
 * replaces those it names. An admission this device made offline and has not synced yet stays
 * admitted here although the server does not know it.
 */
export function mergeTickets(local: readonly LocalTicket[], incoming: readonly ServerTicket[], full: boolean): LocalTicket[] {
  const byNumber = new Map(local.map((t) => [t.number, t]));
  const merged = full ? new Map<string, LocalTicket>() : new Map(byNumber);
  for (const ticket of incoming) {
    const mine = byNumber.get(ticket.number);
    const mineFirst = mine?.admittedAt && mine.admittedAtDoor !== undefined && (!ticket.admittedAt || Date.parse(ticket.admittedAt) >= Date.parse(mine.admittedAt));
    // This device's scan is the first the device knows of (or the one the server recorded): its door stays known here.
    merged.set(ticket.number, mineFirst ? { ...ticket, admittedAt: mine.admittedAt, admittedAtDoor: mine.admittedAtDoor ?? null } : { ...ticket });
  }
  return [...merged.values()];
}
