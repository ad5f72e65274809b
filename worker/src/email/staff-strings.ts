import type { StaffRole } from '../../../contract/permissions.js';
import type { Language } from './messages.js';

/** The sentences of the console's sign-in and invitation e-mails, per language. */
export interface StaffStrings {
  signInSubject: (shop: string) => string;
  invitationSubject: (shop: string) => string;
  greeting: (name: string) => string;
  signInIntro: (shop: string) => string;
  invitationIntro: (shop: string, role: string, invitedBy: string | null) => string;
  button: string;
  /** How long the link works, and that it works once. */
  signInValidity: (minutes: number) => string;
  invitationValidity: (hours: number) => string;
  /** For copying by hand when the button does not work. */
  linkLabel: string;
  notYou: string;
  automatic: string;
  roles: Record<StaffRole, string>;
}

export const staffStrings: Record<Language, StaffStrings> = {
  fr: {
    signInSubject: (shop) => `${shop} : votre lien de connexion`,
    invitationSubject: (shop) => `${shop} : invitation à la console de billetterie`,
    greeting: (name) => `Bonjour ${name},`,
    signInIntro: (shop) => `Voici votre lien pour vous connecter à la console de billetterie de ${shop}.`,
    invitationIntro: (shop, role, by) => `${by ? `${by} vous invite` : 'Vous êtes invité·e'} à rejoindre la console de billetterie de ${shop}, avec le rôle « ${role} ».`,
    button: 'Se connecter',
    signInValidity: (minutes) => `Ce lien est valable ${minutes} minutes et ne fonctionne qu’une seule fois.`,
    invitationValidity: (hours) => `Ce lien est valable ${hours} heures et ne fonctionne qu’une seule fois. Ensuite, demandez un nouveau lien de connexion avec votre adresse e-mail.`,
    linkLabel: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
    notYou: 'Si vous n’avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.',
    automatic: 'Ce message est envoyé automatiquement.',
    roles: { owner: 'propriétaire', manager: 'gestion', box_office: 'caisse', door: 'contrôle d’entrée', accountant: 'comptabilité', reseller: 'revendeur' },
  },
  de: {
    signInSubject: (shop) => `${shop}: Ihr Anmeldelink`,
    invitationSubject: (shop) => `${shop}: Einladung zur Ticketing-Konsole`,
    greeting: (name) => `Guten Tag ${name}`,
    signInIntro: (shop) => `Hier ist Ihr Link zur Anmeldung an der Ticketing-Konsole von ${shop}.`,
    invitationIntro: (shop, role, by) => `${by ? `${by} lädt Sie ein` : 'Sie sind eingeladen'}, an der Ticketing-Konsole von ${shop} mitzuarbeiten, mit der Rolle «${role}».`,
    button: 'Anmelden',
    signInValidity: (minutes) => `Dieser Link ist ${minutes} Minuten gültig und funktioniert nur einmal.`,
    invitationValidity: (hours) => `Dieser Link ist ${hours} Stunden gültig und funktioniert nur einmal. Danach fordern Sie mit Ihrer E-Mail-Adresse einen neuen Anmeldelink an.`,
    linkLabel: 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:',
    notYou: 'Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht: Ohne diesen Link kann sich niemand anmelden.',
    automatic: 'Diese Nachricht wurde automatisch versandt.',
    roles: { owner: 'Inhaber', manager: 'Verwaltung', box_office: 'Kasse', door: 'Einlass', accountant: 'Buchhaltung', reseller: 'Wiederverkäufer' },
  },
  it: {
    signInSubject: (shop) => `${shop}: il vostro link di accesso`,
    invitationSubject: (shop) => `${shop}: invito alla console della biglietteria`,
    greeting: (name) => `Buongiorno ${name},`,
    signInIntro: (shop) => `Ecco il vostro link per accedere alla console della biglietteria di ${shop}.`,
    invitationIntro: (shop, role, by) => `${by ? `${by} vi invita` : 'Siete invitati'} a lavorare nella console della biglietteria di ${shop}, con il ruolo «${role}».`,
    button: 'Accedi',
    signInValidity: (minutes) => `Questo link è valido ${minutes} minuti e funziona una sola volta.`,
    invitationValidity: (hours) => `Questo link è valido ${hours} ore e funziona una sola volta. In seguito, chiedete un nuovo link di accesso con il vostro indirizzo e-mail.`,
    linkLabel: 'Se il pulsante non funziona, copiate questo link nel browser:',
    notYou: 'Se non avete chiesto nulla, ignorate questo messaggio: nessuno può accedere senza questo link.',
    automatic: 'Questo messaggio è inviato automaticamente.',
    roles: { owner: 'titolare', manager: 'gestione', box_office: 'cassa', door: 'controllo accessi', accountant: 'contabilità', reseller: 'rivenditore' },
  },
  en: {
    signInSubject: (shop) => `${shop}: your sign-in link`,
    invitationSubject: (shop) => `${shop}: invitation to the ticketing console`,
    greeting: (name) => `Hello ${name},`,
    signInIntro: (shop) => `Here is your link to sign in to the ticketing console of ${shop}.`,
    invitationIntro: (shop, role, by) => `${by ? `${by} invites you` : 'You are invited'} to join the ticketing console of ${shop}, with the role “${role}”.`,
    button: 'Sign in',
    signInValidity: (minutes) => `This link is valid for ${minutes} minutes and works only once.`,
    invitationValidity: (hours) => `This link is valid for ${hours} hours and works only once. After that, ask for a new sign-in link with your e-mail address.`,
    linkLabel: 'If the button does not work, copy this link into your browser:',
    notYou: 'If you did not ask for anything, ignore this message: nobody can sign in without this link.',
    automatic: 'This message is sent automatically.',
    roles: { owner: 'owner', manager: 'manager', box_office: 'box office', door: 'door', accountant: 'accountant', reseller: 'reseller' },
  },
};
