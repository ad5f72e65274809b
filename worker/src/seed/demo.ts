import { count, eq } from 'drizzle-orm';
import { events, gaInventory, performances, shops, tariffs, venues } from '../../../db/schema/index.js';
import { chunkRows, type Storage } from '../db.js';
import { newId } from '../domain/ids.js';
import { createShop } from '../services/shops.js';
import { importSeatingPlan } from '../services/seating-plans.js';
import { type DemoCodes, seedDemoCodes } from './demo-codes.js';
import { arenaPlan, theatrePlan } from './plans.js';

export const DEMO_SHOP_ID = 'shp_demo';
/** The demo shop's owner: the local console signs in with a link from the local mailbox (/mailbox). */
export const DEMO_OWNER = { email: 'owner@demo.example', name: 'Demo owner' };
const DAY = 86_400_000;

/** 20:00 in Zurich on the day `days` from now, as UTC epoch ms (CET/CEST handled by Intl). */
function eveningInZurich(now: number, days: number, hour = 20): number {
  const date = new Date(now + days * DAY);
  const utcGuess = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour, 0);
  const zurichHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', hourCycle: 'h23' }).format(utcGuess));
  return utcGuess - (zurichHour - hour) * 3_600_000;
}

export interface DemoSeed {
  shopId: string;
  token: string;
  theatreEventId: string;
  theatrePerformanceIds: string[];
  concertEventId: string;
  concertPerformanceIds: string[];
  arenaEventId: string;
  arenaPerformanceId: string;
  /** Promo codes, the members' tariffs, the pass product, the sold pass and the gift voucher. */
  codes: DemoCodes;
}

/**
 * Demo data for a fresh database: a test-mode shop (CHF, fr/de/it/en), a 1,088-seat theatre
 * with five performances of one play, a general-admission concert (capacity 300) and a
 * 20,160-seat arena (a 60-seat one with arena: false). Performances are placed relative to `now` so the demo never goes stale.
 */
