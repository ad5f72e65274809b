import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './server.js';
import { tempDir } from './temp.js';

let built: string | null = null;

/**
 * Builds the widget from the current sources (both vite builds of `npm run build:widget`, and
 * its precompressed copies)
 * into a temp folder of this run, so that dist/widget is neither needed nor touched.
 * Returns the folder (ticket-shop.js, chunks/, npm/).
 */
export function buildWidget(): string {
  if (built) return built;
  const dir = join(tempDir('ticket-shop-bench-widget-'), 'widget');
  const vite = join(REPO_ROOT, 'node_modules/.bin/vite');
  const run = (args: string[]) => execFileSync(vite, args, { cwd: REPO_ROOT, stdio: 'pipe', timeout: 180_000 });
  run(['build', '--mode', 'script-tag', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn']);
  run(['build', '--mode', 'npm', '--outDir', join(dir, 'npm'), '--emptyOutDir', '--logLevel', 'warn']);
  // As `npm run build:widget` does: the Node server sends these Brotli and gzip copies.
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/precompress.mjs'), dir, '--skip', 'npm'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 180_000 });
  built = dir;
  return dir;
}
