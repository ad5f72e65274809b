import { runSeatedLoad, seatedFigures } from './flash-sale.js';
import type { Scenario } from './types.js';

export const SUSTAINED_SECONDS = 10;

/** The sustained sale's hall and buyers (also what `--profile` profiles: the figure compared to the goal). */
export function sustainedSale(quick: boolean) {
  return {
    prefix: 'sustained',
    rows: quick ? 20 : 168,
    perRow: quick ? 50 : 120,
    hotRows: quick ? 4 : 30,
    load: {
      buyers: 1_000_000,
      concurrency: quick ? 100 : 1000,
      durationMs: (quick ? 2 : SUSTAINED_SECONDS) * 1000,
      maxSockets: quick ? 32 : 256,
      maxAttempts: 5,
      knowledge: 'shared' as const,
      hotPreference: 0.5,
      idempotency: true,
    },
    timeoutMs: quick ? 60_000 : 120_000,
  };
}

export const flashSaleSustained: Scenario = {
  id: 'flash-sale-sustained',
  title: '1b. Flash sale, sustained: 20,160 seats, 1,000 buyers at a time for 10 s',
  notes: [
    '168 rows × 120 seats (20,160 seats, the size of the demo arena); the hot area is the 30 front rows, tried first by half the buyers. 1,000 buyers at a time, each replaced by a new one when done, for 10 s; a new buyer sees the seats every earlier buyer holds (a page loaded just now), buyers racing for the same seats still lose with a 409.',
    'This is the figure compared to the goal of 60,000 accepted holds per minute and, divided by the direct batch rate (4), to the goal ratio of 0.40: with 500 seats (1) the accepted holds end after a fraction of a second.',
  ],
  async run(options) {
    const { result, audit, serverCpuMs } = await runSeatedLoad(sustainedSale(options.quick), options);
    return seatedFigures('sustained', result, audit, 60_000, serverCpuMs);
  },
};
