import { env } from 'cloudflare:workers';

// Runs before each test file of the libSQL run (vitest.libsql.config.ts): the stand-in goes back
// to a freshly migrated database, as D1 storage is fresh per file in the D1 run.
const res = await fetch(`${env.TURSO_URL}/_stand-in/reset`, { method: 'POST', headers: { Authorization: `Bearer ${env.TURSO_AUTH_TOKEN}` } });
if (res.status !== 204) throw new Error(`The libSQL stand-in did not reset: ${res.status} ${await res.text()}`);
