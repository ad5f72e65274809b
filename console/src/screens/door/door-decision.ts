import { type ReadCode, sameTicketNumber } from './ticket-code.js';

/** A ticket as the scanner keeps it (the door list's shape, plus where this device admitted it). */
export interface LocalTicket {
  number: string;
  status: 'valid' | 'cancelled' | 'exchanged';
  tariffName: string;
  seatLabel: string | null;
  admittedAt: string | null;
  replacedBy: string | null;
  externalCode: string | null;
  /** The door of this device when it admitted the ticket itself (the server's list does not say where). */
  admittedAtDoor?: string | null;
}

export type TicketFacts = { number: string; tariffName: string; seatLabel: string | null };
export type PerformanceFacts = { eventTitle: string; startsAt: string };

/** The answer the door shows for one scan, whoever decided it (the server, or this device offline). */
export type Verdict =
  | { kind: 'admitted'; ticket: TicketFacts }
  | { kind: 'already'; ticket: TicketFacts | null; admittedAt: string; door: string | null; deviceId: string | null }
  | { kind: 'cancelled'; ticket: TicketFacts | null }
  | { kind: 'exchanged'; ticket: TicketFacts | null; replacedBy: string | null }
  | { kind: 'wrong_performance'; ticket: TicketFacts | null; performance: PerformanceFacts | null }
  | { kind: 'forged' }
  | { kind: 'unknown' }
  | { kind: 'other_shop' }
  /** No network and no door list on this device: nothing to decide with. */
  | { kind: 'not_ready' }
  /** The server refused for another reason (rate limit, the session…): its message. */
  | { kind: 'error'; message: string };

/** What was scanned: a code the camera or a USB scanner read, or a number staff typed. */
export type Scanned = { code: ReadCode; typed: false } | { typed: true; ticketNumber: string };

export interface LocalList {
  shopId: string;
  performanceId: string;
  tickets: LocalTicket[];
}

export const facts = (ticket: LocalTicket): TicketFacts => ({ number: ticket.number, tariffName: ticket.tariffName, seatLabel: ticket.seatLabel });

export function findTicket(list: LocalList, scanned: Scanned): LocalTicket | undefined {
  if (scanned.typed) return list.tickets.find((t) => sameTicketNumber(scanned.ticketNumber, t.number) || t.externalCode === scanned.ticketNumber.trim());
  if (scanned.code.kind === 'signed') {
    const { ticketNumber } = scanned.code;
    return list.tickets.find((t) => t.number === ticketNumber);
  }
  if (scanned.code.kind === 'other') {
    const { text } = scanned.code;
    return list.tickets.find((t) => t.externalCode === text);
  }
  return undefined;
}

/**
 * The door's answer without network, from the list downloaded before (and this device's own
 * admissions since, which name `device`). `signatureValid` is the local Ed25519 check of a signed code; a code of
 * another performance is named when the device knows that performance (`performances`).
 */
export function decideOffline(list: LocalList, scanned: Scanned, signatureValid: boolean, performances: ReadonlyMap<string, PerformanceFacts>, device: string): Verdict {
  if (!scanned.typed) {
    const code = scanned.code;
    if (code.kind === 'damaged') return { kind: 'forged' };
    if (code.kind === 'signed') {
      if (code.shopId !== list.shopId) return { kind: 'other_shop' };
      if (!signatureValid) return { kind: 'forged' };
      if (code.performanceId !== list.performanceId) return { kind: 'wrong_performance', ticket: null, performance: performances.get(code.performanceId) ?? null };
    }
  }
  const ticket = findTicket(list, scanned);
  if (!ticket) return { kind: 'unknown' };
  if (ticket.status === 'cancelled') return { kind: 'cancelled', ticket: facts(ticket) };
  if (ticket.status === 'exchanged') return { kind: 'exchanged', ticket: facts(ticket), replacedBy: ticket.replacedBy };
  if (ticket.admittedAt) {
    // Admitted by this device (its own scan, which the list keeps with its door), or by another one the server told of.
    const here = ticket.admittedAtDoor !== undefined;
    return { kind: 'already', ticket: facts(ticket), admittedAt: ticket.admittedAt, door: ticket.admittedAtDoor ?? null, deviceId: here ? device : null };
  }
  return { kind: 'admitted', ticket: facts(ticket) };
}
