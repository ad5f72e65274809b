import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const GENERATOR = fileURLToPath(new URL('../load-generator.ts', import.meta.url));

/**
 * Runs `exportName` of a scenario module in a forked load-generator process and returns its
 * result. The child is killed if it has not answered within `timeoutMs`.
 */
export function runInLoadGenerator<R>(moduleUrl: string, exportName: string, params: unknown, timeoutMs: number): Promise<R> {
  // BENCH_LOAD_PROFILE_DIR=dir writes the load generator's own V8 CPU profile there (what the buyers cost).
  const profileDir = process.env.BENCH_LOAD_PROFILE_DIR;
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(GENERATOR, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`The load generator did not finish within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.once('message', (message: { ok: boolean; result?: R; error?: string }) =>
      finish(() => (message.ok ? resolve(message.result as R) : reject(new Error(`Load generator failed: ${message.error}`)))),
    );
    child.once('exit', (code, signal) => finish(() => reject(new Error(`The load generator exited (${code ?? signal}) without a result`))));
    child.once('error', (err) => finish(() => reject(err)));
    child.send({ module: fileURLToPath(moduleUrl), exportName, params });
  });
}
