import { addDays, localDateOf, zonedTimeToUtc } from './zoned-time.js';

export interface PreEventTiming {
  /** Calendar days before the performance's day, in the shop's time zone (0: the same day). */
  daysBefore: number;
  /** Local hour at which the message goes out. */
  sendHour: number;
}

export { MAX_PRE_EVENT_DAYS } from '../../../contract/organizer.js';

/** When the message before a performance goes out: `daysBefore` days before its day, at `sendHour` local time. */
export function preEventSendAt(performanceStartsAt: number, timing: PreEventTiming, timeZone: string): number {
  return zonedTimeToUtc(addDays(localDateOf(performanceStartsAt, timeZone), -timing.daysBefore), timing.sendHour, 0, timeZone);
}

/**
 * Whether the message is due now: from its send time until the performance starts. An order
 * paid after the send time still gets it (the buyer of the last minute needs the address
 * and the doors time too); nobody gets it once the performance has started.
 */
export function preEventDue(performanceStartsAt: number, timing: PreEventTiming, timeZone: string, now: number): boolean {
  return now < performanceStartsAt && preEventSendAt(performanceStartsAt, timing, timeZone) <= now;
}
