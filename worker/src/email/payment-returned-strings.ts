import type { Language } from './messages.js';

type Reason = 'seats_taken' | 'hold_changed' | 'codes_changed' | 'order_closed';

/** The sentences of the notice that a payment was given back because the sale could not be made. */
export interface PaymentReturnedStrings {
  subject: (number: string) => string;
  why: Record<Reason, (event: string) => string>;
  released: (amount: string) => string;
  refunded: (amount: string) => string;
  again: string;
}

const fr: PaymentReturnedStrings = {
  subject: (number) => `Paiement non utilisé pour la commande ${number}`,
  why: {
    seats_taken: (event) => `Votre paiement pour ${event} est arrivé après la fin de votre réservation, et vos places ont entre-temps été vendues à quelqu’un d’autre.`,
    hold_changed: (event) => `Votre panier pour ${event} a changé pendant le paiement : ce paiement ne correspondait plus à votre commande.`,
    codes_changed: (event) => `Un code de votre commande pour ${event} n’était plus valable au moment du paiement.`,
    order_closed: (event) => `Votre commande pour ${event} était déjà close au moment du paiement.`,
  },
  released: (amount) => `Aucun montant n’a été débité : la réservation de ${amount} sur votre carte est libérée. Selon votre banque, elle peut rester visible quelques jours.`,
  refunded: (amount) => `Les ${amount} débités vous sont intégralement remboursés. Le délai dépend de votre banque ou de votre application de paiement.`,
  again: 'Vous pouvez choisir à nouveau vos places dans la billetterie.',
};

const de: PaymentReturnedStrings = {
  subject: (number) => `Zahlung für Bestellung ${number} nicht verwendet`,
  why: {
    seats_taken: (event) => `Ihre Zahlung für ${event} kam nach dem Ende Ihrer Reservierung an, und Ihre Plätze wurden inzwischen an jemand anderen verkauft.`,
    hold_changed: (event) => `Ihr Warenkorb für ${event} hat sich während der Zahlung geändert: Diese Zahlung passte nicht mehr zu Ihrer Bestellung.`,
    codes_changed: (event) => `Ein Code Ihrer Bestellung für ${event} war zum Zeitpunkt der Zahlung nicht mehr gültig.`,
    order_closed: (event) => `Ihre Bestellung für ${event} war zum Zeitpunkt der Zahlung bereits abgeschlossen.`,
  },
  released: (amount) => `Es wurde nichts abgebucht: Die Reservierung von ${amount} auf Ihrer Karte wird freigegeben. Je nach Bank kann sie noch einige Tage sichtbar sein.`,
  refunded: (amount) => `Die abgebuchten ${amount} werden Ihnen vollständig zurückerstattet. Die Dauer hängt von Ihrer Bank oder Zahlungs-App ab.`,
  again: 'Sie können Ihre Plätze im Ticketshop erneut auswählen.',
};

const it: PaymentReturnedStrings = {
  subject: (number) => `Pagamento non utilizzato per l’ordine ${number}`,
  why: {
    seats_taken: (event) => `Il suo pagamento per ${event} è arrivato dopo la scadenza della prenotazione e nel frattempo i suoi posti sono stati venduti a qualcun altro.`,
    hold_changed: (event) => `Il suo carrello per ${event} è cambiato durante il pagamento: questo pagamento non corrispondeva più all’ordine.`,
    codes_changed: (event) => `Un codice del suo ordine per ${event} non era più valido al momento del pagamento.`,
    order_closed: (event) => `Il suo ordine per ${event} era già chiuso al momento del pagamento.`,
  },
  released: (amount) => `Non è stato addebitato nulla: la prenotazione di ${amount} sulla sua carta viene liberata. A seconda della banca può restare visibile per qualche giorno.`,
  refunded: (amount) => `I ${amount} addebitati le vengono rimborsati per intero. I tempi dipendono dalla sua banca o dalla sua app di pagamento.`,
  again: 'Può scegliere di nuovo i posti nella biglietteria.',
};

const en: PaymentReturnedStrings = {
  subject: (number) => `Payment not used for order ${number}`,
  why: {
    seats_taken: (event) => `Your payment for ${event} arrived after your reservation had ended, and your seats had meanwhile been sold to someone else.`,
    hold_changed: (event) => `Your cart for ${event} changed while you were paying: this payment no longer matched your order.`,
    codes_changed: (event) => `A code of your order for ${event} was no longer valid when the payment arrived.`,
    order_closed: (event) => `Your order for ${event} was already closed when the payment arrived.`,
  },
  released: (amount) => `Nothing was charged: the hold of ${amount} on your card is released. Depending on your bank it may stay visible for a few days.`,
  refunded: (amount) => `The ${amount} charged are refunded to you in full. How long it takes depends on your bank or payment app.`,
  again: 'You can choose your seats again in the ticket shop.',
};

export const paymentReturnedStrings: Record<Language, PaymentReturnedStrings> = { fr, de, it, en };
