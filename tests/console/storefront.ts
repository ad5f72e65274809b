import { expect } from 'vitest';
import { httpJson } from '../node/http-server.js';
import type { ConsoleRig } from './harness.js';

const buyer = { name: 'Alice Martin', email: 'alice.martin@example.ch', language: 'fr' as const };

/**
 * A paid order of the demo concert (general admission), bought through the storefront API as a
 * buyer's widget would: a hold of `count` full-price tickets, checked out with the simulated card.
 */
export async function buyConcertTickets(rig: ConsoleRig, count = 1): Promise<{ number: string; tickets: { number: string; qrPayload: string; tariffName: string }[] }> {
  const { baseUrl, demo } = rig.server;
  const performanceId = demo.concertPerformanceIds[0]!;
  const performance = await httpJson(baseUrl, 'GET', `/api/shops/${demo.shopId}/performances/${performanceId}`);
  expect(performance.status).toBe(200);
  const tariff = (performance.body.tariffs as { id: string; name: string }[]).find((t) => t.name === 'Plein tarif')!;
  const hold = await httpJson(baseUrl, 'POST', `/api/shops/${demo.shopId}/holds`, { performanceId, quantities: [{ tariffId: tariff.id, quantity: count }] });
  expect(hold.status).toBe(201);
  const order = await httpJson(baseUrl, 'POST', `/api/shops/${demo.shopId}/holds/${hold.body.id}/checkout`, {
    buyer,
    payment: { method: 'simulated_card', cardNumber: '4242424242424242' },
  });
  expect(order.status).toBe(201);
  return order.body;
}

/** An organizer API call with the demo owner's token. */
export function orgApi(rig: ConsoleRig, method: string, path: string, body?: unknown) {
  return httpJson(rig.server.baseUrl, method, path, body, { Authorization: `Bearer ${rig.server.demo.token}` });
}

