import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { beforeApiErrors, ShopApiError } from '../api/client.js';
import type { Locale, SeatPlace } from '../api/types.js';
import { en, type Translation } from './en.js';
import type { ErrorTable } from './errors/types.js';

export type { Translation };

/** The locales the widget speaks; English is built in, the others load on first use (one small chunk each). */
export const supportedLocales: readonly Locale[] = ['fr', 'de', 'it', 'en'];

/** Each language in its own words, for language choices. */
export const languageNames: Readonly<Record<Locale, string>> = { fr: 'Français', de: 'Deutsch', it: 'Italiano', en: 'English' };

/** Tables of a locale loaded once each, on demand, from their own chunks. */
function lazyTables<T>(loaders: Partial<Record<Locale, () => Promise<T>>>, loaded: Map<Locale, T>, onLoad?: () => void) {
  const loading = new Map<Locale, Promise<T>>();
  return (locale: Locale): Promise<T> => {
    const ready = loaded.get(locale);
    if (ready) return Promise.resolve(ready);
    let pending = loading.get(locale);
    if (!pending) {
      pending = loaders[locale]!().then((table) => {
        loaded.set(locale, table);
        onLoad?.();
        return table;
      });
      pending.catch(() => loading.delete(locale));
      loading.set(locale, pending);
    }
    return pending;
  };
}

const tables = new Map<Locale, Translation>([['en', en]]);
const listeners = new Set<() => void>();
const loadTable = lazyTables<Translation>(
  {
    fr: () => import('./fr.js').then((m) => m.fr),
    de: () => import('./de.js').then((m) => m.de),
    it: () => import('./it.js').then((m) => m.it),
  },
  tables,
  () => {
    for (const listener of listeners) listener();
  },
);

/**
 * The error texts of each locale, English too, are chunks of their own, out of the first load:
 * most buyers never see an error. Only the errors said before any table can load are built in.
 */
const errorTables = new Map<Locale, ErrorTable>();
const loadErrorTable = lazyTables<ErrorTable>(
  {
    en: () => import('./errors/en-errors.js').then((m) => m.enErrors),
    fr: () => import('./errors/fr-errors.js').then((m) => m.frErrors),
    de: () => import('./errors/de-errors.js').then((m) => m.deErrors),
    it: () => import('./errors/it-errors.js').then((m) => m.itErrors),
  },
  errorTables,
);

/** The locales components have asked for: a refusal of the API waits for their tables. */
const inUse = new Set<Locale>();

// Before the API client rejects with a refusal, the tables of every locale on screen are there,
// so the component that catches it says the right text at once (see errorMessage).
beforeApiErrors(() => Promise.all([...inUse].flatMap((locale) => [loadTranslation(locale), loadErrorTable(locale)])));

/** Loads (once) the error texts of a locale; the API client waits for them before it rejects, so components rarely need this. */
export function loadErrorTexts(locale: Locale): Promise<ErrorTable> {
  return loadErrorTable(locale);
}

/** The supported locale for a language tag such as "fr-CH", or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] as Locale;
  return supportedLocales.includes(language) ? language : null;
}

/** Loads (once) the table of a locale; components showing that locale re-render when it arrives. */
export function loadTranslation(locale: Locale): Promise<Translation> {
  inUse.add(locale);
  return loadTable(locale);
}

/** The table of a locale if loaded (English meanwhile, and for unsupported tags). */
export function translation(tag: string | null | undefined): Translation {
  const locale = matchLocale(tag) ?? 'en';
  inUse.add(locale);
  const table = tables.get(locale);
  if (table) return table;
  void loadTable(locale).catch(() => undefined);
  return en;
}

/**
 * Gives a component the table of its `locale` property and re-renders it when a table it
 * waited for has loaded. (After Shoelace's LocalizeController, without a global registry API.)
 */
export class LocalizeController implements ReactiveController {
  private readonly refresh = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost & { locale: string }) {
    host.addController(this);
  }

  hostConnected(): void {
    listeners.add(this.refresh);
  }

  hostDisconnected(): void {
    listeners.delete(this.refresh);
  }

  get t(): Translation {
    return translation(this.host.locale);
  }
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Swiss francs read best with the Swiss conventions of each language (CHF 68.00, 68.00 CHF). */
function intlLocale(locale: string, currency?: string): string {
  const language = matchLocale(locale) ?? 'en';
  return currency === 'CHF' ? `${language}-CH` : language;
}

/** An amount in minor units, e.g. formatMoney(6800, 'CHF', 'de') → "CHF 68.00". */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const key = `n|${locale}|${currency}`;
  let format = formats.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale, currency), { style: 'currency', currency });
    formats.set(key, format);
  }
  return format.format(amount / 100);
}

/** A date or time in the shop's time zone. */
export function formatDate(iso: string | number | Date, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `d|${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    // Shops are European: English dates read "Thursday, 3 December 2026 at 20:00", not the US way.
    const language = matchLocale(locale) ?? 'en';
    format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { timeZone, ...options });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** The calendar day of an instant in a time zone, as "YYYY-MM-DD" (en-CA writes dates that way). */
export function dayKey(iso: string | number | Date, timeZone: string): string {
  const key = `k|${timeZone}`;
  let format = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** "9:58" for a countdown of 598 seconds. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * A seat in the buyer's words from its parts ("Parterre, rang A, place 15"). The API's label
 * is English: it is shown only for answers that lack the parts.
 */
export function seatName(t: Translation, seat: SeatPlace | null | undefined, label: string | null): string | null {
  return seat ? t.seatLabel(seat.section, seat.row, seat.number) : label;
}

type ErrorKey = keyof ErrorTable['errors'];

/**
 * What to tell the buyer about a failed call, in their language, from the API's stable error
 * code (never its English message). `seatLabel` names seats for seats_taken. A refusal of the
 * API client comes after the error table of `t`'s locale has loaded (loadErrorTexts); without
 * it (it could not load), the generic text.
 */
export function errorMessage(t: Translation, error: unknown, seatLabel: (seatId: number) => string = String): string {
  if (!(error instanceof ShopApiError)) return t.errors.generic;
  const { code, details } = error;
  if (code === 'network_error') return t.errors.network_error;
  const table = errorTables.get(t.locale);
  if (!table) {
    void loadErrorTable(t.locale).catch(() => undefined);
    return t.errors.generic;
  }
  const { errors, declines } = table;
  switch (code) {
    case 'seats_taken': {
      const labels = (Array.isArray(details.seatIds) ? (details.seatIds as number[]) : []).map(seatLabel);
      if (labels.length === 0) return errors.seats_taken;
      if (labels.length === 1) return errors.seats_taken_one(labels[0]!);
      return errors.seats_taken_many(labels.join(' · '));
    }
    case 'capacity_exceeded':
      return typeof details.remaining === 'number' ? errors.capacity_remaining(details.remaining) : errors.capacity_exceeded;
    case 'waiting_list_not_open':
      return errors.waiting_list_not_open(details.reason === 'closed' ? 'closed' : 'not_sold_out');
    case 'too_many_tickets':
      return errors.too_many_tickets(typeof details.max === 'number' ? details.max : 10);
    case 'invoice_not_offered':
      return errors.invoice_not_offered(typeof details.cutoffDays === 'number' ? details.cutoffDays : 30);
    case 'payment_declined': {
      const reason = String(details.declineCode ?? 'other') as keyof ErrorTable['declines'];
      const text = reason !== 'retry' && reason in declines ? declines[reason] : declines.other;
      return `${text} ${declines.retry}`;
    }
  }
  const known = errors[code as ErrorKey];
  return typeof known === 'string' ? known : t.errors.generic;
}
