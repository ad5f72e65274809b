import { existsSync, writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Cron } from 'croner';
import { Hono } from 'hono';
import { isEmpty, seedDemo } from '../../../db/seed/demo.js';
import { openNodeStorage } from '../../../db/node-storage.js';
import { buildApp } from '../app.js';
import { loggableError } from '../db.js';
import type { Deps } from '../env.js';
import { simulatedCard } from '../payments/simulated-card.js';
import { runScheduledJobs } from '../scheduled.js';
import { cronsFromWrangler } from './schedule.js';

/**
 * The embedded default and self-hosted mode: one process serves the API, the built widget
 * and the demo site over a local libSQL file, and runs the wrangler.toml schedule in process.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (file:data/ticket-shop.db),
 * DATABASE_AUTH_TOKEN (remote libSQL), SEED_DEMO ("false" to never add demo data), CRON ("false" to not run jobs).
 */
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL ?? 'file:data/ticket-shop.db';

const storage = await openNodeStorage(databaseUrl, { authToken: process.env.DATABASE_AUTH_TOKEN });
const deps: Deps = { storage, now: Date.now, payments: { simulated_card: simulatedCard } };

if (process.env.SEED_DEMO !== 'false' && (await isEmpty(storage))) {
  const demo = await seedDemo(storage, Date.now());
  if (databaseUrl.startsWith('file:')) writeFileSync('data/demo-organizer-token.txt', `${demo.token}\n`, { mode: 0o600 });
  console.log(`Demo data added: shop ${demo.shopId}. Organizer token written to data/demo-organizer-token.txt`);
}

const server = new Hono();
server.route('/', buildApp(() => deps));
if (existsSync('dist/widget')) server.use('/widget/*', serveStatic({ root: 'dist/widget', rewriteRequestPath: (p) => p.replace(/^\/widget/, '') }));
server.use('/*', serveStatic({ root: 'demo-site' }));

const crons =
  process.env.CRON === 'false'
    ? []
    : cronsFromWrangler().map(
        (expression) =>
          new Cron(expression, { timezone: 'UTC', protect: true }, async () => {
            try {
              const result = await runScheduledJobs(deps, expression);
              if (result.holdsReleased > 0) console.log(JSON.stringify({ level: 'info', job: 'scheduled', ...result }));
            } catch (err) {
              console.error(JSON.stringify({ level: 'error', job: 'scheduled', cron: expression, ...loggableError(err) }));
            }
          }),
      );

const http = serve({ fetch: server.fetch, port, hostname }, (info) => {
  console.log(`Ticket shop listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port} (database ${databaseUrl.replace(/\/\/[^@]*@/, '//***@')})`);
});

function shutdown() {
  for (const cron of crons) cron.stop();
  http.close(() => {
    storage.client.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
