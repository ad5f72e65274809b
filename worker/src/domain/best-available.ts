/** One row of a zone, its seats in left-to-right order, for the best-available search. */
export interface SeatRow {
  /** Rows are preferred in this order (front rows of the first section first). */
  rank: number;
  seats: readonly { id: number; available: boolean }[];
}

/**
 * Blocks of `quantity` adjacent available seats in one row, best first, that never leave a
 * single seat stranded between the block and a taken seat or the row's end (nobody buys an
 * orphan seat, so it would stay empty). Deterministic: the same plan and availability give
 * the same answer to everyone. Better means a lower row rank, then closer to the row's centre.
 */
export function bestAvailableBlocks(rows: readonly SeatRow[], quantity: number, limit = 3): number[][] {
  if (quantity < 1) return [];
  const candidates: { score: number; tie: number; ids: number[] }[] = [];
  for (const row of rows) {
    const centre = (row.seats.length - 1) / 2;
    let start = 0;
    while (start < row.seats.length) {
      if (!row.seats[start]!.available) {
        start++;
        continue;
      }
      let end = start;
      while (end + 1 < row.seats.length && row.seats[end + 1]!.available) end++;
      const length = end - start + 1;
      for (let offset = 0; offset + quantity <= length; offset++) {
        const left = offset;
        const right = length - offset - quantity;
        if (left === 1 || right === 1) continue;
        const first = start + offset;
        const middle = first + (quantity - 1) / 2;
        candidates.push({
          score: row.rank * 1_000_000 + Math.abs(middle - centre),
          tie: row.seats[first]!.id,
          ids: row.seats.slice(first, first + quantity).map((s) => s.id),
        });
      }
      start = end + 1;
    }
  }
  candidates.sort((a, b) => a.score - b.score || a.tie - b.tie);
  const chosen: number[][] = [];
  const used = new Set<number>();
  for (const candidate of candidates) {
    if (candidate.ids.some((id) => used.has(id))) continue;
    chosen.push(candidate.ids);
    candidate.ids.forEach((id) => used.add(id));
    if (chosen.length === limit) break;
  }
  return chosen;
}
