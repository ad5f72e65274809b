import { asc, sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema/orders.js';

/**
 * Tickets in the order they were issued, the one order every list of an order's tickets uses
 * (order page, PDF, calendar, e-mails, exchanges, cancellations, exports). A batch inserts a
 * sale's tickets in the order of its seats and general-admission places (the slots the buyer's
 * answers name) and rowids only grow, so after the issue time the rowid keeps that order;
 * ticket numbers are random, and ordering by them shuffled the places of one sale.
 */
export const issueOrder = [asc(tickets.createdAt), sql`${tickets}.rowid`] as const;
