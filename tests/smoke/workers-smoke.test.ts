import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { organizerToken, smokeSuite } from './smoke-suite';
import { writeWranglerConfig } from './wrangler-configs';
import { wrangler } from './wrangler-dev';

/**
 * The smoke test on D1, the alternative storage: wrangler.toml with its D1 block uncommented, a
 * fresh local D1 migrated by `wrangler d1 migrations apply`, the demo shop made by
 * `npm run shop:create -- --d1`.
 */
smokeSuite('a local D1', async (dir, timed) => {
  const config = writeWranglerConfig('d1', dir);
  await timed('migrations apply', () => wrangler(['d1', 'migrations', 'apply', 'ticket-shop', '--local', '--config', config, '--persist-to', dir]));
  const created = await timed('shop:create --demo', () =>
    promisify(execFile)('npm', ['run', '-s', 'shop:create', '--', '--d1', 'ticket-shop', '--local', '--config', config, '--persist-to', dir, '--demo'], { env: { ...process.env, CI: '1' } }),
  );
  return {
    config,
    vars: {},
    token: organizerToken(created.stdout),
    execute: async (sql) => {
      await wrangler(['d1', 'execute', 'ticket-shop', '--local', '--config', config, '--persist-to', dir, '--command', sql]);
    },
  };
});
