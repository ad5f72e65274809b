import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSaleServer } from '../lib/catalog-setup.js';
import type { FloorLoadParams, FloorLoadResult } from '../lib/floor-load.js';
import { runInLoadGenerator } from '../lib/load.js';
import { threadCpuMs } from '../lib/process-cpu.js';
import { freePort, REPO_ROOT, serverNodeFlags } from '../lib/server.js';
import type { Figure, Scenario, ScenarioOptions } from './types.js';

const LOAD_MODULE = new URL('../lib/floor-load.ts', import.meta.url).href;
const FLOOR_SERVER = fileURLToPath(new URL('../lib/floor-server.ts', import.meta.url));

/** A hold request's body, as the buyers send it (the floor servers parse it and answer the same). */
const HOLD_SHAPED = { performanceId: 'prf_fhcntwz643yb', seats: [{ seatId: 25_496 }, { seatId: 25_497 }, { seatId: 25_498 }] };

interface FloorCase {
  key: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
}

/** One floor server (node:http or Hono) on a free port, with npm start's node flags. */
async function startFloorServer(kind: 'node' | 'hono') {
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', FLOOR_SERVER, kind, String(port)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  // Stopped with the benchmark however it ends, as the other servers are.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await new Promise<void>((ready, failed) => {
    child.stdout!.once('data', () => ready());
    child.once('exit', (code) => failed(new Error(`The ${kind} floor server exited (${code})`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
}

/** Runs one case's load against a server and reads the server's main (HTTP) thread CPU around it. */
async function measure(server: { baseUrl: string; pid: number }, c: FloorCase, options: ScenarioOptions): Promise<Figure[]> {
  const params: FloorLoadParams = { baseUrl: server.baseUrl, method: c.method, path: c.path, body: c.method === 'POST' ? HOLD_SHAPED : undefined, headers: c.headers, sockets: options.quick ? 16 : 256, durationMs: options.quick ? 1000 : 5000 };
  const before = threadCpuMs(server.pid);
  const result = await runInLoadGenerator<FloorLoadResult>(LOAD_MODULE, 'runFloorLoad', params, 60_000);
  const after = threadCpuMs(server.pid);
  const errors = Object.entries(result.statuses).filter(([status]) => status.startsWith('0') || status.startsWith('5'));
  if (errors.length > 0) throw new Error(`${c.label}: ${JSON.stringify(result.statuses)}`);
  return [
    ...(before === null || after === null ? [] : [{ key: `floor.${c.key}.cpu`, label: `${c.label}: HTTP thread CPU per request`, value: (after - before) / result.requests, unit: 'ms', digits: 3 }]),
    { key: `floor.${c.key}.rate`, label: `${c.label}: requests per second`, value: (result.requests / result.elapsedMs) * 1000, unit: '/s', digits: 0 },
  ];
}

/**
 * (12) What a request costs before any ticketing: the same clients against a bare node:http
 * server, one Hono route, and this project's server answering requests that do no database work.
 * The hold's own share of the HTTP thread is what the seated sales' "of which the server's main
 * (HTTP) thread" adds to these.
 */
export const httpFloor: Scenario = {
  id: 'http-floor',
  title: '12. The HTTP floor: what a request costs before any ticketing',
  notes: [
    '256 keep-alive sockets (opened first), each sending the same request again as soon as its answer is in, for 5 s per case; the server\'s main thread CPU from /proc. The floor servers (`bench/lib/floor-server.ts`) answer a hold-shaped POST with a hold-sized JSON (about 670 bytes) and the API\'s security headers; this server answers `GET /api/health` (with and without the `Accept-Encoding` every browser sends) and the 404 envelope of a POST to no route.',
  ],
  async run(options) {
    const figures: Figure[] = [];
    for (const kind of ['node', 'hono'] as const) {
      const server = await startFloorServer(kind);
      try {
        figures.push(...(await measure(server, { key: kind, label: kind === 'node' ? 'node:http alone, a hold-shaped POST' : 'one Hono route on @hono/node-server, the same POST', method: 'POST', path: '/api/floor' }, options)));
      } finally {
        await server.stop();
      }
    }
    const sale = await startSaleServer();
    try {
      const cases: FloorCase[] = [
        { key: 'health', label: 'this server, GET /api/health', method: 'GET', path: '/api/health' },
        { key: 'healthBrowser', label: 'this server, GET /api/health taking Brotli (a browser)', method: 'GET', path: '/api/health', headers: { 'Accept-Encoding': 'gzip, deflate, br' } },
        { key: 'unknownRoute', label: 'this server, a POST to no route (the 404 envelope)', method: 'POST', path: '/api/nowhere' },
      ];
      for (const c of cases) figures.push(...(await measure(sale.server, c, options)));
    } finally {
      await sale.close();
    }
    return figures;
  },
};
