import { seatsIn, type PlanIndex } from './plan-index.js';

/** Availability of each seat, one byte a seat (selection is drawn on top, from the host's set). */
export const FREE = 0;
export const HELD = 1;
export const TAKEN = 2;
export const NOT_FOR_SALE = 3;

/*
 * The loops over every seat before the first frame are small functions of their own: they run
 * once a page, cold, and V8 optimizes a small function's loop sooner and more cheaply.
 */

/** Availability with only the seats not for sale (flag 8) marked. */
export function notForSale(flags: Uint8Array): Uint8Array<ArrayBuffer> {
  const state = new Uint8Array(flags.length);
  for (let i = 0; i < flags.length; i++) if (flags[i]! & 8) state[i] = NOT_FOR_SALE;
  return state;
}

/** Free seats per section. */
export function freePerSection(state: Uint8Array, section: Uint16Array, sections: number): Int32Array<ArrayBuffer> {
  const free = new Int32Array(sections);
  for (let i = 0; i < state.length; i++) if (state[i] === FREE) free[section[i]!]!++;
  return free;
}

const WHEELCHAIR = 1;
const TAU = Math.PI * 2;

export interface Palette {
  zones: string[];
  held: string;
  taken: string;
  notForSale: string;
  floor: string;
  selected: string;
  contrast: string;
  lost: string;
  focus: string;
  label: string;
  halo: string;
  landmark: string;
  font: string;
}

/** A seat's outline: a circle, or a rounded square for a wheelchair space. */
function addSeat(path: Path2D, ix: PlanIndex, i: number, r: number): void {
  const x = ix.x[i]!;
  const y = ix.y[i]!;
  if (ix.flags[i]! & WHEELCHAIR) path.roundRect(x - r * 0.95, y - r * 0.95, r * 1.9, r * 1.9, r * 0.35);
  else path.moveTo(x + r, y), path.arc(x, y, r, 0, TAU);
}

/** The international wheelchair pictogram, in the seat's own units. */
function addWheelchair(path: Path2D, x: number, y: number, r: number): void {
  path.moveTo(x + 0.25 * r, y - 0.55 * r);
  path.arc(x + 0.1 * r, y - 0.55 * r, 0.15 * r, 0, TAU);
  path.moveTo(x + 0.05 * r, y - 0.3 * r);
  path.lineTo(x + 0.05 * r, y + 0.1 * r);
  path.lineTo(x + 0.42 * r, y + 0.1 * r);
  path.lineTo(x + 0.58 * r, y + 0.5 * r);
  path.moveTo(x + 0.33 * r, y + 0.25 * r);
  path.arc(x - 0.05 * r, y + 0.25 * r, 0.38 * r, 0, TAU * 0.75);
}

export type EachSeat = (visit: (i: number) => void) => void;

/**
 * The floor of each section: its outline (first row, the right ends of the rows, the last
 * row backwards, the left ends) filled and stroked wide with round joins, so that a section
 * reads as one shape under its seats. A few points per row, whatever the number of seats.
 */
export function paintFloors(ctx: CanvasRenderingContext2D, ix: PlanIndex, palette: Palette, sections: Iterable<number>): void {
  const path = new Path2D();
  for (const s of sections) {
    const first = ix.sectionRowStart[s]!;
    const last = ix.sectionRowStart[s + 1]! - 1;
    if (last < first) continue;
    const outline: number[] = [];
    for (let p = ix.rowStart[first]!; p < ix.rowStart[first + 1]!; p++) outline.push(p);
    for (let r = first + 1; r < last; r++) outline.push(ix.rowStart[r + 1]! - 1);
    if (last > first) for (let p = ix.rowStart[last + 1]! - 1; p >= ix.rowStart[last]!; p--) outline.push(p);
    for (let r = last - 1; r > first; r--) outline.push(ix.rowStart[r]!);
    outline.forEach((p, k) => (k ? path.lineTo : path.moveTo).call(path, ix.x[ix.order[p]!]!, ix.y[ix.order[p]!]!));
    path.closePath();
  }
  ctx.lineJoin = 'round';
  ctx.lineWidth = ix.floorWidth;
  ctx.fillStyle = ctx.strokeStyle = palette.floor;
  ctx.fill(path);
  ctx.stroke(path);
}

