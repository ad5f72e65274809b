import { and, eq, or, sql } from 'drizzle-orm';
import { shops } from '../../../db/schema/catalog.js';
import { orders, tickets } from '../../../db/schema/orders.js';
import { walletPasses } from '../../../db/schema/wallet.js';
import type { Db } from '../db.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { AppleWalletSettings, GoogleWalletSettings } from '../wallet/settings.js';
import type { WalletTicket } from '../wallet/wallet-ticket.js';
import { performancesOnPaper, printableTickets } from './ticket-documents.js';
import { seatPlaces } from './seat-places.js';

type OrderRow = typeof orders.$inferSelect;
type TicketRow = typeof tickets.$inferSelect;

/** The platform's credentials for this wallet, or the clear refusal when it is not set up (never a 5xx). */
export function walletOffered(deps: Deps, wallet: 'apple'): AppleWalletSettings;
export function walletOffered(deps: Deps, wallet: 'google'): GoogleWalletSettings;
export function walletOffered(deps: Deps, wallet: 'apple' | 'google'): AppleWalletSettings | GoogleWalletSettings {
  const settings = deps.wallets?.[wallet];
  if (!settings) {
    throw new ApiError(404, 'wallet_not_offered', wallet === 'apple' ? 'This shop does not offer Apple Wallet passes.' : 'This shop does not offer Google Wallet passes.', { wallet });
  }
  return settings;
}

/** A ticket's pass serial: the first ticket of its exchange chain. */
export function passSerialOf(ticket: Pick<TicketRow, 'id' | 'walletSerial'>): string {
  return ticket.walletSerial ?? ticket.id;
}

/** What a pass shows for this ticket (valid, or the cancelled end of a chain: voided). */
async function walletTicketOf(db: Db, shop: Shop, order: OrderRow, ticket: TicketRow): Promise<WalletTicket> {
  const language = order.buyerLanguage;
  const [places, shows] = await Promise.all([seatPlaces(db, [ticket.seatId]), performancesOnPaper(db, [ticket.performanceId], language)]);
  const show = shows.get(ticket.performanceId)!;
  return {
    shopId: shop.id,
    shopName: shop.name,
    timeZone: shop.timeZone,
    currency: order.currency,
    language,
    brandColor: shop.brandColor,
    allowedOrigins: shop.allowedOrigins,
    orderNumber: order.number,
    buyerName: order.buyerName,
    serial: passSerialOf(ticket),
    voided: ticket.status !== 'valid',
    ticket: {
      id: ticket.id,
      number: ticket.number,
      qrPayload: ticket.qrPayload,
      tariffName: ticket.tariffName,
      price: ticket.price - ticket.discount,
      seat: ticket.seatId === null ? null : (places.get(ticket.seatId) ?? null),
      seatLabel: ticket.seatLabel,
    },
    performance: { id: ticket.performanceId, eventTitle: show.eventTitle, startsAt: show.startsAt, doorsAt: show.doorsAt, venueName: show.venueName, venueAddress: show.venueAddress },
  };
}

/** One valid ticket of a paid order with what a pass shows (the same refusals as the ticket PDF). */
export async function walletTicket(db: Db, shop: Shop, order: OrderRow, ticketNumber: string): Promise<WalletTicket> {
  // With a number, printableTickets answers that one valid ticket or refuses (404/409).
  const [ticket] = await printableTickets(db, order, ticketNumber);
  if (!ticket) throw new ApiError(404, 'ticket_not_found', 'This order has no ticket with this number.');
  return walletTicketOf(db, shop, order, ticket);
}

/**
 * Remembers that a pass was handed out (and, with `google`, that its Google object exists from
 * now on, so changes are sent to Google): one upsert, the first hand-out's times kept.
 */
export async function recordPassHandedOut(db: Db, shopId: string, serial: string, now: number, wallet: 'apple' | 'google'): Promise<void> {
  await db
    .insert(walletPasses)
    .values({ serial, shopId, googleLinkedAt: wallet === 'google' ? now : null, createdAt: now, changedAt: now })
    .onConflictDoUpdate({ target: walletPasses.serial, set: { googleLinkedAt: sql`coalesce(${walletPasses.googleLinkedAt}, excluded.google_linked_at)` } });
}

/** A pass as the wallets must show it now: the last ticket of its chain, with when it last changed. */
export interface LatestPass {
  ticket: WalletTicket;
  /** Epoch ms (wallet_passes.changed_at): Last-Modified. */
  changedAt: number;
}

/**
 * The last ticket of the chain that starts at `serial` (the one no exchange replaced), its
 * order and shop; undefined when the serial is no ticket's.
 */
export async function latestPass(db: Db, serial: string): Promise<LatestPass | undefined> {
  const [row] = await db
    .select({ ticket: tickets, order: orders, shop: shops, changedAt: walletPasses.changedAt })
    .from(tickets)
    .innerJoin(orders, eq(orders.id, tickets.orderId))
    .innerJoin(shops, eq(shops.id, tickets.shopId))
    .leftJoin(walletPasses, eq(walletPasses.serial, serial))
    .where(
      and(
        or(eq(tickets.id, serial), eq(tickets.walletSerial, serial)),
        // The chain's last ticket: none replaced it.
        sql`NOT EXISTS (SELECT 1 FROM ${tickets} AS next_ticket WHERE next_ticket.replaces_ticket_id = ${tickets.id})`,
      ),
    )
    .limit(1);
  if (!row) return undefined;
  return { ticket: await walletTicketOf(db, row.shop, row.order, row.ticket), changedAt: row.changedAt ?? row.ticket.createdAt };
}

/** A .pkpass as an HTTP answer: Safari hands application/vnd.apple.pkpass straight to Wallet. */
export function pkpassResponse(pass: Uint8Array, ticketNumber: string, headers: Record<string, string> = {}): Response {
  return new Response(pass as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'Content-Type': 'application/vnd.apple.pkpass',
      'Content-Disposition': `attachment; filename="ticket-${ticketNumber}.pkpass"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      ...headers,
    },
  });
}
