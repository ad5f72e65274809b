/**
 * The one CSV writer of the API (exports and reports): RFC 4180, comma-separated, CRLF line
 * ends, a field quoted when it holds a comma, quote or line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (a buyer named "=HYPERLINK(…)", a cell starting with =, +,
 * -, @, tab or CR) is prefixed with an apostrophe, as OWASP recommends; a plain negative amount
 * ("-12.50") is a number, not a formula, and stays as it is. Responses add the UTF-8 byte order
 * mark (worker/src/routes/organizer/csv-response.ts).
 */
export type CsvValue = string | number | null;

/** Whether a spreadsheet could read the text as a formula. */
export const isFormulaLike = (text: string) => /^[=+\-@\t\r]/.test(text) && !/^-\d+(\.\d+)?$/.test(text);

function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRow(header) + rows.map(csvRow).join('');
}

/** 5200 → "52.00": amounts in CSV for accounting, in the currency's major unit (CHF and EUR have two decimals). */
export function decimalAmount(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