/**
 * Seats by availability, one path per colour so that the whole set takes a handful of fill
 * calls whatever its size. Wheelchair pictograms only when `detail` (seats big enough).
 */
export function paintSeats(ctx: CanvasRenderingContext2D, ix: PlanIndex, state: Uint8Array, palette: Palette, each: EachSeat, detail: boolean): void {
  const zones = palette.zones.length;
  const paths = Array.from({ length: zones + 3 }, () => new Path2D());
  const chairs = new Path2D();
  const r = ix.radius;
  each((i) => {
    const st = state[i]!;
    const path = paths[st ? zones + st - 1 : Math.min(ix.zone[i]!, zones - 1)]!;
    addSeat(path, ix, i, r);
    // A held seat is a ring: it may come free again, unlike a sold one.
    if (st === HELD) path.moveTo(ix.x[i]! + r * 0.45, ix.y[i]!), path.arc(ix.x[i]!, ix.y[i]!, r * 0.45, 0, TAU, true);
    if (detail && ix.flags[i]! & WHEELCHAIR) addWheelchair(chairs, ix.x[i]!, ix.y[i]!, r);
  });
  const colours = [...palette.zones, palette.held, palette.taken, palette.notForSale];
  for (const b of [zones + 2, zones + 1, zones, ...palette.zones.keys()]) {
    ctx.fillStyle = colours[b]!;
    ctx.fill(paths[b]!);
  }
  if (detail) {
    ctx.lineWidth = r * 0.16;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.strokeStyle = palette.contrast;
    ctx.stroke(chairs);
  }
}

/** The seats the buyer picked: accent fill, a ring, a tick; a lost one gets a dashed warning ring. */
export function paintSelection(ctx: CanvasRenderingContext2D, ix: PlanIndex, state: Uint8Array, palette: Palette, seats: number[], scale: number): void {
  const r = Math.max(ix.radius, 3.5 / scale);
  const detail = ix.radius * scale >= 6;
  const fill = new Path2D();
  const ring = new Path2D();
  const ticks = new Path2D();
  const lost = new Path2D();
  for (const i of seats) {
    const x = ix.x[i]!;
    const y = ix.y[i]!;
    const outer = r + 3 / scale;
    if (state[i] !== FREE) {
      lost.moveTo(x + outer, y), lost.arc(x, y, outer, 0, TAU);
      continue;
    }
    addSeat(fill, ix, i, r);
    ring.moveTo(x + outer, y), ring.arc(x, y, outer, 0, TAU);
    if (detail) ticks.moveTo(x - 0.42 * r, y + 0.02 * r), ticks.lineTo(x - 0.12 * r, y + 0.32 * r), ticks.lineTo(x + 0.45 * r, y - 0.3 * r);
  }
  ctx.fillStyle = ctx.strokeStyle = palette.selected;
  ctx.fill(fill);
  ctx.lineWidth = 1.75 / scale;
  ctx.stroke(ring);
  ctx.lineCap = ctx.lineJoin = 'round';
  ctx.lineWidth = r * 0.2;
  ctx.strokeStyle = palette.contrast;
  ctx.stroke(ticks);
  ctx.setLineDash([3 / scale, 2.5 / scale]);
  ctx.lineWidth = 2 / scale;
  ctx.strokeStyle = palette.lost;
  ctx.stroke(lost);
  ctx.setLineDash([]);
}

/**
 * A bitmap of the whole plan (floors and seats) at a fixed resolution. Zoomed out, a frame
 * is one drawImage of it instead of a path of 100,000 seats; availability changes repaint
 * only the seats that changed.
 */
export interface PlanBitmap {
  canvas: HTMLCanvasElement;
  scale: number;
  key: string;
}

const MAX_BITMAP_PIXELS = 2.5e6;

/** The pixels a seat shape touches: offsets from its centre pixel (within ±k) and their coverage. */
interface Stamp {
  k: number;
  dx: Int32Array;
  dy: Int32Array;
  cover: Float32Array;
}

