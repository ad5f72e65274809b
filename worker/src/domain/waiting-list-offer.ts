/** A free seat as the offer's choice needs it. */
export interface OfferSeat {
  id: number;
  zoneId: string;
  sectionId: string;
  row: string;
  x: number;
}

/**
 * The seats to offer the head of the line, best first: side-by-side blocks (best-available's,
 * per zone), then the quantity in one row, then in one zone, then anywhere in the hall (seats
 * in different places beat no offer; the buyer sees which on the link). Empty when fewer seats
 * are free than wanted: the line waits, no partial offers. Pure and deterministic.
 */
export function offerSeatChoices(free: readonly OfferSeat[], blocks: readonly number[][], quantity: number): number[][] {
  if (free.length < quantity) return [];
  const choices: number[][] = blocks.filter((b) => b.length === quantity).map((b) => [...b]);
  const groupBy = (key: (s: OfferSeat) => string) => {
    const groups = new Map<string, OfferSeat[]>();
    for (const s of free) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
    for (const seats of groups.values()) if (seats.length >= quantity) choices.push([...seats].sort((a, b) => a.x - b.x || a.id - b.id).slice(0, quantity).map((s) => s.id));
  };
  groupBy((s) => `${s.zoneId}\u0000${s.sectionId}\u0000${s.row}`);
  groupBy((s) => s.zoneId);
  choices.push([...free].sort((a, b) => a.id - b.id).slice(0, quantity).map((s) => s.id));
  const seen = new Set<string>();
  return choices.filter((c) => {
    const key = [...c].sort((a, b) => a - b).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, 4);
}
