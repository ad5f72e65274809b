import type { Language } from './messages.js';

/** The sentences of the waiting-list e-mails: joined (with the way out) and seats offered (with the way in). */
export interface WaitingListStrings {
  greeting: (name: string) => string;
  joinedSubject: (event: string) => string;
  joined: (event: string, when: string, quantity: number) => string;
  joinedNext: (hours: number) => string;
  offerSubject: (event: string) => string;
  offer: (event: string, when: string, quantity: number) => string;
  offerUntil: (until: string) => string;
  offerButton: string;
  offerLapse: string;
  offerDecline: string;
  leave: string;
  leaveButton: string;
  automatic: string;
}

const tickets = (language: Language, n: number) =>
  ({
    fr: n === 1 ? '1 billet' : `${n} billets`,
    de: n === 1 ? '1 Ticket' : `${n} Tickets`,
    it: n === 1 ? '1 biglietto' : `${n} biglietti`,
    en: n === 1 ? '1 ticket' : `${n} tickets`,
  })[language];

const fr: WaitingListStrings = {
  greeting: (name) => `Bonjour ${name},`,
  joinedSubject: (event) => `Liste d’attente : ${event}`,
  joined: (event, when, n) => `Vous êtes sur la liste d’attente pour ${event} le ${when} (${tickets('fr', n)}).`,
  joinedNext: (hours) => `Si des places se libèrent, elles sont proposées dans l’ordre d’inscription : vous recevrez alors un e-mail avec un lien qui vous les réserve pendant ${hours} h.`,
  offerSubject: (event) => `Des places pour vous : ${event}`,
  offer: (event, when, n) => `Des places se sont libérées pour ${event} le ${when} : ${tickets('fr', n)} vous sont réservés.`,
  offerUntil: (until) => `Elles vous attendent jusqu’au ${until}. Passé ce délai, elles sont proposées à la personne suivante.`,
  offerButton: 'Acheter mes billets',
  offerLapse: 'Vous pouvez changer de tarif avant de payer.',
  offerDecline: 'Vous n’en voulez plus ? Videz simplement le panier ouvert par le lien : les places passent aussitôt à la personne suivante.',
  leave: 'Vous ne souhaitez plus attendre ? Quittez la liste :',
  leaveButton: 'Quitter la liste d’attente',
  automatic: 'Ce message est envoyé automatiquement.',
};

const de: WaitingListStrings = {
  greeting: (name) => `Guten Tag ${name}`,
  joinedSubject: (event) => `Warteliste: ${event}`,
  joined: (event, when, n) => `Sie stehen auf der Warteliste für ${event} am ${when} (${tickets('de', n)}).`,
  joinedNext: (hours) => `Werden Plätze frei, werden sie in der Reihenfolge der Anmeldung angeboten: Sie erhalten dann eine E-Mail mit einem Link, der sie ${hours} Stunden für Sie reserviert.`,
  offerSubject: (event) => `Plätze für Sie: ${event}`,
  offer: (event, when, n) => `Für ${event} am ${when} sind Plätze frei geworden: ${tickets('de', n)} sind für Sie reserviert.`,
  offerUntil: (until) => `Sie bleiben bis ${until} für Sie reserviert. Danach werden sie der nächsten Person angeboten.`,
  offerButton: 'Tickets kaufen',
  offerLapse: 'Vor dem Bezahlen können Sie den Tarif ändern.',
  offerDecline: 'Sie möchten sie nicht mehr? Leeren Sie einfach den Warenkorb, den der Link öffnet: Die Plätze gehen sofort an die nächste Person.',
  leave: 'Sie möchten nicht mehr warten? Verlassen Sie die Liste:',
  leaveButton: 'Warteliste verlassen',
  automatic: 'Diese Nachricht wurde automatisch versandt.',
};

const it: WaitingListStrings = {
  greeting: (name) => `Buongiorno ${name},`,
  joinedSubject: (event) => `Lista d’attesa: ${event}`,
  joined: (event, when, n) => `È sulla lista d’attesa per ${event} il ${when} (${tickets('it', n)}).`,
  joinedNext: (hours) => `Se si liberano posti, vengono offerti nell’ordine di iscrizione: riceverà un’e-mail con un link che glieli riserva per ${hours} ore.`,
  offerSubject: (event) => `Posti per lei: ${event}`,
  offer: (event, when, n) => `Si sono liberati posti per ${event} il ${when}: ${tickets('it', n)} sono riservati per lei.`,
  offerUntil: (until) => `La attendono fino al ${until}. Dopo vengono offerti alla persona successiva.`,
  offerButton: 'Acquista i biglietti',
  offerLapse: 'Prima di pagare può cambiare tariffa.',
  offerDecline: 'Non li desidera più? Svuoti semplicemente il carrello aperto dal link: i posti passano subito alla persona successiva.',
  leave: 'Non desidera più attendere? Lasci la lista:',
  leaveButton: 'Lascia la lista d’attesa',
  automatic: 'Questo messaggio è inviato automaticamente.',
};

const en: WaitingListStrings = {
  greeting: (name) => `Hello ${name},`,
  joinedSubject: (event) => `Waiting list: ${event}`,
  joined: (event, when, n) => `You are on the waiting list for ${event} on ${when} (${tickets('en', n)}).`,
  joinedNext: (hours) => `If seats come back they are offered in the order people joined: you will then get an e-mail with a link that holds them for you for ${hours} hours.`,
  offerSubject: (event) => `Seats for you: ${event}`,
  offer: (event, when, n) => `Seats came back for ${event} on ${when}: ${tickets('en', n)} are held for you.`,
  offerUntil: (until) => `They wait for you until ${until}. After that they are offered to the next person in line.`,
  offerButton: 'Buy my tickets',
  offerLapse: 'You can change the tariff before paying.',
  offerDecline: 'Don’t want them any more? Just empty the cart the link opens: the seats go to the next person at once.',
  leave: 'No longer want to wait? Leave the list:',
  leaveButton: 'Leave the waiting list',
  automatic: 'This message was sent automatically.',
};

export const waitingListStrings: Record<Language, WaitingListStrings> = { fr, de, it, en };
