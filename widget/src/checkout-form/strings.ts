import type { Locale } from '../api/types.js';
import { matchLocale } from '../i18n/localize.js';

/**
 * The words of the checkout's customer form in the four languages: what frames the
 * organizer's questions and what is said about an answer. The questions themselves come from
 * the API in the buyer's language. They live with the form, in the checkout's lazy chunk, so
 * that the first download of `<ticket-shop>` stays within its size budget.
 */
const en = {
  questions: 'Questions from the organizer',
  requiredNote: '* required',
  required: 'required',
  ticket: (n: number, tariff: string) => `Ticket ${n} · ${tariff}`,
  seatTicket: (seat: string, tariff: string) => `${seat} · ${tariff}`,
  yes: 'Yes',
  no: 'No',
  choose: '— Choose —',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  consentLink: 'Read it (opens in a new tab)',
  loading: 'Loading the questions…',
  loadFailed: 'The organizer’s questions could not be loaded.',
  retry: 'Try again',
  questionsChanged: 'The organizer has just changed the questions. Please check your answers and try again.',
  problems: {
    answerRequired: 'Please answer this question.',
    chooseOne: 'Please choose an answer.',
    chooseSome: 'Please choose at least one answer.',
    consentRequired: 'Please tick this box to continue.',
    nameInvalid: 'Please enter a name of at most 120 characters.',
    emailInvalid: 'Please enter a valid e-mail address, such as ana@example.ch.',
    phoneInvalid: 'Please enter a phone number, such as +41 79 123 45 67.',
    dateInvalid: 'Please enter a real date: day, month and year (4 digits).',
    dateFuture: 'A date of birth cannot be in the future.',
    optionGone: 'This answer is no longer offered: please choose another one.',
    textTooLong: 'Please shorten your answer to 2000 characters.',
  },
};

export type QuestionStrings = typeof en;
export type AnswerProblemText = keyof QuestionStrings['problems'];

const fr: QuestionStrings = {
  questions: 'Questions de l’organisateur',
  requiredNote: '* obligatoire',
  required: 'obligatoire',
  ticket: (n, tariff) => `Billet ${n} · ${tariff}`,
  seatTicket: (seat, tariff) => `${seat} · ${tariff}`,
  yes: 'Oui',
  no: 'Non',
  choose: '— Choisir —',
  day: 'Jour',
  month: 'Mois',
  year: 'Année',
  consentLink: 'Lire le texte (nouvel onglet)',
  loading: 'Chargement des questions…',
  loadFailed: 'Les questions de l’organisateur n’ont pas pu être chargées.',
  retry: 'Réessayer',
  questionsChanged: 'L’organisateur vient de modifier les questions. Veuillez vérifier vos réponses et réessayer.',
  problems: {
    answerRequired: 'Veuillez répondre à cette question.',
    chooseOne: 'Veuillez choisir une réponse.',
    chooseSome: 'Veuillez choisir au moins une réponse.',
    consentRequired: 'Veuillez cocher cette case pour continuer.',
    nameInvalid: 'Veuillez saisir un nom de 120 caractères au plus.',
    emailInvalid: 'Veuillez saisir une adresse e-mail valable, par exemple ana@example.ch.',
    phoneInvalid: 'Veuillez saisir un numéro de téléphone, par exemple +41 79 123 45 67.',
    dateInvalid: 'Veuillez saisir une date réelle : jour, mois et année (4 chiffres).',
    dateFuture: 'La date de naissance ne peut pas être dans le futur.',
    optionGone: 'Cette réponse n’est plus proposée : veuillez en choisir une autre.',
    textTooLong: 'Veuillez raccourcir votre réponse à 2000 caractères.',
  },
};

const de: QuestionStrings = {
  questions: 'Fragen des Veranstalters',
  requiredNote: '* Pflichtfeld',
  required: 'Pflichtfeld',
  ticket: (n, tariff) => `Ticket ${n} · ${tariff}`,
  seatTicket: (seat, tariff) => `${seat} · ${tariff}`,
  yes: 'Ja',
  no: 'Nein',
  choose: '— Bitte wählen —',
  day: 'Tag',
  month: 'Monat',
  year: 'Jahr',
  consentLink: 'Text lesen (neuer Tab)',
  loading: 'Fragen werden geladen…',
  loadFailed: 'Die Fragen des Veranstalters konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  questionsChanged: 'Der Veranstalter hat die Fragen soeben geändert. Bitte prüfen Sie Ihre Antworten und versuchen Sie es erneut.',
  problems: {
    answerRequired: 'Bitte beantworten Sie diese Frage.',
    chooseOne: 'Bitte wählen Sie eine Antwort.',
    chooseSome: 'Bitte wählen Sie mindestens eine Antwort.',
    consentRequired: 'Bitte kreuzen Sie dieses Feld an, um fortzufahren.',
    nameInvalid: 'Bitte geben Sie einen Namen mit höchstens 120 Zeichen ein.',
    emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel ana@example.ch.',
    phoneInvalid: 'Bitte geben Sie eine Telefonnummer ein, zum Beispiel +41 79 123 45 67.',
    dateInvalid: 'Bitte geben Sie ein gültiges Datum ein: Tag, Monat und Jahr (4 Ziffern).',
    dateFuture: 'Das Geburtsdatum darf nicht in der Zukunft liegen.',
    optionGone: 'Diese Antwort wird nicht mehr angeboten: Bitte wählen Sie eine andere.',
    textTooLong: 'Bitte kürzen Sie Ihre Antwort auf 2000 Zeichen.',
  },
};

const it: QuestionStrings = {
  questions: 'Domande dell’organizzatore',
  requiredNote: '* obbligatorio',
  required: 'obbligatorio',
  ticket: (n, tariff) => `Biglietto ${n} · ${tariff}`,
  seatTicket: (seat, tariff) => `${seat} · ${tariff}`,
  yes: 'Sì',
  no: 'No',
  choose: '— Scegliere —',
  day: 'Giorno',
  month: 'Mese',
  year: 'Anno',
  consentLink: 'Leggere il testo (nuova scheda)',
  loading: 'Caricamento delle domande…',
  loadFailed: 'Non è stato possibile caricare le domande dell’organizzatore.',
  retry: 'Riprovare',
  questionsChanged: 'L’organizzatore ha appena modificato le domande. Verifichi le risposte e riprovi.',
  problems: {
    answerRequired: 'Risponda a questa domanda.',
    chooseOne: 'Scelga una risposta.',
    chooseSome: 'Scelga almeno una risposta.',
    consentRequired: 'Spunti questa casella per continuare.',
    nameInvalid: 'Inserisca un nome di al massimo 120 caratteri.',
    emailInvalid: 'Inserisca un indirizzo e-mail valido, ad esempio ana@example.ch.',
    phoneInvalid: 'Inserisca un numero di telefono, ad esempio +41 79 123 45 67.',
    dateInvalid: 'Inserisca una data reale: giorno, mese e anno (4 cifre).',
    dateFuture: 'La data di nascita non può essere nel futuro.',
    optionGone: 'Questa risposta non è più proposta: ne scelga un’altra.',
    textTooLong: 'Abbrevi la risposta a 2000 caratteri.',
  },
};

const tables: Record<Locale, QuestionStrings> = { en, fr, de, it };

/** The customer form's words in a language (English for other tags). */
export const questionStrings = (locale: string): QuestionStrings => tables[matchLocale(locale) ?? 'en'];
