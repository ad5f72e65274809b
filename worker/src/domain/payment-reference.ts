import { calculateQRReferenceChecksum, calculateSCORReferenceChecksum, isQRIBAN } from 'swissqrbill/utils';

// The alphabet of order numbers (worker/src/domain/ids.ts): 5 bits a character.
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The structured payment reference of an order, so the organizer's bank statement names the
 * order: a 27-digit QR reference for a QR-IBAN (the order number's 40 bits in decimal, with
 * its check digit), an ISO 11649 creditor reference (RF…) for an ordinary IBAN.
 */
export function paymentReference(account: string, orderNumber: string): string {
  const compact = orderNumber.replace(/-/g, '').toUpperCase();
  if (isQRIBAN(account.replace(/\s+/g, ''))) {
    let value = 0n;
    for (const ch of compact) {
      const digit = READABLE.indexOf(ch);
      if (digit < 0) throw new Error('order number outside the readable alphabet');
      value = value * 32n + BigInt(digit);
    }
    const body = value.toString().padStart(26, '0');
    return body + calculateQRReferenceChecksum(body);
  }
  return `RF${calculateSCORReferenceChecksum(compact)}${compact}`;
}
