import { expect } from 'vitest';
import { type demoPerformances, GOOD_CARD, sf, tariffOf } from './harness.js';

type Demo = Awaited<ReturnType<typeof demoPerformances>>;
/**
 * Two paid orders whose buyers' names are outside Latin-1: two seats of the theatre in French
 * (Łukasz Żółć) and one general-admission place of the concert in German (Zoë O’Brien). The
 * ticket documents (PDF, wallet passes) are checked on both kinds of ticket and both languages.
 */
export async function seatedAndStandingOrders<Order>(demo: Demo): Promise<{ seated: Order; standing: Order }> {
  const { shop } = demo;
  const zone = Object.keys(demo.seats)[0]!;
  const seatHold = await shop.call('POST', sf('/holds'), { performanceId: demo.theatre, seats: demo.seats[zone]!.slice(0, 2).map((seatId) => ({ seatId })) });
  const seatOrder = await shop.call('POST', sf(`/holds/${seatHold.body.id}/checkout`), {
    buyer: { name: 'Łukasz Żółć', email: 'lukasz@example.pl', language: 'fr' },
    payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
  });
  expect(seatOrder.status).toBe(201);
  const gaHold = await shop.call('POST', sf('/holds'), { performanceId: demo.concert, quantities: [{ tariffId: tariffOf(demo.concertInfo, null, 'Plein tarif').id, quantity: 1 }] });
  const gaOrder = await shop.call('POST', sf(`/holds/${gaHold.body.id}/checkout`), {
    buyer: { name: 'Zoë O’Brien', email: 'zoe@example.ie', language: 'de' },
    payment: { method: 'simulated_card', cardNumber: GOOD_CARD },
  });
  expect(gaOrder.status).toBe(201);
  return { seated: seatOrder.body as Order, standing: gaOrder.body as Order };
}
