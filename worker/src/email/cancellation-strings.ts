import type { Language } from './messages.js';

/**
 * The sentences of the notice sent when staff cancel an order or some of its tickets, per
 * language. Kept apart from translations.ts, which other e-mails share.
 */
export interface CancellationStrings {
  subject: (number: string, whole: boolean) => string;
  whole: (event: string) => string;
  some: (count: number, event: string) => string;
  cancelledTickets: string;
  stillValid: string;
  invalidAtDoor: string;
  note: string;
  refund: {
    title: string;
    cash: (amount: string) => string;
    bank_transfer: (amount: string) => string;
    card_refund: (amount: string) => string;
    voucher: (amount: string) => string;
    none: string;
    voucherCode: string;
    voucherExpires: string;
    voucherHowTo: string;
  };
  insurance: string;
  insurer: string;
  /** An unpaid invoice order: nothing was paid, nothing is owed. */
  owesNothing: string;
  /** The card's authorization lapsed before the money could be taken: the system cancelled the order. */
  notCollected: (event: string) => string;
}

const fr: CancellationStrings = {
  subject: (number, whole) => (whole ? `Commande ${number} annulée` : `Billets annulés dans la commande ${number}`),
  whole: (event) => `Votre commande pour ${event} a été annulée par l’organisateur.`,
  some: (count, event) => (count === 1 ? `L’organisateur a annulé un billet de votre commande pour ${event}.` : `L’organisateur a annulé ${count} billets de votre commande pour ${event}.`),
  cancelledTickets: 'Billets annulés',
  stillValid: 'Vos autres billets restent valables.',
  invalidAtDoor: 'Les billets annulés ne sont plus acceptés à l’entrée.',
  note: 'Message de l’organisateur',
  refund: {
    title: 'Remboursement',
    cash: (amount) => `L’organisateur vous rembourse ${amount} en espèces.`,
    bank_transfer: (amount) => `L’organisateur vous rembourse ${amount} par virement bancaire.`,
    card_refund: (amount) => `${amount} sont remboursés sur la carte utilisée pour le paiement. Le délai dépend de votre banque.`,
    voucher: (amount) => `Vous recevez un bon d’une valeur de ${amount}, utilisable dans la billetterie.`,
    none: 'Cette annulation ne donne pas lieu à un remboursement.',
    voucherCode: 'Code du bon',
    voucherExpires: 'Valable jusqu’au',
    voucherHowTo: 'Saisissez ce code dans le panier lors de votre prochain achat.',
  },
  insurance: 'Vous aviez souscrit une assurance annulation : pour toute demande, adressez-vous directement à l’assureur avec le numéro de billet.',
  insurer: 'Assureur',
  owesNothing: 'Les places ont été remises en vente. Vous ne devez rien pour cette commande.',
  notCollected: (event) => `Votre commande pour ${event} a été annulée : le paiement par carte n’a pas pu être encaissé, l’autorisation de votre banque ayant expiré. Aucun montant n’a été débité.`,
};

const de: CancellationStrings = {
  subject: (number, whole) => (whole ? `Bestellung ${number} storniert` : `Tickets der Bestellung ${number} storniert`),
  whole: (event) => `Ihre Bestellung für ${event} wurde vom Veranstalter storniert.`,
  some: (count, event) => (count === 1 ? `Der Veranstalter hat ein Ticket Ihrer Bestellung für ${event} storniert.` : `Der Veranstalter hat ${count} Tickets Ihrer Bestellung für ${event} storniert.`),
  cancelledTickets: 'Stornierte Tickets',
  stillValid: 'Ihre übrigen Tickets bleiben gültig.',
  invalidAtDoor: 'Stornierte Tickets werden am Eingang nicht mehr akzeptiert.',
  note: 'Nachricht des Veranstalters',
  refund: {
    title: 'Rückerstattung',
    cash: (amount) => `Der Veranstalter erstattet Ihnen ${amount} in bar.`,
    bank_transfer: (amount) => `Der Veranstalter erstattet Ihnen ${amount} per Banküberweisung.`,
    card_refund: (amount) => `${amount} werden der für die Zahlung verwendeten Karte gutgeschrieben. Die Dauer hängt von Ihrer Bank ab.`,
    voucher: (amount) => `Sie erhalten einen Gutschein über ${amount}, einlösbar in unserem Ticketshop.`,
    none: 'Für diese Stornierung erfolgt keine Rückerstattung.',
    voucherCode: 'Gutscheincode',
    voucherExpires: 'Gültig bis',
    voucherHowTo: 'Geben Sie diesen Code bei Ihrem nächsten Kauf im Warenkorb ein.',
  },
  insurance: 'Sie hatten eine Annullierungsversicherung abgeschlossen: Wenden Sie sich für Ansprüche mit der Ticketnummer direkt an den Versicherer.',
  insurer: 'Versicherer',
  owesNothing: 'Die Plätze sind wieder im Verkauf. Sie schulden für diese Bestellung nichts.',
  notCollected: (event) => `Ihre Bestellung für ${event} wurde storniert: Die Kartenzahlung konnte nicht eingezogen werden, weil die Autorisierung Ihrer Bank abgelaufen ist. Es wurde nichts abgebucht.`,
};

