import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertStoredLedgerIntact, buyer, call, expectOk, GOOD_CARD, SHOP, seatedPerformance, seedDemoShop } from './helpers';

/**
 * Customer forms on D1 inside workerd: the questions' migration applies, a checkout's answers
 * are checked and stored in the order's batch (one statement for all of them, within D1's
 * 100 parameters), joined to the tickets that batch issues, and erased on request.
 */
describe('customer forms in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  afterEach(() => assertStoredLedgerIntact());
  beforeAll(async () => {
    demo = await seedDemoShop();
  });

  it('checks, stores and shows the answers of a seated checkout, then erases them', async () => {
    const theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
    const questions = `/api/org/events/${demo.theatreEventId}/questions`;
    const name = expectOk(await demo.org('POST', questions, { scope: 'ticket', kind: 'attendee_name', required: true, label: { fr: 'Nom du spectateur' } }), 201).body.id as string;
    const menu = expectOk(
      await demo.org('POST', questions, { scope: 'order', kind: 'choices', label: { fr: 'Menu' }, options: [{ id: 'fish', label: { fr: 'Poisson' } }, { id: 'veg', label: { fr: 'Légumes' } }] }),
      201,
    ).body.id as string;
    // A group of 50 (the most one hold takes): 51 answers written by one statement, one JSON parameter (D1 binds at most 100).
    expectOk(await demo.org('PATCH', '/api/org/shop', { maxTicketsPerOrder: 100 }), 200);
    const seats = theatre.seatIds.slice(0, 50);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: seats.map((seatId) => ({ seatId })) }), 201);
    const tickets = seats.map((seatId, i) => ({ slot: `seat:${seatId}`, answers: { [name]: `Spectateur ${i + 1}` } }));

    const missing = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD }, answers: { tickets: tickets.slice(1) } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('Please answer "Nom du spectateur".');
    expect(missing.body.error.details.problems).toEqual([{ questionId: name, slot: `seat:${seats[0]}`, reason: 'required' }]);

    const order = expectOk(
      await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer, payment: { method: 'simulated_card', cardNumber: GOOD_CARD }, answers: { order: { [menu]: ['veg', 'fish'] }, tickets } }),
      201,
    ).body;
    const staff = expectOk(await demo.org('GET', `/api/org/orders/${order.number}`), 200).body;
    expect(staff.answers.order).toEqual([{ questionId: menu, kind: 'choices', label: 'Menu', value: ['fish', 'veg'], text: 'Poisson, Légumes' }]);
    expect(staff.answers.tickets).toHaveLength(50);
    const numberBySeat = new Map((order.tickets as { number: string; seatId: number }[]).map((t) => [`seat:${t.seatId}`, t.number]));
    for (const t of staff.answers.tickets as { slot: string; ticketNumber: string }[]) expect(t.ticketNumber).toBe(numberBySeat.get(t.slot));

    const erased = expectOk(await demo.org('POST', `/api/org/orders/${order.number}/erase-personal-data`), 200).body;
    expect(erased).toMatchObject({ number: order.number, answersDeleted: 51 });
    const after = expectOk(await demo.org('GET', `/api/org/orders/${order.number}`), 200).body;
    expect(after.answers).toEqual({ order: [], tickets: [] });
    expect(after.buyer.email).toBe('erased@erased.invalid');
  });
});
