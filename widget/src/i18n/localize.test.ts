import { expect } from '@open-wc/testing';
import { ShopApiError } from '../api/client.js';
import { freeSeats, gaHold, realClient, testEnv } from '../testing/real-api.js';
import { de } from './de.js';
import { en, type Translation } from './en.js';
import { fr } from './fr.js';
import { it as italian } from './it.js';
import { errorMessage, formatMoney, loadTranslation, matchLocale, translation } from './localize.js';

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
  const tables: [string, Translation][] = [
    ['en', en],
    ['fr', fr],
    ['de', de],
    ['it', italian],
  ];

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
      expect(errorMessage(fr, error('payment_declined', { declineCode: code }))).to.equal(`${text} ${fr.declines.retry}`);
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
    expect(errorMessage(de, failure)).to.equal(`Ihre Karte ist nicht ausreichend gedeckt. ${de.declines.retry}`);
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
