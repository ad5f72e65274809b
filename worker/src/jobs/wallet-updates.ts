import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { walletDeviceRegistrations, walletUpdates } from '../../../db/schema/wallet.js';
import type { Db } from '../db.js';
import { afterFailure, type DeliveryPolicy } from '../domain/delivery-retry.js';
import { newSecret } from '../domain/ids.js';
import type { WalletPushDeps } from '../env.js';
import { latestPass } from '../services/wallet-passes.js';
import { updateGoogleObject } from '../wallet/google-objects.js';
import type { WalletSettings } from '../wallet/settings.js';

// 30 s, 1, 2, 4 … minutes, then hourly: ten attempts over about six hours; a claim is another run's after 2 minutes.
export const walletUpdatePolicy: DeliveryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10, leaseMs: 2 * 60_000 };

export interface WalletUpdateOptions {
  wallets: WalletSettings | undefined;
  push: WalletPushDeps | undefined;
  now: () => number;
  limits?: { chunk: number; maxChunks: number } | undefined;
  policy?: DeliveryPolicy | undefined;
}

type UpdateRow = typeof walletUpdates.$inferSelect;
type Outcome = { status: 'sent' } | { status: 'gone'; error: string } | { status: 'failed'; error: string; permanent: boolean };

/**
 * Tells the wallets about changed passes: the rows the ticket triggers queued (migration
 * wallet_update_triggers). Rows are claimed by one conditional UPDATE stamped with this run's
 * claim id, so two runs at once never send the same row, and only the claimant records the
 * outcome; a claim left by a run that died is taken over once its lease has passed. Apple: an
 * empty push per device (410: the device is gone, its registration is deleted). Google: the
 * object patched (404: the buyer never saved it). Failures are retried with backoff.
 * A wallet without credentials or without a sender is not claimed: its rows wait.
 */
export async function sendWalletUpdates(db: Db, options: WalletUpdateOptions) {
  const policy = options.policy ?? walletUpdatePolicy;
  const limits = options.limits ?? { chunk: 50, maxChunks: 10 };
  const apple = options.wallets?.apple && options.push?.apns ? { settings: options.wallets.apple, send: options.push.apns } : undefined;
  const google = options.wallets?.google;
  const fetcher = options.push?.fetch ?? fetch;
  const kinds = [...(apple ? (['apple'] as const) : []), ...(google ? (['google'] as const) : [])];
  const counts = { sent: 0, retrying: 0, failed: 0, dropped: 0 };
  if (kinds.length === 0) return counts;
  for (let round = 0; round < limits.maxChunks; round++) {
    const now = options.now();
    const claimId = newSecret();
    const due = and(
      inArray(walletUpdates.wallet, kinds),
      or(and(eq(walletUpdates.status, 'pending'), lte(walletUpdates.nextAttemptAt, now)), and(eq(walletUpdates.status, 'sending'), lte(walletUpdates.claimedUntil, now))),
    );
    const ids = db.select({ id: walletUpdates.id }).from(walletUpdates).where(due).orderBy(asc(walletUpdates.id)).limit(limits.chunk);
    const claimed = await db
      .update(walletUpdates)
      .set({ status: 'sending', claimId, claimedUntil: now + policy.leaseMs, attempts: sql`${walletUpdates.attempts} + 1` })
      .where(and(inArray(walletUpdates.id, ids), due))
      .returning();
    if (claimed.length === 0) break;
    for (const row of claimed) {
      const outcome: Outcome = row.wallet === 'apple' ? await pushToDevice(db, row, apple!) : await patchGoogleObject(db, row, google!, fetcher, options.now());
      await record(db, row, claimId, outcome, options.now(), policy);
      if (outcome.status === 'sent') counts.sent++;
      else if (outcome.status === 'gone') counts.dropped++;
      else if (outcome.permanent || row.attempts >= policy.maxAttempts) counts.failed++;
      else counts.retrying++;
    }
    if (claimed.length < limits.chunk) break;
  }
  return counts;
}

