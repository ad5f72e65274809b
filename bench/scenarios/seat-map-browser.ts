/**
 * (6) The seat map in a real browser: the Debian Chromium driven by playwright-core. For the
 * demo arena (20,160 seats) and a generated 100,000-seat plan, on the production server:
 *   first paint  from the moment <tk-seat-map> is connected (its geometry already set, as a
 *                host sets it after fetching GET /plans/:id) to the element's own
 *                `tk-seat-map:first-paint` performance mark (set with its tk-seat-map-painted
 *                event once the rendering task that drew the first frame with seats is over);
 *   main-thread CPU  the renderer main thread's CPU time over that same span, from a
 *                Chromium trace (thread time of its top-level tasks): what the map costs,
 *                much less sensitive than wall time to other processes sharing the cores;
 *   click        from the pointerup of a click on a free seat (at a zoom where a click
 *                selects) to the frame that shows it selected (the host sets `selected` in
 *                its tk-seat-toggle listener, as the widget does);
 *   heap         the page's used JS heap after a garbage collection, map shown.
 * The click's "frame shown" is measured without hooks in the element: the page wraps the 2D
 * context's drawing calls and notes the first call on the element's visible canvas after the
 * toggle; a message posted then is received once that rendering task is over.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { arenaPlan } from '../../worker/src/seed/plans.js';
import { startServer as startDemoServer } from '../../tests/node/http-server.js';
import { requestJson } from '../../tests/shared/request.js';
import { REPO_ROOT } from '../lib/server.js';
import { median } from '../lib/stats.js';
import { buildWidget } from '../lib/widget-build.js';
import type { Figure, Scenario } from './types.js';
import { mainThreadCpuMs, type TraceEvent } from '../lib/chrome-trace.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

const PAGE = (seatMapChunk: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>seat map bench</title>
<style>body{margin:0;font-family:sans-serif} #host{width:1200px}</style></head>
<body><div id="host"></div>
<script type="module">
  window.benchLoaded = import('/bench/widget/chunks/${seatMapChunk}');
</script></body></html>`;

interface PageMeasure {
  firstPaintMs: number;
  /** The element's own count (tk-seat-map-painted's detail.ms), a cross-check of firstPaintMs. */
  elementMs: number;
  clickMs: number[];
  heapMB: number;
}

const FIRST_PAINT_MARK = 'tk-seat-map:first-paint';
const CONNECT_MARK = 'bench:seat-map-connect';

/** Runs in the page: mounts the map and waits for its first-paint mark; prepares the click probe. */
async function mountAndMeasure({ planUrl, connectMark, paintMark }: { planUrl: string; connectMark: string; paintMark: string }): Promise<{ firstPaintMs: number; elementMs: number }> {
  const w = window as any;
  await w.benchLoaded;
  await customElements.whenDefined('tk-seat-map');
  const geometry = await (await fetch(planUrl)).json();
  // Mount on a settled page, as a host does after fetching the geometry: the page's own first
  // frames (and Chromium's paint holding after a navigation) are not the element's cost.
  await document.fonts.ready;
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
  await new Promise((r) => setTimeout(r, 300));
  const el = document.createElement('tk-seat-map') as any;
  el.geometry = geometry;
  el.addEventListener('tk-seat-toggle', (e: CustomEvent<{ seatId: number; selected: boolean }>) => {
    w.benchToggledAt = performance.now();
    const next = new Set<number>(el.selected);
    if (e.detail.selected) next.add(e.detail.seatId);
    else next.delete(e.detail.seatId);
    el.selected = next;
  });
  w.benchEl = el;
  // Note the first drawing call on the element's visible canvas after `armed` is set (clicks).
  w.benchArmed = false;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => w.benchPainted?.(performance.now());
  for (const method of ['drawImage', 'fill', 'fillRect', 'arc', 'stroke'] as const) {
    const proto = CanvasRenderingContext2D.prototype as any;
    const original = proto[method];
    proto[method] = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (w.benchArmed && this.canvas === el.shadowRoot?.querySelector('canvas')) {
        w.benchArmed = false;
        channel.port2.postMessage(null);
      }
      return original.apply(this, args);
    };
  }
  const painted = new Promise<number>((resolve, reject) => {
    el.addEventListener('tk-seat-map-painted', (e: CustomEvent<{ ms: number }>) => resolve(e.detail.ms), { once: true });
    setTimeout(() => reject(new Error('no tk-seat-map-painted within 30 s')), 30_000);
  });
  const connectedAt = performance.mark(connectMark).startTime;
  document.getElementById('host')!.appendChild(el);
  const elementMs = await painted;
  const mark = performance.getEntriesByName(paintMark, 'mark').at(-1);
  if (!mark) throw new Error(`no ${paintMark} performance mark`);
  return { firstPaintMs: mark.startTime - connectedAt, elementMs };
}

