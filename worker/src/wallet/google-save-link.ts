import { offsetAt } from '../domain/zoned-time.js';
import type { GoogleWalletSettings } from './settings.js';
import { type WalletTicket, walletLabels, zonedIso } from './wallet-ticket.js';

/**
 * Google Wallet's "save" link for one ticket: a JWT that carries the event ticket class (the
 * performance) and object (the ticket), signed RS256 with the issuer's service account key.
 * Google creates both when the buyer saves (the "skinny JWT" is not used: nothing is inserted
 * through Google's REST API beforehand, so this works with no call from our side).
 * Shapes: developers.google.com/wallet/reference/rest/v1/eventticketclass and …/eventticketobject.
 */

type LocalizedString = { defaultValue: { language: string; value: string } };

function localized(language: string, value: string): LocalizedString {
  return { defaultValue: { language, value } };
}

/** Ids are `<issuerId>.<suffix>` where the suffix is [A-Za-z0-9._-]; our ids already are, but a stray character would make Google refuse the whole link. */
function walletId(issuerId: string, suffix: string): string {
  return `${issuerId}.${suffix.replace(/[^\w.-]/g, '_')}`;
}

/** The event ticket object of a pass. */
export function googleObjectId(issuerId: string, serial: string): string {
  return walletId(issuerId, serial);
}

/** The event ticket class of a performance. */
export function googleClassId(issuerId: string, shopId: string, performanceId: string): string {
  return walletId(issuerId, `${shopId}.${performanceId}`);
}

/** The event ticket class of the ticket's performance. */
export function googleTicketClass(settings: GoogleWalletSettings, t: WalletTicket) {
  const offset = offsetAt(t.performance.startsAt, t.timeZone);
  const colour = t.brandColor && /^#[0-9a-fA-F]{6}$/.test(t.brandColor) ? t.brandColor : undefined;
  return {
    id: googleClassId(settings.issuerId, t.shopId, t.performance.id),
    issuerName: t.shopName,
    reviewStatus: 'UNDER_REVIEW',
    eventName: localized(t.language, t.performance.eventTitle),
    venue: { name: localized(t.language, t.performance.venueName), address: localized(t.language, t.performance.venueAddress || t.performance.venueName) },
    dateTime: {
      start: zonedIso(t.performance.startsAt, offset),
      ...(t.performance.doorsAt === null ? {} : { doorsOpen: zonedIso(t.performance.doorsAt, offsetAt(t.performance.doorsAt, t.timeZone)) }),
    },
    ...(colour ? { hexBackgroundColor: colour } : {}),
  };
}

/** The event ticket object of the pass, as it must be now: the chain's last ticket, INACTIVE once cancelled. */
export function googleTicketObject(settings: GoogleWalletSettings, t: WalletTicket) {
  const words = walletLabels[t.language];
  const colour = t.brandColor && /^#[0-9a-fA-F]{6}$/.test(t.brandColor) ? t.brandColor : undefined;
  const seat = t.ticket.seat;
  return {
    // The pass's serial (the first ticket of its exchange chain): after an exchange the saved object is patched, not replaced.
    id: googleObjectId(settings.issuerId, t.serial),
    classId: googleClassId(settings.issuerId, t.shopId, t.performance.id),
    state: t.voided ? 'INACTIVE' : 'ACTIVE',
    barcode: { type: 'QR_CODE', value: t.ticket.qrPayload, alternateText: t.ticket.number },
    seatInfo: seat
      ? { section: localized(t.language, seat.section), row: localized(t.language, seat.row), seat: localized(t.language, seat.number) }
      : { seat: localized(t.language, t.ticket.seatLabel ?? words.generalAdmission) },
    ticketHolderName: t.buyerName,
    ticketNumber: t.ticket.number,
    ticketType: localized(t.language, t.ticket.tariffName),
    // Minor units are hundredths in every currency the shop sells in (CHF, EUR).
    faceValue: { micros: String(t.ticket.price * 10_000), currencyCode: t.currency },
    reservationInfo: { confirmationCode: t.orderNumber },
    ...(t.voided ? { textModulesData: [{ id: 'status', header: words.cancelled, body: words.cancelledNotice }] } : {}),
    ...(colour ? { hexBackgroundColor: colour } : {}),
  };
}

/** The JWT's claims (without iat, which the signer adds), as Google's "save to wallet" expects them. */
export function googleSaveClaims(settings: GoogleWalletSettings, t: WalletTicket) {
  return {
    iss: settings.serviceAccountEmail,
    aud: 'google',
    typ: 'savetowallet',
    origins: t.allowedOrigins,
    payload: { eventTicketClasses: [googleTicketClass(settings, t)], eventTicketObjects: [googleTicketObject(settings, t)] },
  };
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The DER bytes of a PEM block (a service account's key is "-----BEGIN PRIVATE KEY-----", PKCS#8). */
export function pemBytes(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

// One imported key per PEM text (settings.ts checked it is PKCS#8): importing is the slow part of signing.
const keys = new Map<string, Promise<CryptoKey>>();

function signingKey(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem);
  if (!key) {
    key = crypto.subtle.importKey('pkcs8', pemBytes(pem) as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    key.catch(() => keys.delete(pem));
    keys.set(pem, key);
  }
  return key;
}

/** Signs the claims as a compact JWS (RS256) with Web Crypto, which Node and workerd both have. */
export async function signRs256(claims: object, privateKeyPem: string): Promise<string> {
  const encode = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)));
  const input = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', await signingKey(privateKeyPem), new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** The link that opens Google Wallet's "save" page for this ticket. */
export async function googleSaveUrl(settings: GoogleWalletSettings, ticket: WalletTicket, nowMs: number): Promise<string> {
  const jwt = await signRs256({ ...googleSaveClaims(settings, ticket), iat: Math.floor(nowMs / 1000) }, settings.privateKeyPem);
  return `https://pay.google.com/gp/v/save/${jwt}`;
}
