/**
 * Where the seat map's first frame goes. Mounts <tk-seat-map> on the demo arena (or the
 * 100,000-seat plan) in the Debian Chromium as scenario 6 does, with the renderer's CPU slowed
 * (CDP Emulation.setCPUThrottlingRate), and times from just before the element is connected
 * to its `tk-seat-map:first-paint` mark: the span (wall) and the main thread's CPU time (from
 * a trace), per run and their medians, with the production build of the widget.
 *
 *   npx tsx bench/lib/seat-map-profile.ts [--rate 4] [--runs 3] [--plan arena|big]
 *     [--profile [--top 25] [--lines functionName] [--categories a,b] [--json out.json]]
 *     [--timeline [--timeline-min ms]] [--screenshot]
 *
 * --profile  builds the widget unminified (into bench/.scratch/seat-map-profile-widget/, whose
 *            line numbers the output gives) and puts each run under a V8 CPU profile (100 µs
 *            samples) and a detailed trace: prints the main thread's busiest trace events (self
 *            time: script, style, layout, paint, the canvas's resource, commit; add
 *            disabled-by-default-skia to --categories for the canvas's drawing) and JS
 *            functions (self and inclusive), medians over the runs; --lines, one function's
 *            samples by line.
 * --timeline the first run's main-thread tasks in order, gaps included, down to --timeline-min ms.
 * --screenshot keeps each run's first frame (the canvas's pixels when it was painted: compare
 *            before and after a change byte for byte) and the whole element soon after, in
 *            bench/.scratch/.
 * performance.measure entries the page made (a developer timing a phase) are printed too.
 *
 * The plan's geometry is fetched once from a demo server and kept in bench/.scratch/ (delete
 * it to fetch it anew).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { startServer } from '../../tests/node/http-server.js';
import { requestJson } from '../../tests/shared/request.js';
import { arenaPlan } from '../../worker/src/seed/plans.js';
import { REPO_ROOT } from './server.js';
import { median } from './stats.js';
import { buildWidget } from './widget-build.js';
import { mainThreadCpuMs, type TraceEvent } from './chrome-trace.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ORIGIN = 'http://seat-map.profile';
const CONNECT_MARK = 'profile:seat-map-connect';
const FIRST_PAINT_MARK = 'tk-seat-map:first-paint';
const TRACE_CATEGORIES = ['__metadata', 'toplevel', 'blink.user_timing'];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** The script-tag build, unminified (the profile's function names are the sources'). */
async function buildReadableWidget(): Promise<string> {
  // Kept (bench/.scratch/ is ignored by git) so that the profile's line numbers can be looked up.
  const dir = join(REPO_ROOT, 'bench/.scratch/seat-map-profile-widget');
  await build({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    root: REPO_ROOT,
    mode: 'script-tag',
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, minify: false, rolldownOptions: { output: { minify: false } } },
  });
  return dir;
}

