/**
 * (11) The widget on a phone: from navigation to the seat map painted, for the theatre (a
 * performance of the demo's seated theatre) and the arena (20,160 seats), in the Debian Chromium
 * emulating a mid-range phone: 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate) and a
 * 1.6 Mbps / 150 ms RTT network (Network.emulateNetworkConditions, what Lighthouse calls "slow
 * 4G"), a 390×844 viewport at device pixel ratio 3, touch. The page is the organizer's, on its
 * own origin: one script tag loading the widget from the production server, and
 * `<ticket-shop shop performance>`; the widget, its chunks and the API come from that server.
 *
 * Phases, from the page's Resource Timing and the seat map's own performance mark:
 *   script   the navigation to the end of ticket-shop.js (the script tag's download);
 *   API      the end of the last API answer before the plan is asked for (shop, performance,
 *            availability), measured from the script's end;
 *   plan     the plan geometry's answer (GET /plans/:id) end, from the API phase's end;
 *   paint    the `tk-seat-map:first-paint` mark, from the plan's end;
 *   total    navigation → the mark: the figure compared to the goal.
 * A cold visit (empty cache) and a second visit in the same browser context (HTTP cache warm:
 * the plan revalidates with its ETag) are reported; each the median of 3 page loads.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer as startDemoServer } from '../../tests/node/http-server.js';
import { median } from '../lib/stats.js';
import { buildWidget } from '../lib/widget-build.js';
import type { Figure, Scenario } from './types.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Slow 4G as Lighthouse and Chrome DevTools define it: 1.6 Mbps down, 750 kbps up, 150 ms RTT. */
const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const FIRST_PAINT_MARK = 'tk-seat-map:first-paint';

