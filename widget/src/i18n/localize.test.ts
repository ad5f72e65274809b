import { expect } from '@open-wc/testing';
import { type BuyerErrorCode, errorCodes } from '../../../contract/errors.js';
import { ShopApiError } from '../api/client.js';
import { codeStrings } from '../code-entry/strings.js';
import { giftStrings } from '../gift-shop/strings.js';
import { exchangeStrings } from '../ticket-exchange/strings.js';
import { freeSeats, gaHold, realClient, testEnv } from '../testing/real-api.js';
import { de } from './de.js';
import { en, type Translation } from './en.js';
import { fr } from './fr.js';
import { it as italian } from './it.js';
import { deErrors } from './errors/de-errors.js';
import { enErrors } from './errors/en-errors.js';
import { frErrors } from './errors/fr-errors.js';
import { itErrors } from './errors/it-errors.js';
import type { ErrorTable } from './errors/types.js';
import { errorMessage, formatMoney, loadErrorTexts, loadTranslation, matchLocale, seatName, supportedLocales, translation } from './localize.js';

/** Every key path of a table, with the kind of value (string or function). */
function shape(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    value && typeof value === 'object' ? shape(value as object, `${prefix}${key}.`) : [`${prefix}${key}:${typeof value}`],
  );
}

describe('translations', () => {
  for (const [name, table] of [
    ['fr', fr],
    ['de', de],
    ['it', italian],
  ] as const) {
    it(`${name} has every English key, with the same kind of value`, () => {
      expect(shape(table).sort()).to.deep.equal(shape(en).sort());
    });
  }
  for (const [name, table] of [
    ['fr', frErrors],
    ['de', deErrors],
    ['it', itErrors],
  ] as const) {
    it(`${name}'s error table has every English key, with the same kind of value`, () => {
      expect(shape(table).sort()).to.deep.equal(shape(enErrors).sort());
    });
  }

  /** Every text of a table, functions called with placeholders. */
  function texts(table: unknown, path = ''): [string, string][] {
    if (typeof table === 'string') return [[path, table]];
    if (typeof table === 'function') {
      const call = table as (...args: unknown[]) => unknown;
      const args = Array.from({ length: Math.max(1, call.length) }, () => 'X');
      return [[path, String(call(...args))]];
    }
    if (table && typeof table === 'object') return Object.entries(table).flatMap(([key, value]) => texts(value, `${path}.${key}`));
    return [];
  }
  const everyTable = (locale: 'fr' | 'de' | 'it' | 'en') => [
    ...texts({ fr, de, it: italian, en }[locale], 'i18n'),
    ...texts({ fr: frErrors, de: deErrors, it: itErrors, en: enErrors }[locale], 'i18n/errors'),
    ...texts(codeStrings[locale], 'code-entry'),
    ...texts(giftStrings[locale], 'gift-shop'),
    ...texts(exchangeStrings(locale), 'ticket-exchange'),
  ];

  for (const locale of ['de', 'it', 'en'] as const) {
    it(`${locale} has no French spacing before : ; ! ? (every table of the widget)`, () => {
      const leaks = everyTable(locale).filter(([, text]) => /[ \u00a0\u202f][:;!?](\s|$)/.test(text));
      expect(leaks).to.deep.equal([]);
    });
  }

  it('fr keeps a space before : ; ! ? (every table of the widget)', () => {
    const missing = everyTable('fr').filter(([, text]) => /[^\s\u00a0\u202f\d/][:;!?](\s|$)/.test(text));
    expect(missing).to.deep.equal([]);
  });

  it('names a seat by its parts in each language, and falls back to the API’s label without them', () => {
    const seat = { section: 'Parterre', row: 'A', number: '15' };
    expect(seatName(fr, seat, 'Parterre, row A, seat 15')).to.equal('Parterre, rang A, place 15');
    expect(seatName(de, seat, null)).to.equal('Parterre, Reihe A, Platz 15');
    expect(seatName(italian, seat, null)).to.equal('Parterre, fila A, posto 15');
    expect(seatName(fr, null, 'Parterre, row A, seat 15')).to.equal('Parterre, row A, seat 15');
    expect(seatName(fr, null, null)).to.equal(null);
  });

  it('says a gift voucher’s validity in years or days, singular or plural, in each language', () => {
    expect(giftStrings.fr.voucherHint(730)).to.contain('pendant 2 ans.');
    expect(giftStrings.fr.voucherHint(365)).to.contain('pendant 1 an.');
    expect(giftStrings.fr.voucherHint(400)).to.contain('pendant 400 jours.');
    expect(giftStrings.de.voucherHint(730)).to.contain('2 Jahre lang.');
    expect(giftStrings.de.voucherHint(365)).to.contain('1 Jahr lang.');
    expect(giftStrings.it.voucherHint(730)).to.contain('per 2 anni.');
    expect(giftStrings.en.voucherHint(1)).to.contain('for 1 day.');
    for (const locale of ['fr', 'de', 'it', 'en'] as const) expect(giftStrings[locale].voucherHint(730)).to.not.match(/\(s\)|\(e\)|\/i/);
  });

  it('names an unlocked tariff once, and in the plural when there are several', () => {
    expect(codeStrings.fr.unlocked(['Membre'])).to.equal('Nouveau tarif disponible : Membre');
    expect(codeStrings.fr.unlocked(['Membre', 'Ami'])).to.equal('Nouveaux tarifs disponibles : Membre, Ami');
    expect(codeStrings.de.unlocked(['Mitglied'])).to.equal('Neuer Tarif verfügbar: Mitglied');
  });

  it('loads a locale on demand and picks it for regional tags', async () => {
    await loadTranslation('de');
    expect(matchLocale('de-CH')).to.equal('de');
    expect(matchLocale('pt-BR')).to.equal(null);
    expect(translation('de-CH').cart).to.equal('Ihre Tickets');
    expect(translation('pt').cart).to.equal('Your tickets');
  });

  it('formats Swiss francs the Swiss way in each language', () => {
    expect(formatMoney(6800, 'CHF', 'de')).to.match(/^CHF\s68\.00$/);
    expect(formatMoney(6800, 'CHF', 'fr')).to.match(/^68\.00\sCHF$/);
    expect(formatMoney(250, 'EUR', 'fr')).to.match(/^2,50\s€$/);
  });
});

