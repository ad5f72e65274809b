import type { Locale } from '../api/types.js';
import { matchLocale } from '../i18n/localize.js';

/**
 * The texts of `<tk-order-confirmation>` in the four languages (headings and labels shared with
 * other parts stay in widget/src/i18n). They live with the element, in the checkout's lazy
 * chunk, so that the first download of `<ticket-shop>` stays within its size budget.
 */
const en = {
  keepTickets: 'Show these QR codes at the entrance. Keep this page or take a screenshot.',
  invoiceThankYou: 'Thank you! Your order is placed.',
  invoiceIntro: 'Your seats are reserved for you until the payment deadline. Your tickets are sent by e-mail as soon as your payment is recorded.',
  paymentDeadline: 'Payment deadline',
  payableTo: 'Payable to',
  account: 'IBAN',
  paymentReference: 'Reference',
  downloadInvoice: 'Download the invoice (PDF)',
  ticketQr: (ticket: string) => `QR code of ticket ${ticket}`,
  ticketNoLongerValid: 'No longer valid (exchanged or cancelled)',
  freeSeating: 'Free seating',
  paidWith: { free: 'Free order', simulated_card: 'Card (test mode)', invoice: 'Invoice', stripe: 'Card, TWINT, Apple Pay, Google Pay' },
  buyMore: 'Buy more tickets',
  insured: (insurer: string) => `Your tickets are insured against cancellation by ${insurer}. Each ticket number is its policy reference.`,
  insurerContact: (contact: string) => `To make a claim, contact the insurer: ${contact}`,
};

export type ConfirmationStrings = typeof en & { paidWith: Record<string, string> };

const fr: ConfirmationStrings = {
  keepTickets: 'Présentez ces codes QR à l’entrée. Gardez cette page ou faites une capture d’écran.',
  invoiceThankYou: 'Merci ! Votre commande est enregistrée.',
  invoiceIntro: 'Vos places vous sont réservées jusqu’au délai de paiement. Vos billets vous sont envoyés par e-mail dès que votre paiement est enregistré.',
  paymentDeadline: 'Délai de paiement',
  payableTo: 'Payable à',
  account: 'IBAN',
  paymentReference: 'Référence',
  downloadInvoice: 'Télécharger la facture (PDF)',
  ticketQr: (ticket) => `Code QR du billet ${ticket}`,
  ticketNoLongerValid: 'N’est plus valable (échangé ou annulé)',
  freeSeating: 'Placement libre',
  paidWith: { free: 'Commande gratuite', simulated_card: 'Carte (mode test)', invoice: 'Facture', stripe: 'Carte, TWINT, Apple Pay, Google Pay' },
  buyMore: 'Acheter d’autres billets',
  insured: (insurer) => `Vos billets sont assurés contre l’annulation par ${insurer}. Chaque numéro de billet est sa référence de police.`,
  insurerContact: (contact) => `Pour déclarer un sinistre, contactez l’assureur : ${contact}`,
};

const de: ConfirmationStrings = {
  keepTickets: 'Zeigen Sie diese QR-Codes am Eingang. Behalten Sie diese Seite oder machen Sie einen Screenshot.',
  invoiceThankYou: 'Vielen Dank! Ihre Bestellung ist aufgegeben.',
  invoiceIntro: 'Ihre Plätze bleiben bis zur Zahlungsfrist für Sie reserviert. Ihre Tickets werden Ihnen per E-Mail gesendet, sobald Ihre Zahlung verbucht ist.',
  paymentDeadline: 'Zahlungsfrist',
  payableTo: 'Zahlbar an',
  account: 'IBAN',
  paymentReference: 'Referenz',
  downloadInvoice: 'Rechnung herunterladen (PDF)',
  ticketQr: (ticket) => `QR-Code von Ticket ${ticket}`,
  ticketNoLongerValid: 'Nicht mehr gültig (umgetauscht oder storniert)',
  freeSeating: 'Freie Platzwahl',
  paidWith: { free: 'Gratisbestellung', simulated_card: 'Karte (Testmodus)', invoice: 'Rechnung', stripe: 'Karte, TWINT, Apple Pay, Google Pay' },
  buyMore: 'Weitere Tickets kaufen',
  insured: (insurer) => `Ihre Tickets sind bei ${insurer} gegen Annullierung versichert. Jede Ticketnummer ist ihre Policennummer.`,
  insurerContact: (contact) => `Für einen Schadenfall wenden Sie sich an den Versicherer: ${contact}`,
};

const it: ConfirmationStrings = {
  keepTickets: 'Mostra questi codici QR all’ingresso. Conserva questa pagina o fai uno screenshot.',
  invoiceThankYou: 'Grazie! Il tuo ordine è registrato.',
  invoiceIntro: 'I tuoi posti restano riservati fino al termine di pagamento. I biglietti ti vengono inviati per e-mail non appena il pagamento è registrato.',
  paymentDeadline: 'Termine di pagamento',
  payableTo: 'Pagabile a',
  account: 'IBAN',
  paymentReference: 'Riferimento',
  downloadInvoice: 'Scarica la fattura (PDF)',
  ticketQr: (ticket) => `Codice QR del biglietto ${ticket}`,
  ticketNoLongerValid: 'Non più valido (cambiato o annullato)',
  freeSeating: 'Posti liberi',
  paidWith: { free: 'Ordine gratuito', simulated_card: 'Carta (modalità di prova)', invoice: 'Fattura', stripe: 'Carta, TWINT, Apple Pay, Google Pay' },
  buyMore: 'Acquista altri biglietti',
  insured: (insurer) => `I suoi biglietti sono assicurati contro l’annullamento da ${insurer}. Ogni numero di biglietto è il suo riferimento di polizza.`,
  insurerContact: (contact) => `Per un sinistro contatti l’assicuratore: ${contact}`,
};

const tables: Record<Locale, ConfirmationStrings> = { en, fr, de, it };

/** The confirmation's texts of a language (English for other tags). */
export const confirmationStrings = (locale: string): ConfirmationStrings => tables[matchLocale(locale) ?? 'en'];
