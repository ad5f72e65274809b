import { openNodeStorage } from './node-storage.js';

/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (default: the local file). */
const url = process.env.DATABASE_URL ?? 'file:data/ticket-shop.db';
const storage = await openNodeStorage(url, { authToken: process.env.DATABASE_AUTH_TOKEN });
storage.client.close();
console.log(`Migrations applied to ${url.replace(/\/\/[^@]*@/, '//***@')}`);
