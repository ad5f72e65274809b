import type { locales } from '../../../contract/vocabulary.js';

export type ConsoleLocale = (typeof locales)[number];
export const consoleLocales: readonly ConsoleLocale[] = ['fr', 'de', 'it', 'en'];

type Text = string | ((...args: never[]) => string);
/** The same keys as the English table, each a string or a function of the same arguments. */
export type SameTexts<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string };

/**
 * A screen's texts in the console's four languages. The English table sets the keys; French,
 * German and Italian must say every one of them (a missing or extra key does not compile).
 */
export function defineTexts<const T extends Record<string, Text>>(tables: { en: T; fr: SameTexts<T>; de: SameTexts<T>; it: SameTexts<T> }) {
  return (locale: ConsoleLocale): SameTexts<T> => tables[locale] as SameTexts<T>;
}

/** The staff member's language: the one they chose last, else the browser's, else the shop's. */
export function pickLocale(stored: string | null, browser: readonly string[], shopDefault: ConsoleLocale): ConsoleLocale {
  const known = (tag: string | null | undefined) => consoleLocales.find((l) => tag?.toLowerCase().split('-')[0] === l);
  return known(stored) ?? browser.map(known).find((l) => l !== undefined) ?? shopDefault;
}
