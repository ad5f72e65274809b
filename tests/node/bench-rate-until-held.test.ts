import { describe, expect, it } from 'vitest';
import type { SeatBuyersResult } from '../../bench/lib/seat-buyers.js';
import { rateUntilHeld } from '../../bench/scenarios/flash-sale.js';

/** The benchmark's rate while seats were still to be had (bench/scenarios/flash-sale.ts). */
describe('holds accepted per second until a share of the hall was held', () => {
  const sale = (startedAt: number, holds: [at: number, seats: number][]) =>
    ({ startedAt, acceptedHolds: holds.map(([at, seats], i) => ({ holdId: `h${i}`, at, seatIds: Array.from({ length: seats }, (_, k) => i * 10 + k) })) }) as unknown as SeatBuyersResult;

  it('counts the measured holds up to the one that filled the share, over the time since the start', () => {
    // 100 seats; the warm-up held 10 before the start (they count toward the hall, not the rate).
    const result = sale(1_000, [
      [900, 10],
      [1_500, 20],
      [2_000, 30],
      [3_000, 20],
      [4_000, 10],
    ]);
    // 75 seats held at 3,000 ms: three measured holds in 2 s.
    expect(rateUntilHeld(result, 100, 0.75)).toBe(1.5);
  });

  it('gives nothing when the hall never got that full', () => {
    expect(rateUntilHeld(sale(0, [[500, 10]]), 100, 0.75)).toBeNull();
  });
});
