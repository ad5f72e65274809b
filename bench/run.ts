/**
 * `npm run bench`: runs every scenario (bench/scenarios/index.ts) --runs times (3 by default),
 * in rounds, takes each figure's median, prints a table with the machine's description and
 * writes bench/RESULTS.md (its measured part; the history below it is kept). `--quick` is a short
 * smoke mode (one small run, no RESULTS.md).
 * Everything it starts (servers, load generators, browsers) it stops, and its temp files
 * are removed however it ends.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.js';
import { describeMachine } from './lib/machine.js';
import { aggregate, derive, markdownReport, type ScenarioReport, textReport, withHistory } from './lib/report.js';
import { removeAllTempDirs, tempDir } from './lib/temp.js';
import { derived as derivedFigures, scenarios } from './scenarios/index.js';
import type { Figure } from './scenarios/types.js';

const DEFAULT_OUT = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeAllTempDirs();
    process.exit(130);
  });
}

export async function main(argv: string[]): Promise<{ reports: ScenarioReport[]; failed: boolean; markdown: string }> {
  const args = parseArgs(argv, DEFAULT_OUT);
  const startedAt = new Date();
  const machine = describeMachine();
  const selected = scenarios.filter((s) => args.only === null || args.only.includes(s.id));
  if (args.only) for (const id of args.only) if (!scenarios.some((s) => s.id === id)) throw new Error(`Unknown scenario ${id}; known: ${scenarios.map((s) => s.id).join(', ')}`);
  const workDir = tempDir('ticket-shop-bench-work-');

  const state = new Map(selected.map((s) => [s.id, { runs: [] as Figure[][], errors: [] as string[], skipped: null as string | null }]));
  for (const scenario of selected) state.get(scenario.id)!.skipped = (await scenario.skipReason?.()) ?? null;

  let roundsDone = 0;
  let lastRoundS = 0;
  for (let run = 0; run < args.runs; run++) {
    const elapsedS = (Date.now() - startedAt.getTime()) / 1000;
    // A round lasts about as long as the one before (minus the scenarios measured once).
    if (run > 0 && args.budgetS > 0 && elapsedS + lastRoundS > args.budgetS) {
      console.log(`[bench] stopping after ${run} round(s): another would end past the ${args.budgetS} s budget (--budget 0 to lift it)`);
      break;
    }
    const roundStart = Date.now();
    let onceS = 0;
    for (const scenario of selected) {
      const s = state.get(scenario.id)!;
      if (s.skipped || (scenario.once && run > 0)) continue;
      const t0 = Date.now();
      process.stdout.write(`[bench] run ${run + 1}/${args.runs} ${scenario.id} … `);
      try {
        s.runs.push(await scenario.run({ quick: args.quick, run, workDir }));
        console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        s.errors.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
        console.log(`failed after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        console.error(err);
      }
      if (scenario.once) onceS += (Date.now() - t0) / 1000;
    }
    lastRoundS = (Date.now() - roundStart) / 1000 - onceS;
    roundsDone++;
  }

  const reports: ScenarioReport[] = selected.map((scenario) => {
    const s = state.get(scenario.id)!;
    return { scenario, figures: aggregate(s.runs), errors: s.errors, skipped: s.skipped };
  });
  const derived = derive(reports, derivedFigures);
  const extra: string[] = [];
  if (args.profile) {
    const { profileFlashSale } = await import('./lib/profile-flash-sale.js');
    extra.push(...(await profileFlashSale({ quick: args.quick, workDir })));
  }

  console.log(textReport(machine, reports, derived, roundsDone));
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const markdown = markdownReport({ machine, reports, derived, runs: roundsDone, command, startedAt, durationS: (Date.now() - startedAt.getTime()) / 1000, extra });
  if (extra.length) console.log(`\n${extra.join('\n')}`);
  if (args.out) {
    // The sessions' notes below the measured part stay (report.ts withHistory).
    writeFileSync(args.out, withHistory(markdown, existsSync(args.out) ? readFileSync(args.out, 'utf8') : null));
    console.log(`\nWrote ${args.out}`);
  }
  removeAllTempDirs();
  const failed = reports.some((r) => r.errors.length > 0 || r.figures.some((f) => f.kind === 'invariant' && f.met === false));
  return { reports, failed, markdown };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    ({ failed }) => process.exit(failed ? 1 : 0),
    (err) => {
      console.error(err);
      removeAllTempDirs();
      process.exit(2);
    },
  );
}
