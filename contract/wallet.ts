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
