import type { ConsoleLocale } from '../i18n/texts.js';

/** Swiss conventions for the console's languages: 1’234.50 CHF reads as staff expect it. */
const intlLocale = (locale: ConsoleLocale) => `${locale}-CH`;

/** An amount in minor units, in the shop's currency. */
export function formatMoney(minor: number, currency: string, locale: ConsoleLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).format(minor / 100);
}

/** An instant of the API (ISO, UTC) as a date and time in the shop's time zone. */
export function formatDateTime(iso: string, timeZone: string, locale: ConsoleLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string, locale: ConsoleLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** Decimal text typed by staff ("12.50", "12,5") to minor units; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Minor units as the decimal text of an input field ("12.50"). */
export function moneyInput(minor: number): string {
  return (minor / 100).toFixed(2);
}
