import type { Locale } from '../api/types.js';

/**
 * What the code field and the cart say about codes, in the four languages. They live with the
 * element (the lazily loaded cart chunk) rather than in widget/src/i18n, so that the first
 * download of `<ticket-shop>` stays within its size budget; refusals of the API are in the
 * shared error tables (widget/src/i18n/errors), since any part may show them.
 */
const en = {
  label: 'Promo, pass or voucher code',
  apply: 'Apply',
  applying: 'Checking…',
  remove: (code: string) => `Remove code ${code}`,
  kind: { promo: 'Promo code', pass: 'Pass', voucher: 'Gift voucher' } as Record<string, string>,
  applied: (code: string, what: string) => `Code ${code} applied: ${what}`,
  removed: (code: string) => `Code ${code} removed.`,
  discount: (amount: string) => `${amount} off`,
  /** Tariff names, each once (a hidden tariff is offered once per price zone under one name). */
  unlocked: (names: readonly string[]) => (names.length === 1 ? `New price available: ${names[0]}` : `New prices available: ${names.join(', ')}`),
  pass: (seats: number) => (seats === 1 ? '1 seat covered by the pass' : `${seats} seats covered by the pass`),
  voucher: (amount: string, balance: string) => `Pays ${amount}, ${balance} left on it`,
  minimum: (count: number) => `Applies from ${count} tickets`,
  reasons: {
    not_valid_for_selection: 'Does not apply to the tickets chosen',
    pass_used_up: 'The pass covers no more seats for this date',
    nothing_to_pay: 'Nothing left to pay with it',
  } as Record<string, string>,
  /** A code that cannot exist, refused without asking the API (as its code_not_found says). */
  notACode: 'This code does not exist. Please check how it is written.',
};

export type CodeStrings = typeof en;

const fr: CodeStrings = {
  label: 'Code promo, abonnement ou bon cadeau',
  apply: 'Appliquer',
  applying: 'Vérification…',
  remove: (code) => `Retirer le code ${code}`,
  kind: { promo: 'Code promo', pass: 'Abonnement', voucher: 'Bon cadeau' },
  applied: (code, what) => `Code ${code} appliqué : ${what}`,
  removed: (code) => `Code ${code} retiré.`,
  discount: (amount) => `${amount} de réduction`,
  unlocked: (names) => (names.length === 1 ? `Nouveau tarif disponible : ${names[0]}` : `Nouveaux tarifs disponibles : ${names.join(', ')}`),
  pass: (seats) => (seats === 1 ? '1 place couverte par l’abonnement' : `${seats} places couvertes par l’abonnement`),
  voucher: (amount, balance) => `Paie ${amount}, solde restant ${balance}`,
  minimum: (count) => `Valable dès ${count} billets`,
  reasons: {
    not_valid_for_selection: 'Ne s’applique pas aux billets choisis',
    pass_used_up: 'L’abonnement ne couvre plus de place pour cette date',
    nothing_to_pay: 'Il ne reste rien à payer avec ce bon',
  },
  notACode: 'Ce code n’existe pas. Vérifiez son orthographe.',
};

const de: CodeStrings = {
  label: 'Promo-, Abo- oder Gutscheincode',
  apply: 'Einlösen',
  applying: 'Wird geprüft…',
  remove: (code) => `Code ${code} entfernen`,
  kind: { promo: 'Promo-Code', pass: 'Abo', voucher: 'Geschenkgutschein' },
  applied: (code, what) => `Code ${code} eingelöst: ${what}`,
  removed: (code) => `Code ${code} entfernt.`,
  discount: (amount) => `${amount} Rabatt`,
  unlocked: (names) => (names.length === 1 ? `Neuer Tarif verfügbar: ${names[0]}` : `Neue Tarife verfügbar: ${names.join(', ')}`),
  pass: (seats) => (seats === 1 ? '1 Platz durch das Abo gedeckt' : `${seats} Plätze durch das Abo gedeckt`),
  voucher: (amount, balance) => `Bezahlt ${amount}, Restguthaben ${balance}`,
  minimum: (count) => `Gilt ab ${count} Tickets`,
  reasons: {
    not_valid_for_selection: 'Gilt nicht für die gewählten Tickets',
    pass_used_up: 'Das Abo deckt für dieses Datum keine Plätze mehr',
    nothing_to_pay: 'Damit ist nichts mehr zu bezahlen',
  },
  notACode: 'Diesen Code gibt es nicht. Bitte prüfen Sie die Schreibweise.',
};

const it: CodeStrings = {
  label: 'Codice promozionale, abbonamento o buono',
  apply: 'Applica',
  applying: 'Verifica…',
  remove: (code) => `Rimuovi il codice ${code}`,
  kind: { promo: 'Codice promozionale', pass: 'Abbonamento', voucher: 'Buono regalo' },
  applied: (code, what) => `Codice ${code} applicato: ${what}`,
  removed: (code) => `Codice ${code} rimosso.`,
  discount: (amount) => `${amount} di sconto`,
  unlocked: (names) => (names.length === 1 ? `Nuova tariffa disponibile: ${names[0]}` : `Nuove tariffe disponibili: ${names.join(', ')}`),
  pass: (seats) => (seats === 1 ? '1 posto coperto dall’abbonamento' : `${seats} posti coperti dall’abbonamento`),
  voucher: (amount, balance) => `Paga ${amount}, saldo residuo ${balance}`,
  minimum: (count) => `Valido da ${count} biglietti`,
  reasons: {
    not_valid_for_selection: 'Non vale per i biglietti scelti',
    pass_used_up: 'L’abbonamento non copre più posti per questa data',
    nothing_to_pay: 'Non resta nulla da pagare con questo buono',
  },
  notACode: 'Questo codice non esiste. Controlli come è scritto.',
};

export const codeStrings: Readonly<Record<Locale, CodeStrings>> = { en, fr, de, it };
