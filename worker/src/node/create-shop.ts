import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { openNodeStorage } from '../../../db/node-storage.js';
import { CreateShopInput } from '../../../contract/organizer.js';
import { createShop } from '../services/shops.js';
import { describeIssues } from '../validation.js';

/**
 * `npm run shop:create -- --name "Théâtre X" --currency CHF [--locales fr,de] [--time-zone Europe/Zurich]
 *  [--origins https://theatre-x.ch] [--live]`: creates a shop and prints its first organizer token.
 */
const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    currency: { type: 'string', default: 'CHF' },
    locales: { type: 'string', default: 'fr,de,it,en' },
    'default-locale': { type: 'string' },
    'time-zone': { type: 'string', default: 'Europe/Zurich' },
    origins: { type: 'string', default: '' },
    live: { type: 'boolean', default: false },
  },
});
const locales = values.locales.split(',').map((l) => l.trim()).filter(Boolean);
const parsed = v.safeParse(CreateShopInput, {
  name: values.name,
  currency: values.currency,
  locales,
  defaultLocale: values['default-locale'] ?? locales[0],
  timeZone: values['time-zone'],
  testMode: !values.live,
  allowedOrigins: values.origins.split(',').map((o) => o.trim()).filter(Boolean),
});
if (!parsed.success) {
  for (const issue of describeIssues(parsed.issues)) console.error(`--${issue.path || 'input'}: ${issue.message}`);
  process.exit(2);
}
const url = process.env.DATABASE_URL ?? 'file:data/ticket-shop.db';
const storage = await openNodeStorage(url, { authToken: process.env.DATABASE_AUTH_TOKEN });
const { shopId, token } = await createShop(storage.db, parsed.output, Date.now());
storage.client.close();
console.log(`Shop created: ${shopId}${parsed.output.testMode ? ' (test mode)' : ''}`);
console.log(`Organizer token (shown once, store it safely): ${token}`);