async function pushToDevice(db: Db, row: UpdateRow, apple: { settings: NonNullable<WalletSettings['apple']>; send: NonNullable<WalletPushDeps['apns']> }): Promise<Outcome> {
  const [registration] = await db
    .select({ pushToken: walletDeviceRegistrations.pushToken })
    .from(walletDeviceRegistrations)
    .where(and(eq(walletDeviceRegistrations.deviceLibraryId, row.deviceLibraryId), eq(walletDeviceRegistrations.passTypeId, apple.settings.passTypeIdentifier), eq(walletDeviceRegistrations.serial, row.serial)));
  if (!registration) return { status: 'gone', error: 'the device unregistered' };
  const answer = await apple.send(apple.settings, registration.pushToken);
  if (answer.status === 200) return { status: 'sent' };
  if (answer.status === 410) {
    // The device no longer takes pushes for this token: forget it (unless it registered again meanwhile with another token).
    await db
      .delete(walletDeviceRegistrations)
      .where(
        and(
          eq(walletDeviceRegistrations.deviceLibraryId, row.deviceLibraryId),
          eq(walletDeviceRegistrations.serial, row.serial),
          eq(walletDeviceRegistrations.pushToken, registration.pushToken),
        ),
      );
    return { status: 'gone', error: 'APNs answered 410 (unregistered)' };
  }
  if (answer.status === null) return { status: 'failed', error: `no answer from APNs (${answer.error})`, permanent: false };
  // 400 BadDeviceToken and the like will not change; 403 (certificate), 429 and 5xx may.
  const permanent = answer.status === 400 || answer.status === 404 || answer.status === 413;
  return { status: 'failed', error: `APNs answered ${answer.status}${answer.reason ? ` ${answer.reason}` : ''}`, permanent };
}

async function patchGoogleObject(db: Db, row: UpdateRow, google: NonNullable<WalletSettings['google']>, fetcher: typeof fetch, now: number): Promise<Outcome> {
  const pass = await latestPass(db, row.serial);
  if (!pass) return { status: 'gone', error: 'no ticket has this serial' };
  return updateGoogleObject(google, pass.ticket, fetcher, now);
}

/**
 * The claimant's record of an attempt. A failure goes back to pending for its next attempt,
 * unless a newer change queued a pending row for the same target meanwhile: that row tells the
 * same (the latest) pass, so this one is closed. One batch, both conditional on the claim.
 */
async function record(db: Db, row: UpdateRow, claimId: string, outcome: Outcome, now: number, policy: DeliveryPolicy): Promise<void> {
  const mine = and(eq(walletUpdates.id, row.id), eq(walletUpdates.claimId, claimId), eq(walletUpdates.status, 'sending'));
  if (outcome.status === 'sent') {
    await db.update(walletUpdates).set({ status: 'sent', claimId: null, claimedUntil: null, lastError: null, doneAt: now }).where(mine);
    return;
  }
  if (outcome.status === 'gone') {
    await db.update(walletUpdates).set({ status: 'dropped', claimId: null, claimedUntil: null, lastError: outcome.error, doneAt: now }).where(mine);
    return;
  }
  const next = afterFailure(row.attempts, outcome.permanent, now, policy);
  if (next.status === 'failed') {
    await db.update(walletUpdates).set({ status: 'failed', claimId: null, claimedUntil: null, lastError: outcome.error, doneAt: now }).where(mine);
    return;
  }
  const newer = sql`EXISTS (SELECT 1 FROM ${walletUpdates} AS newer WHERE newer.status = 'pending' AND newer.wallet = ${row.wallet} AND newer.serial = ${row.serial} AND newer.device_library_id = ${row.deviceLibraryId})`;
  await db.batch([
    db.update(walletUpdates).set({ status: 'dropped', claimId: null, claimedUntil: null, lastError: `${outcome.error}; superseded by a newer update`, doneAt: now }).where(and(mine, newer)),
    db.update(walletUpdates).set({ status: 'pending', claimId: null, claimedUntil: null, nextAttemptAt: next.nextAttemptAt, lastError: outcome.error }).where(mine),
  ]);
}
