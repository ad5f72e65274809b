import type { locales, refundMethods } from '../../../../contract/vocabulary.js';

export type Language = (typeof locales)[number];

/** Payment methods as an organizer reads them; an unknown one shows as stored. */
const paymentMethodLabels: Record<string, Record<Language, string>> = {
  free: { fr: 'Gratuit', de: 'Kostenlos', it: 'Gratuito', en: 'Free' },
  simulated_card: { fr: 'Carte (test)', de: 'Karte (Test)', it: 'Carta (test)', en: 'Card (test)' },
  stripe: { fr: 'Paiement en ligne (Stripe)', de: 'Online-Zahlung (Stripe)', it: 'Pagamento online (Stripe)', en: 'Online payment (Stripe)' },
  invoice: { fr: 'Facture', de: 'Rechnung', it: 'Fattura', en: 'Invoice' },
  cash: { fr: 'Espèces', de: 'Bargeld', it: 'Contanti', en: 'Cash' },
  card_terminal: { fr: 'Terminal de paiement', de: 'Kartenterminal', it: 'Terminale di pagamento', en: 'Card terminal' },
  bank_transfer: { fr: 'Virement', de: 'Überweisung', it: 'Bonifico', en: 'Bank transfer' },
  none: { fr: 'Sans paiement', de: 'Ohne Zahlung', it: 'Senza pagamento', en: 'No payment' },
  terminal: { fr: 'Terminal de paiement', de: 'Kartenterminal', it: 'Terminale di pagamento', en: 'Card terminal' },
};

export const paymentMethodLabel = (method: string, lang: Language) => paymentMethodLabels[method]?.[lang] ?? method;

const refundMethodLabels: Record<(typeof refundMethods)[number], Record<Language, string>> = {
  none: { fr: 'Sans remboursement', de: 'Ohne Rückerstattung', it: 'Senza rimborso', en: 'No refund' },
  bank_transfer: paymentMethodLabels.bank_transfer!,
  cash: paymentMethodLabels.cash!,
  card_refund: { fr: 'Remboursement sur la carte', de: 'Rückerstattung auf die Karte', it: 'Rimborso sulla carta', en: 'Card refund' },
  voucher: { fr: 'Bon cadeau', de: 'Gutschein', it: 'Buono regalo', en: 'Gift voucher' },
};

export const refundMethodLabel = (method: (typeof refundMethods)[number], lang: Language) => refundMethodLabels[method][lang];

/** The zone of general-admission tickets (they have none). */
export const generalAdmissionLabel: Record<Language, string> = { fr: 'Placement libre', de: 'Freie Platzwahl', it: 'Posto libero', en: 'General admission' };

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A performance's start as the organizer reads it: "10.12.2026, 19:30" in the shop's time zone. */
export function localDateTime(epochMs: number, lang: Language, timeZone: string): string {
  const key = `${lang} ${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(`${lang}-CH`, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateTimeFormats.set(key, format);
  }
  return format.format(epochMs);
}

/** A row of gift vouchers of one amount in the products report. */
export const giftVoucherLabel: Record<Language, string> = { fr: 'Bon cadeau', de: 'Gutschein', it: 'Buono regalo', en: 'Gift voucher' };

/** Where orders were sold, as an organizer reads it. */
const channelLabels: Record<string, Record<Language, string>> = {
  online: { fr: 'En ligne', de: 'Online', it: 'Online', en: 'Online' },
  box_office: { fr: 'Billetterie', de: 'Kasse', it: 'Biglietteria', en: 'Box office' },
  reseller: { fr: 'Revendeur', de: 'Wiederverkäufer', it: 'Rivenditore', en: 'Reseller' },
  import: { fr: 'Importé', de: 'Importiert', it: 'Importato', en: 'Imported' },
};

export const channelLabel = (channel: string, lang: Language) => channelLabels[channel]?.[lang] ?? channel;

/** The seller row of sales no staff member made: online. */
export const onlineLabel: Record<Language, string> = channelLabels.online! as Record<Language, string>;
