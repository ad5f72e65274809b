import type { Locale } from '../api/types.js';
import { matchLocale } from '../i18n/localize.js';

/**
 * The texts of paying through Stripe, in the four languages. They live here, in the checkout's
 * lazy chunk, rather than in widget/src/i18n: the English table is part of the first download,
 * which has no room left, and only a buyer at the checkout of a Stripe shop needs them.
 */
const en = {
  /** The payment method, in the checkout's choice and on the confirmation. */
  method: 'Card, TWINT, Apple Pay, Google Pay',
  methodHint: 'You choose how to pay and enter your details on the next step, in a secure form of Stripe.',
  continue: 'Continue to payment',
  heading: 'Pay by card, TWINT, Apple Pay or Google Pay',
  loading: 'Loading the payment form…',
  loadFailed: 'The payment form could not be loaded. Check your connection and try again.',
  checking: 'Checking your payment…',
  processing: 'Your payment is being processed. Your tickets are sent to you by e-mail as soon as it is confirmed.',
  back: 'Choose another payment method',
  /** Stripe took the money but the sale could not be made (contract: payment_returned), by reason. */
  returned: {
    seats_taken: 'Sorry, your seats were taken by someone else before your payment arrived.',
    hold_changed: 'Your reservation changed while you were paying.',
    codes_changed: 'A code of your order changed while you were paying.',
    order_closed: 'Your order could no longer be completed.',
  },
  refunded: 'Your payment has been refunded in full.',
  notCharged: 'Nothing was charged.',
  startAgain: 'We sent you an e-mail. Please choose your tickets again.',
  /** None of the methods the shop takes is offered for this order (as the API’s payment_method_unavailable says). */
  methodUnavailable: 'This payment method is not available.',
};

export type StripeStrings = typeof en;

const fr: StripeStrings = {
  method: 'Carte, TWINT, Apple Pay, Google Pay',
  methodHint: 'Vous choisissez le moyen de paiement et saisissez vos données à l’étape suivante, dans un formulaire sécurisé de Stripe.',
  continue: 'Continuer vers le paiement',
  heading: 'Payer par carte, TWINT, Apple Pay ou Google Pay',
  loading: 'Chargement du formulaire de paiement…',
  loadFailed: 'Le formulaire de paiement n’a pas pu être chargé. Vérifiez votre connexion et réessayez.',
  checking: 'Vérification de votre paiement…',
  processing: 'Votre paiement est en cours de traitement. Vos billets vous sont envoyés par e-mail dès qu’il est confirmé.',
  back: 'Choisir un autre moyen de paiement',
  returned: {
    seats_taken: 'Désolés, vos places ont été prises par quelqu’un d’autre avant l’arrivée de votre paiement.',
    hold_changed: 'Votre réservation a changé pendant le paiement.',
    codes_changed: 'Un code de votre commande a changé pendant le paiement.',
    order_closed: 'Votre commande n’a plus pu être conclue.',
  },
  refunded: 'Votre paiement vous a été intégralement remboursé.',
  notCharged: 'Rien n’a été débité.',
  startAgain: 'Nous vous avons envoyé un e-mail. Veuillez choisir à nouveau vos billets.',
  methodUnavailable: 'Ce moyen de paiement n’est pas disponible.',
};

const de: StripeStrings = {
  method: 'Karte, TWINT, Apple Pay, Google Pay',
  methodHint: 'Im nächsten Schritt wählen Sie die Zahlungsart und geben Ihre Daten in einem sicheren Formular von Stripe ein.',
  continue: 'Weiter zur Zahlung',
  heading: 'Mit Karte, TWINT, Apple Pay oder Google Pay bezahlen',
  loading: 'Zahlungsformular wird geladen…',
  loadFailed: 'Das Zahlungsformular konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  checking: 'Ihre Zahlung wird geprüft…',
  processing: 'Ihre Zahlung wird verarbeitet. Ihre Tickets erhalten Sie per E-Mail, sobald sie bestätigt ist.',
  back: 'Andere Zahlungsart wählen',
  returned: {
    seats_taken: 'Leider wurden Ihre Plätze von jemand anderem gebucht, bevor Ihre Zahlung eintraf.',
    hold_changed: 'Ihre Reservierung hat sich während der Zahlung geändert.',
    codes_changed: 'Ein Code Ihrer Bestellung hat sich während der Zahlung geändert.',
    order_closed: 'Ihre Bestellung konnte nicht mehr abgeschlossen werden.',
  },
  refunded: 'Ihre Zahlung wurde vollständig erstattet.',
  notCharged: 'Es wurde nichts belastet.',
  startAgain: 'Wir haben Ihnen eine E-Mail geschickt. Bitte wählen Sie Ihre Tickets erneut.',
  methodUnavailable: 'Diese Zahlungsart ist nicht verfügbar.',
};

const it: StripeStrings = {
  method: 'Carta, TWINT, Apple Pay, Google Pay',
  methodHint: 'Al passo successivo scegli come pagare e inserisci i tuoi dati in un modulo sicuro di Stripe.',
  continue: 'Continua al pagamento',
  heading: 'Paga con carta, TWINT, Apple Pay o Google Pay',
  loading: 'Caricamento del modulo di pagamento…',
  loadFailed: 'Non è stato possibile caricare il modulo di pagamento. Controlla la connessione e riprova.',
  checking: 'Verifica del pagamento…',
  processing: 'Il tuo pagamento è in elaborazione. Riceverai i biglietti per e-mail non appena sarà confermato.',
  back: 'Scegli un altro metodo di pagamento',
  returned: {
    seats_taken: 'Spiacenti, i tuoi posti sono stati presi da qualcun altro prima che arrivasse il pagamento.',
    hold_changed: 'La tua prenotazione è cambiata durante il pagamento.',
    codes_changed: 'Un codice del tuo ordine è cambiato durante il pagamento.',
    order_closed: 'Il tuo ordine non ha più potuto essere concluso.',
  },
  refunded: 'Il tuo pagamento è stato rimborsato per intero.',
  notCharged: 'Non è stato addebitato nulla.',
  startAgain: 'Ti abbiamo inviato un’e-mail. Scegli di nuovo i tuoi biglietti.',
  methodUnavailable: 'Questo metodo di pagamento non è disponibile.',
};

const tables: Record<Locale, StripeStrings> = { en, fr, de, it };

/** The Stripe texts of a language (English for other tags). */
export const stripeStrings = (locale: string): StripeStrings => tables[matchLocale(locale) ?? 'en'];
