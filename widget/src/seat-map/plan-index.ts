import type { PlanGeometry } from '../api/types.js';

/**
 * A plan turned into typed arrays once, so that drawing, hit testing and keyboard moves on
 * 100,000 seats never touch the JSON columns again: positions in Float32Arrays, seats
 * ordered row by row along each row, and a uniform grid of seat indices for hit tests and
 * viewport culling.
 */
export interface PlanIndex {
  geometry: PlanGeometry;
  n: number;
  x: Float32Array;
  y: Float32Array;
  zone: Uint16Array;
  section: Uint16Array;
  flags: Uint8Array;
  /** Every flag bit that some seat has. */
  allFlags: number;
  byId: SeatLookup;
  /** Seat radius, and the usual distance between neighbouring seats and rows, in plan units. */
  radius: number;
  pitch: number;
  rowPitch: number;
  /** Width of the band drawn under each row, wide enough for the rows of a section to merge. */
  floorWidth: number;
  /** Plan area to show: every seat, with a margin. */
  bounds: [x0: number, y0: number, x1: number, y1: number];
  /** Seat indices row after row (rows grouped by section), each row ordered along the row. */
  order: Int32Array;
  /** Where each seat sits in `order`, and its row. */
  position: Int32Array;
  rowOf: Int32Array;
  /** Row r is order[rowStart[r]] … order[rowStart[r + 1] - 1]. */
  rowStart: Int32Array;
  rowLabel: string[];
  rowSection: Uint16Array;
  /** Bounding box of each row: x0, y0, x1, y1. */
  rowBox: Float32Array;
  /** Section s has rows sectionRowStart[s] … sectionRowStart[s + 1] - 1. */
  sectionRowStart: Int32Array;
  /** Bounding box of each section: x0, y0, x1, y1. */
  sectionBox: Float32Array;
  /** Built on first use (hit tests, zoomed-in drawing): the first paint does not need it. */
  grid?: Grid;
}

interface Grid {
  x0: number;
  y0: number;
  cell: number;
  cols: number;
  rows: number;
  start: Int32Array;
  items: Int32Array;
}

/** Seat index by seat id. */
export interface SeatLookup {
  get(id: number): number | undefined;
  has(id: number): boolean;
}

/**
 * A plan's seat ids are nearly consecutive (imported together), so a typed array over their
 * range answers lookups without a 100,000-entry Map to build; scattered ids fall back to one.
 */
function seatLookup(ids: readonly number[]): SeatLookup {
  const n = ids.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (!n || max - min > 4 * n + 1024 || !Number.isInteger(min) || !Number.isInteger(max)) return new Map(ids.map((id, i) => [id, i]));
  const slots = new Int32Array(max - min + 1).fill(-1);
  for (let i = 0; i < n; i++) slots[ids[i]! - min] = i;
  const get = (id: number) => {
    const i = slots[id - min];
    return i === undefined || i < 0 ? undefined : i;
  };
  return { get, has: (id) => get(id) !== undefined };
}

/*
 * The per-row work of indexPlan in small functions: it runs once, cold, and V8 optimizes a
 * small function called for each of hundreds of rows sooner and more cheaply than the loops of
 * one long function (each loop of which would need its own on-stack replacement).
 */

/** Every flag bit that some seat has. */
function flagsOf(flags: Uint8Array): number {
  let all = 0;
  for (let i = 0; i < flags.length; i++) all |= flags[i]!;
  return all;
}

/** Where the run of seats of the same section and row as seat `from` ends. */
function runEnd(rows: readonly string[], section: Uint16Array, from: number): number {
  const row = rows[from];
  const sec = section[from];
  let i = from + 1;
  while (i < rows.length && section[i] === sec && rows[i] === row) i++;
  return i;
}

/** Puts row order[start … end) in order along its chord, pointing right (or down for a vertical row), so that the right arrow key moves the way the eye reads the row. */
function orderRow(order: Int32Array, start: number, end: number, x: Float32Array, y: Float32Array): void {
  const first = order[start]!;
  const last = order[end - 1]!;
  let dx = x[last]! - x[first]!;
  let dy = y[last]! - y[first]!;
  if (Math.abs(dx) >= Math.abs(dy) ? dx < 0 : dy < 0) (dx = -dx), (dy = -dy);
  // Rows usually come in order one way or the other: only a row in neither is sorted.
  let ascending = true;
  let descending = true;
  let before = x[first]! * dx + y[first]! * dy;
  for (let p = start + 1; p < end; p++) {
    const i = order[p]!;
    const here = x[i]! * dx + y[i]! * dy;
    if (before > here) ascending = false;
    else descending = false;
    if (!ascending && !descending) break;
    before = here;
  }
  if (!ascending && descending) order.subarray(start, end).reverse();
  else if (!ascending) order.set(Array.from(order.subarray(start, end)).sort((a, b) => x[a]! * dx + y[a]! * dy - (x[b]! * dx + y[b]! * dy)), start);
}

