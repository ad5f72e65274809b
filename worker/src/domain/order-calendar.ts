/**
 * An order's calendar file (RFC 5545): one event per performance the buyer holds valid tickets
 * for. Pure: the service reads the order and writes the texts in the buyer's language.
 */

/** Used when a performance has no end of its own (the schema keeps only its start). */
export const defaultPerformanceLengthMs = 2 * 60 * 60 * 1000;

export interface CalendarPerformance {
  performanceId: string;
  startsAt: number;
  /** Null: start plus defaultPerformanceLengthMs. */
  endsAt: number | null;
  title: string;
  venueName: string;
  venueAddress: string;
  /** One line per ticket, already in the buyer's words (number, seat, tariff). */
  ticketLines: string[];
}

export interface OrderCalendar {
  orderNumber: string;
  /** The host that names the events' UIDs: the same order always gives the same UIDs. */
  host: string;
  /** DTSTAMP: when this file was made. */
  stampedAt: number;
  /** The buyer's order page (with its secret), or null when the shop has none. */
  orderPageUrl: string | null;
  /** Words before the order page link, in the buyer's language. */
  orderPageLabel: string;
  performances: CalendarPerformance[];
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeCalendarText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** 20270101T190000Z */
export function calendarUtcTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with a space,
 * which counts in their 75. A character is never cut: its UTF-8 bytes stay on one line.
 */
export function foldCalendarLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(calendar: OrderCalendar, p: CalendarPerformance): string[] {
  const description = [...p.ticketLines, ...(calendar.orderPageUrl ? ['', `${calendar.orderPageLabel}: ${calendar.orderPageUrl}`] : [])].join('\n');
  const location = [p.venueName, p.venueAddress].filter((part) => part.trim() !== '').join(', ');
  return [
    'BEGIN:VEVENT',
    `UID:${p.performanceId}.${calendar.orderNumber}@${calendar.host}`,
    `DTSTAMP:${calendarUtcTime(calendar.stampedAt)}`,
    `DTSTART:${calendarUtcTime(p.startsAt)}`,
    `DTEND:${calendarUtcTime(p.endsAt ?? p.startsAt + defaultPerformanceLengthMs)}`,
    `SUMMARY:${escapeCalendarText(p.title)}`,
    ...(location ? [`LOCATION:${escapeCalendarText(location)}`] : []),
    `DESCRIPTION:${escapeCalendarText(description)}`,
    // URI values are not TEXT: they are written as they are (folding still applies).
    ...(calendar.orderPageUrl ? [`URL:${calendar.orderPageUrl}`] : []),
    'END:VEVENT',
  ];
}

/** The whole file, CRLF line ends (the last line ends with one too). */
export function orderCalendarIcs(calendar: OrderCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ticket-shop//order calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...[...calendar.performances].sort((a, b) => a.startsAt - b.startsAt).flatMap((p) => eventLines(calendar, p)),
    'END:VCALENDAR',
  ];
  return lines.map(foldCalendarLine).join('\r\n') + '\r\n';
}
