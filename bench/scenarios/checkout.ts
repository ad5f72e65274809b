import { runSeatedLoad } from './flash-sale.js';
import type { Scenario } from './types.js';

export const checkoutThroughput: Scenario = {
  id: 'checkout',
  title: '5. Checkout throughput: hold then pay with the simulated card',
  notes: [
    'A 5,000-seat hall; 256 buyers at a time (each replaced when done) hold 1–4 adjacent seats where nobody else is, then check out with the simulated card, for 10 s. Orders per minute counts paid orders over the run; a checkout is two batches (pending order, then sale and tickets) and signs one Ed25519 QR payload per ticket.',
  ],
  async run(options) {
    const { result, audit } = await runSeatedLoad(
      {
        prefix: 'checkout',
        rows: 50,
        perRow: 100,
        hotRows: 0,
        load: {
          buyers: 1_000_000,
          concurrency: options.quick ? 32 : 256,
          durationMs: (options.quick ? 2 : 10) * 1000,
          maxSockets: options.quick ? 32 : 256,
          maxAttempts: 5,
          knowledge: 'shared',
          hotPreference: 0,
          checkout: true,
          idempotency: true,
        },
        timeoutMs: 90_000,
      },
      options,
    );
    const c = result.checkouts!;
    const failed = Object.entries(c.statuses).reduce((n, [k, v]) => n + (k.startsWith('201') || k.startsWith('0 ') ? 0 : v), 0);
    const unanswered = c.statuses['0 no answer'] ?? 0;
    return [
      { key: 'checkout.ordersPerMinute', label: 'paid orders per minute', value: (c.orders / c.windowMs) * 60_000, unit: '/min', digits: 0 },
      { key: 'checkout.orders', label: 'paid orders', value: c.orders, digits: 0 },
      { key: 'checkout.p50', label: 'checkout latency p50 (on the wire)', value: c.latency.p50, unit: 'ms', digits: 1 },
      { key: 'checkout.p99', label: 'checkout latency p99', value: c.latency.p99, unit: 'ms', digits: 1 },
      { key: 'checkout.holdP50', label: 'hold latency p50 during checkouts', value: result.holdLatency.p50, unit: 'ms', digits: 1 },
      { key: 'checkout.failed', label: 'checkouts answered with an error', value: failed, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
      { key: 'checkout.noAnswer', label: 'checkouts without an answer within 30 s', value: unanswered, goal: { op: '==', value: 0 }, digits: 0 },
      { key: 'checkout.serverErrors', label: '5xx hold answers', value: result.serverErrors, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
      { key: 'checkout.doubleBooked', label: 'seats held or sold twice (database audit)', value: audit.doubleBooked, goal: { op: '==', value: 0 }, aggregate: 'invariant', digits: 0 },
      { key: 'checkout.soldSeats', label: 'seats sold', value: audit.soldSeats, digits: 0 },
    ];
  },
};
