import type { SeatPlace } from '../../../db/schema/orders.js';
import type { Language } from './messages.js';

/** Every sentence of every e-mail and of the invoice PDF, per language. Values in {} come from the caller. */
export interface EmailStrings {
  greeting: (name: string) => string;
  signoff: (shop: string) => string;
  orderNumber: string;
  performance: string;
  venue: string;
  doors: string;
  total: string;
  ticket: string;
  /** A seat in words: "Parterre, rang A, place 15". */
  seatPlace: (seat: SeatPlace) => string;
  orderLink: string;
  automatic: string;
  /** The lines of an order that are not a ticket; a ticket line is its tariff and seat. */
  lines: {
    fee: string;
    insurance: string;
    pass: (code: string) => string;
    promo: (code: string) => string;
    vouchers: string;
  };
  confirmation: {
    subject: (event: string, number: string) => string;
    intro: (event: string) => string;
    tickets: string;
    atTheDoor: string;
    insured: (insurer: string) => string;
    insurer: string;
    policy: (ticket: string) => string;
    /** The link to the tickets as a PDF (also attached). */
    downloadTickets: string;
  };
  invoice: {
    subject: (event: string, number: string) => string;
    intro: (event: string) => string;
    payBy: (date: string) => string;
    seatsKept: string;
    ticketsAfterPayment: string;
    attached: string;
    download: string;
    paymentDetails: string;
    payableTo: string;
    account: string;
    reference: string;
    amount: string;
  };
  reminder: {
    subject: (number: string, final: boolean) => string;
    intro: (number: string) => string;
    newDeadline: (date: string) => string;
    final: string;
    alreadyPaid: string;
  };
  cancelled: {
    subject: (number: string) => string;
    unpaid: (event: string) => string;
    byOrganizer: (event: string) => string;
    note: string;
    seatsFreed: string;
  };
  preEvent: {
    subject: (event: string, when: string) => string;
    intro: (event: string, when: string) => string;
    doorsAt: (time: string) => string;
    tickets: (count: number) => string;
    bring: string;
  };
  pdf: {
    title: string;
    date: string;
    due: string;
    billTo: string;
    description: string;
    quantity: string;
    amount: string;
    paymentNote: string;
    paid: string;
    cancelled: string;
  };
}

