import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STREAM_TICK_MS, STREAM_WRITES_PER_SECOND, streamTickFor } from '../../worker/src/domain/poll-after.js';

describe('the pushed availability tick, chosen by the number of subscribers', () => {
  it('checks every 250 ms while few watch, longer as thousands do, and never waits more than 1.25 s', () => {
    expect(streamTickFor(0, 250)).toBe(250);
    expect(streamTickFor(40, 250)).toBe(250);
    expect(streamTickFor(4_000, 250)).toBe(250);
    expect(streamTickFor(6_000, 250)).toBe(375);
    expect(streamTickFor(8_000, 250)).toBe(500);
    expect(streamTickFor(16_000, 250)).toBe(1_000);
    expect(streamTickFor(19_000, 250)).toBe(1_188);
    expect(streamTickFor(20_000, 250)).toBe(MAX_STREAM_TICK_MS);
    expect(MAX_STREAM_TICK_MS).toBe(1_250);
    expect(streamTickFor(1_000_000, 250)).toBe(MAX_STREAM_TICK_MS);
  });

  it('keeps the socket writes per second within the budget until the longest tick is reached', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 10, max: 500 }), (subscribers, minMs) => {
        const tick = streamTickFor(subscribers, minMs);
        expect(tick).toBeGreaterThanOrEqual(minMs);
        expect(tick).toBeLessThanOrEqual(Math.max(minMs, MAX_STREAM_TICK_MS));
        const writesPerSecond = (subscribers * 1000) / tick;
        // Within the budget (one rounding ms aside) unless the tick is already the longest.
        if (tick < MAX_STREAM_TICK_MS) expect(writesPerSecond).toBeLessThanOrEqual(STREAM_WRITES_PER_SECOND * (1 + 1 / tick));
      }),
    );
  });

  it('never checks more often as more subscribers join', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(streamTickFor(few, 250)).toBeLessThanOrEqual(streamTickFor(many, 250));
      }),
    );
  });
});
