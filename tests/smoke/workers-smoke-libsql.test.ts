import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { startLibsqlStandIn } from '../shared/libsql-stand-in-server';
import { organizerToken, smokeSuite } from './smoke-suite';
import { writeWranglerConfig } from './wrangler-configs';

/**
 * The smoke test on libSQL, the default storage: wrangler.toml as it stands (no D1 binding),
 * TURSO_URL and TURSO_AUTH_TOKEN pointing at the libSQL stand-in, which stands in for Turso's
 * servers (none can run here: tests/shared/libsql-stand-in-server.ts). The database is made
 * ready with the README's commands, `npm run db:migrate` and `npm run shop:create`, given
 * DATABASE_URL and DATABASE_AUTH_TOKEN. Over http://, as the Worker talks to Turso; a
 * libsql:// URL would make the Node client use WebSockets, which the stand-in does not speak.
 */
smokeSuite('libSQL (the Turso stand-in)', async (dir, timed) => {
  const authToken = 'smoke-turso-token';
  const libsql = await startLibsqlStandIn({ path: join(dir, 'turso.db'), authToken });
  const env = { ...process.env, CI: '1', DATABASE_URL: libsql.url, DATABASE_AUTH_TOKEN: authToken };
  await timed('db:migrate', () => promisify(execFile)('npm', ['run', '-s', 'db:migrate'], { env }));
  const created = await timed('shop:create --demo', () => promisify(execFile)('npm', ['run', '-s', 'shop:create', '--', '--demo'], { env }));
  return {
    config: writeWranglerConfig('turso', dir),
    vars: { TURSO_URL: libsql.url, TURSO_AUTH_TOKEN: authToken },
    token: organizerToken(created.stdout),
    execute: async (sql) => {
      const client = createClient({ url: libsql.url, authToken });
      await client.execute(sql);
      client.close();
    },
    close: () => libsql.close(),
  };
});