/** Row r's seats' place in `order`, their row, its bounding box, and the gaps between neighbours (appended at gapCount); returns the new gap count. */
function measureRow(order: Int32Array, start: number, end: number, r: number, x: Float32Array, y: Float32Array, position: Int32Array, rowOf: Int32Array, rowBox: Float32Array, gaps: Float32Array, gapCount: number): number {
  let px = x[order[start]!]!, py = y[order[start]!]!;
  let bx0 = px, by0 = py, bx1 = px, by1 = py;
  position[order[start]!] = start;
  rowOf[order[start]!] = r;
  for (let p = start + 1; p < end; p++) {
    const i = order[p]!;
    const xi = x[i]!;
    const yi = y[i]!;
    position[i] = p;
    rowOf[i] = r;
    if (xi < bx0) bx0 = xi;
    else if (xi > bx1) bx1 = xi;
    if (yi < by0) by0 = yi;
    else if (yi > by1) by1 = yi;
    const gx = xi - px;
    const gy = yi - py;
    gaps[gapCount++] = Math.sqrt(gx * gx + gy * gy);
    (px = xi), (py = yi);
  }
  rowBox[r * 4] = bx0;
  rowBox[r * 4 + 1] = by0;
  rowBox[r * 4 + 2] = bx1;
  rowBox[r * 4 + 3] = by1;
  return gapCount;
}

/** Distance from the middle seat of row r to the nearest seat of row r + 1. */
function nearestAcross(order: Int32Array, rowStart: Int32Array, r: number, x: Float32Array, y: Float32Array): number {
  const m = order[(rowStart[r]! + rowStart[r + 1]!) >> 1]!;
  let best = Infinity;
  for (let q = rowStart[r + 1]!; q < rowStart[r + 2]!; q++) {
    const dx = x[order[q]!]! - x[m]!;
    const dy = y[order[q]!]! - y[m]!;
    best = Math.min(best, dx * dx + dy * dy);
  }
  return Math.sqrt(best);
}

const growInt32 = (a: Int32Array) => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/** The value at `p` of sorted `values`. */
const percentile = (values: Float32Array, p: number, fallback: number) =>
  values.length ? values[Math.min(values.length - 1, Math.floor(values.length * p))]! : fallback;

/** The values above 0 (a sorted copy's tail: typed-array sort is native, a filter callback per value is not). */
function positive(values: Float32Array): Float32Array {
  const sorted = values.slice().sort();
  let first = 0;
  while (first < sorted.length && !(sorted[first]! > 0)) first++;
  return sorted.subarray(first);
}

