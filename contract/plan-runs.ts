/**
 * The compact encoding of a plan's seat columns (`GET …/plans/:planId/runs`), the
 * widget's: an arena's 20,160 seats are 700 KB of columns (110 KB with Brotli, 0.55 s of a
 * phone's 1.6 Mbps) and 117 KB of runs (18 KB with Brotli).
 *
 * Seats come in rows: consecutive ids in one section, zone and row with the same flags and
 * numbers 1, 2, 3… A run is such a stretch, sent as seven values (the id gap since the end of
 * the previous run, the count, section, zone, row label index, first number, flags); a seat
 * that fits no run (a number such as "12a", a wheelchair space) is a run of one, whose number
 * is sent as written when it is not a plain integer.
 *
 * Coordinates are integers in 1/scale units, per run: the first seat's value less the previous
 * run's first seat's, then the first seat's step, then how each step differs from the one
 * before. Seats along a straight row give zeros, along a curve small numbers that Brotli and
 * gzip shrink to a fraction of the coordinates themselves. A plan's coordinates (the demo's
 * are in tenths) come back exactly; finer ones come back within half a unit of the scale, at
 * most 1/20,000 of the plan's larger side, well under a pixel of any screen.
 *
 * Decoding is one pass over the runs with integer arithmetic, so a phone pays little for it.
 */
import type { PlanGeometry, PlanGeometryRuns } from './responses/catalog.js';

type Columns = PlanGeometry['seats'];
type Runs = PlanGeometryRuns['seats'];

/** Values per run in `runs`. */
const RUN = 7;
/** A number sent as an integer: no sign, no leading zero, safely below 2^53 once counted up. */
const PLAIN_NUMBER = /^(?:0|[1-9]\d{0,8})$/;
const MAX_SCALE_DIGITS = 6;

export function encodePlanRuns(seats: Columns, planSize: { width: number; height: number }): Runs {
  const count = seats.id.length;
  const scale = coordinateScale(seats, planSize);
  const rows: string[] = [];
  const rowIndex = new Map<string, number>();
  const runs: (number | string)[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const quantized = (value: number) => Math.round(value * scale);
  let previousEnd = 0;
  let previousX = 0;
  let previousY = 0;
  for (let start = 0; start < count; ) {
    const plain = PLAIN_NUMBER.test(seats.number[start]!);
    let end = start + 1;
    if (plain) while (end < count && continuesRun(seats, end)) end++;
    const row = seats.row[start]!;
    let index = rowIndex.get(row);
    if (index === undefined) {
      index = rows.push(row) - 1;
      rowIndex.set(row, index);
    }
    const id = seats.id[start]!;
    runs.push(id - previousEnd, end - start, seats.section[start]!, seats.zone[start]!, index, plain ? Number(seats.number[start]) : seats.number[start]!, seats.flags[start]!);
    previousEnd = id + (end - start);
    for (const [column, out, previous] of [
      [seats.x, x, previousX],
      [seats.y, y, previousY],
    ] as const) {
      let before = quantized(column[start]!);
      out.push(before - previous);
      let step = 0;
      for (let i = start + 1; i < end; i++) {
        const value = quantized(column[i]!);
        out.push(i === start + 1 ? value - before : value - before - step);
        step = value - before;
        before = value;
      }
    }
    previousX = quantized(seats.x[start]!);
    previousY = quantized(seats.y[start]!);
    start = end;
  }
  return { count, scale, rows, runs, x, y };
}

/** Seat i continues the run of seat i - 1: next id, same section, zone, row and flags, next plain number. */
function continuesRun(seats: Columns, i: number): boolean {
  const number = seats.number[i]!;
  return (
    seats.id[i] === seats.id[i - 1]! + 1 &&
    seats.section[i] === seats.section[i - 1] &&
    seats.zone[i] === seats.zone[i - 1] &&
    seats.row[i] === seats.row[i - 1] &&
    seats.flags[i] === seats.flags[i - 1] &&
    PLAIN_NUMBER.test(number) &&
    Number(number) === Number(seats.number[i - 1]) + 1
  );
}

/**
 * The smallest power of ten, from 10, at which every coordinate is a whole number, or whose
 * unit is at most 1/20,000 of the plan's larger side (finer cannot be seen).
 */
function coordinateScale(seats: Columns, planSize: { width: number; height: number }): number {
  const fine = 20_000 / Math.max(planSize.width, planSize.height, 1);
  let scale = 10;
  for (let digits = 1; digits < MAX_SCALE_DIGITS && scale < fine; digits++, scale *= 10) {
    if (seats.x.every((value) => exact(value, scale)) && seats.y.every((value) => exact(value, scale))) break;
  }
  return scale;
}

const exact = (value: number, scale: number) => Math.round(value * scale) / scale === value;

/** The seat columns of a plan in runs: the same ids, sections, zones, rows, numbers and flags, coordinates in plan units. */
export function decodePlanRuns(encoded: Runs): Columns {
  const { count, scale, rows, runs, x: xSteps, y: ySteps } = encoded;
  const seats: Columns = { id: new Array(count), section: new Array(count), zone: new Array(count), row: new Array(count), number: new Array(count), x: new Array(count), y: new Array(count), flags: new Array(count) };
  let seat = 0;
  let id = 0;
  let startX = 0;
  let startY = 0;
  for (let r = 0; r < runs.length; r += RUN) {
    id += runs[r] as number;
    const length = runs[r + 1] as number;
    const section = runs[r + 2] as number;
    const zone = runs[r + 3] as number;
    const row = rows[runs[r + 4] as number]!;
    const first = runs[r + 5]!;
    const flags = runs[r + 6] as number;
    startX += xSteps[seat]!;
    startY += ySteps[seat]!;
    let atX = startX;
    let atY = startY;
    let stepX = 0;
    let stepY = 0;
    for (let k = 0; k < length; k++, seat++, id++) {
      if (k > 0) {
        stepX = k === 1 ? xSteps[seat]! : stepX + xSteps[seat]!;
        stepY = k === 1 ? ySteps[seat]! : stepY + ySteps[seat]!;
        atX += stepX;
        atY += stepY;
      }
      seats.id[seat] = id;
      seats.section[seat] = section;
      seats.zone[seat] = zone;
      seats.row[seat] = row;
      seats.number[seat] = typeof first === 'number' ? String(first + k) : first;
      // Division, not multiplication by 0.1: n / 10 is exactly the number "n/10" written as a decimal.
      seats.x[seat] = atX / scale;
      seats.y[seat] = atY / scale;
      seats.flags[seat] = flags;
    }
  }
  if (seat !== count) throw new Error(`The plan's runs hold ${seat} seats, not ${count}.`);
  return seats;
}
