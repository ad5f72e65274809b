/**
 * What a scanner read or staff typed, before any database: our signed code, a code of ours that
 * was altered, another organizer's code, or text to look up among imported tickets' barcodes.
 * Pure; the signature itself is checked by the caller (it needs the shop's key).
 */
import { parseTicketPayload } from './ticket-signature.js';

export type ReadCode =
  | { kind: 'signed'; payload: string; ticketNumber: string; performanceId: string }
  /** Shaped like this shop's code (TS1.<shop>.<ticket>.<performance>.<sig>) but cut or mangled: altered, not unreadable. */
  | { kind: 'forged' }
  | { kind: 'other_shop' }
  /** Not one of our codes: perhaps the barcode another system printed on an imported ticket. */
  | { kind: 'external'; text: string };

export function readScannedCode(code: string, shopId: string): ReadCode {
  const text = code.trim();
  const parsed = parseTicketPayload(text);
  if (parsed) {
    if (parsed.shopId !== shopId) return { kind: 'other_shop' };
    return { kind: 'signed', payload: text, ticketNumber: parsed.ticketNumber, performanceId: parsed.performanceId };
  }
  const parts = text.split('.');
  if (parts.length === 5 && parts[0] === 'TS1' && parts[1] === shopId) return { kind: 'forged' };
  return { kind: 'external', text };
}

/**
 * A typed ticket number: ours are written T7QX-M2K9-4HDA, but staff reading a damaged ticket
 * type it in any case, with or without dashes and spaces. Text that is not shaped like ours
 * may be an imported ticket's barcode, looked up as typed.
 */
export function readTypedTicketNumber(typed: string): { number: string | null; externalCode: string } {
  const compact = typed.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const number = /^T[0-9A-Z]{11}$/.test(compact) ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : null;
  return { number, externalCode: typed.trim() };
}