/** Anti-aliased coverage (4×4 samples a pixel) of a seat shape of radius r; only the pixels it touches. */
function coverage(r: number, inner: number, square: boolean): Stamp {
  const k = Math.ceil(r);
  const dx: number[] = [];
  const dy: number[] = [];
  const cover: number[] = [];
  for (let j = -k; j <= k; j++) {
    for (let i = -k; i <= k; i++) {
      let hits = 0;
      for (let sample = 0; sample < 16; sample++) {
        const x = i + ((sample & 3) + 0.5) / 4 - 0.5;
        const y = j + ((sample >> 2) + 0.5) / 4 - 0.5;
        const d = square ? Math.max(Math.abs(x), Math.abs(y)) : Math.sqrt(x * x + y * y);
        if (d <= r && d >= inner) hits++;
      }
      if (hits) dx.push(i), dy.push(j), cover.push(hits / 16);
    }
  }
  return { k, dx: Int32Array.from(dx), dy: Int32Array.from(dy), cover: Float32Array.from(cover) };
}

let probe: CanvasRenderingContext2D | undefined;

/** Any CSS colour the canvas understands, as RGBA bytes (#rgb and #rrggbb without a canvas). */
function rgba(colour: string): ArrayLike<number> {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  if (hex) {
    const full = hex.length === 3 ? hex.replace(/./g, '$&$&') : hex;
    return [0, 2, 4].map((k) => parseInt(full.slice(k, k + 2), 16)).concat(255);
  }
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = colour;
  probe.fillRect(0, 0, 1, 1);
  return probe.getImageData(0, 0, 1, 1).data;
}

/** The resolution of the bitmap kept for zooming: up to 2 px a plan unit, 2.5 megapixels, 4,096 px a side. */
export function fullBitmapScale(ix: PlanIndex): number {
  const [x0, y0, x1, y1] = ix.bounds;
  return Math.min(2, Math.sqrt(MAX_BITMAP_PIXELS / ((x1 - x0) * (y1 - y0))), 4096 / (x1 - x0), 4096 / (y1 - y0));
}

/** The seats of a plan stamped into pixels (no floors yet), origin at the plan bounds' corner. */
export interface PlanImage {
  image: ImageData;
  scale: number;
  key: string;
}

/**
 * Paints the plan (floors and seats) into a bitmap of `scale` pixels per plan unit: the
 * view's own scale makes the first frame cheap (no more pixels than the screen, copied 1:1),
 * `fullBitmapScale` the one kept for zooming.
 *
 * Returns a step function: each call paints for about `budgetMs` (so that a large bitmap
 * can be painted in idle time between frames) and returns the bitmap once finished.
 */
export function bitmapPainter(ix: PlanIndex, state: Uint8Array, palette: Palette, key: string, scale: number): (budgetMs: number) => PlanBitmap | null {
  const stamp = seatStamper(ix, state, palette, key, scale);
  if (stamp) return (budgetMs) => {
    const image = stamp(budgetMs);
    return image && bitmapOf(ix, image, palette);
  };
  return () => {
    const bitmap = newBitmap(ix, scale, key);
    const ctx = bitmapContext(bitmap, ix);
    paintFloors(ctx, ix, palette, ix.geometry.sections.keys());
    paintSeats(ctx, ix, state, palette, (visit) => { for (let i = 0; i < ix.n; i++) visit(i); }, ix.radius * scale >= 5);
    return bitmap;
  };
}

/** The seats stamped at `scale` in one go, or undefined where seats are big enough to be drawn as paths. */
export function stampSeats(ix: PlanIndex, state: Uint8Array, palette: Palette, key: string, scale: number): PlanImage | undefined {
  return seatStamper(ix, state, palette, key, scale)?.(Infinity) ?? undefined;
}

/**
 * Stamps every seat straight into the pixels (a precomputed anti-aliased stamp per shape,
 * blended "over"): on a software-rendered canvas this is several times faster than filling
 * tens of thousands of tiny vector circles. Seats of several pixels (a theatre, a view zoomed
 * in) would cost a JS loop over every pixel of every seat; as paths the canvas fills them
 * faster, so for those there is no stamper (undefined).
 */
