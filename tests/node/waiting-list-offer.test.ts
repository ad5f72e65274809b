import { describe, expect, it } from 'vitest';
import { type OfferSeat, offerSeatChoices } from '../../worker/src/domain/waiting-list-offer.js';

const seat = (id: number, zoneId: string, row: string, x: number): OfferSeat => ({ id, zoneId, sectionId: 'stalls', row, x });

describe('the seats offered to the head of a waiting list', () => {
  const free = [seat(1, 'A', '1', 1), seat(2, 'A', '1', 2), seat(7, 'A', '2', 5), seat(9, 'B', '3', 1)];

  it('offers nothing when fewer seats are free than wanted (no partial offers)', () => {
    expect(offerSeatChoices(free, [], 5)).toEqual([]);
  });

  it('prefers best-available blocks, then one row, then one zone, then anywhere, each once', () => {
    // The block first; the same seats found by row, zone or hall are not tried again.
    expect(offerSeatChoices(free, [[2, 1]], 2)).toEqual([[2, 1]]);
    // No two free in a row: two of one zone (the row's order: by position), then any two.
    expect(offerSeatChoices([seat(1, 'A', '1', 1), seat(7, 'A', '2', 5), seat(9, 'B', '3', 1), seat(4, 'B', '4', 2)], [], 2)).toEqual([
      [1, 7],
      [9, 4],
      [1, 4],
    ]);
    expect(offerSeatChoices(free, [], 3)).toEqual([
      [1, 2, 7],
    ]);
    expect(offerSeatChoices(free, [], 4)).toEqual([[1, 2, 7, 9]]);
  });

  it('keeps only blocks of the wanted size and at most four choices', () => {
    const many = Array.from({ length: 10 }, (_, i) => seat(i + 1, `Z${i}`, '1', 1));
    expect(offerSeatChoices(many, [[1, 2, 3]], 1)).toHaveLength(4);
    expect(offerSeatChoices(many, [[1, 2, 3]], 1)[0]).toEqual([1]);
  });
});