describe('error messages from API error codes', () => {
  const error = (code: string, details: Record<string, unknown> = {}) => new ShopApiError(409, code, 'English message from the API', details);
  const tables: [string, Translation, ErrorTable][] = [
    ['en', en, enErrors],
    ['fr', fr, frErrors],
    ['de', de, deErrors],
    ['it', italian, itErrors],
  ];
  // The API client loads them before it rejects (error-texts.test.ts); these errors are made here.
  before(async () => {
    await Promise.all(supportedLocales.map(loadErrorTexts));
  });

  it('names the seats someone else took', () => {
    const label = (id: number) => `Parterre, rang C, place ${id}`;
    expect(errorMessage(fr, error('seats_taken', { seatIds: [12] }), label)).to.equal('Désolé, Parterre, rang C, place 12 vient d’être prise par quelqu’un d’autre.');
    expect(errorMessage(en, error('seats_taken', { seatIds: [12, 13] }), label)).to.contain('Parterre, rang C, place 12 · Parterre, rang C, place 13');
  });

  it('gives every code the buyer can meet its own text in every language, never the API’s English', () => {
    const codes = [
      'capacity_exceeded',
      'hold_expired',
      'hold_not_found',
      'hold_released',
      'hold_converted',
      'hold_changed',
      'hold_empty',
      'sales_ended',
      'sales_not_started',
      'performance_cancelled',
      'seats_not_for_sale',
      'network_error',
      'invoice_not_offered',
      'rate_limited',
    ];
    for (const [, table] of tables) {
      const texts = codes.map((code) => errorMessage(table, error(code)));
      expect(texts).to.not.include(table.errors.generic);
      expect(texts.join(' ')).to.not.contain('English message from the API');
      expect(new Set(texts).size).to.equal(codes.length);
    }
  });

  it('has a text of its own for every code the storefront API can answer (contract/errors.ts), in every language', () => {
    const buyerCodes = Object.entries(errorCodes)
      .filter(([, spec]) => spec.audience !== 'organizer' && spec.audience !== 'reseller' && spec.audience !== 'wallet')
      .map(([code]) => code as BuyerErrorCode);
    expect(buyerCodes).to.include.members(['seats_taken', 'hold_expired', 'invalid_request', 'rate_limited']);
    expect(buyerCodes).to.not.include('ticket_forged');
    for (const [name, table, errorTable] of tables) {
      for (const code of buyerCodes) {
        const entry: unknown = errorTable.errors[code];
        expect(typeof entry === 'string' || typeof entry === 'function', `${name} ${code}`).to.equal(true);
        const text = errorMessage(table, error(code));
        expect(text.trim().length, `${name} ${code}`).to.be.greaterThan(10);
        expect(text, `${name} ${code}`).to.not.equal(table.errors.generic);
        expect(text, `${name} ${code}`).to.not.contain('English message from the API');
        if (name !== 'en' && typeof entry === 'string') expect(entry, `${name} ${code} is translated`).to.not.equal(enErrors.errors[code]);
      }
    }
  });

  it('says seats were taken even when the answer does not name them', () => {
    expect(errorMessage(de, error('seats_taken'))).to.equal('Leider wurden einige dieser Plätze soeben von jemand anderem gewählt.');
  });

  it('explains too_many_tickets and capacity with their numbers', () => {
    expect(errorMessage(de, error('too_many_tickets', { max: 10 }))).to.equal('Höchstens 10 Tickets pro Bestellung.');
    expect(errorMessage(italian, error('capacity_exceeded', { remaining: 3 }))).to.equal('Non ci sono abbastanza biglietti: ne restano 3.');
  });

  it('says how close to the performance pay by invoice stops being offered (invoice_not_offered)', () => {
    expect(errorMessage(fr, error('invoice_not_offered', { cutoffDays: 3 }))).to.equal(
      'Le paiement sur facture n’est proposé que jusqu’à 3 jours avant la représentation. Veuillez choisir un autre moyen de paiement.',
    );
    expect(errorMessage(en, error('invoice_not_offered', { cutoffDays: 3 }))).to.contain('up to 3 days before the performance');
  });

  it('turns each decline code into a reason and says the tickets stay reserved', () => {
    for (const [code, text] of [
      ['card_declined', 'Votre carte a été refusée.'],
      ['insufficient_funds', 'Le solde de votre carte est insuffisant.'],
      ['expired_card', 'Votre carte a expiré.'],
      ['invalid_number', 'Le numéro de carte n’est pas valable.'],
      ['something_new', 'Le paiement n’a pas abouti.'],
    ]) {
      expect(errorMessage(fr, error('payment_declined', { declineCode: code }))).to.equal(`${text} ${frErrors.declines.retry}`);
    }
  });

  it('falls back to a generic text for unknown codes and non-API errors', () => {
    expect(errorMessage(de, error('brand_new_code'))).to.equal(de.errors.generic);
    expect(errorMessage(de, new TypeError('x'))).to.equal(de.errors.generic);
  });

  it('maps the real API’s declined-card answer (402 payment_declined) to the German reason', async () => {
    const { hold } = await gaHold([{ tariff: 0, quantity: 1 }]);
    const client = await realClient();
    let failure: unknown;
    try {
      await client.checkout(hold.id, { name: 'Ana Muster', email: 'ana@example.ch', language: 'de' }, { method: 'simulated_card', cardNumber: '4000000000009995' });
    } catch (err) {
      failure = err;
    } finally {
      await client.releaseHold(hold.id);
    }
    expect(failure).to.be.instanceOf(ShopApiError);
    expect((failure as ShopApiError).status).to.equal(402);
    expect(errorMessage(de, failure)).to.equal(`Ihre Karte ist nicht ausreichend gedeckt. ${deErrors.declines.retry}`);
  });

  it('maps the real API’s lost race for a seat (409 seats_taken) to a message naming it', async () => {
    const { demo } = await testEnv();
    const client = await realClient();
    const performanceId = demo.theatrePerformanceIds[4]!;
    const [seat] = await freeSeats(performanceId, 1, 40);
    const first = await client.createHold({ performanceId, seats: [{ seatId: seat! }] });
    let failure: unknown;
    try {
      await client.createHold({ performanceId, seats: [{ seatId: seat! }] });
    } catch (err) {
      failure = err;
    } finally {
      await client.releaseHold(first.id);
    }
    expect((failure as ShopApiError).code).to.equal('seats_taken');
    expect(errorMessage(en, failure, (id) => `seat #${id}`)).to.equal(`Sorry, seat #${seat} was just taken by someone else.`);
  });
});