export async function seedDemo(storage: Storage, now: number, options: { shopId?: string; arena?: boolean } = {}): Promise<DemoSeed> {
  const { db } = storage;
  const { shopId, token } = await createShop(
    db,
    {
      id: options.shopId ?? DEMO_SHOP_ID,
      name: 'Théâtre du Lac',
      currency: 'CHF',
      locales: ['fr', 'de', 'it', 'en'],
      defaultLocale: 'fr',
      timeZone: 'Europe/Zurich',
      testMode: true,
      allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
      owner: DEMO_OWNER,
    },
    now,
  );

  // Pay by invoice with a test QR-IBAN (the Swiss payment standards' example account): D = 10, N = 2.
  // The cutoff is low so that the demo performances (one to three weeks ahead) offer it.
  await db
    .update(shops)
    .set({
      invoiceEnabled: true,
      invoiceReminderIntervalDays: 10,
      invoiceReminderCount: 2,
      invoiceCutoffDays: 3,
      invoiceSendHour: 9,
      invoiceCreditor: { name: 'Théâtre du Lac', address: 'Quai du Lac', buildingNumber: '1', zip: '1003', city: 'Lausanne', country: 'CH', account: 'CH4431999123000889012' },
      senderName: 'Théâtre du Lac',
      // The demo site's order page (demo-site/order.html), on this server: e-mails link back to the order.
      orderPageUrl: '/order.html',
      // Cancellation insurance by a (fictitious) insurer: 6 % of the ticket price, at least CHF 2.00 per ticket.
      insuranceEnabled: true,
      insuranceRateBasisPoints: 600,
      insuranceMinimumPremium: 200,
      insurerName: 'Assurance Annulation Démo SA',
      insurerTermsUrl: 'https://assurance-annulation-demo.example/conditions',
      insurerContact: 'sinistres@assurance-annulation-demo.example',
      // Gift vouchers: CHF 25, 50 or 100, or any amount from 10 to 500, valid two years.
      voucherSaleEnabled: true,
      voucherAmounts: [2500, 5000, 10000],
      voucherMinAmount: 1000,
      voucherMaxAmount: 50000,
      voucherValidityDays: 730,
    })
    .where(eq(shops.id, shopId));

  const theatre = { id: newId('ven'), shopId, name: 'Théâtre du Lac', address: 'Quai du Lac 1, 1003 Lausanne', createdAt: now };
  const grange = { id: newId('ven'), shopId, name: 'La Grange', address: 'Chemin de la Grange 4, 1020 Renens', createdAt: now };
  const arena = { id: newId('ven'), shopId, name: 'Arena du Léman', address: 'Route de l’Arena 10, 1004 Lausanne', createdAt: now };
  await db.insert(venues).values([theatre, grange, arena]);
  const theatrePlanRow = await importSeatingPlan(storage, shopId, theatre.id, theatrePlan(), now);
  // Tests that do not need 20,000 seats seed a small arena of the same shape.
  const arenaPlanRow = await importSeatingPlan(storage, shopId, arena.id, options.arena === false ? arenaPlan({ sectionsPerRing: 4, rings: 1, rows: 3, seatsPerRow: 5 }) : arenaPlan(), now);

  const play = {
    id: newId('evt'),
    shopId,
    venueId: theatre.id,
    title: 'Le Malade imaginaire',
    subtitle: 'Molière · Compagnie du Lac',
    description: 'Argan se croit malade, sa famille en paie le prix. La dernière comédie de Molière, dans une mise en scène vive et musicale.',
    status: 'published' as const,
    createdAt: now,
    // Buyers may move their seats to another date until 24 hours before, for CHF 5.00 per ticket.
    exchangeEnabled: true,
    exchangeDeadlineHours: 24,
    exchangeFee: 500,
    preEventMessageText: {
      fr: 'Le bar du foyer ouvre une heure avant le spectacle. Parking du Port à deux minutes à pied.',
      de: 'Die Foyerbar öffnet eine Stunde vor der Vorstellung. Parking du Port zwei Gehminuten entfernt.',
      it: 'Il bar del foyer apre un’ora prima dello spettacolo. Parcheggio del Porto a due minuti a piedi.',
      en: 'The foyer bar opens an hour before the show. Parking du Port is a two-minute walk away.',
    },
  };
  const jazz = { id: newId('evt'), shopId, venueId: grange.id, title: 'Nuit du Jazz', subtitle: 'Trio Aurore & invités', description: 'Places debout, bar ouvert dès 19h.', status: 'published' as const, createdAt: now };
  const gala = { id: newId('evt'), shopId, venueId: arena.id, title: 'Gala sur glace', subtitle: 'Les champions en tournée', description: 'Le grand gala de patinage artistique.', status: 'published' as const, createdAt: now };
  await db.insert(events).values([play, jazz, gala]);

  const theatrePerformanceIds = [7, 8, 9, 14, 15].map(() => newId('prf'));
  const concertPerformanceIds = [newId('prf'), newId('prf')];
  const arenaPerformanceId = newId('prf');
  await db.insert(performances).values([
    ...theatrePerformanceIds.map((id, i) => ({
      id,
      shopId,
      eventId: play.id,
      startsAt: eveningInZurich(now, [7, 8, 9, 14, 15][i]!, i === 4 ? 17 : 20),
      doorsAt: eveningInZurich(now, [7, 8, 9, 14, 15][i]!, i === 4 ? 16 : 19),
      planId: theatrePlanRow.id,
      createdAt: now,
    })),
    ...concertPerformanceIds.map((id, i) => ({ id, shopId, eventId: jazz.id, startsAt: eveningInZurich(now, 10 + i * 7, 21), capacity: 300, createdAt: now })),
    { id: arenaPerformanceId, shopId, eventId: gala.id, startsAt: eveningInZurich(now, 21, 19), planId: arenaPlanRow.id, createdAt: now },
  ]);
  await db.insert(gaInventory).values(concertPerformanceIds.map((performanceId) => ({ performanceId, capacity: 300, taken: 0 })));

  const zone = (plan: typeof theatrePlanRow, code: string) => plan.zones.find((z) => z.code === code)!.id;
  const theatrePrices: [string, number, number, number][] = [
    ['C1', 6800, 5400, 3000],
    ['C2', 5200, 4200, 2500],
    ['C3', 3500, 2800, 1500],
  ];
  const arenaPrices: [string, number][] = [
    ['Z1', 14900],
    ['Z2', 9900],
    ['Z3', 6900],
    ['Z4', 4900],
  ];
  // 20 tariffs of 9 columns: chunked, D1 binds at most 100 parameters per statement.
  const tariffRows: (typeof tariffs.$inferInsert)[] = [
    ...theatrePrices.flatMap(([code, full, reduced, child]) => [
      { id: newId('trf'), shopId, eventId: play.id, zoneId: zone(theatrePlanRow, code), name: 'Plein tarif', price: full, sortOrder: 0, createdAt: now },
      { id: newId('trf'), shopId, eventId: play.id, zoneId: zone(theatrePlanRow, code), name: 'AVS / étudiant', price: reduced, sortOrder: 1, createdAt: now },
      { id: newId('trf'), shopId, eventId: play.id, zoneId: zone(theatrePlanRow, code), name: 'Enfant (-16 ans)', price: child, sortOrder: 2, createdAt: now },
    ]),
    { id: newId('trf'), shopId, eventId: jazz.id, zoneId: null, name: 'Plein tarif', price: 3500, sortOrder: 0, createdAt: now },
    { id: newId('trf'), shopId, eventId: jazz.id, zoneId: null, name: 'Étudiant', price: 2500, sortOrder: 1, createdAt: now },
    { id: newId('trf'), shopId, eventId: jazz.id, zoneId: null, name: 'Enfant (-12 ans), gratuit', price: 0, sortOrder: 2, createdAt: now },
    ...arenaPrices.flatMap(([code, price]) => [
      { id: newId('trf'), shopId, eventId: gala.id, zoneId: zone(arenaPlanRow, code), name: 'Adulte', price, sortOrder: 0, createdAt: now },
      { id: newId('trf'), shopId, eventId: gala.id, zoneId: zone(arenaPlanRow, code), name: 'Enfant', price: Math.round(price / 200) * 100, sortOrder: 1, createdAt: now },
    ]),
  ];
  for (const chunk of chunkRows(tariffRows, 10, storage.maxParams)) await db.insert(tariffs).values(chunk);
  const codes = await seedDemoCodes(storage, now, {
    shopId,
    theatreEventId: play.id,
    theatreZoneIds: theatrePrices.map(([code]) => [code, zone(theatrePlanRow, code)]),
  });
  return { shopId, token, theatreEventId: play.id, theatrePerformanceIds, concertEventId: jazz.id, concertPerformanceIds, arenaEventId: gala.id, arenaPerformanceId, codes };
}

export async function isEmpty(storage: Storage): Promise<boolean> {
  const [row] = await storage.db.select({ n: count() }).from(shops);
  return (row?.n ?? 0) === 0;
}

