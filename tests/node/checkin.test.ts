import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shops } from '../../db/schema/catalog.js';
import { seedDemo } from '../../worker/src/seed/demo.js';
import { generateSigningKeys, signTicket } from '../../worker/src/domain/ticket-signature.js';
import { checkoutHold, createTestShop, type PerformanceInfo, performanceInfo, seatsByZone, sf, type TestShop } from './harness.js';

let shop: TestShop;
let theatre: string;
let info: PerformanceInfo;
let tickets: { number: string; seatLabel: string | null; qrPayload: string }[];
let orderNumber: string;

beforeEach(async () => {
  shop = await createTestShop();
  theatre = shop.demo.theatrePerformanceIds[0]!;
  info = await performanceInfo(shop, theatre);
  const seats = (await seatsByZone(shop, info.planId!)).C2!.slice(0, 3);
  const hold = await shop.call('POST', sf('/holds'), { performanceId: theatre, seats: seats.map((seatId) => ({ seatId })) });
  const order = await checkoutHold(shop, hold.body.id);
  expect(order.status).toBe(201);
  tickets = order.body.tickets;
  orderNumber = order.body.number;
});
afterEach(() => shop.close());

const scan = (code: string, performanceId?: string) => shop.org('POST', '/api/org/checkins', { code, ...(performanceId ? { performanceId } : {}) });
const admittedAt = async (number: string) =>
  ((await shop.org('GET', `/api/org/orders/${orderNumber}`)).body.tickets as { number: string; admittedAt: string | null }[]).find((t) => t.number === number)!.admittedAt;

/** The payload with one character of its signature (not the last, whose low bits are padding) changed. */
function alterSignature(payload: string): string {
  const at = payload.lastIndexOf('.') + 10;
  const replacement = payload[at] === 'A' ? 'B' : 'A';
  return payload.slice(0, at) + replacement + payload.slice(at + 1);
}

describe('check-in at the door', () => {
  it('admits a ticket once and refuses the second scan', async () => {
    const ticket = tickets[0]!;
    const first = await scan(ticket.qrPayload, theatre);
    expect(first.status).toBe(200);
    const at = new Date(shop.clock.now()).toISOString();
    expect(first.body).toEqual({ result: 'admitted', ticket: { number: ticket.number, seatLabel: ticket.seatLabel, tariffName: 'Plein tarif', performanceId: theatre }, admittedAt: at });
    expect(await admittedAt(ticket.number)).toBe(at);

    shop.clock.advance(5 * 60_000);
    const second = await scan(ticket.qrPayload, theatre);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ticket_already_admitted');
    expect(second.body.error.details.admittedAt).toBe(at);
    expect(await admittedAt(ticket.number)).toBe(at);
    // The other tickets of the order are not touched.
    expect(await admittedAt(tickets[1]!.number)).toBeNull();
    // Whitespace around a typed-in code does not matter.
    expect((await scan(`  ${tickets[1]!.qrPayload}\n`)).status).toBe(200);
  });

  it('admits exactly one of several simultaneous scans of the same ticket', async () => {
    const ticket = tickets[2]!;
    const results = await Promise.all(Array.from({ length: 4 }, () => scan(ticket.qrPayload, theatre)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body.error.code).toBe('ticket_already_admitted');
  });

  it('refuses a ticket with an altered, truncated or foreign signature as forged', async () => {
    const ticket = tickets[0]!;
    const altered = await scan(alterSignature(ticket.qrPayload));
    expect(altered.status).toBe(422);
    expect(altered.body.error.code).toBe('ticket_forged');

    const truncated = await scan(ticket.qrPayload.slice(0, -6));
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.code).toBe('ticket_forged');

    const otherKeys = await generateSigningKeys();
    const resigned = await signTicket(otherKeys.privateKey, { shopId: 'shp_demo', ticketNumber: ticket.number, performanceId: theatre });
    const foreign = await scan(resigned);
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('ticket_forged');

    // Claims changed under the original signature: a ticket moved to another night.
    const parts = ticket.qrPayload.split('.');
    parts[3] = shop.demo.theatrePerformanceIds[1]!;
    const moved = await scan(parts.join('.'));
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('ticket_forged');

    // None of these admitted the real ticket.
    expect(await admittedAt(ticket.number)).toBeNull();
    expect((await scan(ticket.qrPayload)).status).toBe(200);
  });

  it('refuses codes that are not ticket codes as unreadable', async () => {
    for (const code of ['', 'hello', 'https://example.com/ticket/123', 'TS1.shp_demo.only-three', 'TS2.shp_demo.TABC-DEFG-HJK.prf_x.AAAA', '🎟️'.repeat(10)]) {
      const res = await scan(code);
      expect(res.status, code).toBe(422);
      expect(res.body.error.code, code).toBe('ticket_unreadable');
    }
  });

  it("refuses another shop's ticket", async () => {
    const now = shop.clock.now();
    const other = await seedDemo(shop.deps.storage, now, { shopId: 'shp_other', arena: false });
    const concert = other.concertPerformanceIds[0]!;
    const otherInfo = await performanceInfo(shop, concert, 'shp_other');
    const hold = await shop.call('POST', sf('/holds', 'shp_other'), { performanceId: concert, quantities: [{ tariffId: otherInfo.tariffs[0]!.id, quantity: 1 }] });
    const order = await checkoutHold(shop, hold.body.id, undefined, 'shp_other');
    expect(order.status).toBe(201);
    const foreign = order.body.tickets[0].qrPayload as string;

    const res = await scan(foreign);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ticket_other_shop');
    // Its own shop admits it.
    const own = await shop.call('POST', '/api/org/checkins', { code: foreign }, { Authorization: `Bearer ${other.token}` });
    expect(own.status).toBe(200);
    expect(own.body.result).toBe('admitted');
  });

  it('refuses a ticket for another performance without admitting it', async () => {
    const ticket = tickets[1]!;
    const res = await scan(ticket.qrPayload, shop.demo.theatrePerformanceIds[1]);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ticket_wrong_performance', details: { performanceId: theatre } });
    expect(await admittedAt(ticket.number)).toBeNull();
    expect((await scan(ticket.qrPayload, theatre)).status).toBe(200);
  });

  it('answers ticket_unknown for a correctly signed code that was never issued', async () => {
    const [row] = await shop.deps.storage.db.select().from(shops).where(eq(shops.id, 'shp_demo'));
    const code = await signTicket(row!.signingPrivateKey, { shopId: 'shp_demo', ticketNumber: 'TZZZ-ZZZZ-ZZZZ', performanceId: theatre });
    const res = await scan(code);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ticket_unknown');
  });

  it('requires an organizer token', async () => {
    const res = await shop.call('POST', '/api/org/checkins', { code: tickets[0]!.qrPayload });
    expect(res.status).toBe(401);
    expect(await admittedAt(tickets[0]!.number)).toBeNull();
  });
});