function seatStamper(ix: PlanIndex, state: Uint8Array, palette: Palette, key: string, scale: number): ((budgetMs: number) => PlanImage | null) | undefined {
  const r = ix.radius * scale;
  if (r >= 3) return undefined;
  const [x0, y0] = ix.bounds;
  const { width, height } = bitmapSize(ix, scale);
  const shapes = [coverage(r, 0, false), coverage(r, r * 0.45, false), coverage(r * 0.95, 0, true)];
  const colours = [...palette.zones, palette.held, palette.taken, palette.notForSale].map(rgba);
  const zones = palette.zones.length;
  // Each colour's stamps as whole pixels (one 32-bit write for an empty pixel, the usual
  // case), rounded as the image's clamped bytes round, in the platform's byte order.
  const bytes = new Uint8ClampedArray(4);
  const word = new Uint32Array(bytes.buffer);
  const packed = colours.map((colour) => shapes.map(({ cover }) => Uint32Array.from(cover, (c) => {
    bytes.set([colour[0]!, colour[1]!, colour[2]!, c * colour[3]!]);
    return word[0]!;
  })));
  // Where each pixel of a stamp is in the image, from its centre pixel.
  const offsets = shapes.map(({ dx, dy }) => dy.map((y, q) => y * width + dx[q]!));
  const image = new ImageData(width, height);
  const data = image.data;
  const pixels = new Uint32Array(data.buffer);
  const { x: xs, y: ys, zone, flags } = ix;
  // A slice of seats at a time: this runs once a page, cold, and V8 optimizes a small
  // function called for each slice after its first ones, rather than one long loop.
  const stampSlice = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const st = state[i]!;
      const c = st ? zones + st - 1 : Math.min(zone[i]!, zones - 1);
      const colour = colours[c]!;
      const opacity = colour[3]! / 255;
      const shape = flags[i]! & WHEELCHAIR ? 2 : st === HELD ? 1 : 0;
      const { k, dx, dy, cover } = shapes[shape]!;
      const words = packed[c]![shape]!;
      const offset = offsets[shape]!;
      const cx = Math.floor((xs[i]! - x0) * scale);
      const cy = Math.floor((ys[i]! - y0) * scale);
      const inside = cx >= k && cy >= k && cx + k < width && cy + k < height;
      const centre = cy * width + cx;
      for (let q = 0; q < cover.length; q++) {
        let p = centre + offset[q]!;
        if (!inside) {
          const x = cx + dx[q]!;
          const y = cy + dy[q]!;
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          p = y * width + x;
        }
        // Nothing there yet (seats rarely overlap): no blending needed.
        if (!pixels[p]) {
          pixels[p] = words[q]!;
          continue;
        }
        const o = p * 4;
        const a = cover[q]! * opacity;
        const alpha = a + (data[o + 3]! / 255) * (1 - a);
        const f = a / alpha;
        data[o] = colour[0]! * f + data[o]! * (1 - f);
        data[o + 1] = colour[1]! * f + data[o + 1]! * (1 - f);
        data[o + 2] = colour[2]! * f + data[o + 2]! * (1 - f);
        data[o + 3] = alpha * 255;
      }
    }
  };
  let next = 0;
  return (budgetMs) => {
    const until = performance.now() + budgetMs;
    while (next < ix.n) {
      if (next && performance.now() > until) return null;
      const to = Math.min(ix.n, next + 512);
      stampSlice(next, to);
      next = to;
    }
    return { image, scale, key };
  };
}

function bitmapSize(ix: PlanIndex, scale: number): { width: number; height: number } {
  return {
    width: Math.max(1, Math.ceil((ix.bounds[2] - ix.bounds[0]) * scale)),
    height: Math.max(1, Math.ceil((ix.bounds[3] - ix.bounds[1]) * scale)),
  };
}

function newBitmap(ix: PlanIndex, scale: number, key: string): PlanBitmap {
  const canvas = document.createElement('canvas');
  Object.assign(canvas, bitmapSize(ix, scale));
  return { canvas, scale, key };
}

/** Stamped seats made a bitmap: the pixels, then the section floors behind them. */
export function bitmapOf(ix: PlanIndex, stamped: PlanImage, palette: Palette): PlanBitmap {
  const bitmap = newBitmap(ix, stamped.scale, stamped.key);
  paintImage(bitmapContext(bitmap, ix), ix, stamped, palette, 0, 0);
  return bitmap;
}

