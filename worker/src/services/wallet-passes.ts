import type { orders } from '../../../db/schema/orders.js';
import type { Db } from '../db.js';
import type { Deps, Shop } from '../env.js';
import { ApiError } from '../errors.js';
import type { AppleWalletSettings, GoogleWalletSettings } from '../wallet/settings.js';
import type { WalletTicket } from '../wallet/wallet-ticket.js';
import { performancesOnPaper, printableTickets } from './ticket-documents.js';
import { seatPlaces } from './seat-places.js';

type OrderRow = typeof orders.$inferSelect;

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

/** One valid ticket of a paid order with what a pass shows (the same refusals as the ticket PDF). */
export async function walletTicket(db: Db, shop: Shop, order: OrderRow, ticketNumber: string): Promise<WalletTicket> {
  // With a number, printableTickets answers that one valid ticket or refuses (404/409).
  const [ticket] = await printableTickets(db, order, ticketNumber);
  if (!ticket) throw new ApiError(404, 'ticket_not_found', 'This order has no ticket with this number.');
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

/** A .pkpass as an HTTP answer: Safari hands application/vnd.apple.pkpass straight to Wallet. */
export function pkpassResponse(pass: Uint8Array, ticketNumber: string): Response {
  return new Response(pass as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'Content-Type': 'application/vnd.apple.pkpass',
      'Content-Disposition': `attachment; filename="ticket-${ticketNumber}.pkpass"`,
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
