// `npm start` builds through this: each part (server, widget) is rebuilt only when a file it is
// made from changed since its last build, so a second start with the same sources serves within
// seconds. What a part is made from is hashed by content (git-tracked and untracked files alike);
// the hash is written to dist/ only after a successful build, so a failed build is retried.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stampFile = join(root, 'dist/.build-inputs.json');

/** Folders and files each build reads; the widget's types reach the API's sources (AppType). */
const parts = {
  // The build writes server.js and the database writer thread's script (db-writer.js) next to it; its command is in package.json.
  server: { script: 'build:server', inputs: ['contract', 'worker/src', 'db', 'package.json', 'package-lock.json'], output: 'dist/server/db-writer.js' },
  widget: {
    script: 'build:widget',
    inputs: ['widget', 'contract', 'worker/src', 'db/schema', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'custom-elements-manifest.config.mjs', 'scripts/build-widget-types.mjs'],
    output: 'dist/widget/ticket-shop.js',
  },
  console: {
    script: 'build:console',
    inputs: ['console', 'contract', 'widget/src', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'],
    output: 'dist/console/index.html',
  },
};

const skipped = (name) => name === 'node_modules' || name.startsWith('.') || /\.(db|db-wal|db-shm)$/.test(name);

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .filter((name) => !skipped(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsHash(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files)) hash.update(`${relative(root, join(root, file))}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

const stamps = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : {};
for (const [name, part] of Object.entries(parts)) {
  const hash = inputsHash(part.inputs);
  if (stamps[name] === hash && existsSync(join(root, part.output))) {
    console.log(`${name}: unchanged since its last build`);
    continue;
  }
  const run = spawnSync('npm', ['run', '--silent', part.script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  stamps[name] = hash;
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stampFile, `${JSON.stringify(stamps, null, 2)}\n`);
}
