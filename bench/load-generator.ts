/**
 * The load generator: a second process (forked by lib/load.ts) that plays the buyers over
 * loopback HTTP, so that the server's process has its core(s) to itself as far as the
 * machine allows. It receives one job, runs the named export of a scenario module with the
 * job's parameters, sends the result back and exits.
 */
import { pathToFileURL } from 'node:url';

interface Job {
  module: string;
  exportName: string;
  params: unknown;
}

process.once('message', async (job: Job) => {
  try {
    const mod = (await import(pathToFileURL(job.module).href)) as Record<string, (params: unknown) => Promise<unknown>>;
    const fn = mod[job.exportName];
    if (typeof fn !== 'function') throw new Error(`${job.module} has no export ${job.exportName}`);
    const result = await fn(job.params);
    process.send!({ ok: true, result }, undefined, undefined, () => process.exit(0));
  } catch (err) {
    process.send!({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, undefined, undefined, () => process.exit(1));
  }
});
