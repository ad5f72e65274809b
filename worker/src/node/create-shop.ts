import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { openNodeStorage } from '../../../db/node-storage.js';
import { CreateShopInput } from '../../../contract/organizer.js';
import { InviteStaffBody } from '../../../contract/staff.js';
import { DEMO_OWNER, seedDemo } from '../seed/demo.js';
import { createShop } from '../services/shops.js';
import { describeIssues } from '../validation.js';
import { executeOnD1 } from './d1-execute.js';
import { dumpRows } from './sql-dump.js';

/**
 * `npm run shop:create -- --name "Théâtre X" --currency CHF [--locales fr,de] [--time-zone Europe/Zurich]
 *  [--origins https://theatre-x.ch] [--live] [--owner-email anna@theatre-x.ch [--owner-name "Anna Muster"]]`:
 * creates a shop and prints its first organizer token. With --owner-email, the shop's first owner
 * too: they sign in to the console at /admin with a link sent to that address.
 * `--demo` instead of the shop's details: the demo shop with its events (test mode) and its owner owner@demo.example.
 *
 * Where: DATABASE_URL (a libSQL file or Turso, default file:data/ticket-shop.db), or
 * `--d1 <database> --local|--remote [--persist-to <dir>] [--config <wrangler.toml>]`: the shop
 * is made here, in Node, in a scratch database by the same code, and its rows are applied
 * with `wrangler d1 execute` (worker/src/node/d1-execute.ts). The D1 database must be migrated.
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
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
    demo: { type: 'boolean', default: false },
    d1: { type: 'string' },
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
    config: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function shopInput() {
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
    fail(describeIssues(parsed.issues).map((issue) => `--${issue.path || 'input'}: ${issue.message}`).join('\n'));
  }
  return { ...parsed.output, owner: ownerInput() };
}

/** The first owner, when --owner-email is given: the address as staff accounts keep it, a name (the address's local part without one). */
function ownerInput() {
  const email = values['owner-email'];
  if (email === undefined) {
    if (values['owner-name'] !== undefined) fail('--owner-name goes with --owner-email <address>.');
    return undefined;
  }
  const parsed = v.safeParse(InviteStaffBody, { email, name: values['owner-name'] ?? email.split('@')[0], role: 'owner' });
  if (!parsed.success) fail(describeIssues(parsed.issues).map((issue) => `--owner-${issue.path || 'email'}: ${issue.message}`).join('\n'));
  return { email: parsed.output.email, name: parsed.output.name };
}

if (values.demo && values['owner-email'] !== undefined) fail('--demo makes its own owner (owner@demo.example): leave out --owner-email.');
if (values.d1 !== undefined && values.local === values.remote) fail('--d1 needs --local or --remote (one of them).');
if (values.d1 === undefined && (values.local || values.remote || values['persist-to'])) fail('--local, --remote and --persist-to go with --d1 <database>.');
const input = values.demo ? null : shopInput();

const storage = await openNodeStorage(values.d1 === undefined ? (process.env.DATABASE_URL ?? 'file:data/ticket-shop.db') : ':memory:', {
  authToken: process.env.DATABASE_AUTH_TOKEN,
});
const now = Date.now();
const made = input ? { ...(await createShop(storage.db, input, now)), testMode: input.testMode } : { ...(await seedDemo(storage, now)), testMode: true };
if (values.d1 !== undefined) {
  const rows = await dumpRows(storage.client);
  storage.client.close();
  try {
    executeOnD1(rows, { database: values.d1, where: values.remote ? 'remote' : 'local', persistTo: values['persist-to'], config: values.config });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
} else {
  storage.client.close();
}
console.log(`Shop created: ${made.shopId}${made.testMode ? ' (test mode)' : ''}`);
console.log(`Organizer token (shown once, store it safely): ${made.token}`);
const owner = input ? input.owner : { email: DEMO_OWNER.email };
if (owner) console.log(`Owner: ${owner.email} signs in to the console at /admin with a link sent by e-mail.`);
