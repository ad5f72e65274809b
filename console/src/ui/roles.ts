import { css, html } from 'lit';
import { consoleRoles, staffRoles } from '../../../contract/vocabulary.js';
import { commonTexts } from '../i18n/common.js';
import { defineTexts, type ConsoleLocale } from '../i18n/texts.js';

export type StaffRole = (typeof staffRoles)[number];
export { consoleRoles, staffRoles };

/** What each role may do, in a sentence (the role matrix of contract/permissions.ts, as staff read it). */
const roleMeanings = defineTexts({
  en: {
    owner: 'Everything: settings and payments, staff and API tokens, webhooks, and all the manager does.',
    manager: 'Events, venues, prices, codes, orders and reports; not the settings, staff or tokens.',
    box_office: 'Sells and looks up orders at the counter, exchanges tickets, records invoice payments, cancels with a refund up to the limit the owner sets, and checks tickets in.',
    door: 'Checks tickets in at the door, nothing else.',
    accountant: 'Reads orders, codes, reports and exports; changes nothing.',
    reseller: 'A partner’s API token (tourist office, shop): sells through the API within its own quotas only; made from the Resellers screen.',
  },
  fr: {
    owner: 'Tout : réglages et paiements, équipe et jetons d’API, webhooks, et tout ce que fait le gestionnaire.',
    manager: 'Événements, salles, prix, codes, commandes et rapports ; pas les réglages, l’équipe ni les jetons.',
    box_office: 'Vend et retrouve les commandes au guichet, échange des billets, enregistre les paiements de factures, annule avec un remboursement jusqu’à la limite fixée par le propriétaire, et contrôle les billets.',
    door: 'Contrôle les billets à l’entrée, rien d’autre.',
    accountant: 'Consulte commandes, codes, rapports et exports ; ne modifie rien.',
    reseller: 'Jeton d’API d’un partenaire (office du tourisme, commerce) : vend par l’API dans ses propres contingents seulement ; créé depuis l’écran Revendeurs.',
  },
  de: {
    owner: 'Alles: Einstellungen und Zahlungen, Team und API-Tokens, Webhooks und alles, was die Leitung tut.',
    manager: 'Veranstaltungen, Spielstätten, Preise, Codes, Bestellungen und Berichte; nicht Einstellungen, Team oder Tokens.',
    box_office: 'Verkauft und sucht Bestellungen an der Kasse, tauscht Tickets um, erfasst Rechnungszahlungen, storniert mit Rückerstattung bis zur Grenze, die der Inhaber festlegt, und kontrolliert Tickets.',
    door: 'Kontrolliert Tickets am Einlass, sonst nichts.',
    accountant: 'Liest Bestellungen, Codes, Berichte und Exporte; ändert nichts.',
    reseller: 'API-Token eines Partners (Tourismusbüro, Geschäft): verkauft über die API nur innerhalb seiner eigenen Kontingente; erstellt im Bereich Wiederverkäufer.',
  },
  it: {
    owner: 'Tutto: impostazioni e pagamenti, staff e token API, webhook, e tutto ciò che fa il responsabile.',
    manager: 'Eventi, sale, prezzi, codici, ordini e rapporti; non le impostazioni, lo staff né i token.',
    box_office: 'Vende e cerca gli ordini allo sportello, cambia biglietti, registra i pagamenti delle fatture, annulla con un rimborso fino al limite fissato dal titolare e controlla i biglietti.',
    door: 'Controlla i biglietti all’ingresso, nient’altro.',
    accountant: 'Consulta ordini, codici, rapporti ed esportazioni; non modifica nulla.',
    reseller: 'Token API di un partner (ufficio turistico, negozio): vende tramite l’API solo entro i propri contingenti; creato dalla schermata Rivenditori.',
  },
});

export function roleName(role: StaffRole, locale: ConsoleLocale): string {
  return commonTexts(locale)[`role_${role}`];
}

export function roleMeaning(role: StaffRole, locale: ConsoleLocale): string {
  return roleMeanings(locale)[role];
}

/** Every role a person or a general token may have, with its meaning, as a definition list (shown next to a role choice). */
export function roleGlossary(locale: ConsoleLocale, id: string) {
  return html`<dl class="roles" id=${id}>
    ${consoleRoles.map((role) => html`<dt>${roleName(role, locale)}</dt><dd>${roleMeaning(role, locale)}</dd>`)}
  </dl>`;
}

/** The options of a role select (a reseller's token is made from its reseller, never chosen here). */
export function roleOptions(locale: ConsoleLocale, selected: StaffRole) {
  return consoleRoles.map((role) => html`<option value=${role} ?selected=${role === selected}>${roleName(role, locale)}</option>`);
}

/** The glossary of roles and the confirmation box of the staff and token screens. */
export const roleStyles = css`
  dl.roles {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.4rem 1rem;
    margin: 0;
  }
  @media (min-width: 700px) {
    dl.roles {
      grid-template-columns: minmax(8rem, 16rem) minmax(0, 1fr);
    }
  }
  dl.roles dt {
    font-weight: 600;
  }
  dl.roles dd {
    margin: 0;
  }
  .confirm {
    border: 2px solid var(--tk-danger);
    border-radius: 8px;
    padding: 0.75rem 1rem;
    margin: 0.5rem 0 1rem;
  }
  .panel {
    border: 2px solid var(--tk-accent);
  }
`;
