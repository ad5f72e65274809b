import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PlanGeometry } from '../api/types.js';
import { defineElement } from '../define.js';
import { emitSeatMapEvent } from './events.js';
import { acrossRows, alongRow, indexPlan, otherSection, seatAt, type PlanIndex } from './plan-index.js';
import {
  FREE, HELD, NOT_FOR_SALE, TAKEN, bitmapOf, freePerSection, notForSale, bitmapPainter, fullBitmapScale, paintBitmap, paintImage, paintLandmarkNames, paintLandmarks, paintRing,
  paintRowLabels, paintSectionLabels, paintSelection, paintVisible, repaintBitmapSeats, stampSeats, type Palette, type PlanBitmap, type PlanImage,
} from './render.js';
import { cssProperties } from '../styles/css-properties.js';
import { hostStyles } from '../styles/shared.styles.js';
import { seatMapStyles } from './seat-map.styles.js';
import { seatMapStrings, type SeatMapStrings } from './strings.js';

export type { SeatMapStrings };
export type { SeatFocusDetail, SeatLostDetail, SeatMapPaintedDetail, SeatToggleDetail, SeatMapEventMap } from './events.js';

const EMPTY: ReadonlySet<number> = new Set();
/** Below this many screen pixels between seats the map is an overview: a click zooms in. */
const OVERVIEW_PITCH = 9;
/** Name of the performance mark set when a plan's first frame has been painted. */
export const FIRST_PAINT_MARK = 'tk-seat-map:first-paint';
/** Runs `work` when the page is idle (soon after a frame where requestIdleCallback is missing). */
const whenIdle = (work: (budgetMs: number) => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback((deadline) => work(Math.max(4, Math.min(12, deadline.timeRemaining()))), { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(() => work(8), 16);
  return () => clearTimeout(handle);
};
const icon = (d: string) => html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${d}></path></svg>`;

/**
 * An interactive seat map drawn on a canvas: zoom and pan by wheel, drag, pinch and buttons,
 * a legend of price zones, a tooltip per seat, full keyboard use and a list alternative.
 * It never changes `selected` itself: it asks the host through `tk-seat-toggle`.
 *
 * @fires {CustomEvent<SeatToggleDetail>} tk-seat-toggle - The buyer activated an available seat (`selected: true`) or one of theirs (`selected: false`).
 * @fires {CustomEvent<SeatFocusDetail>} tk-seat-focus - The seat under the pointer or the keyboard focus changed.
 * @fires {CustomEvent<SeatLostDetail>} tk-seat-lost - Seats of `selected` became unavailable (taken by someone else).
 * @fires {CustomEvent<SeatMapPaintedDetail>} tk-seat-map-painted - A plan's first frame with its seats is on screen (once per `geometry`); a performance mark `tk-seat-map:first-paint` is set at the same time.
 *
 * @csspart base - The wrapper of everything.
 * @csspart stage - The framed area holding the map (or the list).
 * @csspart canvas - The map itself, the one keyboard stop of the map.
 * @csspart toolbar - The zoom and list buttons over the map (on a narrow map, in a strip above it).
 * @csspart control - Each toolbar button.
 * @csspart tooltip - The card describing the hovered or focused seat.
 * @csspart legend - The price zones with their prices, and the seat states.
 * @csspart list - The list alternative (seats of one section, by row).
 * @csspart message - The short notice shown when a seat cannot be taken or was lost.
 *
 * @cssproperty --tk-accent - Selected seats, focus outlines, pressed buttons.
 * @cssproperty --tk-on-accent - Text and ticks drawn on the accent colour.
 * @cssproperty --tk-font-family - Font of labels, tooltip, legend and list.
 * @cssproperty --tk-radius - Corner radius of the frame, toolbar and tooltip.
 * @cssproperty --tk-text - Main text colour.
 * @cssproperty --tk-text-muted - Secondary text colour.
 * @cssproperty --tk-background - Background of the toolbar, tooltip and list.
 * @cssproperty --tk-surface - Default background behind the plan.
 * @cssproperty --tk-border - Frame and separator colour.
 * @cssproperty --tk-danger - Default colour of the ring around a lost seat.
 * @cssproperty --tk-seat-map-max-height - Maximum height of the map (default 70vh).
 * @cssproperty --tk-seat-map-min-height - Minimum height of the map (default 260px).
 * @cssproperty --tk-seat-map-aspect-ratio - Aspect ratio of the map; by default the plan's, so the page does not shift once it loads.
 * @cssproperty --tk-seat-map-background - Background behind the plan (default: --tk-surface).
 * @cssproperty --tk-seat-map-section-color - The floor drawn under the rows of each section.
 * @cssproperty --tk-seat-map-selected-color - Selected seats (default: the accent).
 * @cssproperty --tk-seat-map-unavailable-color - Sold and blocked seats.
 * @cssproperty --tk-seat-map-held-color - Seats held by other buyers (drawn as rings).
 * @cssproperty --tk-seat-map-not-for-sale-color - Seats that are not for sale.
 * @cssproperty --tk-seat-map-lost-color - Dashed ring around a selected seat someone else took.
 * @cssproperty --tk-seat-map-focus-color - Keyboard focus ring around a seat.
 * @cssproperty --tk-seat-map-label-color - Section and row labels on the map.
 * @cssproperty --tk-seat-map-label-halo-color - Halo behind those labels.
 * @cssproperty --tk-seat-map-landmark-color - The stage, ice or field of the plan.
 */
export class TkSeatMap extends LitElement {
  static override styles = [hostStyles, seatMapStyles];

  /** The plan, as GET /plans/:planId returns it (columns of seats). */
  @property({ attribute: false }) geometry?: PlanGeometry;
  /** Ids of seats others hold, bought, or the organizer blocked. */
  @property({ attribute: false }) unavailable: ReadonlySet<number> = EMPTY;
  /** Ids among `unavailable` that are only held (they may come free again); drawn as rings. Optional. */
  @property({ attribute: false }) held: ReadonlySet<number> = EMPTY;
  /** Ids of the buyer's seats. The host owns this set; the map only asks through `tk-seat-toggle`. */
  @property({ attribute: false }) selected: ReadonlySet<number> = EMPTY;
  /** Formatted price per zone id (e.g. "from CHF 45.00"), shown in the legend, tooltip and announcements. */
  @property({ attribute: false }) prices: Readonly<Record<string, string>> = {};

  /**
   * Formatted price a click on a seat of the zone holds, per zone id (see `clickPrices`): read
   * with each seat in the list, the tooltip and the announcements. Zones without one use `prices`.
   */
  @property({ attribute: false }) seatPrices: Readonly<Record<string, string>> = {};
  /** BCP 47 locale for numbers in texts. */
  @property() locale = 'en';
  /** How many seats the buyer may select; further seats are refused with a notice. */
  @property({ type: Number, attribute: 'max-selectable' }) maxSelectable = Infinity;
  /** Texts (e.g. the host's translation table); missing keys fall back to English. */
  @property({ attribute: false }) strings: Partial<SeatMapStrings> = {};

  @state() private listView = false;
  @state() private listSection = 0;
  @state() private listFocus = -1;
  /** Seat (index) the tooltip describes, or section in the overview, or -1. */
  @state() private tip = -1;
  @state() private tipSection = -1;
  @state() private announcement = '';
  @state() private toast = '';

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private text: SeatMapStrings = seatMapStrings;
  private ix?: PlanIndex;
  private availability?: Uint8Array;
  private sectionFree = new Int32Array(0);
  /** The plan at the resolution kept for zooming; painted in idle time after the first frame. */
  private bitmap?: PlanBitmap;
  /** The plan at the resolution of the view it was first shown in: the first frame's cheap bitmap. */
  private viewBitmap?: PlanBitmap;
  /** The first frame's seats, put straight on the screen's canvas; made `viewBitmap` when a later frame or idle time needs it. */
  private viewImage?: PlanImage;
  private cancelBitmapJob?: () => void;
  private bitmapJob?: { ix: PlanIndex; key: string; finish: () => void };
  /** When the current plan was set or the element connected (for tk-seat-map-painted), and whether it was painted. */
  private shownSince = 0;
  private painted = false;
  /** The canvas was just resized, which cleared it. */
  private blank = false;
  private reportedLost: ReadonlySet<number> = EMPTY;
  private lostNow: number[] = [];
  /** View: screen = plan × scale + (tx, ty), in CSS pixels of the stage. */
  private scale = 1;
  private tx = 0;
  private ty = 0;
  private fitScale = 1;
  private fitted = false;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private focusSeat = -1;
  private hover = -1;
  private pointer = { x: 0, y: 0 };
  private keyboard = false;
  private pointers = new Map<number, { x: number; y: number }>();
  private press?: { x: number; y: number; moved: boolean };
  private frame = 0;
  private animation = 0;
  private wheelUntil = 0;
  /** A click into the map lets the wheel zoom without Ctrl/⌘ until the pointer leaves it. */
  private engaged = false;
  private slow = false;
  private settle?: ReturnType<typeof setTimeout>;
  private toastTimer?: ReturnType<typeof setTimeout>;
  private resizeObserver = new ResizeObserver(([entry]) => entry && this.resize(entry.contentRect));
  private wheel = { handleEvent: (e: WheelEvent) => this.onWheel(e), passive: false };

  /** Current zoom relative to the whole plan fitting the view (1 = fitted). */
  get zoom(): number {
    return this.scale / this.fitScale;
  }

  /** Zooms in around the middle of the view (the + button). */
  zoomIn(): void {
    this.zoomAroundCentre(1.6);
  }

  /** Zooms out around the middle of the view (the − button). */
  zoomOut(): void {
    this.zoomAroundCentre(1 / 1.6);
  }

  /** Shows the whole plan again. */
  resetView(): void {
    const [x0, y0, x1, y1] = this.ix?.bounds ?? [0, 0, 0, 0];
    this.animateTo(this.fitScale, (x0 + x1) / 2, (y0 + y1) / 2);
  }

  /**
   * Zooms to these seats (e.g. the ones best available found), with a few seats' room around
   * them: in until seats are a comfortable size, never out while they fit in the view.
   */
  showSeats(seatIds: Iterable<number>): void {
    const ix = this.ix;
    if (!ix) return;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of seatIds) {
      const i = ix.byId.get(id) ?? -1;
      if (i >= 0) (x0 = Math.min(x0, ix.x[i]!)), (y0 = Math.min(y0, ix.y[i]!)), (x1 = Math.max(x1, ix.x[i]!)), (y1 = Math.max(y1, ix.y[i]!));
    }
    const room = ix.pitch * 8;
    if (x0 <= x1) this.animateTo(Math.min(Math.max(18 / ix.pitch, this.scale), this.width / (x1 - x0 + room), this.height / (y1 - y0 + room)), (x0 + x1) / 2, (y0 + y1) / 2);
  }

  /** Where a seat is drawn, in viewport coordinates (e.g. to anchor a host's popover), or null. */
  seatPosition(seatId: number): { x: number; y: number } | null {
    const i = this.ix?.byId.get(seatId);
    const box = this.canvas?.getBoundingClientRect();
    if (i === undefined || !box || !this.ix) return null;
    return { x: box.left + this.ix.x[i]! * this.scale + this.tx, y: box.top + this.ix.y[i]! * this.scale + this.ty };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    clearTimeout(this.settle);
    clearTimeout(this.toastTimer);
    cancelAnimationFrame(this.frame);
    cancelAnimationFrame(this.animation);
    this.frame = this.animation = 0;
    this.stopBitmapJob();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.shownSince = performance.now();
    if (this.hasUpdated) this.observeStage();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('strings')) this.text = { ...seatMapStrings, ...this.strings };
    if (changed.has('geometry')) {
      // A plan given after the first update counts from here (indexing included); the first from the connection.
      if (this.hasUpdated) this.shownSince = performance.now();
      this.ix = this.geometry ? indexPlan(this.geometry) : undefined;
      this.availability = this.bitmap = this.viewBitmap = this.viewImage = undefined;
      this.stopBitmapJob();
      this.painted = false;
      this.focusSeat = this.hover = this.tip = this.tipSection = this.listFocus = -1;
      this.reportedLost = EMPTY;
      this.fitted = false;
      if (this.width) this.fit();
    }
    const ix = this.ix;
    if (!ix) return;
    if (changed.has('geometry') || changed.has('unavailable') || changed.has('held')) this.updateAvailability(ix);
    if (changed.has('geometry')) this.listSection = Math.max(0, this.sectionFree.findIndex((n) => n > 0));
    const before = changed.get('selected') as ReadonlySet<number> | undefined;
    if (before && this.hasUpdated && !changed.has('geometry')) this.announceSelection(ix, before);
    // A seat of the buyer's selection that is no longer free was taken by someone else.
    const lost = [...this.selected].filter((id) => ix.byId.has(id) && this.availability![ix.byId.get(id)!] !== FREE);
    this.lostNow = lost.filter((id) => !this.reportedLost.has(id));
    this.reportedLost = new Set(lost);
    if (this.lostNow.length) this.say(this.lostNow.map((id) => this.text.announceLost(this.seatName(ix.byId.get(id)!))).join(' '), true);
    this.invalidate();
  }

  protected override firstUpdated(): void {
    this.observeStage();
  }

  protected override updated(): void {
    if (this.lostNow.length) emitSeatMapEvent(this, 'tk-seat-lost', { seatIds: this.lostNow }), (this.lostNow = []);
  }

  /** The canvas, not the stage: on a narrow map the toolbar has a strip of the stage to itself. */
  private observeStage(): void {
    const canvas = this.canvas;
    if (canvas) this.resizeObserver.observe(canvas);
  }

  private updateAvailability(ix: PlanIndex): void {
    const next = notForSale(ix.flags);
    const mark = (ids: ReadonlySet<number>, value: number) => {
      for (const id of ids) {
        const i = ix.byId.get(id);
        if (i !== undefined && next[i] !== NOT_FOR_SALE) next[i] = value;
      }
    };
    mark(this.unavailable, TAKEN);
    mark(this.held, HELD);
    const previous = this.availability;
    this.availability = next;
    this.sectionFree = freePerSection(next, ix.section, ix.geometry.sections.length);
    if (previous) this.repaintChanged(ix, previous, next);
  }

  /** Brings the bitmaps up to date with `next`: only the seats that changed, or anew when many did. */
  private repaintChanged(ix: PlanIndex, previous: Uint8Array, next: Uint8Array, bitmaps = [this.bitmap, this.viewBitmap]): void {
    const changedSeats: number[] = [];
    for (let i = 0; i < ix.n; i++) if (previous[i] !== next[i]) changedSeats.push(i);
    if (!changedSeats.length) return;
    this.viewImage = undefined;
    if (changedSeats.length > ix.n / 8) (this.bitmap = this.viewBitmap = undefined), this.stopBitmapJob();
    else for (const bitmap of bitmaps) if (bitmap) repaintBitmapSeats(bitmap, ix, next, this.palette(ix), changedSeats);
  }

  private stopBitmapJob(): void {
    this.cancelBitmapJob?.();
    this.cancelBitmapJob = this.bitmapJob = undefined;
  }

  /**
   * Paints the bitmap for zooming a slice at a time while the page is idle, so that the
   * first frame only waits for a bitmap the size of the view. Seats whose availability
   * changed meanwhile are repainted when it is done.
   */
  private paintBitmapLater(ix: PlanIndex, palette: Palette, key: string): void {
    if (this.bitmapJob?.ix === ix && this.bitmapJob.key === key) return;
    this.stopBitmapJob();
    const state = this.availability!;
    // Even setting the painter up (stamps, a buffer of megabytes) waits for the first idle time.
    let step: ReturnType<typeof bitmapPainter> | undefined;
    const job = (this.bitmapJob = { ix, key, finish: () => run(Infinity) });
    const run = (budgetMs: number) => {
      if (this.bitmapJob !== job) return;
      // The first frame's pixels become the view's bitmap first (a short slice of its own).
      if (this.viewImage) return void (this.viewBitmapFromImage(ix, palette), (this.cancelBitmapJob = whenIdle(run)));
      step ??= bitmapPainter(ix, state, palette, key, fullBitmapScale(ix));
      const bitmap = step(budgetMs);
      if (!bitmap) return void (this.cancelBitmapJob = whenIdle(run));
      this.cancelBitmapJob?.();
      this.cancelBitmapJob = this.bitmapJob = undefined;
      this.bitmap = bitmap;
      if (this.availability && this.availability !== state) this.repaintChanged(ix, state, this.availability, [bitmap]);
      this.invalidate();
    };
    this.cancelBitmapJob = whenIdle(run);
  }

  private viewBitmapFromImage(ix: PlanIndex, palette: Palette): void {
    if (this.viewImage && !this.viewBitmap) this.viewBitmap = bitmapOf(ix, this.viewImage, palette);
    this.viewImage = undefined;
  }

  /** The bitmap to copy for a view of `want` pixels a plan unit: the smallest sharp enough, else the sharpest. */
  private bitmapFor(want: number): PlanBitmap {
    const [a, b] = [this.viewBitmap, this.bitmap].filter((m): m is PlanBitmap => !!m).sort((p, q) => p.scale - q.scale);
    return b && a!.scale * 1.3 < want ? b : a!;
  }

  /** Once a plan's first frame is on screen: the performance mark and tk-seat-map-painted. */
  private notePainted(ix: PlanIndex): void {
    this.painted = true;
    const since = this.shownSince;
    // A message posted while drawing arrives once this rendering task (layout, paint) is over.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (this.ix !== ix) return;
      const detail = { seats: ix.n, ms: performance.now() - since };
      performance.mark(FIRST_PAINT_MARK, { detail });
      emitSeatMapEvent(this, 'tk-seat-map-painted', detail);
    };
    channel.port2.postMessage(null);
  }

  private announceSelection(ix: PlanIndex, before: ReadonlySet<number>): void {
    const added = [...this.selected].filter((id) => !before.has(id) && ix.byId.has(id));
    const removed = [...before].filter((id) => !this.selected.has(id) && ix.byId.has(id));
    const t = this.text;
    if (added.length + removed.length > 3) this.say(t.announceSelectionCount(this.number(this.selected.size)));
    else if (added.length + removed.length) {
      this.say([...added.map((id) => t.announceSelected(this.seatName(ix.byId.get(id)!))), ...removed.map((id) => t.announceDeselected(this.seatName(ix.byId.get(id)!)))].join(' '));
    }
  }

  // ---- texts ----

  private number(n: number): string {
    return n.toLocaleString(this.locale);
  }

  private seatName(i: number): string {
    const ix = this.ix!;
    const seats = ix.geometry.seats;
    return this.text.seatName(ix.geometry.sections[ix.section[i]!]?.name ?? '', seats.row[i]!, seats.number[i]!);
  }

  private isSelected(i: number): boolean {
    return this.selected.has(this.ix!.geometry.seats.id[i]!);
  }

  private stateOf(i: number): 'free' | 'selected' | 'held' | 'taken' | 'nfs' {
    const a = this.availability![i];
    if (a === FREE) return this.isSelected(i) ? 'selected' : 'free';
    return a === HELD ? 'held' : a === TAKEN ? 'taken' : 'nfs';
  }

  private stateText(i: number): string {
    const t = this.text;
    return { free: t.available, selected: t.selected, held: t.held, taken: t.unavailable, nfs: t.notForSale }[this.stateOf(i)];
  }

  private flagTexts(i: number): string[] {
    const t = this.text;
    const flags = this.ix!.flags[i]!;
    return [flags & 1 && t.wheelchair, flags & 2 && t.companion, flags & 4 && t.restrictedView].filter((f): f is string => !!f);
  }

  private zoneOf(i: number) {
    const zones = this.ix!.geometry.zones;
    const zone = zones[this.ix!.zone[i]!];
    return { name: zone?.name ?? '', color: zone?.color ?? '#64748b', price: zone ? (this.seatPrices[zone.id] ?? this.prices[zone.id]) : undefined };
  }

  /** "Parterre, row C, seat 12, Catégorie 1, CHF 68.00, Available" (and flags). */
  private describe(i: number): string {
    const zone = this.zoneOf(i);
    return [this.seatName(i), zone.name, zone.price, this.stateText(i), ...this.flagTexts(i)].filter(Boolean).join(', ');
  }

  private say(message: string, visible = false): void {
    // A trailing no-break space makes a repeated message a change, so it is read again.
    this.announcement = message === this.announcement ? `${message}\u00a0` : message;
    if (visible) this.flash(message);
  }

  /** Shows a short notice over the map for `ms`. */
  private flash(message: string, ms = 4000): void {
    this.toast = message;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = ''), ms);
  }

  /** Asks the host to add or drop a seat, or says why it cannot be taken. */
  private toggle(i: number): void {
    const id = this.ix!.geometry.seats.id[i]!;
    if (this.selected.has(id)) emitSeatMapEvent(this, 'tk-seat-toggle', { seatId: id, selected: false });
    else if (this.availability![i] !== FREE) this.say(this.text.announceRefused(this.seatName(i), this.stateText(i)), true);
    else if (this.selected.size >= this.maxSelectable) this.say(this.text.announceMax(this.number(this.maxSelectable)), true);
    else emitSeatMapEvent(this, 'tk-seat-toggle', { seatId: id, selected: true });
  }

  // ---- view ----

  private palette(ix: PlanIndex): Palette {
    const style = getComputedStyle(this);
    const v = (name: string) => style.getPropertyValue(`--_${name}`).trim();
    const zones = ix.geometry.zones.map((z) => z.color);
    return {
      zones: zones.length ? zones : ['#64748b'],
      held: v('held'), taken: v('taken'), notForSale: v('nfs'), floor: v('floor'), selected: v('selected'), contrast: v('on-accent'),
      lost: v('lost'), focus: v('seat-focus'), label: v('label'), halo: v('halo'), landmark: v('landmark'), font: v('font') || 'sans-serif',
    };
  }

  private resize({ width, height }: DOMRectReadOnly): void {
    const [cx, cy] = this.centre();
    const zoom = this.zoom;
    this.width = width;
    this.height = height;
    this.dpr = window.devicePixelRatio || 1;
    const canvas = this.canvas!;
    canvas.width = Math.round(width * this.dpr);
    canvas.height = Math.round(height * this.dpr);
    this.blank = true;
    if (!this.fitted) this.fit();
    else {
      this.fitScale = this.computeFitScale();
      this.place(zoom * this.fitScale, width / 2 - cx * zoom * this.fitScale, height / 2 - cy * zoom * this.fitScale);
    }
    // Resizing clears the canvas: paint now rather than show a blank frame.
    this.draw();
  }

  private computeFitScale(): number {
    const [x0, y0, x1, y1] = this.ix?.bounds ?? [0, 0, 1, 1];
    return Math.min(this.width / (x1 - x0), this.height / (y1 - y0)) || 1;
  }

  private fit(): void {
    if (!this.ix) return;
    this.fitScale = this.computeFitScale();
    const [x0, y0, x1, y1] = this.ix.bounds;
    this.fitted = true;
    this.place(this.fitScale, this.width / 2 - ((x0 + x1) / 2) * this.fitScale, this.height / 2 - ((y0 + y1) / 2) * this.fitScale);
  }

  private centre(): [number, number] {
    return [(this.width / 2 - this.tx) / this.scale, (this.height / 2 - this.ty) / this.scale];
  }

  private clampScale(scale: number): number {
    const max = Math.max(this.fitScale * 4, 44 / (this.ix?.pitch ?? 20));
    return Math.min(max, Math.max(this.fitScale * 0.8, scale));
  }

  /** Sets the view, keeping the zoom within limits and the centre of the view over the plan. */
  private place(scale: number, tx: number, ty: number): void {
    const s = this.clampScale(scale);
    const [x0, y0, x1, y1] = this.ix?.bounds ?? [0, 0, 0, 0];
    const cx = Math.min(x1, Math.max(x0, (this.width / 2 - tx) / scale));
    const cy = Math.min(y1, Math.max(y0, (this.height / 2 - ty) / scale));
    this.scale = s;
    this.tx = this.width / 2 - cx * s;
    this.ty = this.height / 2 - cy * s;
    this.invalidate();
  }

  private zoomAt(x: number, y: number, factor: number): void {
    const s = this.clampScale(this.scale * factor);
    this.place(s, x - ((x - this.tx) * s) / this.scale, y - ((y - this.ty) * s) / this.scale);
  }

  private zoomAroundCentre(factor: number): void {
    const [cx, cy] = this.centre();
    this.animateTo(this.scale * factor, cx, cy);
  }

  /** Glides to a zoom and a plan point at the centre (instantly if the buyer prefers less motion). */
  private animateTo(scale: number, cx: number, cy: number): void {
    cancelAnimationFrame(this.animation);
    const s0 = this.scale;
    const s1 = this.clampScale(scale);
    const [cx0, cy0] = this.centre();
    const start = performance.now();
    const duration = matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 280;
    const step = (now: number) => {
      const t = duration ? Math.min(1, (now - start) / duration) : 1;
      const e = 1 - (1 - t) ** 3;
      const s = s0 * (s1 / s0) ** e;
      this.place(s, this.width / 2 - (cx0 + (cx - cx0) * e) * s, this.height / 2 - (cy0 + (cy - cy0) * e) * s);
      this.animation = t < 1 ? requestAnimationFrame(step) : 0;
    };
    step(start);
  }

  private invalidate(): void {
    if (!this.frame && this.isConnected) this.frame = requestAnimationFrame(() => this.draw());
  }

  private get overview(): boolean {
    return (this.ix?.pitch ?? 0) * this.scale < OVERVIEW_PITCH;
  }

  private draw(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const canvas = this.canvas;
    // Not before the stage has a size: a context made earlier gets a bitmap only to drop it.
    const ctx = this.width ? canvas?.getContext('2d') : undefined;
    const ix = this.ix;
    const availability = this.availability;
    if (!canvas || !ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // A canvas just resized is blank already.
    if (!this.blank) ctx.clearRect(0, 0, canvas.width, canvas.height);
    this.blank = false;
    if (!ix || !availability || this.listView) return;
    const palette = this.palette(ix);
    const key = JSON.stringify(palette);
    const { scale: s, tx, ty, width: w, height: h, dpr } = this;
    if (this.bitmap && this.bitmap.key !== key) this.bitmap = undefined;
    if (this.viewBitmap && this.viewBitmap.key !== key) this.viewBitmap = undefined;
    if (this.viewImage && this.viewImage.key !== key) this.viewImage = undefined;
    // The first frame of a plan puts freshly stamped seats straight on this canvas.
    let direct: PlanImage | undefined;
    if (!this.bitmap) {
      // The first frame gets a bitmap of the view's resolution (a fraction of the pixels,
      // copied 1:1); the sharper one for zooming follows in idle time.
      const full = fullBitmapScale(ix);
      if (s * dpr >= full) this.bitmap = paintBitmap(ix, availability, palette, key, full);
      else {
        if (!this.viewBitmap && !this.painted && !this.viewImage) direct = this.viewImage = stampSeats(ix, availability, palette, key, s * dpr);
        if (!direct) this.viewBitmapFromImage(ix, palette);
        this.viewBitmap ??= direct ? undefined : paintBitmap(ix, availability, palette, key, s * dpr);
        this.paintBitmapLater(ix, palette, key);
        // Zoomed in before it is done, to where it would be sharp enough: finishing it now
        // costs less than drawing every seat on screen as vectors. Further in, vectors it is anyway.
        if (!direct && s * dpr > this.viewBitmap!.scale * 1.3 && s * dpr <= full * 1.3) this.bitmapJob?.finish();
      }
    }
    const bitmap = direct ? undefined : this.bitmapFor(s * dpr);
    ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * tx, dpr * ty);
    // Zoomed in beyond the bitmap's resolution, seats are drawn as vectors (only the visible
    // ones). If that proved slow on this device, gestures show the scaled bitmap and the
    // sharp frame follows when the gesture pauses.
    let sharp = s * dpr > (direct ?? bitmap!).scale * 1.3;
    if (sharp && this.slow && (this.pointers.size || this.animation || performance.now() < this.wheelUntil)) {
      sharp = false;
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.invalidate(), 150);
    }
    if (sharp) {
      const started = performance.now();
      paintVisible(ctx, ix, availability, palette, -tx / s, -ty / s, (w - tx) / s, (h - ty) / s, ix.radius * s >= 6);
      this.slow = performance.now() - started > 30;
    } else if (direct) {
      // putImageData ignores the transform: the seats go to the whole pixel nearest their place.
      paintImage(ctx, ix, direct, palette, Math.round(dpr * tx + ix.bounds[0] * s * dpr), Math.round(dpr * ty + ix.bounds[1] * s * dpr));
      ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * tx, dpr * ty);
    } else if (bitmap) {
      // Filtering a big bitmap down is costly on a software canvas; a near 1:1 copy needs none of it.
      ctx.imageSmoothingQuality = bitmap.scale > s * dpr * 1.5 ? 'high' : 'low';
      ctx.drawImage(bitmap.canvas, ix.bounds[0], ix.bounds[1], bitmap.canvas.width / bitmap.scale, bitmap.canvas.height / bitmap.scale);
    }
    const selection: number[] = [];
    for (const id of this.selected) {
      const i = ix.byId.get(id);
      if (i !== undefined) selection.push(i);
    }
    paintLandmarks(ctx, ix, palette);
    paintSelection(ctx, ix, availability, palette, selection, s);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const r = Math.max(ix.radius * s, 3.5);
    // Rings go around the seat's shape: a wheelchair space is a square with wider corners.
    const ring = (i: number, gap: number) => [ix.x[i]! * s + tx, ix.y[i]! * s + ty, r * (ix.flags[i]! & 1 ? 1.3 : 1) + gap] as const;
    if (this.hover >= 0 && !this.keyboard) paintRing(ctx, ...ring(this.hover, 2.5), palette.label, palette.halo, 1.5);
    if (this.focusSeat >= 0 && this.keyboard && this.shadowRoot?.activeElement === canvas) {
      paintRing(ctx, ...ring(this.focusSeat, 4.5), palette.focus, palette.halo, 2.5);
    }
    const names = paintLandmarkNames(ctx, ix, palette, s, tx, ty);
    // Names avoid seats through the grid, which the first frame does without.
    if (ix.pitch * s < 13 && this.painted) paintSectionLabels(ctx, ix, palette, s, tx, ty, w, h, names);
    else if (ix.pitch * s >= 18) paintRowLabels(ctx, ix, palette, s, tx, ty, w, h);
    this.placeTip(r);
    if (!this.painted) this.notePainted(ix);
  }

  /** Keeps the tooltip next to its seat (or the pointer), inside the stage. */
  private placeTip(r: number): void {
    const tip = this.renderRoot.querySelector<HTMLElement>('.tip');
    if (!tip || !this.ix || (this.tip < 0 && this.tipSection < 0)) return;
    const [x, y, gap] = this.tip >= 0 ? [this.ix.x[this.tip]! * this.scale + this.tx, this.ix.y[this.tip]! * this.scale + this.ty, r + 10] : [this.pointer.x, this.pointer.y, 16];
    const { offsetWidth: tw, offsetHeight: th } = tip;
    const left = Math.min(this.width - tw - 8, Math.max(8, x - tw / 2));
    const top = y - gap - th >= 8 ? y - gap - th : Math.min(this.height - th - 8, y + gap);
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  // ---- pointer ----

  private local(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const box = this.canvas!.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  private seatUnder(p: { x: number; y: number }): number {
    const ix = this.ix!;
    const tolerance = Math.max(ix.radius * 1.15, Math.min(6 / this.scale, ix.pitch * 0.6));
    return seatAt(ix, (p.x - this.tx) / this.scale, (p.y - this.ty) / this.scale, tolerance);
  }

  private onPointerDown(e: PointerEvent): void {
    if (!this.ix || e.button > 0) return;
    this.engaged = true;
    cancelAnimationFrame(this.animation);
    this.animation = 0;
    this.keyboard = false;
    this.canvas!.setPointerCapture(e.pointerId);
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 1) this.press = { ...p, moved: false };
    else if (this.press) this.press.moved = true;
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.ix) return;
    const p = this.local(e);
    const previous = this.pointers.get(e.pointerId);
    if (!previous) return this.hoverAt(p);
    this.pointers.set(e.pointerId, p);
    if (this.pointers.size === 1 && this.press) {
      if (Math.hypot(p.x - this.press.x, p.y - this.press.y) > 4) this.press.moved = true;
      if (this.press.moved) this.place(this.scale, this.tx + p.x - previous.x, this.ty + p.y - previous.y);
    } else if (this.pointers.size === 2) {
      // Pinch: zoom by the change of distance around the old midpoint, then follow the midpoint.
      const other = [...this.pointers.entries()].find(([id]) => id !== e.pointerId)![1];
      const factor = Math.hypot(p.x - other.x, p.y - other.y) / (Math.hypot(previous.x - other.x, previous.y - other.y) || 1);
      const s = this.clampScale(this.scale * factor);
      const mx = (previous.x + other.x) / 2, my = (previous.y + other.y) / 2;
      this.place(s, (p.x + other.x) / 2 - ((mx - this.tx) * s) / this.scale, (p.y + other.y) / 2 - ((my - this.ty) * s) / this.scale);
    }
  }

  private onPointerUp(e: PointerEvent): void {
    const click = this.pointers.size === 1 && this.press && !this.press.moved;
    this.pointers.delete(e.pointerId);
    if (!this.pointers.size) this.press = undefined;
    if (click && e.type === 'pointerup') this.activateAt(this.local(e));
    this.invalidate();
  }

  private onPointerLeave(e: PointerEvent): void {
    this.engaged = false;
    // After a tap the tooltip stays on the tapped seat: touch has no hover to bring it back.
    if (this.pointers.size || e.pointerType !== 'mouse') return;
    this.hover = this.tipSection = -1;
    if (!this.keyboard) this.tip = -1;
    this.invalidate();
  }

  private hoverAt(p: { x: number; y: number }): void {
    const ix = this.ix!;
    this.pointer = p;
    if (this.overview) {
      const i = seatAt(ix, (p.x - this.tx) / this.scale, (p.y - this.ty) / this.scale, Math.max(ix.pitch * 2, 8 / this.scale));
      this.hover = this.tip = -1;
      this.tipSection = i >= 0 ? ix.section[i]! : -1;
      this.canvas!.style.cursor = i >= 0 ? 'zoom-in' : '';
    } else {
      const i = this.seatUnder(p);
      this.tipSection = -1;
      if (i !== this.hover) {
        this.hover = i;
        this.keyboard = false;
        this.tip = i;
        if (i >= 0) emitSeatMapEvent(this, 'tk-seat-focus', { seatId: ix.geometry.seats.id[i]! });
      }
      this.canvas!.style.cursor = i >= 0 && (this.availability![i] === FREE || this.isSelected(i)) ? 'pointer' : '';
    }
    this.invalidate();
  }

  /** A click or tap: zooms in on an overview, else asks to toggle the seat under it. */
  private activateAt(p: { x: number; y: number }): void {
    const ix = this.ix!;
    if (this.overview) {
      this.tipSection = -1;
      this.animateTo(Math.max(this.scale * 2, 26 / ix.pitch), (p.x - this.tx) / this.scale, (p.y - this.ty) / this.scale);
      return;
    }
    const i = this.seatUnder(p);
    this.tip = i;
    if (i < 0) return;
    this.focusSeat = i;
    this.toggle(i);
  }

  /**
   * The wheel scrolls the page past the map, as on map widgets: it zooms with Ctrl or ⌘ (a
   * touchpad's pinch comes as Ctrl + wheel) or after a click into the map, and otherwise says so.
   */
  private onWheel(e: WheelEvent): void {
    if (!this.ix) return;
    if (!e.ctrlKey && !e.metaKey && !this.engaged) return this.flash(this.text.wheelHint(/Mac|iP/.test(navigator.userAgent)), 1500);
    e.preventDefault();
    cancelAnimationFrame(this.animation);
    this.animation = 0;
    const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1;
    const p = this.local(e);
    this.wheelUntil = performance.now() + 150;
    this.zoomAt(p.x, p.y, Math.min(2, Math.max(0.5, Math.exp(-e.deltaY * lines * 0.002))));
  }

  // ---- keyboard ----

  private onKeyDown(e: KeyboardEvent): void {
    const ix = this.ix;
    if (!ix?.n || e.altKey || e.ctrlKey || e.metaKey) return;
    const current = this.focusSeat >= 0 ? this.focusSeat : -1;
    const from = current >= 0 ? current : this.startSeat();
    let next = -1;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft':
        next = current < 0 ? from : alongRow(ix, current, e.key === 'ArrowRight' ? 1 : -1);
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        next = current < 0 ? from : acrossRows(ix, current, e.key === 'ArrowDown');
        break;
      case 'Home':
      case 'End':
        next = alongRow(ix, from, e.key === 'End' ? ix.n : -ix.n);
        break;
      case 'PageDown':
      case 'PageUp':
        next = otherSection(ix, from, e.key === 'PageDown' ? 1 : -1, (i) => this.availability![i] === FREE);
        break;
      case 'Enter':
      case ' ':
        if (current >= 0) this.toggle(current);
        else next = from;
        break;
      case '+':
      case '=':
        this.zoomIn();
        break;
      case '-':
      case '_':
        this.zoomOut();
        break;
      case '0':
        this.resetView();
        break;
      case 'Escape':
        this.tip = -1;
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next >= 0) this.moveFocus(next);
  }

  /** Where keyboard navigation starts: the free seat nearest the middle of the view. */
  private startSeat(): number {
    const ix = this.ix!;
    const [cx, cy] = this.centre();
    let best = 0;
    let bestScore = Infinity;
    for (let i = 0; i < ix.n; i++) {
      const score = (ix.x[i]! - cx) ** 2 + (ix.y[i]! - cy) ** 2 + (this.availability![i] === FREE ? 0 : 1e12);
      if (score < bestScore) (bestScore = score), (best = i);
    }
    return best;
  }

  private moveFocus(i: number): void {
    const ix = this.ix!;
    this.keyboard = true;
    this.focusSeat = this.tip = i;
    this.tipSection = -1;
    const x = ix.x[i]! * this.scale + this.tx;
    const y = ix.y[i]! * this.scale + this.ty;
    const margin = 56;
    if (ix.pitch * this.scale < 14) this.animateTo(Math.max(this.scale, 24 / ix.pitch), ix.x[i]!, ix.y[i]!);
    else if (x < margin || y < margin || x > this.width - margin || y > this.height - margin) this.animateTo(this.scale, ix.x[i]!, ix.y[i]!);
    this.say(this.describe(i));
    emitSeatMapEvent(this, 'tk-seat-focus', { seatId: ix.geometry.seats.id[i]! });
    this.invalidate();
  }

  // ---- list alternative ----

  private toggleList(): void {
    this.listView = !this.listView;
    if (this.listView && this.focusSeat >= 0) this.listSection = this.ix!.section[this.focusSeat]!;
    this.tip = this.tipSection = -1;
    this.invalidate();
  }

  private onListSection(e: Event): void {
    this.listSection = Number((e.target as HTMLSelectElement).value);
    this.listFocus = -1;
  }

  private listSeat(e: Event): number {
    const button = (e.target as Element).closest<HTMLElement>('[data-seat]');
    return button ? Number(button.dataset.seat) : -1;
  }

  private onListClick(e: Event): void {
    const i = this.listSeat(e);
    if (i < 0) return;
    this.listFocus = this.focusSeat = i;
    this.toggle(i);
  }

  private async onListKey(e: KeyboardEvent): Promise<void> {
    const ix = this.ix!;
    const i = this.listSeat(e);
    if (i < 0) return;
    const next = ({
      ArrowRight: () => alongRow(ix, i, 1),
      ArrowLeft: () => alongRow(ix, i, -1),
      ArrowDown: () => acrossRows(ix, i, true),
      ArrowUp: () => acrossRows(ix, i, false),
      Home: () => alongRow(ix, i, -ix.n),
      End: () => alongRow(ix, i, ix.n),
    } as Record<string, () => number>)[e.key]?.();
    if (next === undefined) return;
    e.preventDefault();
    this.listFocus = this.focusSeat = next;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-seat="${next}"]`)?.focus();
  }

  // ---- template ----

  protected override render() {
    const ix = this.ix;
    const t = this.text;
    const [x0, y0, x1, y1] = ix?.bounds ?? [0, 0, 4, 3];
    return html`<div part="base">
      <div part="stage" class="stage" ${cssProperties({ '--_ratio': `${x1 - x0} / ${y1 - y0}` })}>
        <canvas
          part="canvas"
          tabindex=${this.listView || !ix ? -1 : 0}
          ?hidden=${this.listView}
          role="application"
          aria-roledescription=${t.mapRoleDescription}
          aria-label=${ix ? `${t.mapLabel}: ${ix.geometry.plan.name}` : t.mapLabel}
          aria-describedby="instructions"
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
          @pointerleave=${this.onPointerLeave}
          @wheel=${this.wheel}
          @keydown=${this.onKeyDown}
          @focus=${this.invalidate}
          @blur=${this.onBlur}
        ></canvas>
        ${ix && this.listView ? this.renderList(ix) : nothing}
        <div part="tooltip" class="tip ${(this.tip >= 0 || this.tipSection >= 0) && !this.listView ? 'show' : ''}" aria-hidden="true">${this.renderTip()}</div>
        ${ix ? this.renderToolbar() : nothing}
        <div part="message" class="toast" aria-hidden="true" ?hidden=${!this.toast}>${this.toast}</div>
      </div>
      ${ix ? this.renderLegend(ix) : nothing}
      <p id="instructions" class="sr-only">${t.instructions}</p>
      <div class="sr-only" role="status">${this.announcement}</div>
    </div>`;
  }

  private onBlur(): void {
    if (this.keyboard) this.tip = -1;
    this.invalidate();
  }

  private renderToolbar() {
    const t = this.text;
    return html`<div part="toolbar" class="toolbar" role="group" aria-label=${t.controls}>
      ${this.listView
        ? nothing
        : html`<button part="control" type="button" title=${t.zoomOut} aria-label=${t.zoomOut} @click=${this.zoomOut}>${icon('M5 12h14')}</button>
            <button part="control" type="button" title=${t.zoomIn} aria-label=${t.zoomIn} @click=${this.zoomIn}>${icon('M12 5v14M5 12h14')}</button>
            <button part="control" type="button" title=${t.resetView} aria-label=${t.resetView} @click=${this.resetView}>
              ${icon('M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5')}
            </button>
            <span class="divider"></span>`}
      <button part="control" type="button" aria-pressed=${this.listView ? 'true' : 'false'} @click=${this.toggleList}>
        ${icon('M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01')}<span>${t.listView}</span>
      </button>
    </div>`;
  }

  private renderTip() {
    const ix = this.ix;
    const t = this.text;
    if (!ix || !this.availability) return nothing;
    if (this.tipSection >= 0) {
      return html`<strong class="tip-title">${ix.geometry.sections[this.tipSection]?.name}</strong>
        <div class="tip-state">${t.availableCount(this.number(this.sectionFree[this.tipSection] ?? 0))}</div>
        <div class="tip-hint">${t.zoomHint}</div>`;
    }
    const i = this.tip;
    if (i < 0) return nothing;
    const zone = this.zoneOf(i);
    const flags = this.flagTexts(i);
    return html`<strong class="tip-title">${ix.geometry.sections[ix.section[i]!]?.name}</strong>
      <div class="tip-place">
        <span>${t.row} <b>${ix.geometry.seats.row[i]}</b></span><span>${t.seat} <b>${ix.geometry.seats.number[i]}</b></span>
      </div>
      <div class="tip-zone">
        <span class="swatch" ${cssProperties({ '--_swatch': zone.color })}></span><span>${zone.name}</span>
        ${zone.price ? html`<span class="tip-price">${zone.price}</span>` : nothing}
      </div>
      <div class="tip-state" data-state=${this.stateOf(i)}>${this.stateText(i)}</div>
      ${flags.length ? html`<ul class="tip-flags">${flags.map((f) => html`<li>${f}</li>`)}</ul>` : nothing}`;
  }

  private renderLegend(ix: PlanIndex) {
    const t = this.text;
    const has = (bit: number) => (ix.allFlags & bit) !== 0;
    const state = (className: string, label: string) => html`<li class="state"><span class="swatch ${className}"></span>${label}</li>`;
    return html`<ul part="legend" class="legend" aria-label=${t.legend}>
      ${ix.geometry.zones.map(
        (zone) => html`<li>
          <span class="swatch" ${cssProperties({ '--_swatch': zone.color })}></span>${zone.name}
          ${this.prices[zone.id] ? html`<span class="price">${this.prices[zone.id]}</span>` : nothing}
        </li>`,
      )}
      ${state('selected', t.selected)} ${state('taken', t.unavailable)} ${this.held !== EMPTY ? state('held', t.held) : nothing}
      ${has(8) ? state('nfs', t.notForSale) : nothing}
      ${has(1)
        ? html`<li class="state">
            <span class="swatch wheelchair"
              ><svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="13" cy="5" r="1.6"></circle><path d="M12 8v5h5l1.5 4.5M16 16a5 5 0 1 1-6-5.5"></path></svg></span
            >${t.wheelchair}
          </li>`
        : nothing}
    </ul>`;
  }

  private renderList(ix: PlanIndex) {
    const t = this.text;
    const section = this.listSection;
    const rows: number[] = [];
    for (let r = ix.sectionRowStart[section]!; r < ix.sectionRowStart[section + 1]!; r++) rows.push(r);
    const first = rows.length ? ix.order[ix.rowStart[rows[0]!]!]! : -1;
    const tabbable = this.listFocus >= 0 && ix.section[this.listFocus] === section ? this.listFocus : first;
    return html`<div part="list" class="list" role="region" aria-label=${t.listLabel}>
      <label class="list-section"
        >${t.section}
        <select @change=${this.onListSection}>
          ${ix.geometry.sections.map(
            (s, k) => html`<option value=${k} ?selected=${k === section}>${s.name} · ${t.availableCount(this.number(this.sectionFree[k] ?? 0))}</option>`,
          )}
        </select>
      </label>
      <div @click=${this.onListClick} @keydown=${this.onListKey}>
        ${rows.map((r) => {
          const seats = Array.from(ix.order.subarray(ix.rowStart[r]!, ix.rowStart[r + 1]!));
          return html`<div class="list-row" role="group" aria-label=${t.listRow(ix.rowLabel[r]!)}>
            <span class="list-row-label" aria-hidden="true">${ix.rowLabel[r]}</span>
            <div class="list-seats">${seats.map((i) => this.renderListSeat(ix, i, i === tabbable))}</div>
          </div>`;
        })}
      </div>
    </div>`;
  }

  private renderListSeat(ix: PlanIndex, i: number, tabbable: boolean) {
    const zone = this.zoneOf(i);
    const state = this.stateOf(i);
    const mine = this.isSelected(i);
    // The whole name (section, row, seat): a screen reader jumping between buttons does not hear the row's group label.
    const label = [this.seatName(i), zone.name, zone.price, state === 'free' ? '' : this.stateText(i), ...this.flagTexts(i)];
    return html`<button
      type="button"
      class="list-seat"
      data-seat=${i}
      tabindex=${tabbable ? 0 : -1}
      aria-pressed=${mine ? 'true' : 'false'}
      aria-disabled=${state === 'free' || mine ? 'false' : 'true'}
      aria-label=${label.filter(Boolean).join(', ')}
      ${cssProperties({ '--_zone': zone.color })}
    >
      ${ix.geometry.seats.number[i]}
    </button>`;
  }
}

/*
 * Keyboard and screen readers: the canvas is one tab stop with role="application", so screen
 * readers hand the arrow keys to it, and the focused seat is announced through a polite live
 * region. aria-activedescendant was not chosen: it needs a DOM element per seat (100,000
 * nodes would undo the point of the canvas), and one proxy element whose content changes is
 * announced inconsistently across screen readers. Reading mode users get the list
 * alternative instead: real buttons with aria-pressed, one section at a time.
 */
defineElement('tk-seat-map', TkSeatMap);

declare global {
  interface HTMLElementTagNameMap {
    'tk-seat-map': TkSeatMap;
  }
}
