/**
 * The cart changes that race a checkout of the same hold, shared by the race tests on Node
 * (real HTTP) and in workerd (D1): what each change sends, and what the order must hold when
 * both the checkout and the change answered.
 */

export const CART_CHANGES = ['swap', 'remove', 'add', 'tariff', 'code_apply', 'code_remove'] as const;
export type CartChange = (typeof CART_CHANGES)[number];

/** The change's spread over the checkout's steps: 0–10 ms after the checkout is sent. */
export const RACE_OFFSETS_MS = [0, 1, 2, 3, 5, 7, 10];

/** The promo code the code changes apply or remove (10 % per ticket on the demo play). */
export const RACE_PROMO = 'BIENVENUE';

/**
 * Three seats per round: x is in the cart, z too when a seat is removed, y is the one a swap
 * or an addition brings; x's zone has a second tariff for the tariff change.
 */
export interface RaceSeats {
  x: number;
  y: number;
  z: number;
  otherTariffOfX: string | undefined;
}

/** The seats the hold starts with. */
export const initialSeats = (change: CartChange, { x, z }: RaceSeats) => (change === 'remove' ? [x, z] : [x]);

/** The request that changes the hold at `holdPath`. */
export function changeRequest(change: CartChange, holdPath: string, seats: RaceSeats): { method: string; path: string; body?: unknown } {
  const { x, y } = seats;
  switch (change) {
    case 'swap':
      return { method: 'PATCH', path: holdPath, body: { removeSeats: [x], addSeats: [{ seatId: y }] } };
    case 'remove':
      return { method: 'PATCH', path: holdPath, body: { removeSeats: [x] } };
    case 'add':
      return { method: 'PATCH', path: holdPath, body: { addSeats: [{ seatId: y }] } };
    case 'tariff':
      return { method: 'PATCH', path: holdPath, body: { seatTariffs: [{ seatId: x, tariffId: seats.otherTariffOfX }] } };
    case 'code_apply':
      return { method: 'POST', path: `${holdPath}/codes`, body: { code: RACE_PROMO } };
    case 'code_remove':
      return { method: 'DELETE', path: `${holdPath}/codes/${RACE_PROMO}` };
  }
}

/** What a paid (or invoiced) order must hold: the cart as it was priced, with the change only if the change answered 2xx. */
export function expectedOrder(change: CartChange, seats: RaceSeats, changedFirst: boolean) {
  const { x, y, z } = seats;
  const before = initialSeats(change, seats);
  const after = change === 'swap' ? [y] : change === 'remove' ? [z] : change === 'add' ? [x, y] : before;
  const codesBefore = change === 'code_remove' ? [RACE_PROMO] : [];
  const codesAfter = change === 'code_apply' ? [RACE_PROMO] : change === 'code_remove' ? [] : codesBefore;
  return {
    seatIds: [...(changedFirst ? after : before)].sort((a, b) => a - b),
    codes: changedFirst ? codesAfter : codesBefore,
    tariffOfX: changedFirst && change === 'tariff' ? seats.otherTariffOfX : undefined,
  };
}

/** The seats an order (paid: its tickets; invoiced: its ticket lines) holds, in order. */
export function orderSeatIds(order: { status: string; tickets?: { seatId: number | null }[]; lines: { kind: string; seatId: number | null }[] }): number[] {
  const sold = order.status === 'invoiced' ? order.lines.filter((l) => l.kind === 'ticket') : (order.tickets ?? []);
  return sold.map((t) => t.seatId!).sort((a, b) => a - b);
}
