import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The repository's wrangler.toml as a deployment would have it, written next to the test's
 * other files: `turso` as it stands (the default: no storage binding, TURSO_URL given as a
 * variable), `d1` with the commented D1 block uncommented, which is what the README asks of a
 * D1 user. Relative paths become absolute so that the file works from the temporary directory,
 * and that directory has no .dev.vars, so a developer's local settings cannot leak into the run.
 */
export function writeWranglerConfig(storage: 'turso' | 'd1', dir: string): string {
  const root = resolve(import.meta.dirname, '../..');
  let toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  if (storage === 'd1') {
    const block = /^# \[\[d1_databases\]\]\n(?:# .*\n){4}/m.exec(toml);
    if (!block) throw new Error('wrangler.toml has no commented [[d1_databases]] block of five lines');
    toml = toml.replace(block[0], block[0].replace(/^# /gm, ''));
  }
  toml = toml
    .replace(/^main = "(.+)"$/m, (_, main: string) => `main = ${JSON.stringify(join(root, main))}`)
    .replace(/^directory = "(.+)"$/m, (_, dir: string) => `directory = ${JSON.stringify(join(root, dir))}`)
    .replace(/^migrations_dir = "(.+)"$/m, (_, dir: string) => `migrations_dir = ${JSON.stringify(join(root, dir))}`);
  const path = join(dir, `wrangler.${storage}.toml`);
  writeFileSync(path, toml);
  return path;
}
