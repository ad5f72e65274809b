import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

/** The cron expressions of wrangler.toml's [triggers], the one place the schedule is written. */
export function cronsFromWrangler(path = 'wrangler.toml'): string[] {
  const config = parse(readFileSync(path, 'utf8')) as { triggers?: { crons?: unknown } };
  const crons = config.triggers?.crons;
  if (!Array.isArray(crons) || !crons.every((c) => typeof c === 'string')) throw new Error(`${path} has no [triggers] crons list`);
  return crons;
}
