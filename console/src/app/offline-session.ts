import type { MeView } from '../../../contract/responses/organizer/staff.js';
import { roleMayCall } from '../../../contract/permissions.js';

/**
 * Who was signed in, kept on the device for the door scanner only: a phone at a door without
 * network reloads the console from its service worker and cannot ask the API who it is; the
 * scanner then opens with this (its scans still need the session cookie once the network is
 * back, and the API refuses them if the session ended). The e-mail is not kept. Forgotten at
 * sign-out and whenever the API says nobody is signed in.
 */
const KEY = 'tk-console-offline-me';

export function keepForOffline(me: MeView) {
  if (roleMayCall(me.actor.role, 'checkIn')) localStorage.setItem(KEY, JSON.stringify({ ...me, actor: { ...me.actor, email: null } }));
  else forgetOffline();
}

export function offlineMe(): MeView | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as MeView) : null;
  } catch {
    return null;
  }
}

export const forgetOffline = () => localStorage.removeItem(KEY);

/** The screens that work without network (the others would only show errors). */
export const OFFLINE_PATHS = ['/scan'];