const it: CancellationStrings = {
  subject: (number, whole) => (whole ? `Ordine ${number} annullato` : `Biglietti annullati nell’ordine ${number}`),
  whole: (event) => `Il suo ordine per ${event} è stato annullato dall’organizzatore.`,
  some: (count, event) => (count === 1 ? `L’organizzatore ha annullato un biglietto del suo ordine per ${event}.` : `L’organizzatore ha annullato ${count} biglietti del suo ordine per ${event}.`),
  cancelledTickets: 'Biglietti annullati',
  stillValid: 'Gli altri biglietti restano validi.',
  invalidAtDoor: 'I biglietti annullati non sono più accettati all’ingresso.',
  note: 'Messaggio dell’organizzatore',
  refund: {
    title: 'Rimborso',
    cash: (amount) => `L’organizzatore le rimborsa ${amount} in contanti.`,
    bank_transfer: (amount) => `L’organizzatore le rimborsa ${amount} tramite bonifico bancario.`,
    card_refund: (amount) => `${amount} vengono rimborsati sulla carta usata per il pagamento. I tempi dipendono dalla sua banca.`,
    voucher: (amount) => `Riceve un buono del valore di ${amount}, utilizzabile nella nostra biglietteria.`,
    none: 'Questo annullamento non prevede alcun rimborso.',
    voucherCode: 'Codice del buono',
    voucherExpires: 'Valido fino al',
    voucherHowTo: 'Inserisca questo codice nel carrello al suo prossimo acquisto.',
  },
  insurance: 'Aveva sottoscritto un’assicurazione annullamento: per una richiesta si rivolga direttamente all’assicuratore indicando il numero del biglietto.',
  insurer: 'Assicuratore',
  owesNothing: 'I posti sono stati rimessi in vendita. Non deve nulla per questo ordine.',
  notCollected: (event) => `Il suo ordine per ${event} è stato annullato: il pagamento con carta non ha potuto essere incassato perché l’autorizzazione della sua banca è scaduta. Non è stato addebitato nulla.`,
};

const en: CancellationStrings = {
  subject: (number, whole) => (whole ? `Order ${number} cancelled` : `Tickets cancelled in order ${number}`),
  whole: (event) => `Your order for ${event} was cancelled by the organizer.`,
  some: (count, event) => (count === 1 ? `The organizer cancelled one ticket of your order for ${event}.` : `The organizer cancelled ${count} tickets of your order for ${event}.`),
  cancelledTickets: 'Cancelled tickets',
  stillValid: 'Your other tickets remain valid.',
  invalidAtDoor: 'Cancelled tickets are no longer accepted at the door.',
  note: 'Message from the organizer',
  refund: {
    title: 'Refund',
    cash: (amount) => `The organizer refunds you ${amount} in cash.`,
    bank_transfer: (amount) => `The organizer refunds you ${amount} by bank transfer.`,
    card_refund: (amount) => `${amount} is refunded to the card you paid with. How long it takes depends on your bank.`,
    voucher: (amount) => `You receive a voucher worth ${amount} to use in our ticket shop.`,
    none: 'This cancellation comes without a refund.',
    voucherCode: 'Voucher code',
    voucherExpires: 'Valid until',
    voucherHowTo: 'Type this code in the cart of your next purchase.',
  },
  insurance: 'You had taken out cancellation insurance: for a claim, contact the insurer directly with your ticket number.',
  insurer: 'Insurer',
  owesNothing: 'The seats are back on sale. You owe nothing for this order.',
  notCollected: (event) => `Your order for ${event} was cancelled: the card payment could not be collected because your bank’s authorization expired. Nothing was charged.`,
};

export const cancellationStrings: Record<Language, CancellationStrings> = { fr, de, it, en };