const fr: EmailStrings = {
  greeting: (name) => `Bonjour ${name},`,
  signoff: (shop) => `Merci et à bientôt,\n${shop}`,
  orderNumber: 'Commande',
  performance: 'Représentation',
  venue: 'Lieu',
  doors: 'Ouverture des portes',
  total: 'Total',
  ticket: 'Billet',
  seatPlace: ({ section, row, number }) => `${section}, rang ${row}, place ${number}`,
  orderLink: 'Voir ma commande',
  automatic: 'Ce message est envoyé automatiquement.',
  lines: {
    fee: 'Frais de service',
    insurance: 'Assurance annulation',
    pass: (code) => `Abonnement ${code}`,
    promo: (code) => `Code promo ${code}`,
    vouchers: 'Payé avec des bons cadeaux',
  },
  confirmation: {
    subject: (event, number) => `Vos billets pour ${event} (commande ${number})`,
    intro: (event) => `Merci pour votre commande. Voici vos billets pour ${event}.`,
    tickets: 'Vos billets',
    atTheDoor: 'Présentez le code QR de chaque billet à l’entrée, sur votre téléphone ou imprimé.',
    insured: (insurer) => `Vos billets sont assurés contre l’annulation par ${insurer}. Le numéro de chaque billet assuré est sa référence de police : indiquez-le à l’assureur pour déclarer un sinistre.`,
    insurer: 'Assureur',
    policy: (ticket) => `Référence de police : ${ticket}`,
    downloadTickets: 'Télécharger les billets (PDF)',
  },
  invoice: {
    subject: (event, number) => `Votre facture pour ${event} (commande ${number})`,
    intro: (event) => `Merci pour votre commande pour ${event}. Vous avez choisi de payer sur facture.`,
    payBy: (date) => `Merci de payer d’ici au ${date}.`,
    seatsKept: 'Vos places vous sont réservées jusqu’au paiement.',
    ticketsAfterPayment: 'Vous recevrez vos billets par e-mail dès réception de votre paiement.',
    attached: 'La facture est jointe à ce message (PDF).',
    download: 'Télécharger la facture',
    paymentDetails: 'Informations de paiement',
    payableTo: 'Payable à',
    account: 'Compte / IBAN',
    reference: 'Référence',
    amount: 'Montant',
  },
  reminder: {
    subject: (number, final) => `${final ? 'Dernier rappel' : 'Rappel'} : facture de la commande ${number}`,
    intro: (number) => `Nous n’avons pas encore reçu le paiement de votre commande ${number}.`,
    newDeadline: (date) => `Nouveau délai de paiement : ${date}.`,
    final: 'C’est le dernier rappel : sans paiement d’ici là, la commande sera annulée et les places remises en vente.',
    alreadyPaid: 'Si vous avez payé entre-temps, merci de ne pas tenir compte de ce message.',
  },
  cancelled: {
    subject: (number) => `Commande ${number} annulée`,
    unpaid: (event) => `Le délai de paiement de votre commande pour ${event} est échu sans que nous ayons reçu votre paiement. La commande est annulée.`,
    byOrganizer: (event) => `Votre commande pour ${event} a été annulée par l’organisateur.`,
    note: 'Message de l’organisateur',
    seatsFreed: 'Les places ont été remises en vente. Vous ne devez rien pour cette commande.',
  },
  preEvent: {
    subject: (event, when) => `À bientôt : ${event}, ${when}`,
    intro: (event, when) => `Nous nous réjouissons de vous accueillir pour ${event}, ${when}.`,
    doorsAt: (time) => `Ouverture des portes à ${time}.`,
    tickets: (count) => (count === 1 ? 'Vous avez 1 billet.' : `Vous avez ${count} billets.`),
    bring: 'Pensez à vos billets (codes QR de l’e-mail de confirmation, sur votre téléphone ou imprimés).',
  },
  pdf: {
    title: 'Facture',
    date: 'Date',
    due: 'Payable d’ici au',
    billTo: 'Facturé à',
    description: 'Description',
    quantity: 'Qté',
    amount: 'Montant',
    paymentNote: 'Veuillez payer avec la section paiement ci-dessous ou par virement en indiquant la référence.',
    paid: 'PAYÉE',
    cancelled: 'ANNULÉE',
  },
};

