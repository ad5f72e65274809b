import type { Language } from './messages.js';

/**
 * The sentences of the pass and voucher e-mails, per language. Kept apart from
 * translations.ts (ticket orders) because these messages have no performance.
 */
export interface ProductStrings {
  code: string;
  orderNumber: string;
  paid: string;
  keepCode: string;
  pass: {
    subject: (product: string) => string;
    intro: (product: string) => string;
    holder: string;
    performances: (count: number | null) => string;
    seats: (count: number) => string;
    validUntil: string;
    howTo: string;
  };
  voucher: {
    subject: (amount: string) => string;
    intro: (amount: string) => string;
    value: string;
    recipient: string;
    expires: string;
    noExpiry: string;
    howTo: string;
  };
}

const fr: ProductStrings = {
  code: 'Code',
  orderNumber: 'Achat',
  paid: 'Payé',
  keepCode: 'Gardez ce code : il ne sera pas envoyé une seconde fois.',
  pass: {
    subject: (product) => `Votre ${product}`,
    intro: (product) => `Merci pour votre achat. Voici votre ${product}.`,
    holder: 'Titulaire',
    performances: (count) => (count === null ? 'Toutes les représentations couvertes' : count === 1 ? '1 représentation' : `${count} représentations`),
    seats: (count) => (count === 1 ? '1 place par représentation' : `${count} places par représentation`),
    validUntil: 'Valable jusqu’au',
    howTo: 'Pour réserver, choisissez une représentation, puis saisissez ce code dans le panier : les places couvertes sont offertes.',
  },
  voucher: {
    subject: (amount) => `Votre bon cadeau de ${amount}`,
    intro: (amount) => `Merci pour votre achat. Voici votre bon cadeau d’une valeur de ${amount}.`,
    value: 'Valeur',
    recipient: 'Pour',
    expires: 'Valable jusqu’au',
    noExpiry: 'Sans limite de durée',
    howTo: 'Saisissez ce code dans le panier pour payer tout ou partie d’une commande ; le solde reste utilisable.',
  },
};

const de: ProductStrings = {
  code: 'Code',
  orderNumber: 'Kauf',
  paid: 'Bezahlt',
  keepCode: 'Bewahren Sie diesen Code auf: Er wird nicht ein zweites Mal verschickt.',
  pass: {
    subject: (product) => `Ihr ${product}`,
    intro: (product) => `Vielen Dank für Ihren Kauf. Hier ist Ihr ${product}.`,
    holder: 'Inhaber/in',
    performances: (count) => (count === null ? 'Alle abgedeckten Vorstellungen' : count === 1 ? '1 Vorstellung' : `${count} Vorstellungen`),
    seats: (count) => (count === 1 ? '1 Platz pro Vorstellung' : `${count} Plätze pro Vorstellung`),
    validUntil: 'Gültig bis',
    howTo: 'Wählen Sie zum Buchen eine Vorstellung und geben Sie diesen Code im Warenkorb ein: Die abgedeckten Plätze sind kostenlos.',
  },
  voucher: {
    subject: (amount) => `Ihr Geschenkgutschein über ${amount}`,
    intro: (amount) => `Vielen Dank für Ihren Kauf. Hier ist Ihr Geschenkgutschein im Wert von ${amount}.`,
    value: 'Wert',
    recipient: 'Für',
    expires: 'Gültig bis',
    noExpiry: 'Unbefristet gültig',
    howTo: 'Geben Sie diesen Code im Warenkorb ein, um eine Bestellung ganz oder teilweise zu bezahlen; das Restguthaben bleibt gültig.',
  },
};

const it: ProductStrings = {
  code: 'Codice',
  orderNumber: 'Acquisto',
  paid: 'Pagato',
  keepCode: 'Conservi questo codice: non verrà inviato una seconda volta.',
  pass: {
    subject: (product) => `Il suo ${product}`,
    intro: (product) => `Grazie per l’acquisto. Ecco il suo ${product}.`,
    holder: 'Titolare',
    performances: (count) => (count === null ? 'Tutte le rappresentazioni coperte' : count === 1 ? '1 rappresentazione' : `${count} rappresentazioni`),
    seats: (count) => (count === 1 ? '1 posto per rappresentazione' : `${count} posti per rappresentazione`),
    validUntil: 'Valido fino al',
    howTo: 'Per prenotare scelga una rappresentazione e inserisca questo codice nel carrello: i posti coperti sono gratuiti.',
  },
  voucher: {
    subject: (amount) => `Il suo buono regalo di ${amount}`,
    intro: (amount) => `Grazie per l’acquisto. Ecco il suo buono regalo del valore di ${amount}.`,
    value: 'Valore',
    recipient: 'Per',
    expires: 'Valido fino al',
    noExpiry: 'Senza scadenza',
    howTo: 'Inserisca questo codice nel carrello per pagare tutto o parte di un ordine; il saldo resta utilizzabile.',
  },
};

const en: ProductStrings = {
  code: 'Code',
  orderNumber: 'Purchase',
  paid: 'Paid',
  keepCode: 'Keep this code: it will not be sent a second time.',
  pass: {
    subject: (product) => `Your ${product}`,
    intro: (product) => `Thank you for your purchase. Here is your ${product}.`,
    holder: 'Holder',
    performances: (count) => (count === null ? 'Every covered performance' : count === 1 ? '1 performance' : `${count} performances`),
    seats: (count) => (count === 1 ? '1 seat per performance' : `${count} seats per performance`),
    validUntil: 'Valid until',
    howTo: 'To book, choose a performance and enter this code in the cart: the covered seats are free.',
  },
  voucher: {
    subject: (amount) => `Your gift voucher of ${amount}`,
    intro: (amount) => `Thank you for your purchase. Here is your gift voucher worth ${amount}.`,
    value: 'Value',
    recipient: 'For',
    expires: 'Valid until',
    noExpiry: 'Does not expire',
    howTo: 'Enter this code in the cart to pay for all or part of an order; the remaining balance stays usable.',
  },
};

export const productStrings: Record<Language, ProductStrings> = { fr, de, it, en };
