/** Seat flags as stored in seats.flags (a bit set) and named in plans and the API. */
export const seatFlagBits = {
  wheelchair: 1,
  companion: 2,
  restrictedView: 4,
  notForSale: 8,
} as const;

export type SeatFlag = keyof typeof seatFlagBits;
export const seatFlagNames = Object.keys(seatFlagBits) as SeatFlag[];

/**
 * The flags an organizer sets on a plan's seats after import. Not `notForSale`: taking a seat
 * off sale is done per performance (blocks), where sold and held seats are left alone.
 */
export const editableSeatFlags = ['wheelchair', 'companion', 'restrictedView'] as const satisfies readonly SeatFlag[];
export type EditableSeatFlag = (typeof editableSeatFlags)[number];

export function flagsToBits(flags: readonly SeatFlag[]): number {
  return flags.reduce((bits, flag) => bits | seatFlagBits[flag], 0);
}

export function bitsToFlags(bits: number): SeatFlag[] {
  return seatFlagNames.filter((flag) => (bits & seatFlagBits[flag]) !== 0);
}

export function isForSale(bits: number): boolean {
  return (bits & seatFlagBits.notForSale) === 0;
}
