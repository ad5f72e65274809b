/** The buyer asks to add (`selected: true`) or drop a seat; the host decides and updates `selected`. */
export interface SeatToggleDetail {
  seatId: number;
  selected: boolean;
}

/** The seat under the pointer or the keyboard focus changed. */
export interface SeatFocusDetail {
  seatId: number;
}

/** Seats of `selected` that became unavailable (someone else holds or bought them). */
export interface SeatLostDetail {
  seatIds: number[];
}

/** A plan's first frame is on screen: how many seats, and the milliseconds since the element was connected or given the plan (the later). */
export interface SeatMapPaintedDetail {
  seats: number;
  ms: number;
}

export interface SeatMapEventMap {
  'tk-seat-toggle': SeatToggleDetail;
  'tk-seat-focus': SeatFocusDetail;
  'tk-seat-lost': SeatLostDetail;
  'tk-seat-map-painted': SeatMapPaintedDetail;
}

declare global {
  interface HTMLElementEventMap {
    'tk-seat-toggle': CustomEvent<SeatToggleDetail>;
    'tk-seat-focus': CustomEvent<SeatFocusDetail>;
    'tk-seat-lost': CustomEvent<SeatLostDetail>;
    'tk-seat-map-painted': CustomEvent<SeatMapPaintedDetail>;
  }
}

/** Dispatches a seat-map event from `target`: bubbling, composed, not cancelable. */
export function emitSeatMapEvent<K extends keyof SeatMapEventMap>(target: EventTarget, type: K, detail: SeatMapEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