/**
 * `repeats` page loads timed without tracing (tracing's start-up stalls the renderer), then
 * one more under a trace for the main thread's CPU time.
 */
async function measurePlan(browser: any, baseUrl: string, widgetDir: string, planUrl: string, repeats: number, cpuSlowdown = 1): Promise<{ runs: PageMeasure[]; cpuMs: number }> {
  const seatMapChunk = readdirSync(join(widgetDir, 'chunks')).find((f) => /^seat-map-.*\.js$/.test(f));
  if (!seatMapChunk) throw new Error('No seat-map chunk in the widget build');
  const results: PageMeasure[] = [];
  let cpuMs = Number.NaN;
  for (let r = 0; r <= repeats; r++) {
    const traced = r === repeats;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    try {
      await page.route(`${baseUrl}/bench/**`, async (route: any) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/bench/seat-map.html') return route.fulfill({ status: 200, contentType: 'text/html', body: PAGE(seatMapChunk) });
        const file = join(widgetDir, path.replace(/^\/bench\/widget\//, ''));
        if (!file.startsWith(widgetDir) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
      });
      await page.goto(`${baseUrl}/bench/seat-map.html`);
      // A phone's CPU: the renderer slowed by CDP (Emulation.setCPUThrottlingRate).
      if (cpuSlowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      const mount = () => page.evaluate(mountAndMeasure, { planUrl, connectMark: CONNECT_MARK, paintMark: FIRST_PAINT_MARK });
      if (traced) {
        await browser.startTracing(page, { categories: ['__metadata', 'toplevel', 'blink.user_timing'] });
        try {
          await mount();
        } finally {
          cpuMs = mainThreadCpuMs((JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents, CONNECT_MARK, FIRST_PAINT_MARK);
        }
        continue;
      }
      const first = await mount();

      // Click a seat near the middle of the plan: the first click on the overview zooms in,
      // then every click on a free seat selects it.
      const clickMs: number[] = [];
      const seatIds: number[] = await page.evaluate(() => {
        const ids: number[] = (window as any).benchEl.geometry.seats.id;
        const mid = Math.floor(ids.length / 3);
        return [ids[mid], ids[mid + 2], ids[mid + 4], ids[mid + 6], ids[mid + 8], ids[mid + 10]];
      });
      const position = (seatId: number) => page.evaluate((id: number) => (window as any).benchEl.seatPosition(id), seatId);
      const at = await position(seatIds[0]!);
      await page.mouse.click(at.x, at.y);
      await page.waitForTimeout(300);
      for (const seatId of seatIds) {
        const p = await position(seatId);
        if (!p) continue;
        await page.evaluate(() => {
          const w = window as any;
          w.benchToggledAt = 0;
          w.benchUp = 0;
          w.benchDone = new Promise<number>((resolve) => (w.benchPainted = resolve));
          addEventListener('pointerup', (e) => (w.benchUp = e.timeStamp), { capture: true, once: true });
          // Arm the draw probe once the host has set `selected`.
          const el = w.benchEl;
          el.addEventListener('tk-seat-toggle', () => (w.benchArmed = true), { once: true });
        });
        await page.mouse.click(p.x, p.y);
        const ms = await page.evaluate(async () => {
          const w = window as any;
          const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 3000));
          const paintedAt = await Promise.race([w.benchDone, timeout]);
          return w.benchToggledAt ? paintedAt - w.benchUp : Number.NaN;
        });
        if (Number.isFinite(ms)) clickMs.push(ms);
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      results.push({ ...first, clickMs, heapMB: heap.usedSize / 1024 / 1024 });
    } finally {
      await context.close();
    }
  }
  return { runs: results, cpuMs };
}

export const seatMapBrowser: Scenario = {
  id: 'seat-map-browser',
  title: '6. Seat map in a real browser (Chromium, playwright-core)',
  once: true,
  notes: [
    'Headless Chromium from Debian (software rendering: --disable-gpu), viewport 1280×900 at device pixel ratio 1, reduced motion. The page loads the seat-map chunk of a fresh widget build from the production server\'s origin and mounts <tk-seat-map> alone; the geometry comes from the server\'s GET /api/shops/:shop/plans/:plan (its fetch is not timed). Each figure is the median of 3 page loads (clicks: 6 seats per load).',
    'First paint runs from just before the element is connected to its `tk-seat-map:first-paint` performance mark (set, with the tk-seat-map-painted event, once the rendering task that drew the first frame with seats is over). Main-thread CPU is the renderer main thread\'s thread time over the same span, from a Chromium trace of one more page load (not timed: tracing\'s start-up stalls the renderer): on a machine shared with other work, wall time can be several times the CPU time.',
    'The 4× CPU slowdown figures repeat the arena\'s page loads with the renderer slowed by the DevTools protocol (Emulation.setCPUThrottlingRate 4), as a mid-range phone; the trace\'s CPU time is of the unthrottled load.',
    'The arena is the demo\'s (20,160 seats); the 100,000-seat plan is an arena of 4 rings × 25 sections × 25 rows × 40 seats imported through the organizer API.',
  ],
  skipReason: () => {
    if (!existsSync(CHROME)) return `no Chromium at ${CHROME} (apt-get install chromium, or set CHROME_PATH)`;
    if (!existsSync(join(REPO_ROOT, 'widget/src/seat-map/seat-map.ts'))) return 'the <tk-seat-map> element (widget/src/seat-map/seat-map.ts) is not there yet';
    return null;
  },
  async run(options) {
    const widgetDir = buildWidget();
    const server = await startDemoServer({ arena: !options.quick, startupTimeoutMs: 60_000 });
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, timeout: 60_000 });
    try {
      const shopPath = `/api/shops/${server.demo.shopId}`;
      const arena = (await (await fetch(`${server.baseUrl}${shopPath}/performances/${server.demo.arenaPerformanceId}`)).json()) as { planId: string };
      const org = async (path: string, body: unknown) => {
        const res = await requestJson(fetch, 'POST', `/api/org${path}`, body, { Authorization: `Bearer ${server.demo.token}` }, { origin: server.baseUrl, signal: AbortSignal.timeout(300_000) });
        if (res.status < 200 || res.status >= 300) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        return res.body as { id: string; seatCount?: number };
      };
      const venue = await org('/venues', { name: 'Stade généré' });
      const big = options.quick
        ? arenaPlan({ sectionsPerRing: 6, rings: 2, rows: 10, seatsPerRow: 20, name: 'Generated 2,400 seats' })
        : arenaPlan({ sectionsPerRing: 25, rings: 4, rows: 25, seatsPerRow: 40, name: 'Generated 100,000 seats' });
      const bigPlan = await org(`/venues/${venue.id}/plans`, big);
      const repeats = options.quick ? 1 : 3;
      const figures: Figure[] = [];
      for (const [key, label, planId, goal] of [
        ['arena', options.quick ? 'demo arena (60 seats in --quick)' : 'arena, 20,160 seats', arena.planId, 150],
        ['big', options.quick ? 'generated plan, 2,400 seats in --quick' : 'generated plan, 100,000 seats', bigPlan.id, 1000],
      ] as const) {
        const { runs, cpuMs } = await measurePlan(browser, server.baseUrl, widgetDir, `${shopPath}/plans/${planId}`, repeats);
        if (process.env.BENCH_DEBUG) console.log(key, JSON.stringify({ runs, cpuMs }));
        const clicks = runs.flatMap((r) => r.clickMs);
        figures.push(
          { key: `seatmap.${key}.firstPaint`, label: `${label}: connection → first painted map`, value: median(runs.map((r) => r.firstPaintMs)), unit: 'ms', goal: { op: '<=', value: goal }, aggregate: 'once', digits: 0 },
          { key: `seatmap.${key}.firstPaintCpu`, label: `${label}: main-thread CPU, connection → first paint`, value: cpuMs, unit: 'ms', aggregate: 'once', digits: 0 },
          { key: `seatmap.${key}.click`, label: `${label}: click → selected seat painted`, value: median(clicks), unit: 'ms', goal: { op: '<=', value: 50 }, aggregate: 'once', digits: 1 },
          { key: `seatmap.${key}.clicks`, label: `${label}: clicks measured`, value: clicks.length, aggregate: 'once', digits: 0 },
          { key: `seatmap.${key}.heap`, label: `${label}: page JS heap (after GC)`, value: median(runs.map((r) => r.heapMB)), unit: 'MB', aggregate: 'once', digits: 1 },
        );
      }
      // The arena on a phone's CPU: the same page loads with the renderer slowed 4×.
      const slow = await measurePlan(browser, server.baseUrl, widgetDir, `${shopPath}/plans/${arena.planId}`, repeats, 4);
      figures.push(
        { key: 'seatmap.arena4x.firstPaint', label: `${options.quick ? 'demo arena' : 'arena, 20,160 seats'}, 4× CPU slowdown: connection → first painted map`, value: median(slow.runs.map((r) => r.firstPaintMs)), unit: 'ms', goal: { op: '<=', value: 300 }, aggregate: 'once', digits: 0 },
        { key: 'seatmap.arena4x.click', label: `${options.quick ? 'demo arena' : 'arena, 20,160 seats'}, 4× CPU slowdown: click → selected seat painted`, value: median(slow.runs.flatMap((r) => r.clickMs)), unit: 'ms', aggregate: 'once', digits: 1 },
      );
      return figures;
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
