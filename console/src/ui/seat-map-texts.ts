import { seatMapStrings, type SeatMapStrings } from '../../../widget/src/seat-map/strings.js';
import type { ConsoleLocale } from '../i18n/texts.js';

export { seatMapStrings, type SeatMapStrings };

/**
 * The seat map's own texts in the widget's translations (the console reuses its component, on
 * the venue's plan and at the desk): only the language shown is loaded, each table a chunk of its own.
 */
export const seatMapTables: Record<ConsoleLocale, () => Promise<SeatMapStrings>> = {
  en: async () => seatMapStrings,
  fr: async () => (await import('../../../widget/src/i18n/fr.js')).fr.seatMap,
  de: async () => (await import('../../../widget/src/i18n/de.js')).de.seatMap,
  it: async () => (await import('../../../widget/src/i18n/it.js')).it.seatMap,
};
