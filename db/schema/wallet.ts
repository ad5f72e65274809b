import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { shops } from './catalog.js';
import { walletKinds, walletUpdateStatuses } from '../../contract/wallet.js';
export { walletKinds, walletUpdateStatuses };

/**
 * A ticket's pass in a phone's wallet, keyed by its serial: the id of the first ticket of its
 * exchange chain (tickets.wallet_serial), so a pass keeps its serial and shows whichever ticket
 * replaced it. Written when the pass or the Google link is handed out; `changed_at` is moved by
 * the triggers of migration wallet_update_triggers whenever a ticket of the chain changes, and
 * is the pass's Last-Modified.
 */
export const walletPasses = sqliteTable('wallet_passes', {
  serial: text('serial').primaryKey(),
  shopId: text('shop_id')
    .notNull()
    .references(() => shops.id),
  /** When the Google Wallet save link was first handed out: from then on Google's object is patched on every change. */
  googleLinkedAt: integer('google_linked_at'),
  createdAt: integer('created_at').notNull(),
  /** Epoch ms of the last change of a ticket of the chain (or of the first hand-out). */
  changedAt: integer('changed_at').notNull(),
});

/**
 * Apple's web service: a device (its library id) that wants pushes for a pass, with the push
 * token it gave (read at send time, so a device that registers again with a new token gets it).
 * Removed when the device unregisters or APNs answers 410.
 */
export const walletDeviceRegistrations = sqliteTable(
  'wallet_device_registrations',
  {
    deviceLibraryId: text('device_library_id').notNull(),
    passTypeId: text('pass_type_id').notNull(),
    serial: text('serial').notNull(),
    pushToken: text('push_token').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceLibraryId, t.passTypeId, t.serial] }), index('wallet_device_registrations_serial_idx').on(t.serial)],
);

/**
 * What the wallets must be told: one row per Apple device (an empty push) or per Google object
 * (a PATCH) and change. The triggers write them in the batch of the change; at most one
 * `pending` row per target, so changes that come before the push are told by one push (Wallet
 * fetches the latest pass anyway). The job claims rows with a conditional UPDATE (status
 * `sending`, claim id, claimed_until) and retries with backoff.
 */
export const walletUpdates = sqliteTable(
  'wallet_updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    wallet: text('wallet', { enum: walletKinds }).notNull(),
    serial: text('serial').notNull(),
    /** Apple: the registered device; '' for Google (one object per pass). */
    deviceLibraryId: text('device_library_id').notNull().default(''),
    status: text('status', { enum: walletUpdateStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    claimId: text('claim_id'),
    claimedUntil: integer('claimed_until'),
    /** The last failure, for staff (an HTTP status and a word; never a token). */
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [
    index('wallet_updates_due_idx').on(t.status, t.nextAttemptAt),
    // The triggers add a row only when no pending one exists for the target; this makes a second one impossible.
    uniqueIndex('wallet_updates_pending_uq')
      .on(t.wallet, t.serial, t.deviceLibraryId)
      .where(sql`${t.status} = 'pending'`),
    check('wallet_updates_target', sql`(${t.wallet} = 'apple') = (${t.deviceLibraryId} <> '')`),
  ],
);
