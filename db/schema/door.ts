import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { performances, shops } from './catalog.js';
import { tickets } from './orders.js';
import { admissionModes } from '../../contract/door.js';

/**
 * Every time a person was let in on a ticket: online scans as they happen, offline scans when
 * the scanner syncs. A ticket's first admission is its earliest scan (tickets.admitted_at holds
 * its time); every later one is a duplicate for staff to look at. The unique key makes a sync
 * sent twice record nothing twice.
 */
export const admissions = sqliteTable(
  'admissions',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id')
      .notNull()
      .references(() => shops.id),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id),
    performanceId: text('performance_id')
      .notNull()
      .references(() => performances.id),
    /** The scanner's own id (null for an online scan that named none). */
    deviceId: text('device_id'),
    door: text('door'),
    /** The device's clock when it admitted the person. */
    scannedAt: integer('scanned_at').notNull(),
    /** The server's clock when the admission reached it. */
    recordedAt: integer('recorded_at').notNull(),
    mode: text('mode', { enum: admissionModes }).notNull(),
  },
  (t) => [
    uniqueIndex('admissions_scan_uq').on(t.ticketId, t.deviceId, t.scannedAt),
    index('admissions_performance_idx').on(t.performanceId, t.scannedAt),
    check('admissions_mode_known', sql`${t.mode} IN ('online', 'offline')`),
  ],
);

/**
 * The one-row counter behind tickets.door_version (id is always 1). Only the triggers of the
 * migration door_version_triggers write it.
 */
export const doorVersionCounter = sqliteTable('door_version_counter', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});
