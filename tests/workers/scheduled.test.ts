import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/src/index';
import { call, expectOk, heldSeats, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';
import { storedRows, storedValue } from './stored-sql';

/**
 * The cron handler of the Workers entry sweeps lapsed holds. The entry reads the real clock,
 * so the test makes holds lapse by moving their expiry into the past directly in D1.
 */
async function lapse(holdId: string) {
  const past = Date.now() - 60_000;
  // One after another: nothing else touches this hold meanwhile.
  await storedRows('UPDATE holds SET expires_at = ?1 WHERE id = ?2', past, holdId);
  await storedRows("UPDATE seat_claims SET expires_at = ?1 WHERE hold_id = ?2 AND state = 'held'", past, holdId);
  await storedRows("UPDATE ga_claims SET expires_at = ?1 WHERE hold_id = ?2 AND state = 'held'", past, holdId);
}

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const holdStatus = async (holdId: string) => (await storedValue('SELECT status FROM holds WHERE id = ?1', holdId)) as string | undefined;

describe('scheduled hold sweep in workerd', () => {
  let demo: Awaited<ReturnType<typeof seedDemoShop>>;
  let theatre: SeatedPerformance;
  beforeAll(async () => {
    demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });

  it('expires a lapsed seated hold and frees its seats, leaving live holds alone', async () => {
    const lapsedSeats = theatre.seatIds.slice(0, 3);
    const liveSeat = theatre.seatIds[10]!;
    const lapsing = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: lapsedSeats.map((seatId) => ({ seatId })) }), 201);
    const live = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: liveSeat }] }), 201);
    await lapse(lapsing.body.id);

    await runCron();

    expect(await holdStatus(lapsing.body.id)).toBe('expired');
    expect(await holdStatus(live.body.id)).toBe('active');
    expect(await storedValue('SELECT count(*) AS n FROM seat_claims WHERE hold_id = ?1', lapsing.body.id)).toBe(0);
    expect(await heldSeats(theatre.performanceId)).toEqual([liveSeat]);

    const view = expectOk(await call('GET', `${SHOP}/holds/${lapsing.body.id}`), 200);
    expect(view.body).toMatchObject({ status: 'expired', seats: [] });
    const change = await call('POST', `${SHOP}/holds/${lapsing.body.id}/extend`);
    expect(change.status).toBe(410);
    expect(change.body.error.code).toBe('hold_expired');
    // The seats are for sale again.
    expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: lapsedSeats.map((seatId) => ({ seatId })) }), 201);
  });

  it('gives lapsed general-admission units back to the counter', async () => {
    const performanceId = demo.concertPerformanceIds[0]!;
    const perf = expectOk(await call('GET', `${SHOP}/performances/${performanceId}`), 200);
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId, quantities: [{ tariffId: perf.body.tariffs[0].id, quantity: 4 }] }), 201);
    await lapse(hold.body.id);
    await runCron();

    expect(await holdStatus(hold.body.id)).toBe('expired');
    expect(await storedValue('SELECT taken FROM ga_inventory WHERE performance_id = ?1', performanceId)).toBe(0);
    expect(expectOk(await call('GET', `${SHOP}/performances/${performanceId}/availability`), 200).body.remaining).toBe(300);
  });

  it('expires the pending order of a hold that lapsed after a declined card', async () => {
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: [{ seatId: theatre.seatIds[20]! }] }), 201);
    const declined = await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, {
      buyer: { name: 'Jonas Meier', email: 'jonas@example.ch', language: 'de' },
      payment: { method: 'simulated_card', cardNumber: '4000000000009995' },
    });
    expect(declined.status).toBe(402);
    await lapse(hold.body.id);
    await runCron();
    expect(await storedValue('SELECT status FROM orders WHERE hold_id = ?1', hold.body.id)).toBe('expired');
  });

  it('does nothing on a tick with nothing lapsed', async () => {
    const before = await storedValue("SELECT count(*) AS n FROM holds WHERE status = 'active'");
    await runCron();
    expect(await storedValue("SELECT count(*) AS n FROM holds WHERE status = 'active'")).toBe(before);
  });
});
