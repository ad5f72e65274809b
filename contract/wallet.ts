import * as v from 'valibot';
import { OrderSecret } from './common.js';

/** The buyer's link carries the order's secret, like the ticket PDF. */
export const WalletPassQuery = v.object({ secret: OrderSecret });

/** Google Wallet's "save" page for one ticket: open it (a new tab, or the Wallet app on Android). */
export const GoogleWalletLink = v.object({
  saveUrl: v.pipe(v.string(), v.startsWith('https://pay.google.com/gp/v/save/'), v.description('https://pay.google.com/gp/v/save/<JWT>: the signed event ticket class and object.')),
});

/** Which wallets the shop's tickets can be added to (the platform's credentials are set). */
export const WalletsOffered = v.object({ apple: v.boolean(), google: v.boolean() });

/** The wallets a pass can be in. */
export const walletKinds = ['apple', 'google'] as const;
/** A queued wallet update: waiting, claimed by a job run, told, given up (after 8 attempts), or dropped (the device or object is gone). */
export const walletUpdateStatuses = ['pending', 'sending', 'sent', 'failed', 'dropped'] as const;

// --- Apple Wallet's web service (PassKit Web Service Reference, v1) ---------------------------
// Wallet on a phone calls these with `Authorization: ApplePass <authenticationToken>`, the token
// of the pass's own pass.json. The paths are Apple's; only the prefix (/api/wallet/apple) is ours.

const DeviceLibraryIdentifier = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be a device library identifier'));
const PassTypeIdentifier = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be a pass type identifier'));
const SerialNumber = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be a serial number'));

/** One pass on one device. */
export const AppleDeviceRegistrationParams = v.object({ deviceLibraryIdentifier: DeviceLibraryIdentifier, passTypeIdentifier: PassTypeIdentifier, serialNumber: SerialNumber });
/** The passes of a pass type on one device. */
export const AppleDevicePassesParams = v.object({ deviceLibraryIdentifier: DeviceLibraryIdentifier, passTypeIdentifier: PassTypeIdentifier });
/** One pass. */
export const ApplePassParams = v.object({ passTypeIdentifier: PassTypeIdentifier, serialNumber: SerialNumber });

/** The device's APNs token (hex), where the pushes for this pass go. */
export const AppleDeviceRegistrationBody = v.object({ pushToken: v.pipe(v.string(), v.regex(/^[0-9A-Fa-f]{16,200}$/, 'must be an APNs device token (hex)')) });

/** The tag of the device's last answer (`lastUpdated`); absent, every pass of the device. */
export const AppleUpdatedPassesQuery = v.object({ passesUpdatedSince: v.optional(v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'must be a lastUpdated tag'))) });

/** The serials changed since the tag, and the tag to send next time. */
export const AppleUpdatedPasses = v.object({
  serialNumbers: v.array(v.string()),
  lastUpdated: v.pipe(v.string(), v.regex(/^\d+$/), v.description('Opaque to Wallet: the highest ticket version (tickets.door_version) of these passes.')),
});

/** Wallet's error messages about this web service (up to 100 lines of up to 2,000 characters). */
export const AppleWalletLogBody = v.object({ logs: v.pipe(v.array(v.pipe(v.string(), v.maxLength(2000))), v.maxLength(100)) });
