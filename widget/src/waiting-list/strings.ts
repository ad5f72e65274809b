import type { Locale } from '../api/types.js';
import { matchLocale } from '../i18n/localize.js';

/**
 * The texts of `<tk-waiting-list-join>` in the four languages. They live with the element, in
 * its lazy chunk, so that only a buyer who meets a sold-out date downloads them. Field errors
 * (name, e-mail) and the API's refusals come from the shared tables.
 */
const en = {
  heading: 'Sold out',
  intro: 'Join the waiting list: when seats come back, we offer them by e-mail in the order people joined.',
  open: 'Join the waiting list',
  quantity: 'Number of tickets',
  submit: 'Join the waiting list',
  joining: 'Joining…',
  cancel: 'Cancel',
  joined: (email: string) => `You are on the waiting list. We'll e-mail you at ${email} when seats come back; the e-mail has a link to leave the list.`,
  position: (position: number) => (position === 1 ? 'You are first in line.' : `You are number ${position} in line.`),
};

export type WaitingListStrings = typeof en;

const fr: WaitingListStrings = {
  heading: 'Complet',
  intro: 'Inscrivez-vous sur la liste d’attente : si des places se libèrent, nous les proposons par e-mail dans l’ordre des inscriptions.',
  open: 'S’inscrire sur la liste d’attente',
  quantity: 'Nombre de billets',
  submit: 'S’inscrire sur la liste d’attente',
  joining: 'Inscription…',
  cancel: 'Annuler',
  joined: (email) =>
    `Vous êtes sur la liste d’attente. Nous vous écrirons à ${email} si des places se libèrent ; l’e-mail contient un lien pour quitter la liste.`,
  position: (position) => (position === 1 ? 'Vous êtes le premier ou la première de la liste.' : `Vous êtes en position ${position} sur la liste.`),
};

const de: WaitingListStrings = {
  heading: 'Ausverkauft',
  intro: 'Tragen Sie sich auf die Warteliste ein: Werden Plätze frei, bieten wir sie per E-Mail in der Reihenfolge der Anmeldungen an.',
  open: 'Auf die Warteliste',
  quantity: 'Anzahl Tickets',
  submit: 'Auf die Warteliste setzen',
  joining: 'Wird eingetragen…',
  cancel: 'Abbrechen',
  joined: (email) =>
    `Sie stehen auf der Warteliste. Werden Plätze frei, schreiben wir Ihnen an ${email}; die E-Mail enthält einen Link, um die Liste zu verlassen.`,
  position: (position) => (position === 1 ? 'Sie sind als Erste oder Erster an der Reihe.' : `Sie sind auf Platz ${position} der Warteliste.`),
};

const it: WaitingListStrings = {
  heading: 'Esaurito',
  intro: 'Iscriviti alla lista d’attesa: se si liberano posti, li offriamo per e-mail nell’ordine delle iscrizioni.',
  open: 'Iscriviti alla lista d’attesa',
  quantity: 'Numero di biglietti',
  submit: 'Iscriviti alla lista d’attesa',
  joining: 'Iscrizione…',
  cancel: 'Annulla',
  joined: (email) => `Sei nella lista d’attesa. Ti scriveremo a ${email} se si liberano posti; l’e-mail contiene un link per lasciare la lista.`,
  position: (position) => (position === 1 ? 'Sei il primo o la prima della lista.' : `Sei al posto ${position} della lista.`),
};

const tables: Record<Locale, WaitingListStrings> = { en, fr, de, it };

/** The waiting list's texts of a language (English for other tags). */
export const waitingListStrings = (locale: string): WaitingListStrings => tables[matchLocale(locale) ?? 'en'];
