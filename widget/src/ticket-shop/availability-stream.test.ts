import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { Availability } from '../api/types.js';
import { freeSeats, realClient, testEnv } from '../testing/real-api.js';
import { until } from '../testing/dom.js';
import { decodeSeatRanges } from '../../../contract/seat-ranges.js';
import { AvailabilityPoller } from './availability-poller.js';
import { applyChange } from './availability-stream.js';

class StreamHost extends LitElement {}
customElements.define('stream-test-host', StreamHost);

afterEach(() => fixtureCleanup());

/** A poller over the real API (the Node server pushes availability), counting its polls. */
async function follower(streamUrl?: (performanceId: string, version: string) => string) {
  const host = await fixture<StreamHost>(html`<stream-test-host></stream-test-host>`);
  const real = await realClient();
  const polls: string[] = [];
  const applied: Availability[] = [];
  const client = {
    availability: (performanceId: string, version?: string) => {
      polls.push(version ?? '');
      return real.availability(performanceId, version);
    },
    availabilityStream: streamUrl ?? real.availabilityStream,
  };
  const controller = new AvailabilityPoller(host, { client: () => client, onAvailability: (a) => applied.push(a), idleDelayMs: 100, errorDelayMs: 100 });
  return { controller, polls, applied, real };
}

const heldIn = (a: Availability | undefined, seatId: number) => a?.seating === 'seated' && decodeSeatRanges(a.held).includes(seatId);

describe('availability pushed by the API (EventSource, real Node server)', () => {
  it('follows the stream once the answer offers it: another buyer’s hold and release arrive without a poll', async () => {
    const { demo } = await testEnv();
    const performanceId = demo.theatrePerformanceIds[1]!;
    const [seatId] = await freeSeats(performanceId, 1, 40);
    const { controller, polls, applied, real } = await follower();
    controller.start(performanceId);
    await until(() => applied.length >= 1, 'the first answer');
    expect(applied[0]!.stream).to.equal(true);

    const hold = await real.createHold({ performanceId, seats: [{ seatId: seatId! }] });
    await until(() => heldIn(applied.at(-1), seatId!), 'the seat pushed as held');
    await real.releaseHold(hold.id);
    await until(() => applied.length > 2 && !heldIn(applied.at(-1), seatId!), 'the seat pushed as free again');
    expect(polls, 'one poll, then pushed changes only').to.have.length(1);
    expect(applied.at(-1)!.version).to.not.equal(applied[0]!.version);
    controller.stop();
  });

  it('polls again when the stream is refused (a server that does not push answers 404)', async () => {
    const { api, demo } = await testEnv();
    const performanceId = demo.theatrePerformanceIds[1]!;
    const { controller, polls } = await follower(() => `${api}/api/shops/${demo.shopId}/performances/prf_nothing12345/availability/stream`);
    controller.start(performanceId);
    await until(() => polls.length >= 2, 'a poll after the refused stream');
    controller.stop();
  });

  it('applies a change to the availability it follows: seats move to their new state', () => {
    const before: Availability = { seating: 'seated', performanceId: 'p', version: '4.0', at: '', pollAfterMs: 2000, held: '1-3', sold: '10', blocked: '20' };
    const after = applyChange(before, { seating: 'seated', performanceId: 'p', version: '5.0', from: '4.0', held: '4', sold: '2', blocked: '', free: '1,10' });
    expect(after).to.include({ version: '5.0', held: '3-4', sold: '2', blocked: '20' });
  });
});
