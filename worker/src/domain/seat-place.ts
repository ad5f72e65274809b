import type { SeatPlace } from '../../../db/schema/orders.js';

export type { SeatPlace };

/**
 * The label stored with a seat that is held or sold (tickets.seat_label, an order line's
 * label): in English, for staff tools, reports and readers older than the parts. A buyer
 * reads the seat rebuilt from its parts in their own language wherever it is shown.
 */
export const storedSeatLabel = (seat: SeatPlace) => `${seat.section}, row ${seat.row}, seat ${seat.number}`;

/** The parts of a seat row read from the plan (seats joined with their section). */
export const seatPlaceOf = (seat: { section: string; row: string; number: string }): SeatPlace => ({ section: seat.section, row: seat.row, number: seat.number });