export function indexPlan(geometry: PlanGeometry): PlanIndex {
  const s = geometry.seats;
  const n = s.id.length;
  // Plain loops and no closures per seat: this runs once per page, before the first frame,
  // mostly in V8's interpreter, where every call and allocation per seat counts.
  const x = new Float32Array(s.x);
  const y = new Float32Array(s.y);
  const zone = new Uint16Array(s.zone);
  const section = new Uint16Array(s.section);
  const flags = new Uint8Array(s.flags);
  const byId = seatLookup(s.id);

  // Rows keep the plan's order (row A before row B); a row is a section and a row label.
  // Seats usually come row by row, so the row of the previous seat is tried first; a seat's
  // row goes into a typed array and the rows are laid out by counting (no array per row).
  const rowIds: Map<string, number>[] = [];
  const seatRow = new Int32Array(n);
  let rowSeats = new Int32Array(64);
  const memberSection: number[] = [];
  const firstSeat: number[] = [];
  const allFlags = flagsOf(flags);
  for (let i = 0, r = -1; i < n; ) {
    // A run of seats of one row (usually the whole row) goes to its row at once.
    const end = runEnd(s.row, section, i);
    const rowsOfSection = (rowIds[section[i]!] ??= new Map());
    const known = rowsOfSection.get(s.row[i]!);
    if (known === undefined) {
      rowsOfSection.set(s.row[i]!, (r = firstSeat.length));
      firstSeat.push(i);
      memberSection.push(section[i]!);
      if (r === rowSeats.length) (rowSeats = growInt32(rowSeats));
    } else r = known;
    seatRow.fill(r, i, end);
    rowSeats[r]! += end - i;
    i = end;
  }
  const rowsInOrder = firstSeat.map((_, r) => r).sort((a, b) => memberSection[a]! - memberSection[b]! || a - b);
  const rowCount = rowsInOrder.length;
  const sectionCount = geometry.sections.length;
  const order = new Int32Array(n);
  const position = new Int32Array(n);
  const rowOf = new Int32Array(n);
  const rowStart = new Int32Array(rowCount + 1);
  const rowLabel: string[] = [];
  const rowSection = new Uint16Array(rowCount);
  const rowBox = new Float32Array(rowCount * 4);
  const sectionRowStart = new Int32Array(sectionCount + 1);
  const sectionBox = new Float32Array(sectionCount * 4);
  for (let i = 0; i < sectionCount * 4; i++) sectionBox[i] = i % 4 < 2 ? Infinity : -Infinity;
  // Where each row (by creation) goes in `order`; seats fill it in the plan's order.
  const fill = new Int32Array(rowCount);
  for (let q = 0, k = 0; q < rowCount; q++) {
    const from = rowsInOrder[q]!;
    rowStart[q] = fill[from] = k;
    k += rowSeats[from]!;
  }
  for (let i = 0; i < n; i++) order[fill[seatRow[i]!]!++] = i;
  const seatGaps = new Float32Array(Math.max(0, n - rowCount));
  let gapCount = 0;
  for (let r = 0; r < rowCount; r++) {
    const start = rowStart[r]!;
    const end = r + 1 < rowCount ? rowStart[r + 1]! : n;
    orderRow(order, start, end, x, y);
    const first = order[start]!;
    rowLabel.push(s.row[first]!);
    const sec = rowSection[r] = memberSection[rowsInOrder[r]!]!;
    sectionRowStart[sec + 1] = r + 1;
    gapCount = measureRow(order, start, end, r, x, y, position, rowOf, rowBox, seatGaps, gapCount);
    const b = sec * 4;
    sectionBox[b] = Math.min(rowBox[r * 4]!, sectionBox[b]!);
    sectionBox[b + 1] = Math.min(rowBox[r * 4 + 1]!, sectionBox[b + 1]!);
    sectionBox[b + 2] = Math.max(rowBox[r * 4 + 2]!, sectionBox[b + 2]!);
    sectionBox[b + 3] = Math.max(rowBox[r * 4 + 3]!, sectionBox[b + 3]!);
  }
  rowStart[rowCount] = n;
  // Sections without seats start where the previous one ended.
  for (let i = 1; i <= sectionCount; i++) sectionRowStart[i] = Math.max(sectionRowStart[i]!, sectionRowStart[i - 1]!);

  // Distance from the middle seat of each row to the nearest seat of the next row.
  const rowGaps: number[] = [];
  for (let r = 0; r + 1 < rowCount; r++) {
    if (rowSection[r] === rowSection[r + 1]) rowGaps.push(nearestAcross(order, rowStart, r, x, y));
  }
  // A low percentile so that the tightest seats of the plan do not overlap.
  const pitch = percentile(positive(seatGaps.subarray(0, gapCount)), 0.1, 20);
  const sortedRowGaps = positive(Float32Array.from(rowGaps));
  const rowPitch = percentile(sortedRowGaps, 0.1, pitch);
  const radius = 0.4 * Math.min(pitch, rowPitch);
  const floorWidth = Math.max(2.6 * radius, 1.05 * percentile(sortedRowGaps, 0.75, 0));

  // The seats and the landmarks decide the area to show: a plan's box often has room for a
  // foyer that would only shrink the seats.
  let [x0, y0, x1, y1] = n ? [Infinity, Infinity, -Infinity, -Infinity] : [0, 0, geometry.plan.width, geometry.plan.height];
  for (let q = 0; q < sectionCount * 4; q += 4) {
    // The sections' boxes already hold every seat.
    if (sectionBox[q]! <= sectionBox[q + 2]!) (x0 = Math.min(x0, sectionBox[q]!)), (y0 = Math.min(y0, sectionBox[q + 1]!)), (x1 = Math.max(x1, sectionBox[q + 2]!)), (y1 = Math.max(y1, sectionBox[q + 3]!));
  }
  for (const l of geometry.landmarks ?? []) (x0 = Math.min(x0, l.x)), (y0 = Math.min(y0, l.y)), (x1 = Math.max(x1, l.x + l.width)), (y1 = Math.max(y1, l.y + l.height));
  const margin = Math.max(floorWidth, 0.03 * Math.max(x1 - x0, y1 - y0));
  const bounds: PlanIndex['bounds'] = [x0 - margin, y0 - margin, x1 + margin, y1 + margin];

  return {
    geometry, n, x, y, zone, section, flags, allFlags, byId, radius, pitch, rowPitch, floorWidth, bounds,
    order, position, rowOf, rowStart, rowLabel, rowSection, rowBox, sectionRowStart, sectionBox,
  };
}

