import type { MeView } from '../../contract/responses/organizer/staff.js';
import { roleMayCall } from '../../contract/permissions.js';
import type { ConsoleApi, OperationId } from './api/client.js';
import type { ConsoleLocale } from './i18n/texts.js';

/**
 * What every screen gets from the frame: the typed API, who is signed in and for which shop,
 * the language chosen, and whether the role may call an operation (the console hides what a
 * role cannot do; the API refuses it anyway).
 */
export interface ConsoleSession {
  api: ConsoleApi;
  me: MeView;
  locale: ConsoleLocale;
  may(operation: OperationId): boolean;
  /** Goes to a console path (`/orders/A1B2C3`); the hash router shows it. */
  navigate(path: string): void;
}

export function createSession(api: ConsoleApi, me: MeView, locale: ConsoleLocale): ConsoleSession {
  return {
    api,
    me,
    locale,
    may: (operation) => roleMayCall(me.actor.role, operation),
    navigate: (path) => {
      location.hash = `#${path}`;
    },
  };
}