/**
 * Puts stamped seats on a canvas with their top left corner at pixel (left, top), then paints
 * the floors behind them: the first frame goes straight to the screen's canvas this way, with
 * no bitmap canvas to create and copy.
 */
export function paintImage(ctx: CanvasRenderingContext2D, ix: PlanIndex, stamped: PlanImage, palette: Palette, left: number, top: number): void {
  const { scale } = stamped;
  ctx.putImageData(stamped.image, left, top);
  ctx.setTransform(scale, 0, 0, scale, left - ix.bounds[0] * scale, top - ix.bounds[1] * scale);
  ctx.globalCompositeOperation = 'destination-over';
  paintFloors(ctx, ix, palette, ix.geometry.sections.keys());
  ctx.globalCompositeOperation = 'source-over';
}

export function paintBitmap(ix: PlanIndex, state: Uint8Array, palette: Palette, key: string, scale = fullBitmapScale(ix)): PlanBitmap {
  return bitmapPainter(ix, state, palette, key, scale)(Infinity)!;
}

export function repaintBitmapSeats(bitmap: PlanBitmap, ix: PlanIndex, state: Uint8Array, palette: Palette, seats: number[]): void {
  const ctx = bitmapContext(bitmap, ix);
  const erase = new Path2D();
  for (const i of seats) addSeat(erase, ix, i, ix.radius * 1.15);
  ctx.fillStyle = palette.floor;
  ctx.fill(erase);
  paintSeats(ctx, ix, state, palette, (visit) => seats.forEach(visit), ix.radius * bitmap.scale >= 5);
}

function bitmapContext(bitmap: PlanBitmap, ix: PlanIndex): CanvasRenderingContext2D {
  const ctx = bitmap.canvas.getContext('2d')!;
  ctx.setTransform(bitmap.scale, 0, 0, bitmap.scale, -ix.bounds[0] * bitmap.scale, -ix.bounds[1] * bitmap.scale);
  return ctx;
}

/** Floors and seats inside the plan rectangle, culled through the grid (for zoomed-in views). */
export function paintVisible(ctx: CanvasRenderingContext2D, ix: PlanIndex, state: Uint8Array, palette: Palette, x0: number, y0: number, x1: number, y1: number, detail: boolean): void {
  const m = ix.floorWidth;
  const b = ix.sectionBox;
  paintFloors(ctx, ix, palette, [...ix.geometry.sections.keys()].filter((s) => b[s * 4]! - m < x1 && b[s * 4 + 2]! + m > x0 && b[s * 4 + 1]! - m < y1 && b[s * 4 + 3]! + m > y0));
  const pad = ix.radius * 2;
  paintSeats(ctx, ix, state, palette, (visit) => seatsIn(ix, x0 - pad, y0 - pad, x1 + pad, y1 + pad, visit), detail);
}

