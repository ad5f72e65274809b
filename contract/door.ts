import * as v from 'valibot';
import { RecordId } from './common.js';

/**
 * The door: what scanners send. A scanner keeps a random id of its own (staff sessions are per
 * person, a phone may change hands), so every admission names the device that made it; the
 * same scan synced twice is recognised by (ticket, device, scan time).
 */

/** How an admission reached the server: scanned with the network, or queued on the device and synced later. */
export const admissionModes = ['online', 'offline'] as const;

/** Outcomes of one synced offline scan (see SyncAdmissionsResult). */
export const syncOutcomes = ['admitted', 'duplicate', 'already_synced', 'cancelled', 'exchanged', 'forged', 'unknown', 'wrong_shop'] as const;

export const DeviceId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, "_" or "-" (the id the scanner keeps)'));
/** The door's name as staff wrote it on the scanner ("Entrée nord"). */
export const DoorName = v.pipe(v.string(), v.trim(), v.maxLength(60, 'must be at most 60 characters'));
/** Whatever the camera read: our signed `TS1.` code, or another system's barcode (an imported ticket). */
export const ScannedCode = v.pipe(v.string(), v.maxLength(1000));
/**
 * A ticket number typed by staff (a damaged ticket): ours (T7QX-M2K9-4HDA, dashes and spaces
 * optional) or an imported ticket's barcode text. No signature then: only staff may type one.
 */
export const TypedTicketNumber = v.pipe(v.string(), v.trim(), v.minLength(3, 'must be a ticket number such as T7QX-M2K9-4HDA'), v.maxLength(64));

const ONE_OF = 'send either code (scanned) or ticketNumber (typed), not both';
const oneOfCodeOrNumber = <T extends { code?: string; ticketNumber?: string }>() => v.check<T, typeof ONE_OF>((body) => (body.code === undefined) !== (body.ticketNumber === undefined), ONE_OF);

/** An online scan (POST /api/org/checkins). */
export const CheckinBody = v.pipe(
  v.object({
    code: v.optional(ScannedCode),
    ticketNumber: v.optional(TypedTicketNumber),
    /** The performance the door admits to: a ticket of another one is refused (ticket_wrong_performance). */
    performanceId: v.optional(RecordId),
    deviceId: v.optional(DeviceId),
    door: v.optional(DoorName),
  }),
  oneOfCodeOrNumber(),
);

export const OfflineAdmission = v.pipe(
  v.object({
    code: v.optional(ScannedCode),
    ticketNumber: v.optional(TypedTicketNumber),
    /** When the device admitted the person (its clock); the earliest scan of a ticket is its admission. */
    scannedAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 time such as 2026-12-06T19:02:11.000Z')),
  }),
  oneOfCodeOrNumber(),
);

/** Admissions a device made without network (POST /api/org/checkins/sync). */
export const SyncAdmissionsBody = v.object({
  deviceId: DeviceId,
  door: v.optional(DoorName),
  admissions: v.pipe(v.array(OfflineAdmission), v.minLength(1, 'must hold at least one admission'), v.maxLength(500, 'must hold at most 500 admissions (sync in parts)')),
});

export const DoorListParams = v.object({ performanceId: RecordId });
export const DoorListQuery = v.object({
  /** The `version` of the list the device holds: only tickets changed after it come back. */
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a whole number (a version from an earlier list)'), v.transform(Number))),
});

export const DoorOverviewQuery = v.object({
  /** A day in the shop's time zone; today without one. */
  date: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-06'),
      v.check((text) => {
        const [y, m, d] = text.split('-').map(Number) as [number, number, number];
        const date = new Date(Date.UTC(y, m - 1, d));
        return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      }, 'must be a real date'),
    ),
  ),
});

export type SyncAdmissionsBody = v.InferOutput<typeof SyncAdmissionsBody>;
export type CheckinBody = v.InferOutput<typeof CheckinBody>;
