import { decodeSeatRanges } from '../../contract/seat-ranges.js';

/**
 * What a buyer believes about a seated performance: a snapshot of taken seats (from an
 * availability read, possibly shared by many buyers) plus the seats a 409 told them about.
 */
export class SeatView {
  constructor(
    readonly rows: readonly (readonly number[])[],
    readonly minId: number,
    public snapshot: Uint8Array,
    readonly marks = new Set<number>(),
  ) {}

  static empty(rows: readonly (readonly number[])[]): SeatView {
    const ids = rows.flat();
    const min = Math.min(...ids);
    const max = Math.max(...ids);
    return new SeatView(rows, min, new Uint8Array(max - min + 1));
  }

  taken(id: number): boolean {
    return this.snapshot[id - this.minId] === 1 || this.marks.has(id);
  }

  markTaken(ids: Iterable<number>, inSnapshot = false): void {
    for (const id of ids) {
      if (inSnapshot) this.snapshot[id - this.minId] = 1;
      else this.marks.add(id);
    }
  }

  /** Seats given back (a released hold): free again in this view. */
  markFree(ids: Iterable<number>): void {
    for (const id of ids) {
      this.snapshot[id - this.minId] = 0;
      this.marks.delete(id);
    }
  }

  /** Replaces the snapshot by an availability read (held, sold and blocked seat ranges). */
  refresh(availability: { held: string; sold: string; blocked: string }): void {
    const next = new Uint8Array(this.snapshot.length);
    for (const ranges of [availability.held, availability.sold, availability.blocked]) for (const id of decodeSeatRanges(ranges)) next[id - this.minId] = 1;
    this.snapshot = next;
    this.marks.clear();
  }

  /**
   * n adjacent free seats in one of rows [fromRow, toRow), chosen at random among the rows
   * and the positions that fit; null when there are none.
   */
  pick(n: number, fromRow: number, toRow: number, random: () => number): number[] | null {
    const count = toRow - fromRow;
    const offset = Math.floor(random() * count);
    for (let k = 0; k < count; k++) {
      const row = this.rows[fromRow + ((offset + k) % count)]!;
      const starts: number[] = [];
      let run = 0;
      for (let s = 0; s < row.length; s++) {
        run = this.taken(row[s]!) ? 0 : run + 1;
        if (run >= n) starts.push(s - n + 1);
      }
      if (starts.length > 0) {
        const start = starts[Math.floor(random() * starts.length)]!;
        return row.slice(start, start + n) as number[];
      }
    }
    return null;
  }
}
