import type { Locale } from '../api/types.js';

/**
 * The texts of `<tk-gift-shop>` in the four languages. They live with the element (its own lazy
 * chunk) rather than in widget/src/i18n, so that the first download of `<ticket-shop>`, which
 * most pages use without selling gifts, stays within its size budget.
 */
/** A validity in whole years when it is one (365 days a year), else in days. */
const years = (days: number) => (days % 365 === 0 ? days / 365 : null);

const en = {
  title: 'Gift vouchers and passes',
  voucher: 'Gift voucher',
  voucherHint: (days: number) => {
    const y = years(days);
    return `Usable for any ticket of the shop, in one or several orders, for ${y === null ? (days === 1 ? '1 day' : `${days} days`) : y === 1 ? '1 year' : `${y} years`}.`;
  },
  otherAmount: 'Other amount',
  amountRange: (min: string, max: string) => `From ${min} to ${max}`,
  amountInvalid: (min: string, max: string) => `Please enter an amount from ${min} to ${max}.`,
  passes: 'Passes',
  recipient: 'Name on the voucher (optional)',
  holder: 'Name of the pass holder',
  holderRequired: 'Please enter the name of the pass holder.',
  choose: 'Choose a gift voucher or a pass.',
  thankYou: 'Thank you! Here is your code.',
  codeIntro: 'It was also sent to you by e-mail. Type it into the code field of the cart when buying tickets.',
  none: 'This shop sells no gift vouchers or passes at the moment.',
  emailHint: 'We send the code to this address.',
  /** The pay button before a product (or a valid amount) is chosen. */
  pay: 'Pay',
  getFree: 'Confirm',
  orderNumber: (number: string) => `Order number: ${number}`,
  /** Paid by Stripe, still processing: the code comes once Stripe confirms. */
  stripeProcessing: 'Your payment is being processed. Your code is sent to you by e-mail as soon as it is confirmed.',
  /** Stripe took the money but the purchase had been closed meanwhile (then: refunded, or nothing charged). */
  stripeReturned: 'Your payment arrived but this purchase could no longer be completed.',
};

export type GiftStrings = typeof en;

const fr: GiftStrings = {
  title: 'Bons cadeaux et abonnements',
  voucher: 'Bon cadeau',
  voucherHint: (days) => {
    const y = years(days);
    return `Valable pour tous les billets de la billetterie, en une ou plusieurs commandes, pendant ${y === null ? (days === 1 ? '1 jour' : `${days} jours`) : y === 1 ? '1 an' : `${y} ans`}.`;
  },
  otherAmount: 'Autre montant',
  amountRange: (min, max) => `De ${min} à ${max}`,
  amountInvalid: (min, max) => `Veuillez saisir un montant de ${min} à ${max}.`,
  passes: 'Abonnements',
  recipient: 'Nom sur le bon (facultatif)',
  holder: 'Nom du titulaire de l’abonnement',
  holderRequired: 'Veuillez saisir le nom du titulaire.',
  choose: 'Choisissez un bon cadeau ou un abonnement.',
  thankYou: 'Merci ! Voici votre code.',
  codeIntro: 'Il vous a aussi été envoyé par e-mail. Saisissez-le dans le champ de code du panier en achetant vos billets.',
  none: 'Cette billetterie ne vend ni bons cadeaux ni abonnements pour le moment.',
  emailHint: 'Nous vous envoyons le code à cette adresse.',
  pay: 'Payer',
  getFree: 'Confirmer',
  orderNumber: (number) => `Numéro de commande\u00a0: ${number}`,
  stripeProcessing: 'Votre paiement est en cours de traitement. Votre code vous est envoyé par e-mail dès qu’il est confirmé.',
  stripeReturned: 'Votre paiement est arrivé, mais cet achat n’a plus pu être conclu.',
};

const de: GiftStrings = {
  title: 'Geschenkgutscheine und Abos',
  voucher: 'Geschenkgutschein',
  voucherHint: (days) => {
    const y = years(days);
    return `Gültig für alle Tickets des Shops, in einer oder mehreren Bestellungen, ${y === null ? (days === 1 ? '1 Tag' : `${days} Tage`) : y === 1 ? '1 Jahr' : `${y} Jahre`} lang.`;
  },
  otherAmount: 'Anderer Betrag',
  amountRange: (min, max) => `Von ${min} bis ${max}`,
  amountInvalid: (min, max) => `Bitte geben Sie einen Betrag von ${min} bis ${max} ein.`,
  passes: 'Abos',
  recipient: 'Name auf dem Gutschein (freiwillig)',
  holder: 'Name der Abo-Inhaberin oder des Abo-Inhabers',
  holderRequired: 'Bitte geben Sie den Namen der Inhaberin oder des Inhabers ein.',
  choose: 'Wählen Sie einen Gutschein oder ein Abo.',
  thankYou: 'Vielen Dank! Hier ist Ihr Code.',
  codeIntro: 'Sie haben ihn auch per E-Mail erhalten. Geben Sie ihn beim Ticketkauf im Codefeld des Warenkorbs ein.',
  none: 'Dieser Shop verkauft derzeit keine Gutscheine oder Abos.',
  emailHint: 'Wir senden Ihnen den Code an diese Adresse.',
  pay: 'Bezahlen',
  getFree: 'Bestätigen',
  orderNumber: (number) => `Bestellnummer: ${number}`,
  stripeProcessing: 'Ihre Zahlung wird verarbeitet. Ihren Code erhalten Sie per E-Mail, sobald sie bestätigt ist.',
  stripeReturned: 'Ihre Zahlung ist eingetroffen, aber dieser Kauf konnte nicht mehr abgeschlossen werden.',
};

const it: GiftStrings = {
  title: 'Buoni regalo e abbonamenti',
  voucher: 'Buono regalo',
  voucherHint: (days) => {
    const y = years(days);
    return `Valido per tutti i biglietti del negozio, in uno o più ordini, per ${y === null ? (days === 1 ? '1 giorno' : `${days} giorni`) : y === 1 ? '1 anno' : `${y} anni`}.`;
  },
  otherAmount: 'Altro importo',
  amountRange: (min, max) => `Da ${min} a ${max}`,
  amountInvalid: (min, max) => `Inserisca un importo da ${min} a ${max}.`,
  passes: 'Abbonamenti',
  recipient: 'Nome sul buono (facoltativo)',
  holder: 'Nome del titolare dell’abbonamento',
  holderRequired: 'Inserisca il nome del titolare.',
  choose: 'Scelga un buono regalo o un abbonamento.',
  thankYou: 'Grazie! Ecco il suo codice.',
  codeIntro: 'Le è stato inviato anche per e-mail. Lo inserisca nel campo codice del carrello quando acquista i biglietti.',
  none: 'Al momento questo negozio non vende buoni regalo né abbonamenti.',
  emailHint: 'Le inviamo il codice a questo indirizzo.',
  pay: 'Paga',
  getFree: 'Conferma',
  orderNumber: (number) => `Numero d’ordine: ${number}`,
  stripeProcessing: 'Il suo pagamento è in elaborazione. Riceverà il codice per e-mail non appena sarà confermato.',
  stripeReturned: 'Il suo pagamento è arrivato, ma questo acquisto non ha più potuto essere concluso.',
};

export const giftStrings: Readonly<Record<Locale, GiftStrings>> = { en, fr, de, it };
