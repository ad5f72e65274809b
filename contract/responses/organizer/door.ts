import * as v from 'valibot';
import { admissionModes, syncOutcomes } from '../../door.js';
import { ticketStatuses } from '../../vocabulary.js';
import { IsoTime } from '../shared.js';

/** The performance a door list or an overview line is about. */
const DoorPerformance = v.object({ id: v.string(), startsAt: IsoTime, eventTitle: v.string(), venueName: v.string() });

/** Where and when a ticket was admitted: the scanner's id and door (null for scans made without them). */
export const AdmissionPlace = v.object({ deviceId: v.nullable(v.string()), door: v.nullable(v.string()), scannedAt: IsoTime });

/** A ticket as the scanner keeps it to decide without network. */
export const DoorTicket = v.object({
  number: v.string(),
  status: v.picklist(ticketStatuses),
  tariffName: v.string(),
  seatLabel: v.nullable(v.string()),
  admittedAt: v.nullable(IsoTime),
  /** For an exchanged ticket: the number of the ticket that replaced it (it may be for another performance). */
  replacedBy: v.nullable(v.string()),
  /** Another system's barcode printed on an imported ticket: the scanner accepts it like our code. */
  externalCode: v.nullable(v.string()),
});

export const DoorList = v.object({
  performance: DoorPerformance,
  shopId: v.string(),
  /** The shop's Ed25519 key (raw, base64url) that verifies the `TS1.` codes on the device. */
  publicKey: v.string(),
  /** Send it back as `since` for the changes after this list. */
  version: v.pipe(v.number(), v.integer()),
  /** true: every ticket of the performance (replace the local list); false: only the tickets changed after `since`. */
  full: v.boolean(),
  tickets: v.array(DoorTicket),
});

export const SyncedAdmission = v.object({
  /** The position of the scan in the request's `admissions`. */
  index: v.pipe(v.number(), v.integer()),
  ticketNumber: v.nullable(v.string()),
  outcome: v.picklist(syncOutcomes),
  /** The ticket's first admission when it is not this scan (a duplicate, or a cancelled or exchanged ticket used twice). */
  firstAdmission: v.optional(AdmissionPlace),
});
export const SyncAdmissionsResult = v.object({ results: v.array(SyncedAdmission) });

export const DoorOverviewLine = v.object({
  ...DoorPerformance.entries,
  /** Valid tickets: the people expected. */
  expected: v.pipe(v.number(), v.integer()),
  /** Tickets used to enter (a cancelled or exchanged ticket that got in counts: the person is inside). */
  admitted: v.pipe(v.number(), v.integer()),
  /** Admissions after a ticket's first one. */
  duplicates: v.pipe(v.number(), v.integer()),
  lastAdmissionAt: v.nullable(IsoTime),
});
export const DoorOverview = v.object({
  /** The local day shown and the shop's time zone it is read in. */
  date: v.string(),
  timeZone: v.string(),
  performances: v.array(DoorOverviewLine),
});

const AdmissionView = v.object({ ...AdmissionPlace.entries, mode: v.picklist(admissionModes) });
export const DoorDuplicate = v.object({
  ticketNumber: v.string(),
  status: v.picklist(ticketStatuses),
  tariffName: v.string(),
  seatLabel: v.nullable(v.string()),
  first: AdmissionView,
  duplicate: v.object({ ...AdmissionView.entries, recordedAt: IsoTime }),
});
export const DoorDuplicateList = v.object({ duplicates: v.array(DoorDuplicate) });

export type DoorList = v.InferOutput<typeof DoorList>;
export type DoorTicket = v.InferOutput<typeof DoorTicket>;
export type SyncedAdmission = v.InferOutput<typeof SyncedAdmission>;
export type SyncAdmissionsResult = v.InferOutput<typeof SyncAdmissionsResult>;
export type DoorOverview = v.InferOutput<typeof DoorOverview>;
export type DoorDuplicateList = v.InferOutput<typeof DoorDuplicateList>;
export type AdmissionPlace = v.InferOutput<typeof AdmissionPlace>;
