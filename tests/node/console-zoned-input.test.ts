import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from '../../console/src/screens/codes/zoned.js';

/** The codes screens type dates as local times of the shop's zone and send UTC instants: both ways, across DST changes. */
describe('local date inputs in the shop’s time zone', () => {
  it('turns a Zurich wall time into the UTC instant, summer and winter', () => {
    expect(localInputToIso('2026-12-01T20:00', 'Europe/Zurich')).toBe('2026-12-01T19:00:00.000Z');
    expect(localInputToIso('2026-07-01T20:00', 'Europe/Zurich')).toBe('2026-07-01T18:00:00.000Z');
    expect(localInputToIso('2026-03-29T03:30', 'Europe/Zurich')).toBe('2026-03-29T01:30:00.000Z');
    expect(localInputToIso('2026-12-01T20:00', 'America/New_York')).toBe('2026-12-02T01:00:00.000Z');
    expect(localInputToIso('', 'Europe/Zurich')).toBeNull();
    expect(localInputToIso('01.12.2026', 'Europe/Zurich')).toBeNull();
  });

  it('shows an instant back as the wall time it was typed as', () => {
    for (const wall of ['2026-12-01T20:00', '2026-07-01T09:15', '2026-10-25T01:30']) {
      expect(isoToLocalInput(localInputToIso(wall, 'Europe/Zurich'), 'Europe/Zurich')).toBe(wall);
    }
    expect(isoToLocalInput(null, 'Europe/Zurich')).toBe('');
  });
});
