import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const wranglerCli = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'wrangler-dist/cli.js');
// As wrangler's own bin starts it; started directly, so that a signal reaches the process that owns workerd.
const nodeArgs = ['--no-warnings', '--experimental-vm-modules', wranglerCli];
// CI: no prompts, no update check talk; metrics off (no network here).
const quiet = { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' };

/** A wrangler command run to its end; its output is given back, on failure in the error. */
export async function wrangler(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [...nodeArgs, ...args], { env: quiet, maxBuffer: 64 << 20 });
  return stdout;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface WranglerDev {
  url: string;
  /** Everything wrangler and the Worker printed so far (console.log of the Worker included). */
  output: () => string;
  stop: () => Promise<void>;
}

/** `wrangler dev --local --test-scheduled` with the given config on a free port, ready when /api/health answers. */
export async function startWranglerDev(options: { config: string; persistTo: string; vars: Record<string, string> }): Promise<WranglerDev> {
  const port = await freePort();
  const args = ['dev', '--config', options.config, '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', options.persistTo, '--test-scheduled', '--show-interactive-dev-session=false'];
  for (const [name, value] of Object.entries(options.vars)) args.push('--var', `${name}:${value}`);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], { env: quiet, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: wrangler disposes workerd and exits; the kill after 10 s is for a hung one.
    child.kill('SIGTERM');
    const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(hung);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, output: () => output, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
