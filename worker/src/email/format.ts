import type { Language } from './messages.js';

/** Amounts and dates as the buyer reads them: their language, the shop's currency and time zone. */
const regionOf = (currency: string) => (currency === 'CHF' ? 'CH' : undefined);

function intlLocale(language: Language, currency: string): string {
  const region = regionOf(currency);
  if (region) return `${language}-${region}`;
  return { fr: 'fr-FR', de: 'de-DE', it: 'it-IT', en: 'en-IE' }[language];
}

/**
 * 6800 CHF in French → "68.00 CHF" (as Swiss French writes it); minor units in, text out.
 * A deduction keeps its sign with the number: Intl writes "CHF-100.00" in de-CH, it-CH and
 * en-CH, where Swiss invoices write "CHF -100.00" (fr-CH already gives "-100.00 CHF").
 */
export function formatMoney(minor: number, currency: string, language: Language): string {
  const format = new Intl.NumberFormat(intlLocale(language, currency), { style: 'currency', currency });
  const parts = format.formatToParts(minor / 100);
  const sign = parts.findIndex((part) => part.type === 'minusSign');
  if (sign < 1 || parts[sign - 1]!.type !== 'currency') return format.format(minor / 100);
  // Written as the positive amount is ("CHF 100.00"), the sign before the digits.
  const positive = format.formatToParts(-minor / 100);
  const first = positive.findIndex((part) => part.type === 'integer');
  return positive.map((part, i) => (i === first ? `${parts[sign]!.value}${part.value}` : part.value)).join('');
}

export function formatDateTime(epochMs: number, timeZone: string, language: Language, currency: string): string {
  return new Intl.DateTimeFormat(intlLocale(language, currency), { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(epochMs);
}

export function formatDate(epochMs: number, timeZone: string, language: Language, currency: string): string {
  return new Intl.DateTimeFormat(intlLocale(language, currency), { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(epochMs);
}

export function formatTime(epochMs: number, timeZone: string, language: Language, currency: string): string {
  return new Intl.DateTimeFormat(intlLocale(language, currency), { timeZone, timeStyle: 'short' }).format(epochMs);
}

/** An IBAN in groups of four, as printed on paper. */
export const formatIban = (iban: string) => iban.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
