import type { Language } from './messages.js';

/**
 * The sentences of the exchange confirmation, per language. Kept apart from translations.ts
 * so that the exchange e-mail can change without touching the other messages.
 */
export interface ExchangeStrings {
  subject: (event: string, ticket: string) => string;
  intro: (oldTicket: string) => string;
  newTicket: string;
  oldTicket: string;
  noLongerValid: (oldTicket: string) => string;
  difference: string;
  fee: string;
  charged: string;
  nothingCharged: string;
  refundDue: (amount: string) => string;
  wasOn: (when: string) => string;
}

const fr: ExchangeStrings = {
  subject: (event, ticket) => `Billet échangé : ${event} (billet ${ticket})`,
  intro: (oldTicket) => `Votre billet ${oldTicket} a été échangé. Voici votre nouveau billet.`,
  newTicket: 'Votre nouveau billet',
  oldTicket: 'Ancien billet',
  noLongerValid: (oldTicket) => `Le billet ${oldTicket} n’est plus valable et sera refusé à l’entrée.`,
  difference: 'Différence de prix',
  fee: 'Frais d’échange',
  charged: 'Payé',
  nothingCharged: 'Cet échange ne vous a rien coûté.',
  refundDue: (amount) => `L’organisateur vous remboursera ${amount}.`,
  wasOn: (when) => `prévu le ${when}`,
};

const de: ExchangeStrings = {
  subject: (event, ticket) => `Ticket umgetauscht: ${event} (Ticket ${ticket})`,
  intro: (oldTicket) => `Ihr Ticket ${oldTicket} wurde umgetauscht. Hier ist Ihr neues Ticket.`,
  newTicket: 'Ihr neues Ticket',
  oldTicket: 'Altes Ticket',
  noLongerValid: (oldTicket) => `Das Ticket ${oldTicket} ist nicht mehr gültig und wird am Eingang abgewiesen.`,
  difference: 'Preisdifferenz',
  fee: 'Umtauschgebühr',
  charged: 'Bezahlt',
  nothingCharged: 'Dieser Umtausch hat Sie nichts gekostet.',
  refundDue: (amount) => `Der Veranstalter erstattet Ihnen ${amount}.`,
  wasOn: (when) => `für ${when}`,
};

const it: ExchangeStrings = {
  subject: (event, ticket) => `Biglietto cambiato: ${event} (biglietto ${ticket})`,
  intro: (oldTicket) => `Il suo biglietto ${oldTicket} è stato cambiato. Ecco il nuovo biglietto.`,
  newTicket: 'Il suo nuovo biglietto',
  oldTicket: 'Biglietto precedente',
  noLongerValid: (oldTicket) => `Il biglietto ${oldTicket} non è più valido e sarà rifiutato all’ingresso.`,
  difference: 'Differenza di prezzo',
  fee: 'Spese di cambio',
  charged: 'Pagato',
  nothingCharged: 'Questo cambio non le è costato nulla.',
  refundDue: (amount) => `L’organizzatore le rimborserà ${amount}.`,
  wasOn: (when) => `previsto il ${when}`,
};

const en: ExchangeStrings = {
  subject: (event, ticket) => `Ticket exchanged: ${event} (ticket ${ticket})`,
  intro: (oldTicket) => `Your ticket ${oldTicket} has been exchanged. Here is your new ticket.`,
  newTicket: 'Your new ticket',
  oldTicket: 'Previous ticket',
  noLongerValid: (oldTicket) => `Ticket ${oldTicket} is no longer valid and will be refused at the door.`,
  difference: 'Price difference',
  fee: 'Exchange fee',
  charged: 'Paid',
  nothingCharged: 'This exchange cost you nothing.',
  refundDue: (amount) => `The organizer will refund you ${amount}.`,
  wasOn: (when) => `for ${when}`,
};

export const exchangeStrings: Record<Language, ExchangeStrings> = { fr, de, it, en };
