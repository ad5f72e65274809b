import { detectSeparator, records } from './seating-plan-csv.js';

/**
 * Tickets sold elsewhere, as a CSV with the header
 * `performance,section,row,seat,tariff,barcode,buyer_name,buyer_email` (`,` or `;`, quotes as
 * RFC 4180). Pure: the server imports what this reads, the console previews the same lines.
 */
export const ticketImportColumns = ['performance', 'section', 'row', 'seat', 'tariff', 'barcode', 'buyer_name', 'buyer_email'] as const;
export type TicketImportColumn = (typeof ticketImportColumns)[number];

/**
 * Why a line was not imported; the console says each in the staff's language. The first four
 * are read from the file alone, the others are decided by the database when the line is written.
 */
export const ticketImportProblems = [
  'missing_value',
  'invalid_email',
  'seat_incomplete',
  'unknown_performance',
  'unknown_seat',
  'seat_for_general_admission',
  'seat_required',
  'unknown_tariff',
  'seat_taken',
  'seat_in_reseller_quota',
  'sold_out',
  'duplicate_barcode',
] as const;
export type TicketImportProblem = (typeof ticketImportProblems)[number];

export interface TicketImportLine {
  /** The line of the file it starts on (the header is line 1). */
  line: number;
  performance: string;
  section: string;
  row: string;
  seat: string;
  tariff: string;
  barcode: string;
  buyerName: string;
  buyerEmail: string;
}

export interface TicketImportRejection {
  line: number;
  column: TicketImportColumn | null;
  code: TicketImportProblem;
  message: string;
}

export type TicketImportFile = { ok: true; lines: TicketImportLine[]; rejected: TicketImportRejection[] } | { ok: false; missing: TicketImportColumn[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseTicketImportCsv(input: string): TicketImportFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = records(text, detectSeparator(text));
  let header: string[] | undefined;
  for (let next = lines.next(); !next.done; next = lines.next()) {
    if (next.value.fields.some((f) => f.trim() !== '')) {
      header = next.value.fields.map((f) => f.trim().toLowerCase());
      break;
    }
  }
  const position = new Map(ticketImportColumns.map((column) => [column, header?.indexOf(column) ?? -1]));
  const missing = ticketImportColumns.filter((column) => position.get(column)! < 0);
  if (missing.length > 0) return { ok: false, missing };

  const out: TicketImportLine[] = [];
  const rejected: TicketImportRejection[] = [];
  for (let next = lines.next(); !next.done; next = lines.next()) {
    const { line, fields } = next.value;
    if (fields.every((f) => f.trim() === '')) continue;
    const value = (column: TicketImportColumn) => (fields[position.get(column)!] ?? '').trim();
    const parsed: TicketImportLine = {
      line,
      performance: value('performance'),
      section: value('section'),
      row: value('row'),
      seat: value('seat'),
      tariff: value('tariff'),
      barcode: value('barcode'),
      buyerName: value('buyer_name'),
      buyerEmail: value('buyer_email').toLowerCase(),
    };
    const empty = (['performance', 'tariff', 'barcode', 'buyer_name', 'buyer_email'] as const).find((column) => value(column) === '');
    const seatParts = [parsed.section, parsed.row, parsed.seat].filter((part) => part !== '').length;
    if (empty) rejected.push({ line, column: empty, code: 'missing_value', message: `The column "${empty}" is empty.` });
    else if (parsed.barcode.length > 200) rejected.push({ line, column: 'barcode', code: 'missing_value', message: 'The barcode is longer than 200 characters.' });
    else if (!EMAIL.test(parsed.buyerEmail) || parsed.buyerEmail.length > 254) rejected.push({ line, column: 'buyer_email', code: 'invalid_email', message: `"${parsed.buyerEmail}" is not an e-mail address.` });
    else if (seatParts !== 0 && seatParts !== 3) rejected.push({ line, column: 'seat', code: 'seat_incomplete', message: 'A seat needs its section, row and seat; leave all three empty for general admission.' });
    else out.push(parsed);
  }
  return { ok: true, lines: out, rejected };
}
