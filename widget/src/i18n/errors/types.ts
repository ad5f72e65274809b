import type { BuyerErrorCode } from '../../../../contract/errors.js';
import type { enErrors } from './en-errors.js';

/** Error texts of the widget's own: no API code, or a variant of one chosen from its details. */
type WidgetErrorKey = 'network_error' | 'generic' | 'seats_taken_one' | 'seats_taken_many' | 'capacity_remaining';

/**
 * The errors every translation table carries itself (i18n/en.ts `errors`): said when no error
 * table can be loaded (the API, and so the chunks next to the widget, cannot be reached) or for
 * something that is not an answer of the API.
 */
export type FirstLoadErrorKey = 'network_error' | 'generic';

/**
 * A text for every code the storefront API can answer, and for the widget's own keys, except the
 * first-load ones. A new buyer-facing code in contract/errors.ts fails to compile in errors/en-errors.ts
 * until English says it, and then in every other locale (they are typed by the English table).
 */
export type ErrorTexts = Record<Exclude<BuyerErrorCode | WidgetErrorKey, FirstLoadErrorKey>, string | ((...args: never[]) => string)>;

/** The error texts of one locale: one lazily loaded chunk each, fetched with the first refusal of the API. */
export type ErrorTable = typeof enErrors;
