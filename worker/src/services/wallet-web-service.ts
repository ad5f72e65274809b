import { and, eq, gt, or, sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema/orders.js';
import { walletDeviceRegistrations, walletPasses } from '../../../db/schema/wallet.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { passTokenMatches } from '../wallet/pass-auth.js';
import type { AppleWalletSettings } from '../wallet/settings.js';
import { type LatestPass, latestPass } from './wallet-passes.js';

/**
 * Apple Wallet's web service (PassKit Web Service Reference, v1): what a phone's Wallet asks
 * for the passes this platform issued. Every pass is authenticated by its own token
 * (wallet/pass-auth.ts); the pass type must be the platform's.
 */

/** The pass behind a request, once its pass type and `ApplePass` token are right (401 before anything is told about the serial). */
export async function authorizedPass(db: Db, settings: AppleWalletSettings, passTypeIdentifier: string, serial: string, authorization: string | undefined): Promise<LatestPass> {
  if (!(await passTokenMatches(settings, serial, authorization))) {
    throw new ApiError(401, 'wallet_pass_unauthorized', 'This request does not carry the authentication token of this pass.');
  }
  const pass = passTypeIdentifier === settings.passTypeIdentifier ? await latestPass(db, serial) : undefined;
  if (!pass) throw new ApiError(404, 'wallet_pass_not_found', 'There is no pass with this pass type and serial number.');
  return pass;
}

/**
 * Registers a device for a pass's pushes, in one batch: the pass's row (its changed_at is the
 * trigger's to move from now on), the registration if new, and the push token the device gave
 * now. Answers whether the registration is new (201) or was there (200).
 */
export async function registerDevice(db: Db, pass: LatestPass, device: { deviceLibraryId: string; passTypeId: string; pushToken: string }, now: number): Promise<'created' | 'existing'> {
  const { serial, shopId } = pass.ticket;
  const key = and(
    eq(walletDeviceRegistrations.deviceLibraryId, device.deviceLibraryId),
    eq(walletDeviceRegistrations.passTypeId, device.passTypeId),
    eq(walletDeviceRegistrations.serial, serial),
  );
  const [, inserted] = await db.batch([
    db.insert(walletPasses).values({ serial, shopId, createdAt: now, changedAt: pass.changedAt }).onConflictDoNothing(),
    db
      .insert(walletDeviceRegistrations)
      .values({ deviceLibraryId: device.deviceLibraryId, passTypeId: device.passTypeId, serial, pushToken: device.pushToken, createdAt: now })
      .onConflictDoNothing()
      .returning({ serial: walletDeviceRegistrations.serial }),
    db.update(walletDeviceRegistrations).set({ pushToken: device.pushToken }).where(key),
  ]);
  return inserted.length > 0 ? 'created' : 'existing';
}

export async function unregisterDevice(db: Db, device: { deviceLibraryId: string; passTypeId: string }, serial: string): Promise<void> {
  await db
    .delete(walletDeviceRegistrations)
    .where(and(eq(walletDeviceRegistrations.deviceLibraryId, device.deviceLibraryId), eq(walletDeviceRegistrations.passTypeId, device.passTypeId), eq(walletDeviceRegistrations.serial, serial)));
}

/**
 * The device's passes changed since `since`, a tag of an earlier answer: the highest ticket
 * version (tickets.door_version, moved by the door's triggers on every insert and every change
 * of status, admission or seat) over each pass's chain. Undefined when none changed.
 */
export async function updatedSerials(db: Db, device: { deviceLibraryId: string; passTypeId: string }, since: number): Promise<{ serialNumbers: string[]; lastUpdated: string } | undefined> {
  const version = sql<number>`max(${tickets.doorVersion})`;
  const rows = await db
    .select({ serial: walletDeviceRegistrations.serial, version })
    .from(walletDeviceRegistrations)
    .innerJoin(tickets, or(eq(tickets.id, walletDeviceRegistrations.serial), eq(tickets.walletSerial, walletDeviceRegistrations.serial)))
    .where(and(eq(walletDeviceRegistrations.deviceLibraryId, device.deviceLibraryId), eq(walletDeviceRegistrations.passTypeId, device.passTypeId)))
    .groupBy(walletDeviceRegistrations.serial)
    .having(gt(version, since));
  if (rows.length === 0) return undefined;
  return { serialNumbers: rows.map((r) => r.serial), lastUpdated: String(Math.max(...rows.map((r) => Number(r.version)))) };
}

/** Wallet's own words about a problem with this service, for the operators: cut short, and anything that looks like a token masked. */
export function walletLogLines(logs: readonly string[]): string[] {
  return logs.map((line) => line.slice(0, 500).replace(/ApplePass\s+\S+/g, 'ApplePass ***').replace(/\b[0-9a-fA-F]{40,}\b/g, '***'));
}