const PAGE = (widgetOrigin: string, shopId: string, performanceId: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Billetterie</title></head>
<body><h1>Billetterie</h1>
<script type="module" src="${widgetOrigin}/widget/ticket-shop.js"></script>
<ticket-shop shop="${shopId}" performance="${performanceId}" lang="fr"></ticket-shop>
</body></html>`;

interface Phases {
  script: number;
  api: number;
  plan: number;
  paint: number;
  total: number;
  /** Bytes over the wire, the page included (from the DevTools protocol's network events). */
  bytes: number;
}

/** The organizer's page, on another origin than the widget's server (as on a real site). */
async function organizerSite(page: (performanceId: string) => string): Promise<{ url: (performanceId: string) => string; close: () => Promise<void> }> {
  const site: Server = createServer((req, res) => {
    const performanceId = new URL(req.url ?? '/', 'http://x').searchParams.get('performance') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).end(page(performanceId));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return { url: (performanceId) => `http://127.0.0.1:${port}/?performance=${performanceId}`, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

/** Runs in the page once the mark is there: the phases from Resource Timing. */
function readPhases(mark: string): Phases {
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const paintAt = performance.getEntriesByName(mark, 'mark').at(-1)!.startTime;
  const script = resources.find((r) => r.name.endsWith('/widget/ticket-shop.js'))!;
  const plan = resources.find((r) => r.name.includes('/plans/'))!;
  const apiBeforePlan = resources.filter((r) => r.name.includes('/api/') && !r.name.includes('/plans/') && r.startTime < plan.startTime);
  const apiEnd = Math.max(script.responseEnd, ...apiBeforePlan.map((r) => r.responseEnd));
  return {
    script: script.responseEnd,
    api: apiEnd - script.responseEnd,
    plan: plan.responseEnd - apiEnd,
    paint: paintAt - plan.responseEnd,
    total: paintAt,
    bytes: 0,
  };
}

async function visit(context: any, url: string): Promise<Phases> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    // Bytes as they crossed the (emulated) wire: Resource Timing hides the sizes of other origins' files.
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction((mark: string) => performance.getEntriesByName(mark, 'mark').length > 0, FIRST_PAINT_MARK, { timeout: 60_000, polling: 50 });
    const phases = await page.evaluate(readPhases, FIRST_PAINT_MARK);
    if (process.env.BENCH_DEBUG) {
      console.log(await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${Math.round(r.startTime)}–${Math.round(r.responseEnd)} ${r.name.replace(/^https?:\/\/[^/]+/, '')}`).join('\n')));
    }
    return { ...phases, bytes };
  } finally {
    await page.close();
  }
}

export const phone: Scenario = {
  id: 'phone',
  title: '11. The widget on a phone (Chromium, 4× CPU slowdown, 1.6 Mbps / 150 ms RTT)',
  once: true,
  notes: [
    'The organizer\'s page is on its own origin (a small server of the benchmark), with one module script tag loading the widget from the production server and `<ticket-shop shop performance lang="fr">`; the widget, its chunks and the API come from that server over loopback, slowed by Chromium\'s network emulation (1.6 Mbps down, 750 kbps up, 150 ms added round trip) with the renderer\'s CPU slowed 4× (CDP). Viewport 390×844, device pixel ratio 3, touch, as a mid-range phone.',
    'Phases from Resource Timing: script = navigation → end of ticket-shop.js; API = script end → end of the last API answer before the plan is asked for; plan = → end of the plan geometry; paint = → the seat map\'s `tk-seat-map:first-paint` mark. Total = navigation → the mark. Cold: a fresh browser context; warm: a second visit in the same context (HTTP cache, the plan revalidated by its ETag). Medians of 3 visits.',
  ],
  skipReason: () => (existsSync(CHROME) ? null : `no Chromium at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`),
  async run(options) {
    // The server serves the widget built from the current sources (not whatever dist/widget holds).
    const server = await startDemoServer({ arena: !options.quick, startupTimeoutMs: 60_000, env: { CHECK_RESPONSES: '0', WIDGET_DIR: buildWidget() } });
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, timeout: 60_000 });
    const { shopId, theatrePerformanceIds, arenaPerformanceId } = server.demo;
    const site = await organizerSite((performanceId) => PAGE(server.baseUrl, shopId, performanceId));
    try {
      const figures: Figure[] = [];
      const visits = options.quick ? 1 : 3;
      for (const [key, label, performanceId, goal] of [
        ['theatre', 'theatre', theatrePerformanceIds[0]!, 2500],
        ['arena', options.quick ? 'arena (small in --quick)' : 'arena, 20,160 seats', arenaPerformanceId, 3500],
      ] as const) {
        const cold: Phases[] = [];
        const warm: Phases[] = [];
        for (let i = 0; i < visits; i++) {
          const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'fr-CH' });
          try {
            cold.push(await visit(context, site.url(performanceId)));
            warm.push(await visit(context, site.url(performanceId)));
          } finally {
            await context.close();
          }
        }
        if (process.env.BENCH_DEBUG) console.log(key, JSON.stringify({ cold, warm }));
        const m = (runs: Phases[], phase: keyof Phases) => median(runs.map((r) => r[phase]));
        figures.push(
          { key: `phone.${key}.total`, label: `${label}, first visit: navigation → seat map painted`, value: m(cold, 'total'), unit: 'ms', goal: { op: '<=', value: goal }, aggregate: 'once', digits: 0 },
          { key: `phone.${key}.script`, label: `${label}, first visit: script tag downloaded`, value: m(cold, 'script'), unit: 'ms', aggregate: 'once', digits: 0 },
          { key: `phone.${key}.api`, label: `${label}, first visit: then the API calls before the plan`, value: m(cold, 'api'), unit: 'ms', aggregate: 'once', digits: 0 },
          { key: `phone.${key}.plan`, label: `${label}, first visit: then the plan`, value: m(cold, 'plan'), unit: 'ms', aggregate: 'once', digits: 0 },
          { key: `phone.${key}.paint`, label: `${label}, first visit: then the first paint`, value: m(cold, 'paint'), unit: 'ms', aggregate: 'once', digits: 0 },
          { key: `phone.${key}.bytes`, label: `${label}, first visit: bytes over the wire`, value: m(cold, 'bytes') / 1024, unit: 'KB', aggregate: 'once', digits: 1 },
          { key: `phone.${key}.warmTotal`, label: `${label}, second visit (HTTP cache): navigation → seat map painted`, value: m(warm, 'total'), unit: 'ms', aggregate: 'once', digits: 0 },
        );
      }
      return figures;
    } finally {
      await browser.close();
      await site.close();
      await server.stop();
    }
  },
};
