import { getTableColumns, sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema/orders.js';
import { type BoundStatement, compiledCache } from '../bound-statements.js';
import { chunkRows, type Db } from '../db.js';
import { newId, newTicketNumber } from '../domain/ids.js';
import { type HoldItem, type TicketPrice, ticketCommission } from '../domain/pricing.js';
import { signTicket } from '../domain/ticket-signature.js';
import type { Shop } from '../env.js';

/** The columns every issued ticket sets (the others keep their defaults). */
const ISSUED_KEYS = [
  'id',
  'shopId',
  'orderId',
  'performanceId',
  'number',
  'seatId',
  'seatLabel',
  'tariffId',
  'tariffName',
  'price',
  'discount',
  'passId',
  'insurancePremium',
  'commission',
  'qrPayload',
  'status',
  'createdAt',
] as const;

export type TicketRow = Pick<Required<typeof tickets.$inferInsert>, (typeof ISSUED_KEYS)[number]>;

/**
 * One ticket per unit sold, each with its number, signed QR payload and what the pricing
 * gave it (discount, pass, insurance premium) and the platform's commission. Used by checkout
 * (card, free) and when an invoice is paid, so every ticket is made the same way.
 * `prices` are priceOrder's tickets for these items, in the items' order.
 */
export async function issueTickets(
  shop: Shop,
  orderId: string,
  performanceId: string,
  items: readonly HoldItem[],
  prices: readonly TicketPrice[],
  now: number,
): Promise<TicketRow[]> {
  const rows: TicketRow[] = [];
  for (const [itemIndex, item] of items.entries()) {
    const priced = prices.filter((p) => p.itemIndex === itemIndex);
    for (let i = 0; i < item.quantity; i++) {
      const number = newTicketNumber();
      const price = priced[i];
      const netPrice = price ? price.netPrice : item.unitPrice;
      rows.push({
        id: newId('tkt'),
        shopId: shop.id,
        orderId,
        performanceId,
        number,
        seatId: item.seatId,
        seatLabel: item.seatLabel,
        tariffId: item.tariffId,
        tariffName: item.tariffName,
        price: item.unitPrice,
        discount: price?.discount ?? 0,
        passId: price?.passId ?? null,
        insurancePremium: price?.insurancePremium ?? 0,
        commission: ticketCommission(netPrice, shop.commissionPerTicket, shop.commissionBasisPoints),
        qrPayload: await signTicket(shop.signingPrivateKey, { shopId: shop.id, ticketNumber: number, performanceId }),
        status: 'valid',
        createdAt: now,
      });
    }
  }
  return rows;
}

/**
 * A ticket binds one parameter per column of the table (drizzle fills the defaults): D1 binds
 * at most 100 parameters a statement, so larger orders need chunks.
 */
const TICKET_COLUMNS = Object.keys(getTableColumns(tickets)).length;

/** The insert of `count` tickets, compiled once per database and count (a sale's tickets are bound, not built). */
const insertTickets = compiledCache((db, count) =>
  db.insert(tickets).values(Array.from({ length: count }, (_, i) => Object.fromEntries(ISSUED_KEYS.map((key) => [key, sql.placeholder(`${key}${i}`)])) as unknown as TicketRow)),
);

export function insertTicketStatements(db: Db, rows: TicketRow[], maxParams: number): BoundStatement[] {
  return chunkRows(rows, TICKET_COLUMNS, maxParams).map((chunk) => {
    const values: Record<string, unknown> = {};
    chunk.forEach((row, i) => {
      for (const key of ISSUED_KEYS) values[`${key}${i}`] = row[key];
    });
    return insertTickets(db, chunk.length)(values);
  });
}
