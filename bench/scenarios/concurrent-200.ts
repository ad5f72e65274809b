import { runSeatedLoad, seatedFigures } from './flash-sale.js';
import type { Scenario } from './types.js';

/**
 * Hold latency at a steady 200 buyers (issue 20's goal: p99 ≤ 50 ms on the wire): 200 sockets,
 * one per buyer, so no buyer waits for a socket and "on the wire" is all the buyer waits.
 */
export const concurrent200: Scenario = {
  id: 'concurrent-200',
  title: '10. 200 concurrent buyers, sustained: hold latency on the wire, 48,000 seats for 10 s',
  notes: [
    'The sustained sale\'s hall (400 rows × 120) and buyers (half try the 30 front rows first, a new buyer for each done, a 409 drops the seats it names), but 200 at a time on 200 keep-alive sockets (opened before the sale) for 10 s. The p99 on the wire is the figure compared to the goal of 50 ms.',
  ],
  async run(options) {
    const { result, audit, serverCpuMs, mainThreadCpuMs, httpThread } = await runSeatedLoad(
      {
        prefix: 'c200',
        rows: options.quick ? 20 : 400,
        perRow: options.quick ? 50 : 120,
        hotRows: options.quick ? 4 : 30,
        load: {
          buyers: 1_000_000,
          concurrency: options.quick ? 20 : 200,
          durationMs: (options.quick ? 2 : 10) * 1000,
          maxSockets: options.quick ? 20 : 200,
          maxAttempts: 5,
          knowledge: 'shared',
          hotPreference: 0.5,
          idempotency: true,
        },
        timeoutMs: options.quick ? 60_000 : 120_000,
      },
      options,
    );
    return seatedFigures('c200', result, audit, undefined, serverCpuMs, mainThreadCpuMs, httpThread).map((figure) =>
      figure.key === 'c200.p99' ? { ...figure, label: 'hold latency p99 on the wire (200 sockets, goal)', goal: { op: '<=' as const, value: 50 } } : figure,
    );
  },
};
