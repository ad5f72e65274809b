import type { OrderLineRecord } from '../../../db/schema/orders.js';

/** One priced unit of a hold: a seat, or a general-admission quantity of one tariff. */
export interface HoldItem {
  tariffId: string;
  tariffName: string;
  unitPrice: number;
  quantity: number;
  seatId: number | null;
  seatLabel: string | null;
}

export interface PricingPolicy {
  currency: string;
  /** Charged once per ticket that costs something; free tickets carry no fee. */
  serviceFeePerTicket: number;
}

export interface PricedOrder {
  currency: string;
  lines: OrderLineRecord[];
  ticketCount: number;
  subtotal: number;
  fees: number;
  total: number;
}

/**
 * Prices a hold. All amounts are integer minor units (centimes), so no rounding happens
 * here; discounts and insurance (later issues) extend this one function.
 */
export function priceHold(items: readonly HoldItem[], policy: PricingPolicy): PricedOrder {
  const lines: OrderLineRecord[] = items.map((item) => ({
    kind: 'ticket',
    label: item.seatLabel ? `${item.tariffName} · ${item.seatLabel}` : item.tariffName,
    tariffId: item.tariffId,
    seatId: item.seatId,
    quantity: item.quantity,
    unitAmount: item.unitPrice,
    amount: item.unitPrice * item.quantity,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const paidTickets = items.reduce((sum, item) => sum + (item.unitPrice > 0 ? item.quantity : 0), 0);
  const fees = paidTickets * policy.serviceFeePerTicket;
  if (fees > 0) {
    lines.push({
      kind: 'fee',
      label: 'Service fee',
      tariffId: null,
      seatId: null,
      quantity: paidTickets,
      unitAmount: policy.serviceFeePerTicket,
      amount: fees,
    });
  }
  const ticketCount = items.reduce((sum, item) => sum + item.quantity, 0);
  return { currency: policy.currency, lines, ticketCount, subtotal, fees, total: subtotal + fees };
}
