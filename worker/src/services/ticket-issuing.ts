import type { BatchItem } from 'drizzle-orm/batch';
import { tickets } from '../../../db/schema/orders.js';
import { chunkRows, type Db } from '../db.js';
import { newId, newTicketNumber } from '../domain/ids.js';
import type { HoldItem } from '../domain/pricing.js';
import { signTicket } from '../domain/ticket-signature.js';
import type { Shop } from '../env.js';

export type TicketRow = typeof tickets.$inferInsert;

/**
 * One ticket per unit sold, each with its number and signed QR payload. Used by checkout
 * (card, free) and when an invoice is paid, so every ticket is made the same way.
 */
export async function issueTickets(shop: Shop, orderId: string, performanceId: string, items: readonly HoldItem[], now: number): Promise<TicketRow[]> {
  const rows: TicketRow[] = [];
  for (const item of items) {
    for (let i = 0; i < item.quantity; i++) {
      const number = newTicketNumber();
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
        qrPayload: await signTicket(shop.signingPrivateKey, { shopId: shop.id, ticketNumber: number, performanceId }),
        status: 'valid',
        createdAt: now,
      });
    }
  }
  return rows;
}

/** 14 columns a ticket: D1 binds at most 100 parameters a statement, so 8+ tickets need chunks. */
export function insertTicketStatements(db: Db, rows: TicketRow[], maxParams: number): BatchItem<'sqlite'>[] {
  return chunkRows(rows, 14, maxParams).map((chunk) => db.insert(tickets).values(chunk));
}