/** The plan as GET /plans/:id answers it, from a demo server the first time, then from bench/.scratch/. */
async function planGeometry(plan: 'arena' | 'big'): Promise<string> {
  const file = join(REPO_ROOT, 'bench/.scratch', `seat-map-${plan}.json`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const server = await startServer({ arena: true, startupTimeoutMs: 60_000 });
  try {
    const shopPath = `/api/shops/${server.demo.shopId}`;
    let planId = ((await (await fetch(`${server.baseUrl}${shopPath}/performances/${server.demo.arenaPerformanceId}`)).json()) as { planId: string }).planId;
    if (plan === 'big') {
      const org = async (path: string, body: unknown) => {
        const res = await requestJson(fetch, 'POST', `/api/org${path}`, body, { Authorization: `Bearer ${server.demo.token}` }, { origin: server.baseUrl, signal: AbortSignal.timeout(300_000) });
        if (res.status < 200 || res.status >= 300) throw new Error(`POST ${path} → ${res.status}`);
        return res.body as { id: string };
      };
      const venue = await org('/venues', { name: 'Stade généré' });
      planId = (await org(`/venues/${venue.id}/plans`, arenaPlan({ sectionsPerRing: 25, rings: 4, rows: 25, seatsPerRow: 40, name: 'Generated 100,000 seats' }))).id;
    }
    const json = await (await fetch(`${server.baseUrl}${shopPath}/plans/${planId}`)).text();
    mkdirSync(join(REPO_ROOT, 'bench/.scratch'), { recursive: true });
    writeFileSync(file, json);
    return json;
  } finally {
    await server.stop();
  }
}

const PAGE = (chunk: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>seat map profile</title>
<style>body{margin:0;font-family:sans-serif} #host{width:1200px}</style></head><body><div id="host"></div>
<script type="module">window.profileLoaded = import('/widget/chunks/${chunk}');</script></body></html>`;

/** In the page: the element made and the page settled, not yet connected. */
async function prepare(): Promise<void> {
  const w = window as any;
  await w.profileLoaded;
  await customElements.whenDefined('tk-seat-map');
  const geometry = await (await fetch('/plan.json')).json();
  await document.fonts.ready;
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
  await new Promise((r) => setTimeout(r, 300));
  const el = document.createElement('tk-seat-map') as any;
  el.geometry = geometry;
  w.profileEl = el;
}

/** In the page: connects the element, resolves with the span to its first-paint mark. */
async function connect({ connectMark, paintMark }: { connectMark: string; paintMark: string }): Promise<number> {
  const w = window as any;
  const el = w.profileEl;
  // The canvas as the first frame left it (later frames add what waits for idle time).
  const painted = new Promise((resolve, reject) => {
    el.addEventListener('tk-seat-map-painted', () => resolve((w.profileFirstFrame = el.shadowRoot.querySelector('canvas').toDataURL())), { once: true });
    setTimeout(() => reject(new Error('no tk-seat-map-painted within 30 s')), 30_000);
  });
  const from = performance.mark(connectMark).startTime;
  document.getElementById('host')!.appendChild(el);
  await painted;
  // Measures a developer put in the element while looking into a phase (performance.measure).
  w.profileMeasures = performance.getEntriesByType('measure').map((m) => ({ name: m.name, ms: m.duration }));
  return performance.getEntriesByName(paintMark, 'mark').at(-1)!.startTime - from;
}

/** The trace's connection and first-paint marks (µs, the clock of trace events and V8 profiles). */
function marks(events: TraceEvent[]): { from?: TraceEvent; to?: TraceEvent } {
  return { from: events.find((e) => e.name === CONNECT_MARK), to: events.find((e) => e.name === FIRST_PAINT_MARK) };
}

/** Self time (wall) of the main thread's trace events between the marks, by event name. */
function traceSelfTimes(events: TraceEvent[]): Map<string, number> {
  const { from, to } = marks(events);
  const main = from && events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === from.pid && e.args?.name === 'CrRendererMain');
  const self = new Map<string, number>();
  if (!from || !to || !main) return self;
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts < to.ts && e.ts + e.dur! > from.ts)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Nested spans: each one's self time is its duration less its children's (clipped to the marks).
  const clip = (e: TraceEvent) => Math.max(0, Math.min(e.ts + e.dur!, to.ts) - Math.max(e.ts, from.ts));
  const stack: { e: TraceEvent; children: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= until) {
      const { e, children } = stack.pop()!;
      const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
      self.set(name, (self.get(name) ?? 0) + Math.max(0, clip(e) - children) / 1000);
      if (stack.length) stack.at(-1)!.children += clip(e);
    }
  };
  for (const e of spans) {
    close(e.ts);
    stack.push({ e, children: 0 });
  }
  close(Infinity);
  return self;
}

/**
 * The main thread's tasks between the marks in order, with their larger nested events (ms from
 * the connection mark, wall duration): shows the gaps too (waiting for a frame, for a message).
 */
function timeline(events: TraceEvent[], minMs = Number(option('timeline-min', '1'))): string[] {
  const { from, to } = marks(events);
  const main = from && events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === from.pid && e.args?.name === 'CrRendererMain');
  if (!from || !to || !main) return [];
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.dur >= minMs * 1000 && e.ts < to.ts && e.ts + e.dur! > from.ts)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const lines: string[] = [];
  const open: TraceEvent[] = [];
  for (const e of spans) {
    while (open.length && open.at(-1)!.ts + open.at(-1)!.dur! <= e.ts) open.pop();
    const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
    lines.push(`${((e.ts - from.ts) / 1000).toFixed(1).padStart(7)} ${(e.dur! / 1000).toFixed(1).padStart(6)} ms ${'  '.repeat(open.length)}${name}`);
    open.push(e);
  }
  lines.push(`${((to.ts - from.ts) / 1000).toFixed(1).padStart(7)}           first-paint mark`);
  return lines;
}


interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  /** Samples by source line (1-based) of the function's own code. */
  positionTicks?: { line: number; ticks: number }[];
}

/** Where in its chunk a function's self samples fell: ticks by line (whole run, not clipped to the marks). */
function lineTicks(profile: CpuProfile, functionName: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== functionName) continue;
    const file = node.callFrame.url.replace(/^.*\/chunks\//, '').replace(/-[\w-]{8}\.js$/, '.js');
    for (const { line, ticks } of node.positionTicks ?? []) lines.set(`${file}:${line}`, (lines.get(`${file}:${line}`) ?? 0) + ticks);
  }
  return lines;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self and inclusive time (ms) of the JS functions in a V8 profile between two times (µs), idle left out. */
function profileTimes(profile: CpuProfile, fromUs: number, toUs: number): { self: Map<string, number>; inclusive: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const file = url.replace(/^.*\/chunks\//, '').replace(/-[\w-]{8}\.js$/, '.js');
    return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, k) => {
    at += profile.timeDeltas[k] ?? 0;
    // A sample's delta is the time until the next one: it belongs to the next sample.
    const ms = (profile.timeDeltas[k + 1] ?? 0) / 1000;
    if (at < fromUs || at > toUs) return;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    self.set(label(node), (self.get(label(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = label(byId.get(cur)!);
      if (!seen.has(name)) seen.add(name), inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  return { self, inclusive };
}

function medians(maps: Map<string, number>[], top: number): [string, number][] {
  const names = new Set(maps.flatMap((m) => [...m.keys()]));
  return [...names]
    .map((name) => [name, median(maps.map((m) => m.get(name) ?? 0))] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
}

async function main(): Promise<void> {
  const rate = Number(option('rate', '4'));
  const runs = Number(option('runs', '3'));
  const top = Number(option('top', '25'));
  const plan = option('plan', 'arena') as 'arena' | 'big';
  const profiling = process.argv.includes('--profile');
  const geometry = await planGeometry(plan);
  // The production build for timing, a readable one for the profile.
  const widgetDir = profiling ? await buildReadableWidget() : buildWidget();
  const chunk = readdirSync(join(widgetDir, 'chunks')).find((f) => /^seat-map-.*\.js$/.test(f));
  if (!chunk) throw new Error('No seat-map chunk in the widget build');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, timeout: 60_000 });
  const spans: number[] = [];
  const cpus: number[] = [];
  const traces: Map<string, number>[] = [];
  const selfs: Map<string, number>[] = [];
  const inclusives: Map<string, number>[] = [];
  const lineFunction = option('lines', '');
  const lines = new Map<string, number>();
  const measures = new Map<string, number[]>();
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.route(`${ORIGIN}/**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: PAGE(chunk) });
        if (path === '/plan.json') return route.fulfill({ status: 200, contentType: 'application/json', body: geometry });
        const file = join(widgetDir, path.replace(/^\/widget\//, ''));
        if (!file.startsWith(widgetDir) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ status: 200, contentType: extname(file) === '.js' ? 'text/javascript' : 'application/json', body: readFileSync(file) });
      });
      await page.goto(`${ORIGIN}/`);
      const cdp = await context.newCDPSession(page);
      if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.evaluate(prepare);
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      }
      await browser.startTracing(page, { categories: profiling ? [...TRACE_CATEGORIES, 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'gpu', ...option('categories', '').split(',').filter(Boolean)] : TRACE_CATEGORIES });
      if (profiling) await cdp.send('Profiler.start');
      const span = await page.evaluate(connect, { connectMark: CONNECT_MARK, paintMark: FIRST_PAINT_MARK });
      const profile = profiling ? ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile : undefined;
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      for (const { name, ms } of (await page.evaluate(() => (window as any).profileMeasures)) as { name: string; ms: number }[]) measures.set(name, [...(measures.get(name) ?? []), ms]);
      if (process.argv.includes('--screenshot')) {
        const dataUrl: string = await page.evaluate(() => (window as any).profileFirstFrame);
        writeFileSync(join(REPO_ROOT, `bench/.scratch/seat-map-${plan}-first-frame-${run + 1}.png`), Buffer.from(dataUrl.split(',')[1]!, 'base64'));
        await page.locator('tk-seat-map').screenshot({ path: join(REPO_ROOT, `bench/.scratch/seat-map-${plan}-${run + 1}.png`) });
      }
      await context.close();
      const { from, to } = marks(trace.traceEvents);
      if (!from || !to) throw new Error('The trace has no connection or first-paint mark');
      spans.push(span);
      cpus.push(mainThreadCpuMs(trace.traceEvents, CONNECT_MARK, FIRST_PAINT_MARK));
      if (profile) {
        const times = profileTimes(profile, from.ts, to.ts);
        traces.push(traceSelfTimes(trace.traceEvents));
        selfs.push(times.self);
        inclusives.push(times.inclusive);
        if (lineFunction) for (const [line, ticks] of lineTicks(profile, lineFunction)) lines.set(line, (lines.get(line) ?? 0) + ticks);
      }
      if (run === 0 && process.argv.includes('--timeline')) console.log(timeline(trace.traceEvents).join('\n'));
      console.log(`run ${run + 1}: connection → first paint ${span.toFixed(1)} ms, main-thread CPU ${cpus.at(-1)!.toFixed(1)} ms (CPU ×${rate}${profiling ? ', under the profiler' : ''})`);
    }
  } finally {
    await browser.close();
  }
  const show = (title: string, rows: [string, number][]) => {
    console.log(`\n${title}`);
    for (const [name, ms] of rows) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${name}`);
  };
  console.log(`\nmedian connection → first paint: ${median(spans).toFixed(1)} ms; main-thread CPU: ${median(cpus).toFixed(1)} ms (min ${Math.min(...cpus).toFixed(1)})`);
  for (const [name, ms] of measures) console.log(`  ${median(ms).toFixed(1).padStart(7)} ms  measure ${name} (median of ${ms.length})`);
  if (!profiling) return;
  show('main thread, trace events between the marks (self, wall, median):', medians(traces, top));
  show('JS functions (self, median; native calls count in their JS caller):', medians(selfs, top));
  show('JS functions (inclusive, median):', medians(inclusives, top));
  if (lineFunction) {
    console.log(`\n${lineFunction}: samples by line, all runs`);
    for (const [line, ticks] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${String(ticks).padStart(6)}  ${line}`);
  }
  const out = option('json', '');
  if (out) writeFileSync(out, JSON.stringify({ rate, plan, spans, cpus, trace: medians(traces, 200), self: medians(selfs, 200), inclusive: medians(inclusives, 200) }, null, 2));
}

await main();