const de: EmailStrings = {
  greeting: (name) => `Guten Tag ${name}`,
  signoff: (shop) => `Vielen Dank und bis bald\n${shop}`,
  orderNumber: 'Bestellung',
  performance: 'Vorstellung',
  venue: 'Ort',
  doors: 'Türöffnung',
  total: 'Total',
  ticket: 'Ticket',
  seatPlace: ({ section, row, number }) => `${section}, Reihe ${row}, Platz ${number}`,
  orderLink: 'Bestellung ansehen',
  automatic: 'Diese Nachricht wurde automatisch versandt.',
  lines: {
    fee: 'Servicegebühr',
    insurance: 'Annullierungsversicherung',
    pass: (code) => `Abo ${code}`,
    promo: (code) => `Promo-Code ${code}`,
    vouchers: 'Mit Geschenkgutscheinen bezahlt',
  },
  confirmation: {
    subject: (event, number) => `Ihre Tickets für ${event} (Bestellung ${number})`,
    intro: (event) => `Vielen Dank für Ihre Bestellung. Hier sind Ihre Tickets für ${event}.`,
    tickets: 'Ihre Tickets',
    atTheDoor: 'Zeigen Sie am Eingang den QR-Code jedes Tickets vor, auf dem Telefon oder ausgedruckt.',
    insured: (insurer) => `Ihre Tickets sind bei ${insurer} gegen Annullierung versichert. Die Nummer jedes versicherten Tickets ist seine Policennummer: Geben Sie sie dem Versicherer an, wenn Sie einen Schaden melden.`,
    insurer: 'Versicherer',
    policy: (ticket) => `Policennummer: ${ticket}`,
    downloadTickets: 'Tickets herunterladen (PDF)',
  },
  invoice: {
    subject: (event, number) => `Ihre Rechnung für ${event} (Bestellung ${number})`,
    intro: (event) => `Vielen Dank für Ihre Bestellung für ${event}. Sie haben Zahlung auf Rechnung gewählt.`,
    payBy: (date) => `Bitte bezahlen Sie bis am ${date}.`,
    seatsKept: 'Ihre Plätze bleiben bis zur Zahlung für Sie reserviert.',
    ticketsAfterPayment: 'Sobald Ihre Zahlung eingegangen ist, erhalten Sie Ihre Tickets per E-Mail.',
    attached: 'Die Rechnung finden Sie im Anhang (PDF).',
    download: 'Rechnung herunterladen',
    paymentDetails: 'Zahlungsangaben',
    payableTo: 'Zahlbar an',
    account: 'Konto / IBAN',
    reference: 'Referenz',
    amount: 'Betrag',
  },
  reminder: {
    subject: (number, final) => `${final ? 'Letzte Zahlungserinnerung' : 'Zahlungserinnerung'}: Rechnung zur Bestellung ${number}`,
    intro: (number) => `Wir haben die Zahlung für Ihre Bestellung ${number} noch nicht erhalten.`,
    newDeadline: (date) => `Neue Zahlungsfrist: ${date}.`,
    final: 'Dies ist die letzte Erinnerung: Ohne Zahlung bis dahin wird die Bestellung storniert und die Plätze gehen wieder in den Verkauf.',
    alreadyPaid: 'Falls Sie inzwischen bezahlt haben, betrachten Sie diese Nachricht bitte als gegenstandslos.',
  },
  cancelled: {
    subject: (number) => `Bestellung ${number} storniert`,
    unpaid: (event) => `Die Zahlungsfrist Ihrer Bestellung für ${event} ist abgelaufen, ohne dass Ihre Zahlung eingegangen ist. Die Bestellung ist storniert.`,
    byOrganizer: (event) => `Ihre Bestellung für ${event} wurde vom Veranstalter storniert.`,
    note: 'Nachricht des Veranstalters',
    seatsFreed: 'Die Plätze sind wieder im Verkauf. Sie schulden für diese Bestellung nichts.',
  },
  preEvent: {
    subject: (event, when) => `Bis bald: ${event}, ${when}`,
    intro: (event, when) => `Wir freuen uns, Sie zu ${event} zu begrüssen: ${when}.`,
    doorsAt: (time) => `Türöffnung um ${time}.`,
    tickets: (count) => (count === 1 ? 'Sie haben 1 Ticket.' : `Sie haben ${count} Tickets.`),
    bring: 'Denken Sie an Ihre Tickets (QR-Codes aus der Bestätigungs-E-Mail, auf dem Telefon oder ausgedruckt).',
  },
  pdf: {
    title: 'Rechnung',
    date: 'Datum',
    due: 'Zahlbar bis',
    billTo: 'Rechnung an',
    description: 'Beschreibung',
    quantity: 'Anz.',
    amount: 'Betrag',
    paymentNote: 'Bitte bezahlen Sie mit dem Zahlteil unten oder per Überweisung mit der Referenz.',
    paid: 'BEZAHLT',
    cancelled: 'STORNIERT',
  },
};

