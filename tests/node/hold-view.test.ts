import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shops } from '../../db/schema/catalog.js';
import { demoPerformances, type PerformanceInfo, sf, tariffOf, type TestShop } from './harness.js';

/**
 * POST /holds answers with a view built from what the request loaded, without reading the
 * hold back: it must be exactly what GET /holds/:id reads from the database.
 */
let shop: TestShop;
let theatre: string;
let concert: string;
let theatreInfo: PerformanceInfo;
let concertInfo: PerformanceInfo;
let seats: Record<string, number[]>;

beforeEach(async () => {
  ({ shop, theatre, concert, theatreInfo, concertInfo, seats } = await demoPerformances(0));
});
afterEach(() => shop.close());

async function expectSameAsReadBack(created: { status: number; body: any }) {
  expect(created.status).toBe(201);
  const read = await shop.call('GET', sf(`/holds/${created.body.id}`));
  expect(read.status).toBe(200);
  expect(created.body).toEqual(read.body);
}

describe('the view of a new hold', () => {
  it('matches the read-back for seats of several zones and tariffs, given in any order', async () => {
    const c1 = seats.C1!;
    const c3 = seats.C3!;
    await expectSameAsReadBack(
      await shop.call('POST', sf('/holds'), {
        performanceId: theatre,
        seats: [
          { seatId: c3[1]!, tariffId: tariffOf(theatreInfo, 'C3', 'Plein tarif').id },
          { seatId: c1[4]! },
          { seatId: c1[2]!, tariffId: tariffOf(theatreInfo, 'C1', 'AVS / étudiant').id },
          { seatId: c3[0]! },
        ],
      }),
    );
  });

  it('matches the read-back for general-admission quantities, with a service fee and insurance offered', async () => {
    await shop.deps.storage.db.update(shops).set({ serviceFeePerTicket: 150, insuranceEnabled: true, insuranceRateBasisPoints: 600, insuranceMinimumPremium: 200, insurerName: 'Assurance Test' }).where(eq(shops.id, shop.demo.shopId));
    await expectSameAsReadBack(
      await shop.call('POST', sf('/holds'), {
        performanceId: concert,
        quantities: [
          { tariffId: tariffOf(concertInfo, null, 'Enfant (-12 ans), gratuit').id, quantity: 1 },
          { tariffId: tariffOf(concertInfo, null, 'Plein tarif').id, quantity: 2 },
          { tariffId: tariffOf(concertInfo, null, 'Étudiant').id, quantity: 0 },
        ],
      }),
    );
  });

  it('matches the read-back for best available seats', async () => {
    const zoneId = theatreInfo.zones.find((z) => z.code === 'C2')!.id;
    await expectSameAsReadBack(await shop.call('POST', sf('/holds'), { performanceId: theatre, best: { zoneId, quantity: 3 } }));
  });
});
