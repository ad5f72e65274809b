/**
 * `npm run bench -- --profile`: one sustained flash sale (1b, the figure compared to the goal)
 * with the server under node --cpu-prof, then a
 * summary of where the server's CPU went (by library and by function), with the database
 * round trips per request counted in-process (lib/query-count.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSeatedLoad } from '../scenarios/flash-sale.js';
import { sustainedSale } from '../scenarios/flash-sale-sustained.js';
import { summarizeProfile } from './cpu-profile.js';
import { countHotPathQueries } from './query-count.js';
import { timeHoldStatements } from './statement-times.js';
import { tempDir } from './temp.js';

const INCLUSIVE = [
  'provideDeps',
  'storefrontShop',
  'idempotency',
  'createHold',
  'resolveSeatChoices',
  'loadPerformance',
  'takenSeats',
  'getHoldView',
  'holdItems',
  'sha256Hex',
  'executeStmt',
  'batch',
  'prepare',
  'stringify',
  'parse',
];

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export async function profileFlashSale(options: { quick: boolean; workDir: string }): Promise<string[]> {
  const dir = tempDir('ticket-shop-bench-prof-');
  const { result } = await runSeatedLoad(
    { ...sustainedSale(options.quick), prefix: 'profile', nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] },
    { quick: options.quick, run: 0, workDir: options.workDir },
  );
  // One profile per thread (CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile): the main (HTTP)
  // thread is 0; with DATABASE_WRITER=thread the writer thread writes its own.
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (!file) return ['## Profile of the flash sale', '', 'The server wrote no CPU profile.'];
  const summary = summarizeProfile(join(dir, file), INCLUSIVE);
  const others = files.filter((f) => f !== file).map((f) => summarizeProfile(join(dir, f), []));
  const requests = result.holdRequests + result.availabilityReads;
  const counts = await countHotPathQueries();
  const times = await timeHoldStatements(options.quick ? 100 : 500);
  return [
    '## Profile of the sustained flash sale (1b; server under node --cpu-prof, one run)',
    '',
    `${result.holdRequests} hold requests and ${result.availabilityReads} availability reads (plus set-up requests); server CPU busy ${(summary.busyMs / 1000).toFixed(1)} s of ${(summary.totalMs / 1000).toFixed(1)} s profiled, about ${(summary.busyMs / Math.max(1, requests)).toFixed(2)} ms of CPU per request. Profiling itself slows the server down a little. Inclusive times count only the synchronous part of async functions (after an await, V8 samples show the microtask, not the caller).`,
    '',
    ...others.flatMap((other, i) => [
      `Another thread (${i + 1}, the database writer when DATABASE_WRITER=thread) was busy ${(other.busyMs / 1000).toFixed(1)} s: ${other.byCategory
        .slice(0, 5)
        .map((c) => `${c.category} ${(c.ms / 1000).toFixed(2)} s`)
        .join(', ')}. The tables below are the main (HTTP) thread's.`,
      '',
    ]),
    '### Self time by part of the stack',
    '',
    '| Part | CPU | Share of busy time |',
    '|---|---:|---:|',
    ...summary.byCategory.map((c) => `| ${c.category} | ${(c.ms / 1000).toFixed(2)} s | ${pct(c.share)} |`),
    '',
    '### Inclusive time of the hot-path functions',
    '',
    '| Function | CPU | Share of busy time |',
    '|---|---:|---:|',
    ...summary.inclusive.map((c) => `| ${c.name} | ${(c.ms / 1000).toFixed(2)} s | ${pct(c.share)} |`),
    '',
    '### Functions with the most self time',
    '',
    '| Function | CPU | Share |',
    '|---|---:|---:|',
    ...summary.topSelf.map((c) => `| \`${c.name.replace(/\|/g, '\\|')}\` | ${(c.ms / 1000).toFixed(2)} s | ${pct(c.share)} |`),
    '',
    '### Database round trips per request (counted in-process, same app)',
    '',
    '| Request | Status | execute() calls | batch() calls | statements in batches | write statements |',
    '|---|---:|---:|---:|---:|---:|',
    ...counts.map((c) => `| ${c.request} | ${c.status} | ${c.executes} | ${c.batches} | ${c.batchStatements} | ${c.writes} |`),
    '',
    `### Time per database call of a hold (in-process, one connection with openNodeStorage's PRAGMAs, ${options.quick ? 100 : 500} holds of 2 seats with an Idempotency-Key, one after another)`,
    '',
    `${times.msPerHold.toFixed(2)} ms per hold request in-process, of which ${times.dbMsPerHold.toFixed(2)} ms inside @libsql/client calls (SQLite, statement preparation, row conversion); the rest is Hono, validation, SHA-256 of the Idempotency-Key scope and body, the hold view and its JSON, and drizzle where a statement is still built per request.`,
    '',
    '| Database call | Calls per hold | ms per call |',
    '|---|---:|---:|',
    ...times.statements.map((t) => `| ${t.statement} | ${(t.calls / (options.quick ? 100 : 500)).toFixed(1)} | ${t.msPerCall.toFixed(3)} |`),
    '',
  ];
}
