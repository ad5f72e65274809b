import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendedExpiry, initialHoldTimes } from '../../worker/src/domain/hold-timing.js';
import { salesClosedReason, type SalesWindow } from '../../worker/src/domain/sales-window.js';
import { bitsToFlags, flagsToBits, isForSale, seatFlagBits, seatFlagNames } from '../../contract/seat-flags.js';
import { decodeSeatRanges, encodeSeatRanges } from '../../contract/seat-ranges.js';
import {
  fromBase64Url,
  generateSigningKeys,
  parseTicketPayload,
  signTicket,
  toBase64Url,
  verifyTicketPayload,
  useTicketSigner,
} from '../../worker/src/domain/ticket-signature.js';
import { nodeTicketSigner } from '../../worker/src/node/ticket-signer.js';

const MINUTE = 60_000;

describe('seat ranges', () => {
  it('encodes sets of seat ids compactly', () => {
    expect(encodeSeatRanges([])).toBe('');
    expect(encodeSeatRanges([5])).toBe('5');
    expect(encodeSeatRanges([12, 3, 4, 5, 6, 7, 40, 41])).toBe('3-7,12,40-41');
    expect(encodeSeatRanges([3, 3, 4, 4])).toBe('3-4');
    expect(encodeSeatRanges(Array.from({ length: 1000 }, (_, i) => i + 1))).toBe('1-1000');
  });

  it('decodes what it encodes', () => {
    expect(decodeSeatRanges('')).toEqual([]);
    expect(decodeSeatRanges('3-7,12,40-41')).toEqual([3, 4, 5, 6, 7, 12, 40, 41]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 300 }), (ids) => {
        expect(decodeSeatRanges(encodeSeatRanges(ids))).toEqual([...ids].sort((a, b) => a - b));
      }),
    );
  });

  it('refuses malformed text instead of guessing', () => {
    for (const bad of ['a', '3-x', '7-3', '1,,2', '-5', '3-4-5', '2.5', ' 3']) {
      expect(() => decodeSeatRanges(bad), bad).toThrow(/bad seat range/);
    }
  });
});

describe('hold timing', () => {
  const policy = { holdMinutes: 10, holdMaxMinutes: 30 };

  it('gives a new hold its lifetime and its cap', () => {
    expect(initialHoldTimes(1_000, policy)).toEqual({ expiresAt: 1_000 + 10 * MINUTE, maxExpiresAt: 1_000 + 30 * MINUTE });
    // A cap below the lifetime is raised to it rather than making a hold that is born lapsed.
    expect(initialHoldTimes(0, { holdMinutes: 10, holdMaxMinutes: 5 })).toEqual({ expiresAt: 10 * MINUTE, maxExpiresAt: 10 * MINUTE });
  });

  it('extends from now, never shortens and never passes the cap', () => {
    const { expiresAt, maxExpiresAt } = initialHoldTimes(0, policy);
    expect(extendedExpiry(9 * MINUTE, expiresAt, maxExpiresAt, policy)).toBe(19 * MINUTE);
    expect(extendedExpiry(1 * MINUTE, 19 * MINUTE, maxExpiresAt, policy)).toBe(19 * MINUTE);
    expect(extendedExpiry(25 * MINUTE, 28 * MINUTE, maxExpiresAt, policy)).toBe(30 * MINUTE);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * MINUTE }), fc.integer({ min: 0, max: 30 * MINUTE }), (now, current) => {
        const next = extendedExpiry(now, Math.min(current, maxExpiresAt), maxExpiresAt, policy);
        expect(next).toBeLessThanOrEqual(maxExpiresAt);
        expect(next).toBeGreaterThanOrEqual(Math.min(current, maxExpiresAt));
      }),
    );
  });
});

describe('sales window', () => {
  const base: SalesWindow = { eventStatus: 'published', performanceStatus: 'scheduled', startsAt: 10_000, salesStartAt: null, salesEndAt: null };

  it('is open until the performance starts by default', () => {
    expect(salesClosedReason(base, 0)).toBeNull();
    expect(salesClosedReason(base, 9_999)).toBeNull();
    expect(salesClosedReason(base, 10_000)).toBe('sales_ended');
  });

  it('honours the sales start and end', () => {
    const window = { ...base, salesStartAt: 1_000, salesEndAt: 5_000 };
    expect(salesClosedReason(window, 999)).toBe('sales_not_started');
    expect(salesClosedReason(window, 1_000)).toBeNull();
    expect(salesClosedReason(window, 4_999)).toBeNull();
    expect(salesClosedReason(window, 5_000)).toBe('sales_ended');
    // Sales may go on after the doors open when the organizer says so.
    expect(salesClosedReason({ ...base, salesEndAt: 12_000 }, 11_000)).toBeNull();
  });

  it('gives the most fundamental reason first', () => {
    expect(salesClosedReason({ ...base, eventStatus: 'draft', performanceStatus: 'cancelled' }, 20_000)).toBe('event_not_published');
    expect(salesClosedReason({ ...base, eventStatus: 'archived' }, 0)).toBe('event_not_published');
    expect(salesClosedReason({ ...base, performanceStatus: 'cancelled', salesStartAt: 5_000 }, 0)).toBe('performance_cancelled');
  });
});

