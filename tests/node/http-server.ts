import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openNodeStorage } from '../../db/node-storage.js';
import { type DemoSeed, seedDemo } from '../../worker/src/seed/demo.js';
import { type JsonResult, requestJson } from '../shared/request.js';

/** The repository root: the server resolves db/migrations relative to its working directory. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const SERVER_ENTRY = join(REPO_ROOT, 'dist/server/server.js');

export interface RunningServer {
  baseUrl: string;
  /** Path of the server's libSQL file (for read-only audits through a separate connection). */
  dbPath: string;
  demo: DemoSeed;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/** `npm start` builds the widget the server serves under /widget; a test run builds it once if it is not there yet. */
export function buildWidgetOnce(): void {
  if (!existsSync(join(REPO_ROOT, 'dist/widget/ticket-shop.js'))) {
    execFileSync('npm', ['run', '--silent', 'build:widget'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 240_000 });
  }
}

/**
 * Builds the production Node server (npm run build:server), seeds a fresh database file in a
 * temp folder with the demo data, and runs `node dist/server/server.js` on a free port with
 * the cron jobs off. The database is seeded here rather than by the server, so that the
 * server never writes its organizer-token file into the repository (SEED_DEMO=false).
 */
export async function startServer(options: { arena?: boolean; startupTimeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 60_000 });
  if (!existsSync(SERVER_ENTRY)) throw new Error(`The build did not produce ${SERVER_ENTRY}`);

  const dir = mkdtempSync(join(tmpdir(), 'ticket-shop-http-'));
  const dbPath = join(dir, 'race.db');
  let demo: DemoSeed;
  try {
    const storage = await openNodeStorage(`file:${dbPath}`);
    try {
      demo = await seedDemo(storage, Date.now(), { arena: options.arena ?? false });
    } finally {
      storage.client.close();
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${dbPath}`, CRON: 'false', SEED_DEMO: 'false', CHECK_RESPONSES: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(baseUrl, child, stop, () => output, options.startupTimeoutMs);
  return { baseUrl, dbPath, demo, output: () => output, stop };
}

export type HttpResult = JsonResult;

/** One JSON request over real HTTP (global fetch: undici with keep-alive), with a timeout. */
export function httpJson(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<HttpResult> {
  return requestJson(fetch, method, path, body, headers, { origin: baseUrl, signal: AbortSignal.timeout(timeoutMs) });
}

/** Runs tasks with at most `limit` in flight; results keep the tasks' order. */
export async function runBounded<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A small seeded PRNG (mulberry32), so a run's buyers are the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Waits until a freshly spawned server answers /api/health, or stops it and throws with its
 * output when it exits or the deadline passes. Shared by the HTTP tests and the benchmarks.
 */
export async function waitUntilHealthy(
  baseUrl: string,
  child: ChildProcess,
  stop: () => Promise<void>,
  output: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`The server exited during startup (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok === true) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/health in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
