import { ConsoleApiError } from '../api/client.js';
import { defineTexts, type ConsoleLocale } from '../i18n/texts.js';

const errorTexts = defineTexts({
  en: {
    network: 'The server could not be reached. Check the connection and retry.',
    forbidden: 'Your role does not allow this.',
    unauthorized: 'Your session has ended. Please sign in again.',
    rateLimited: 'Too many attempts. Please wait a moment and retry.',
    invalid: 'Some values are not valid:',
    other: 'The server refused:',
  },
  fr: {
    network: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
    forbidden: 'Votre rôle ne le permet pas.',
    unauthorized: 'Votre session a pris fin. Veuillez vous reconnecter.',
    rateLimited: 'Trop de tentatives. Patientez un instant et réessayez.',
    invalid: 'Certaines valeurs ne sont pas valables :',
    other: 'Le serveur a refusé :',
  },
  de: {
    network: 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
    forbidden: 'Ihre Rolle erlaubt das nicht.',
    unauthorized: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
    rateLimited: 'Zu viele Versuche. Bitte warten Sie einen Moment.',
    invalid: 'Einige Werte sind ungültig:',
    other: 'Der Server hat abgelehnt:',
  },
  it: {
    network: 'Il server non è raggiungibile. Verifichi la connessione e riprovi.',
    forbidden: 'Il suo ruolo non lo consente.',
    unauthorized: 'La sessione è scaduta. Acceda di nuovo.',
    rateLimited: 'Troppi tentativi. Attenda un momento e riprovi.',
    invalid: 'Alcuni valori non sono validi:',
    other: 'Il server ha rifiutato:',
  },
});

/**
 * A refusal of the API as staff should read it, in their language for what every screen meets;
 * otherwise the API's own sentence (English, precise) after a translated lead-in. A screen
 * with codes of its own (e.g. `refund_over_limit`) translates those itself first.
 */
export function errorText(error: unknown, locale: ConsoleLocale): string {
  const t = errorTexts(locale);
  if (!(error instanceof ConsoleApiError)) return t.network;
  if (error.status === 0) return t.network;
  if (error.code === 'forbidden') return t.forbidden;
  if (error.status === 401) return t.unauthorized;
  if (error.code === 'rate_limited') return t.rateLimited;
  if (error.code === 'invalid_request') {
    const issues = (error.details.issues as { path: string; message: string }[] | undefined) ?? [];
    return issues.length ? `${t.invalid} ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : `${t.other} ${error.message}`;
  }
  return `${t.other} ${error.message}`;
}

/** The message of the first validation issue about a field (its path, e.g. `name.fr`), to show next to it. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ConsoleApiError) || error.code !== 'invalid_request') return undefined;
  const issues = (error.details.issues as { path: string; message: string }[] | undefined) ?? [];
  return issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
}
