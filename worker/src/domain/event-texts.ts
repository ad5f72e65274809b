import type { locales } from '../../../contract/vocabulary.js';

export interface EventTextSource {
  title: string;
  subtitle: string;
  description: string;
  translations: Partial<Record<(typeof locales)[number], { title?: string | undefined; subtitle?: string | undefined; description?: string | undefined }>>;
}

/**
 * An event's title, subtitle and description in a language: each text the organizer translated,
 * else the shop's default language's (an empty translation counts as none).
 */
export function eventTextsIn(event: EventTextSource, locale: (typeof locales)[number] | undefined) {
  const translated = locale ? event.translations[locale] : undefined;
  return {
    title: translated?.title || event.title,
    subtitle: translated?.subtitle || event.subtitle,
    description: translated?.description || event.description,
  };
}
