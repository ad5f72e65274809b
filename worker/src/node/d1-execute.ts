import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface D1Target {
  /** The database's name or binding in wrangler.toml. */
  database: string;
  where: 'local' | 'remote';
  /** wrangler's --persist-to, for a local database kept elsewhere than .wrangler/state. */
  persistTo?: string | undefined;
  /** wrangler's --config, when not ./wrangler.toml. */
  config?: string | undefined;
}

/**
 * Applies an SQL file to D1 with `wrangler d1 execute --file` (one transaction, locally and
 * remotely). The file holds secrets (a shop's signing key, a token's hash): it is written to a
 * directory only this user can read and removed whatever happens; wrangler prints counts only.
 */
export function executeOnD1(sql: string, target: D1Target): void {
  const dir = mkdtempSync(join(tmpdir(), 'ticket-shop-d1-'));
  try {
    const file = join(dir, 'rows.sql');
    writeFileSync(file, sql, { mode: 0o600 });
    // --json: no prompt, and one result per statement on stdout (tens of thousands for the demo) instead of a table on the terminal.
    const args = ['wrangler', 'd1', 'execute', target.database, `--${target.where}`, '--file', file, '--json'];
    if (target.persistTo) args.push('--persist-to', target.persistTo);
    if (target.config) args.push('--config', target.config);
    const run = spawnSync('npx', args, { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0) {
      throw new Error(`wrangler d1 execute ${target.database} --${target.where} failed (exit ${run.status ?? run.signal}): ${errorOf(run.stdout)}; nothing was written.`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wrangler --json reports a failure as { error: { text } } on stdout. */
function errorOf(stdout: string): string {
  try {
    return (JSON.parse(stdout) as { error?: { text?: string } }).error?.text ?? 'no reason given';
  } catch {
    return 'no reason given';
  }
}
