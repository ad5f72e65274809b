import type { Language } from './messages.js';

/** The sentences of the e-mail telling the organizer a webhook endpoint was disabled, per language. */
export interface WebhookStrings {
  subject: (shop: string) => string;
  greeting: string;
  intro: (days: number) => string;
  endpoint: string;
  description: string;
  failingSince: string;
  disabledAt: string;
  lastError: string;
  whatNow: string;
  signoff: string;
  automatic: string;
}

export const webhookStrings: Record<Language, WebhookStrings> = {
  fr: {
    subject: (shop) => `${shop} : un webhook a été désactivé`,
    greeting: 'Bonjour,',
    intro: (days) => `Les envois vers l’adresse ci-dessous échouent depuis ${days} jours. Nous l’avons désactivée : elle ne reçoit plus d’événements.`,
    endpoint: 'Adresse',
    description: 'Description',
    failingSince: 'En échec depuis',
    disabledAt: 'Désactivé le',
    lastError: 'Dernière erreur',
    whatNow: 'Corrigez le serveur qui reçoit les événements, puis réactivez le webhook dans l’API organisateur (PATCH /api/org/webhooks/…, enabled: true). Les événements manqués peuvent être renvoyés depuis le journal des envois.',
    signoff: 'Votre billetterie',
    automatic: 'Ce message est envoyé automatiquement.',
  },
  de: {
    subject: (shop) => `${shop}: ein Webhook wurde deaktiviert`,
    greeting: 'Guten Tag',
    intro: (days) => `Die Zustellungen an die folgende Adresse schlagen seit ${days} Tagen fehl. Wir haben sie deaktiviert: Sie erhält keine Ereignisse mehr.`,
    endpoint: 'Adresse',
    description: 'Beschreibung',
    failingSince: 'Fehlerhaft seit',
    disabledAt: 'Deaktiviert am',
    lastError: 'Letzter Fehler',
    whatNow: 'Beheben Sie den Fehler des empfangenden Servers und aktivieren Sie den Webhook in der Veranstalter-API wieder (PATCH /api/org/webhooks/…, enabled: true). Verpasste Ereignisse lassen sich aus dem Zustellprotokoll erneut senden.',
    signoff: 'Ihr Ticketing',
    automatic: 'Diese Nachricht wurde automatisch versandt.',
  },
  it: {
    subject: (shop) => `${shop}: un webhook è stato disattivato`,
    greeting: 'Buongiorno,',
    intro: (days) => `Gli invii all’indirizzo qui sotto falliscono da ${days} giorni. Lo abbiamo disattivato: non riceve più eventi.`,
    endpoint: 'Indirizzo',
    description: 'Descrizione',
    failingSince: 'In errore dal',
    disabledAt: 'Disattivato il',
    lastError: 'Ultimo errore',
    whatNow: 'Correggete il server che riceve gli eventi, poi riattivate il webhook nell’API organizzatore (PATCH /api/org/webhooks/…, enabled: true). Gli eventi persi si possono rinviare dal registro degli invii.',
    signoff: 'La vostra biglietteria',
    automatic: 'Questo messaggio è inviato automaticamente.',
  },
  en: {
    subject: (shop) => `${shop}: a webhook was disabled`,
    greeting: 'Hello,',
    intro: (days) => `Deliveries to the address below have been failing for ${days} days. We have disabled it: it receives no more events.`,
    endpoint: 'Address',
    description: 'Description',
    failingSince: 'Failing since',
    disabledAt: 'Disabled on',
    lastError: 'Last error',
    whatNow: 'Fix the server that receives the events, then enable the webhook again in the organizer API (PATCH /api/org/webhooks/…, enabled: true). Missed events can be sent again from the delivery log.',
    signoff: 'Your ticketing',
    automatic: 'This message is sent automatically.',
  },
};
