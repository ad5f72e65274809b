// Browser tests of the widget (npm run test:widget): widget/src/**/*.test.ts in the Debian
// Chromium. Components that talk to the API talk to a real one: this config builds and starts
// the Node server on a temporary database seeded with the demo data (tests/node/http-server.ts,
// the same harness as the HTTP tests), and tests read its address from /__ticket-shop-test-env.json
// and give it to the elements through their `api` attribute; /__ticket-shop-test-org makes an
// organizer's change for them (widget/src/testing/real-api.ts `organizer`). Its demo shop allows any
// http://localhost:* origin, so the test pages call it across origins like a real embedding.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

function realApi() {
  let server = null;
  return {
    name: 'ticket-shop-real-api',
    async serverStart() {
      const { startServer } = await tsImport('./tests/node/http-server.ts', import.meta.url);
      server = await startServer({ arena: false });
    },
    async serverStop() {
      await server?.stop();
    },
    async serve(context) {
      // What an organizer does in the console, for tests that need a state the storefront cannot
      // make (a sold-out date with its waiting list on): the organizer's token stays here.
      if (context.path === '/__ticket-shop-test-org') {
        const { method, path, body } = context.query;
        if (typeof path !== 'string' || !path.startsWith('/api/org/')) return { status: 400, body: 'organizer paths only' };
        const response = await fetch(`${server.baseUrl}${path}`, {
          method: String(method ?? 'GET'),
          headers: { Authorization: `Bearer ${server.demo.token}`, 'Content-Type': 'application/json' },
          body: typeof body === 'string' ? body : undefined,
        });
        return { type: 'json', body: JSON.stringify({ status: response.status, body: await response.json().catch(() => null) }) };
      }
      if (context.path !== '/__ticket-shop-test-env.json') return undefined;
      const { token: _secret, ...demo } = server.demo;
      return { type: 'json', body: JSON.stringify({ api: server.baseUrl, demo }) };
    },
  };
}

export default {
  files: ['widget/src/**/*.test.ts'],
  nodeResolve: true,
  // One test page at a time: a page in a background tab gets no animation frames and throttled
  // timers, and the seat map draws in animation frames.
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [esbuildPlugin({ ts: true, tsconfig }), realApi()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      },
    }),
  ],
};