const it: EmailStrings = {
  greeting: (name) => `Buongiorno ${name},`,
  signoff: (shop) => `Grazie e a presto,\n${shop}`,
  orderNumber: 'Ordine',
  performance: 'Rappresentazione',
  venue: 'Luogo',
  doors: 'Apertura porte',
  total: 'Totale',
  ticket: 'Biglietto',
  seatPlace: ({ section, row, number }) => `${section}, fila ${row}, posto ${number}`,
  orderLink: 'Vedi il mio ordine',
  automatic: 'Questo messaggio è stato inviato automaticamente.',
  lines: {
    fee: 'Costi di servizio',
    insurance: 'Assicurazione annullamento',
    pass: (code) => `Abbonamento ${code}`,
    promo: (code) => `Codice promozionale ${code}`,
    vouchers: 'Pagato con buoni regalo',
  },
  confirmation: {
    subject: (event, number) => `I suoi biglietti per ${event} (ordine ${number})`,
    intro: (event) => `Grazie per il suo ordine. Ecco i suoi biglietti per ${event}.`,
    tickets: 'I suoi biglietti',
    atTheDoor: 'All’ingresso mostri il codice QR di ogni biglietto, sul telefono o stampato.',
    insured: (insurer) => `I suoi biglietti sono assicurati contro l’annullamento da ${insurer}. Il numero di ogni biglietto assicurato è il suo riferimento di polizza: lo indichi all’assicuratore per notificare un sinistro.`,
    insurer: 'Assicuratore',
    policy: (ticket) => `Riferimento di polizza: ${ticket}`,
    downloadTickets: 'Scarica i biglietti (PDF)',
  },
  invoice: {
    subject: (event, number) => `La sua fattura per ${event} (ordine ${number})`,
    intro: (event) => `Grazie per il suo ordine per ${event}. Ha scelto il pagamento su fattura.`,
    payBy: (date) => `La preghiamo di pagare entro il ${date}.`,
    seatsKept: 'I suoi posti restano riservati fino al pagamento.',
    ticketsAfterPayment: 'Riceverà i biglietti per e-mail appena avremo ricevuto il pagamento.',
    attached: 'La fattura è allegata a questo messaggio (PDF).',
    download: 'Scarica la fattura',
    paymentDetails: 'Dati per il pagamento',
    payableTo: 'Pagabile a',
    account: 'Conto / IBAN',
    reference: 'Riferimento',
    amount: 'Importo',
  },
  reminder: {
    subject: (number, final) => `${final ? 'Ultimo richiamo' : 'Richiamo'}: fattura dell’ordine ${number}`,
    intro: (number) => `Non abbiamo ancora ricevuto il pagamento del suo ordine ${number}.`,
    newDeadline: (date) => `Nuovo termine di pagamento: ${date}.`,
    final: 'Questo è l’ultimo richiamo: senza pagamento entro tale data, l’ordine sarà annullato e i posti rimessi in vendita.',
    alreadyPaid: 'Se nel frattempo ha già pagato, non tenga conto di questo messaggio.',
  },
  cancelled: {
    subject: (number) => `Ordine ${number} annullato`,
    unpaid: (event) => `Il termine di pagamento del suo ordine per ${event} è scaduto senza che abbiamo ricevuto il pagamento. L’ordine è annullato.`,
    byOrganizer: (event) => `Il suo ordine per ${event} è stato annullato dall’organizzatore.`,
    note: 'Messaggio dell’organizzatore',
    seatsFreed: 'I posti sono stati rimessi in vendita. Non deve nulla per questo ordine.',
  },
  preEvent: {
    subject: (event, when) => `A presto: ${event}, ${when}`,
    intro: (event, when) => `Saremo lieti di accoglierla per ${event}, ${when}.`,
    doorsAt: (time) => `Apertura porte alle ${time}.`,
    tickets: (count) => (count === 1 ? 'Ha 1 biglietto.' : `Ha ${count} biglietti.`),
    bring: 'Non dimentichi i biglietti (codici QR dell’e-mail di conferma, sul telefono o stampati).',
  },
  pdf: {
    title: 'Fattura',
    date: 'Data',
    due: 'Pagabile entro il',
    billTo: 'Fatturato a',
    description: 'Descrizione',
    quantity: 'Qtà',
    amount: 'Importo',
    paymentNote: 'La preghiamo di pagare con la sezione pagamento qui sotto o con un bonifico indicando il riferimento.',
    paid: 'PAGATA',
    cancelled: 'ANNULLATA',
  },
};

