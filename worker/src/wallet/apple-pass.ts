import { Buffer } from 'node:buffer';
import { PKPass } from 'passkit-generator';
import { formatDateTime, formatTime } from '../email/format.js';
import { passImages, rgbOf } from './pass-images.js';
import type { AppleWalletSettings } from './settings.js';
import { type WalletTicket, walletLabels } from './wallet-ticket.js';

/**
 * One ticket as an Apple Wallet event ticket (.pkpass): pass.json, the images, manifest.json
 * and its PKCS#7 signature with the platform's pass certificate (passkit-generator does the
 * zip and the signature with node-forge). The barcode is the ticket's signed QR, so the door
 * scans the pass like the PDF.
 */
/** Where Wallet asks for updates of this pass (Apple's web service protocol) and the pass's own token for it. */
export interface PassWebService {
  url: string;
  authenticationToken: string;
}

export async function applePass(settings: AppleWalletSettings, t: WalletTicket, webService?: PassWebService): Promise<Uint8Array> {
  const words = walletLabels[t.language];
  const images = await passImages(t.brandColor);
  const branded = t.brandColor !== null && /^#[0-9a-fA-F]{6}$/.test(t.brandColor);
  const [r, g, b] = rgbOf(t.brandColor);
  const pass = new PKPass(
    Object.fromEntries(Object.entries(images).map(([name, bytes]) => [name, Buffer.from(bytes)])),
    { wwdr: settings.wwdr, signerCert: settings.signerCert, signerKey: settings.signerKey, signerKeyPassphrase: settings.signerKeyPassphrase },
    {
      passTypeIdentifier: settings.passTypeIdentifier,
      teamIdentifier: settings.teamIdentifier,
      // The first ticket's id: after an exchange the same pass shows the ticket that replaced it.
      serialNumber: t.serial,
      organizationName: t.shopName,
      description: `${t.performance.eventTitle}, ${words.ticket} ${t.ticket.number}`,
      logoText: t.shopName,
      backgroundColor: branded ? `rgb(${r}, ${g}, ${b})` : 'rgb(255, 255, 255)',
      foregroundColor: branded ? 'rgb(255, 255, 255)' : 'rgb(34, 34, 34)',
      labelColor: branded ? 'rgb(255, 255, 255)' : 'rgb(102, 102, 102)',
      sharingProhibited: false,
      ...(webService ? { webServiceURL: webService.url, authenticationToken: webService.authenticationToken } : {}),
      ...(t.voided ? { voided: true } : {}),
    },
  );
  pass.type = 'eventTicket';
  const seat = t.ticket.seat;
  pass.primaryFields.push({ key: 'event', label: formatDateTime(t.performance.startsAt, t.timeZone, t.language, t.currency), value: t.performance.eventTitle });
  pass.secondaryFields.push(
    seat
      ? { key: 'seat', label: `${seat.section} · ${words.row} ${seat.row}`, value: `${words.seat} ${seat.number}` }
      : { key: 'seat', label: words.seat, value: t.ticket.seatLabel ?? words.generalAdmission },
    { key: 'tariff', label: words.tariff, value: t.ticket.tariffName },
  );
  pass.auxiliaryFields.push(
    { key: 'venue', label: words.venue, value: t.performance.venueName },
    ...(t.performance.doorsAt === null ? [] : [{ key: 'doors', label: words.doors, value: formatTime(t.performance.doorsAt, t.timeZone, t.language, t.currency) }]),
  );
  pass.backFields.push(
    ...(t.voided ? [{ key: 'status', label: words.cancelled, value: words.cancelledNotice }] : []),
    { key: 'ticket', label: words.ticket, value: t.ticket.number },
    { key: 'order', label: words.order, value: t.orderNumber },
    { key: 'holder', label: words.holder, value: t.buyerName },
    { key: 'address', label: words.venue, value: [t.performance.venueName, t.performance.venueAddress].filter(Boolean).join('\n') },
  );
  pass.setBarcodes({ message: t.ticket.qrPayload, format: 'PKBarcodeFormatQR', messageEncoding: 'iso-8859-1', altText: t.ticket.number });
  // Wallet brings the pass to the lock screen around this time.
  pass.setRelevantDate(new Date(t.performance.doorsAt ?? t.performance.startsAt));
  return new Uint8Array(pass.getAsBuffer());
}
