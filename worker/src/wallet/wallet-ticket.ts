import type { SeatPlace } from '../../../db/schema/orders.js';
import type { Language } from '../email/messages.js';

/** One valid ticket with everything a wallet pass shows, read once from the database (services/wallet-passes.ts). */
export interface WalletTicket {
  shopId: string;
  shopName: string;
  timeZone: string;
  currency: string;
  /** The order's language: the pass's texts are in it. */
  language: Language;
  /** The shop's #rrggbb colour, or null. */
  brandColor: string | null;
  /** Where the shop's widget is embedded: Google only lets those pages save the pass. */
  allowedOrigins: string[];
  orderNumber: string;
  buyerName: string;
  /**
   * The pass's serial: the id of the first ticket of the exchange chain (tickets.wallet_serial),
   * so the pass a phone holds follows the ticket that replaced it.
   */
  serial: string;
  /** The chain's last ticket was cancelled: the pass is voided (Apple) or inactive (Google). */
  voided: boolean;
  ticket: {
    id: string;
    number: string;
    qrPayload: string;
    tariffName: string;
    /** What the ticket cost, in minor units. */
    price: number;
    seat: SeatPlace | null;
    seatLabel: string | null;
  };
  performance: {
    id: string;
    eventTitle: string;
    startsAt: number;
    doorsAt: number | null;
    venueName: string;
    venueAddress: string;
  };
}

/** The labels of a pass, in the order's language. */
export interface WalletLabels {
  date: string;
  doors: string;
  venue: string;
  seat: string;
  section: string;
  row: string;
  generalAdmission: string;
  tariff: string;
  ticket: string;
  order: string;
  holder: string;
  /** The back of a voided pass: why it no longer admits. */
  cancelled: string;
  cancelledNotice: string;
}

export const walletLabels: Record<Language, WalletLabels> = {
  fr: { date: 'Date', doors: 'Portes', venue: 'Lieu', seat: 'Place', section: 'Secteur', row: 'Rang', generalAdmission: 'Placement libre', tariff: 'Tarif', ticket: 'Billet', order: 'Commande', holder: 'Titulaire', cancelled: 'Annulé', cancelledNotice: 'Ce billet a été annulé et n’est plus valable.' },
  de: { date: 'Datum', doors: 'Türöffnung', venue: 'Ort', seat: 'Platz', section: 'Bereich', row: 'Reihe', generalAdmission: 'Freie Platzwahl', tariff: 'Tarif', ticket: 'Ticket', order: 'Bestellung', holder: 'Inhaber', cancelled: 'Storniert', cancelledNotice: 'Dieses Ticket wurde storniert und ist nicht mehr gültig.' },
  it: { date: 'Data', doors: 'Porte', venue: 'Luogo', seat: 'Posto', section: 'Settore', row: 'Fila', generalAdmission: 'Posti liberi', tariff: 'Tariffa', ticket: 'Biglietto', order: 'Ordine', holder: 'Titolare', cancelled: 'Annullato', cancelledNotice: 'Questo biglietto è stato annullato e non è più valido.' },
  en: { date: 'Date', doors: 'Doors', venue: 'Venue', seat: 'Seat', section: 'Section', row: 'Row', generalAdmission: 'General admission', tariff: 'Tariff', ticket: 'Ticket', order: 'Order', holder: 'Holder', cancelled: 'Cancelled', cancelledNotice: 'This ticket was cancelled and is no longer valid.' },
};

/** A local date-time with its UTC offset (2026-12-18T19:30:00+01:00): both wallets show the time of the venue's zone. */
export function zonedIso(epochMs: number, offsetMs: number): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
