import type { Language } from '../email/messages.js';

/** The words printed on a PDF ticket, per language (the seat itself: emailStrings' seatPlace). */
export interface TicketPdfStrings {
  ticket: string;
  when: string;
  doors: string;
  venue: string;
  seat: string;
  generalAdmission: string;
  tariff: string;
  price: string;
  holder: string;
  ticketNumber: string;
  orderNumber: string;
  conditions: string;
  atTheDoor: string;
  /** The document's title: "Tickets K3F9-7QXM". */
  title: (orderNumber: string) => string;
}

const fr: TicketPdfStrings = {
  ticket: 'Billet',
  when: 'Date',
  doors: 'Ouverture des portes',
  venue: 'Lieu',
  seat: 'Place',
  generalAdmission: 'Placement libre',
  tariff: 'Tarif',
  price: 'Prix payé',
  holder: 'Au nom de',
  ticketNumber: 'N° de billet',
  orderNumber: 'Commande',
  conditions: 'Conditions',
  atTheDoor: 'Présentez ce code à l’entrée, imprimé ou sur votre téléphone. Chaque billet n’est valable qu’une fois.',
  title: (order) => `Billets ${order}`,
};

const de: TicketPdfStrings = {
  ticket: 'Ticket',
  when: 'Datum',
  doors: 'Türöffnung',
  venue: 'Ort',
  seat: 'Platz',
  generalAdmission: 'Freie Platzwahl',
  tariff: 'Tarif',
  price: 'Bezahlter Preis',
  holder: 'Auf den Namen',
  ticketNumber: 'Ticketnummer',
  orderNumber: 'Bestellung',
  conditions: 'Bedingungen',
  atTheDoor: 'Zeigen Sie diesen Code am Eingang vor, gedruckt oder auf dem Telefon. Jedes Ticket ist nur einmal gültig.',
  title: (order) => `Tickets ${order}`,
};

const it: TicketPdfStrings = {
  ticket: 'Biglietto',
  when: 'Data',
  doors: 'Apertura porte',
  venue: 'Luogo',
  seat: 'Posto',
  generalAdmission: 'Posto libero',
  tariff: 'Tariffa',
  price: 'Prezzo pagato',
  holder: 'Intestato a',
  ticketNumber: 'N. biglietto',
  orderNumber: 'Ordine',
  conditions: 'Condizioni',
  atTheDoor: 'Mostrate questo codice all’ingresso, stampato o sul telefono. Ogni biglietto è valido una sola volta.',
  title: (order) => `Biglietti ${order}`,
};

const en: TicketPdfStrings = {
  ticket: 'Ticket',
  when: 'Date',
  doors: 'Doors open',
  venue: 'Venue',
  seat: 'Seat',
  generalAdmission: 'General admission',
  tariff: 'Tariff',
  price: 'Price paid',
  holder: 'Name',
  ticketNumber: 'Ticket number',
  orderNumber: 'Order',
  conditions: 'Conditions',
  atTheDoor: 'Show this code at the entrance, printed or on your phone. Each ticket is valid once.',
  title: (order) => `Tickets ${order}`,
};

export const ticketPdfStrings: Record<Language, TicketPdfStrings> = { fr, de, it, en };
