import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { waitUntilHealthy } from '../../tests/node/http-server.js';

/** The repository root: the server finds db/migrations relative to its working directory. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/**
 * The production build. BENCH_SERVER_ENTRY points at another build of the same server, for
 * before/after experiments (e.g. a build with a candidate optimisation); it is not rebuilt.
 */
const SERVER_ENTRY = process.env.BENCH_SERVER_ENTRY ? resolve(process.env.BENCH_SERVER_ENTRY) : join(REPO_ROOT, 'dist/server/server.js');

let built = false;

/**
 * The node flags `npm start` gives the server (package.json's start script: a larger young
 * generation), so that the benchmarks measure the server as it is run.
 */
export function serverNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const flags = /\bnode((?: --\S+)*) dist\/server\/server\.js/.exec(start);
  if (!flags) throw new Error(`package.json's start script no longer runs "node [flags] dist/server/server.js": ${start}`);
  return flags[1]!.trim().split(/\s+/).filter(Boolean);
}

/** `npm run build:server`, once per benchmark process. */
export function buildServer(): void {
  if (built) return;
  if (process.env.BENCH_SERVER_ENTRY) {
    if (!existsSync(SERVER_ENTRY)) throw new Error(`BENCH_SERVER_ENTRY ${SERVER_ENTRY} does not exist`);
    built = true;
    return;
  }
  execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 });
  if (!existsSync(SERVER_ENTRY)) throw new Error(`The build did not produce ${SERVER_ENTRY}`);
  built = true;
}

export async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface BenchServer {
  baseUrl: string;
  pid: number;
  output: () => string;
  /** SIGTERM (the server closes its database and exits), SIGKILL after 10 s. */
  stop: () => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

/**
 * Runs the production build (`node dist/server/server.js`) on an existing libSQL file, on a
 * free loopback port, without cron jobs or demo data, and waits for /api/health.
 * `nodeArgs` are passed to node (e.g. --cpu-prof).
 */
export async function startServer(options: { dbPath: string; nodeArgs?: string[]; startupTimeoutMs?: number }): Promise<BenchServer> {
  buildServer();
  const port = await freePort();
  // BENCH_SERVER_PROFILE_DIR=dir runs the server under node --cpu-prof (its profile is written there when it stops).
  const profileDir = process.env.BENCH_SERVER_PROFILE_DIR;
  // BENCH_SERVER_NODE_ARGS="--flag …" adds node flags to the server only (e.g. a V8 heap setting to compare).
  const extraArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const nodeArgs = [...serverNodeFlags(), ...extraArgs, ...(options.nodeArgs ?? []), ...(profileDir && !options.nodeArgs?.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [])];
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${options.dbPath}`, CRON: 'false', SEED_DEMO: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(baseUrl, child, stop, () => output, options.startupTimeoutMs);
  return { baseUrl, pid: child.pid!, output: () => output, stop };
}