/** Screen-space text with a halo so it reads on seats and background alike. */
function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function textStyle(ctx: CanvasRenderingContext2D, palette: Palette, font: string): void {
  ctx.font = `${font} ${palette.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = 3;
  ctx.strokeStyle = palette.halo;
  ctx.fillStyle = palette.label;
}

/** The stage, the ice or the field, in plan units: behind what is drawn already (floors, seats). */
export function paintLandmarks(ctx: CanvasRenderingContext2D, ix: PlanIndex, palette: Palette): void {
  const path = new Path2D();
  for (const { x, y, width, height, shape } of ix.geometry.landmarks ?? []) {
    if (shape === 'ellipse') path.moveTo(x + width, y + height / 2), path.ellipse(x + width / 2, y + height / 2, width / 2, height / 2, 0, 0, TAU);
    else path.roundRect(x, y, width, height, Math.min(width, height) / 8);
  }
  ctx.globalCompositeOperation = 'destination-over';
  ctx.fillStyle = palette.landmark;
  ctx.fill(path);
  ctx.globalCompositeOperation = 'source-over';
}

/** The landmarks' names in their middle, where they fit; returns the boxes they cover. */
export function paintLandmarkNames(ctx: CanvasRenderingContext2D, ix: PlanIndex, palette: Palette, s: number, tx: number, ty: number): number[][] {
  textStyle(ctx, palette, '600 13px');
  const boxes: number[][] = [];
  for (const { label: name, x, y, width, height } of ix.geometry.landmarks ?? []) {
    const half = ctx.measureText(name).width / 2;
    const cx = (x + width / 2) * s + tx;
    const cy = (y + height / 2) * s + ty;
    if (half * 2 < width * s && height * s > 16) boxes.push([cx - half, cy - 9, cx + half, cy + 9]), label(ctx, name, cx, cy);
  }
  return boxes;
}

/**
 * Section names beside their seats (left, right, above, below), each where it covers no seat,
 * no other name and stays on screen; the code where the name does not fit, else none.
 */
export function paintSectionLabels(ctx: CanvasRenderingContext2D, ix: PlanIndex, palette: Palette, s: number, tx: number, ty: number, w: number, h: number, taken: number[][]): void {
  textStyle(ctx, palette, '600 12px');
  const r = ix.radius * s + 1;
  ix.geometry.sections.forEach((section, k) => {
    const b = ix.sectionBox.subarray(k * 4, k * 4 + 4);
    const x0 = b[0]! * s + tx, x1 = b[2]! * s + tx, y0 = b[1]! * s + ty, y1 = b[3]! * s + ty;
    for (const text of [section.name, section.code]) {
      const dx = ctx.measureText(text).width / 2 + 2;
      for (const [x, y] of [[x0 - dx - r - 4, (y0 + y1) / 2], [x1 + dx + r + 4, (y0 + y1) / 2], [(x0 + x1) / 2, y0 - r - 12], [(x0 + x1) / 2, y1 + r + 12]] as const) {
        const box = [x - dx, y - 8, x + dx, y + 8] as const;
        let free = box[0] > 0 && box[1] > 0 && box[2] < w && box[3] < h && !taken.some((o) => o[0]! < box[2] && o[2]! > box[0] && o[1]! < box[3] && o[3]! > box[1]);
        // Another section's seats keep their distance, so that the name is not read as theirs.
        if (free) seatsIn(ix, (box[0] - 8 - tx) / s, (box[1] - 8 - ty) / s, (box[2] + 8 - tx) / s, (box[3] + 8 - ty) / s, (i) => {
          const m = ix.section[i] === k ? r : r + 8;
          const sx = ix.x[i]! * s + tx, sy = ix.y[i]! * s + ty;
          if (sx > box[0] - m && sx < box[2] + m && sy > box[1] - m && sy < box[3] + m) free = false;
        });
        if (free) return void (taken.push(box as unknown as number[]), label(ctx, text, x, y));
      }
    }
  });
}

/** Row labels at both ends of each visible row, for zoomed-in views. */
export function paintRowLabels(ctx: CanvasRenderingContext2D, ix: PlanIndex, palette: Palette, s: number, tx: number, ty: number, w: number, h: number): void {
  textStyle(ctx, palette, `500 ${Math.round(Math.min(13, Math.max(9, ix.pitch * s * 0.42)))}px`);
  for (let r = 0; r < ix.rowLabel.length; r++) {
    const first = ix.order[ix.rowStart[r]!]!;
    const last = ix.order[ix.rowStart[r + 1]! - 1]!;
    let dx = ix.x[last]! - ix.x[first]!;
    let dy = ix.y[last]! - ix.y[first]!;
    const length = Math.hypot(dx, dy) || ((dx = 1), 1);
    const step = (ix.pitch * 0.95) / length;
    (dx *= step), (dy *= step);
    for (const [i, sign] of [[first, -1], [last, 1]] as const) {
      const x = (ix.x[i]! + sign * dx) * s + tx;
      const y = (ix.y[i]! + sign * dy) * s + ty;
      if (x > -20 && x < w + 20 && y > -20 && y < h + 20) label(ctx, ix.rowLabel[r]!, x, y);
    }
  }
}

/** A screen-space ring (hover, keyboard focus) with a light halo inside. */
export function paintRing(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number, colour: string, halo: string, width: number): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, TAU);
  ctx.lineWidth = width + 3;
  ctx.strokeStyle = halo;
  ctx.stroke();
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}