const en: EmailStrings = {
  greeting: (name) => `Hello ${name},`,
  signoff: (shop) => `Thank you and see you soon,\n${shop}`,
  orderNumber: 'Order',
  performance: 'Performance',
  venue: 'Venue',
  doors: 'Doors open',
  total: 'Total',
  ticket: 'Ticket',
  seatPlace: ({ section, row, number }) => `${section}, row ${row}, seat ${number}`,
  orderLink: 'View my order',
  automatic: 'This message was sent automatically.',
  lines: {
    fee: 'Service fee',
    insurance: 'Cancellation insurance',
    pass: (code) => `Pass ${code}`,
    promo: (code) => `Promo code ${code}`,
    vouchers: 'Paid with gift vouchers',
  },
  confirmation: {
    subject: (event, number) => `Your tickets for ${event} (order ${number})`,
    intro: (event) => `Thank you for your order. Here are your tickets for ${event}.`,
    tickets: 'Your tickets',
    atTheDoor: 'Show the QR code of each ticket at the entrance, on your phone or printed.',
    insured: (insurer) => `Your tickets are insured against cancellation by ${insurer}. Each insured ticket’s number is its policy reference: quote it to the insurer to make a claim.`,
    insurer: 'Insurer',
    policy: (ticket) => `Policy reference: ${ticket}`,
    downloadTickets: 'Download tickets (PDF)',
  },
  invoice: {
    subject: (event, number) => `Your invoice for ${event} (order ${number})`,
    intro: (event) => `Thank you for your order for ${event}. You chose to pay by invoice.`,
    payBy: (date) => `Please pay by ${date}.`,
    seatsKept: 'Your seats are reserved for you until you pay.',
    ticketsAfterPayment: 'You will receive your tickets by e-mail as soon as your payment arrives.',
    attached: 'The invoice is attached to this message (PDF).',
    download: 'Download the invoice',
    paymentDetails: 'Payment details',
    payableTo: 'Payable to',
    account: 'Account / IBAN',
    reference: 'Reference',
    amount: 'Amount',
  },
  reminder: {
    subject: (number, final) => `${final ? 'Final reminder' : 'Reminder'}: invoice for order ${number}`,
    intro: (number) => `We have not yet received the payment for your order ${number}.`,
    newDeadline: (date) => `New payment deadline: ${date}.`,
    final: 'This is the final reminder: without payment by then, the order will be cancelled and the seats put back on sale.',
    alreadyPaid: 'If you have paid in the meantime, please disregard this message.',
  },
  cancelled: {
    subject: (number) => `Order ${number} cancelled`,
    unpaid: (event) => `The payment deadline of your order for ${event} has passed without your payment reaching us. The order is cancelled.`,
    byOrganizer: (event) => `Your order for ${event} was cancelled by the organizer.`,
    note: 'Message from the organizer',
    seatsFreed: 'The seats are back on sale. You owe nothing for this order.',
  },
  preEvent: {
    subject: (event, when) => `See you soon: ${event}, ${when}`,
    intro: (event, when) => `We look forward to welcoming you to ${event}, ${when}.`,
    doorsAt: (time) => `Doors open at ${time}.`,
    tickets: (count) => (count === 1 ? 'You have 1 ticket.' : `You have ${count} tickets.`),
    bring: 'Remember your tickets (the QR codes of your confirmation e-mail, on your phone or printed).',
  },
  pdf: {
    title: 'Invoice',
    date: 'Date',
    due: 'Payable by',
    billTo: 'Bill to',
    description: 'Description',
    quantity: 'Qty',
    amount: 'Amount',
    paymentNote: 'Please pay with the payment part below or by bank transfer quoting the reference.',
    paid: 'PAID',
    cancelled: 'CANCELLED',
  },
};

export const emailStrings: Record<Language, EmailStrings> = { fr, de, it, en };