/** The uniform grid of seat indices (about two seats a side, coarser if it would get too many cells). */
export function gridOf(ix: PlanIndex): Grid {
  if (ix.grid) return ix.grid;
  const { n, x, y } = ix;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) (x0 = Math.min(x0, x[i]!)), (y0 = Math.min(y0, y[i]!)), (x1 = Math.max(x1, x[i]!)), (y1 = Math.max(y1, y[i]!));
  if (!n) x0 = y0 = x1 = y1 = 0;
  let cell = Math.max(ix.pitch * 2, 1);
  while (((x1 - x0) / cell + 1) * ((y1 - y0) / cell + 1) > 1 << 20) cell *= 2;
  const cols = Math.floor((x1 - x0) / cell) + 1;
  const rows = Math.floor((y1 - y0) / cell) + 1;
  const start = new Int32Array(cols * rows + 1);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) start[(cellOf[i] = Math.floor((y[i]! - y0) / cell) * cols + Math.floor((x[i]! - x0) / cell)) + 1]! += 1;
  for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, -1);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) items[fill[cellOf[i]!]!++] = i;

  return (ix.grid = { x0, y0, cell, cols, rows, start, items });
}

/** Calls `visit` for every seat in the grid cells that cover the rectangle (plan units). */
export function seatsIn(ix: PlanIndex, x0: number, y0: number, x1: number, y1: number, visit: (i: number) => void): void {
  const g = gridOf(ix);
  const c0 = Math.max(0, Math.floor((x0 - g.x0) / g.cell));
  const c1 = Math.min(g.cols - 1, Math.floor((x1 - g.x0) / g.cell));
  const r0 = Math.max(0, Math.floor((y0 - g.y0) / g.cell));
  const r1 = Math.min(g.rows - 1, Math.floor((y1 - g.y0) / g.cell));
  for (let r = r0; r <= r1; r++) {
    for (let c = r * g.cols + c0, end = r * g.cols + c1; c <= end; c++) {
      for (let k = g.start[c]!; k < g.start[c + 1]!; k++) visit(g.items[k]!);
    }
  }
}

/** The seat nearest to (px, py) within `tolerance` plan units, or -1. */
export function seatAt(ix: PlanIndex, px: number, py: number, tolerance: number): number {
  let best = -1;
  let bestDistance = tolerance * tolerance;
  seatsIn(ix, px - tolerance, py - tolerance, px + tolerance, py + tolerance, (i) => {
    const d = (ix.x[i]! - px) ** 2 + (ix.y[i]! - py) ** 2;
    if (d <= bestDistance) (bestDistance = d), (best = i);
  });
  return best;
}

/** The seat `step` places further along its row (clamped to the row's ends). */
export function alongRow(ix: PlanIndex, seat: number, step: number): number {
  const r = ix.rowOf[seat]!;
  const p = Math.min(ix.rowStart[r + 1]! - 1, Math.max(ix.rowStart[r]!, ix.position[seat]! + step));
  return ix.order[p]!;
}

/**
 * The nearest seat in the adjacent row of the same section, "down" being the row below on
 * screen when rows are stacked vertically, else the next row of the plan.
 */
export function acrossRows(ix: PlanIndex, seat: number, down: boolean): number {
  const r = ix.rowOf[seat]!;
  const s = ix.rowSection[r]!;
  const before = r > ix.sectionRowStart[s]! ? r - 1 : r;
  const after = r + 1 < ix.sectionRowStart[s + 1]! ? r + 1 : r;
  const centre = (row: number, axis: number) => ix.rowBox[row * 4 + axis]! + ix.rowBox[row * 4 + axis + 2]!;
  const dy = centre(after, 1) - centre(before, 1);
  const flipped = Math.abs(dy) > Math.abs(centre(after, 0) - centre(before, 0)) && dy < 0;
  const target = down !== flipped ? after : before;
  if (target === r) return seat;
  let best = seat;
  let bestDistance = Infinity;
  for (let p = ix.rowStart[target]!; p < ix.rowStart[target + 1]!; p++) {
    const i = ix.order[p]!;
    const d = (ix.x[i]! - ix.x[seat]!) ** 2 + (ix.y[i]! - ix.y[seat]!) ** 2;
    if (d < bestDistance) (bestDistance = d), (best = i);
  }
  return best;
}

/** The first seat (preferring one that `isFree`) of the section `step` sections away. */
export function otherSection(ix: PlanIndex, seat: number, step: number, isFree: (i: number) => boolean): number {
  const sections = ix.geometry.sections.length;
  for (let s = ix.section[seat]! + step; s >= 0 && s < sections; s += step) {
    const from = ix.rowStart[ix.sectionRowStart[s]!]!;
    const to = ix.rowStart[ix.sectionRowStart[s + 1]!]!;
    if (from === to) continue;
    for (let p = from; p < to; p++) if (isFree(ix.order[p]!)) return ix.order[p]!;
    return ix.order[from]!;
  }
  return seat;
}