describe('seat flags', () => {
  it('maps flag names to bits and back', () => {
    expect(flagsToBits([])).toBe(0);
    expect(flagsToBits(['wheelchair', 'restrictedView'])).toBe(seatFlagBits.wheelchair | seatFlagBits.restrictedView);
    expect(flagsToBits(['companion', 'companion'])).toBe(2);
    expect(bitsToFlags(0)).toEqual([]);
    expect(bitsToFlags(1 | 8)).toEqual(['wheelchair', 'notForSale']);
    for (let bits = 0; bits < 16; bits++) expect(flagsToBits(bitsToFlags(bits))).toBe(bits);
    expect(new Set(Object.values(seatFlagBits)).size).toBe(seatFlagNames.length);
  });

  it('sells every seat that is not marked not for sale', () => {
    expect(isForSale(0)).toBe(true);
    expect(isForSale(flagsToBits(['wheelchair', 'companion', 'restrictedView']))).toBe(true);
    expect(isForSale(flagsToBits(['notForSale']))).toBe(false);
    expect(isForSale(flagsToBits(['wheelchair', 'notForSale']))).toBe(false);
  });
});

describe('ticket signatures', () => {
  const claims = { shopId: 'shp_demo', ticketNumber: 'T7QX-M2K9-4HDA', performanceId: 'prf_abc123def456' };

  it('signs a payload that verifies with the public key only', async () => {
    const keys = await generateSigningKeys();
    expect(fromBase64Url(keys.publicKey)).toHaveLength(32);
    const payload = await signTicket(keys.privateKey, claims);
    expect(payload.startsWith('TS1.shp_demo.T7QX-M2K9-4HDA.prf_abc123def456.')).toBe(true);
    expect(payload).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(await verifyTicketPayload(keys.publicKey, payload)).toEqual(claims);

    const other = await generateSigningKeys();
    expect(await verifyTicketPayload(other.publicKey, payload)).toBeNull();
    expect(await verifyTicketPayload(keys.publicKey, await signTicket(other.privateKey, claims))).toBeNull();
  });

  it('signs the same bytes with the Node server’s signer as with Web Crypto', async () => {
    const keys = await generateSigningKeys();
    const byWebCrypto = await signTicket(keys.privateKey, claims);
    useTicketSigner(nodeTicketSigner);
    try {
      const direct = await signTicket(keys.privateKey, claims);
      expect(direct).toBe(byWebCrypto);
      expect(await verifyTicketPayload(keys.publicKey, direct)).toEqual(claims);
      const other = await generateSigningKeys();
      expect(await verifyTicketPayload(keys.publicKey, await signTicket(other.privateKey, claims))).toBeNull();
    } finally {
      useTicketSigner(null);
    }
  });

  it('rejects a payload whose claims or signature changed', async () => {
    const keys = await generateSigningKeys();
    const payload = await signTicket(keys.privateKey, claims);
    const parts = payload.split('.');
    const withClaim = (index: number, value: string) => parts.map((p, i) => (i === index ? value : p)).join('.');
    expect(await verifyTicketPayload(keys.publicKey, withClaim(2, 'T7QX-M2K9-4HDB'))).toBeNull();
    expect(await verifyTicketPayload(keys.publicKey, withClaim(3, 'prf_other000000'))).toBeNull();
    expect(await verifyTicketPayload(keys.publicKey, withClaim(1, 'shp_other'))).toBeNull();
    const sig = fromBase64Url(parts[4]!)!;
    for (const index of [0, 31, 63]) {
      const flipped = sig.slice();
      flipped[index] = flipped[index]! ^ 1;
      expect(await verifyTicketPayload(keys.publicKey, withClaim(4, toBase64Url(flipped)))).toBeNull();
    }
    expect(await verifyTicketPayload(keys.publicKey, payload.slice(0, -4))).toBeNull();
  });

  it('parses only payloads of its own shape', () => {
    const sig = toBase64Url(new Uint8Array(64).fill(7));
    expect(parseTicketPayload(`TS1.shp_demo.T1.prf_x.${sig}`)).toMatchObject({ shopId: 'shp_demo', ticketNumber: 'T1', performanceId: 'prf_x', signed: 'TS1.shp_demo.T1.prf_x' });
    for (const bad of ['', 'TS1', `TS2.shp_demo.T1.prf_x.${sig}`, `TS1..T1.prf_x.${sig}`, `TS1.shp_demo.T1.prf_x`, `TS1.shp_demo.T1.prf_x.${sig}.extra`, 'TS1.shp_demo.T1.prf_x.AAAA', 'TS1.shp_demo.T1.prf_x.!!!!']) {
      expect(parseTicketPayload(bad), bad).toBeNull();
    }
  });

  it('round-trips base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect([...fromBase64Url(text)!]).toEqual([...bytes]);
      }),
    );
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('a=')).toBeNull();
  });
});
