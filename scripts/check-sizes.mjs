// Size budgets of the script-tag widget (run after `npm run build:widget`):
//   initial  = dist/widget/ticket-shop.js and every chunk it imports statically: what a page
//              downloads before the widget can ask the API anything. Budget 25 KB gzip.
//   seat map = the seat-map chunk and what it adds statically beyond the initial code. Budget 15 KB gzip.
// Other lazy chunks (dates, cart, checkout, languages, error texts) are listed for information. Also fails if
// code of the API's database layer (drizzle) reached any widget bundle.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist/widget');
const entry = join(dist, 'ticket-shop.js');
const KB = 1024;
const budgets = { initial: 25 * KB, seatMap: 15 * KB };

if (!existsSync(entry)) {
  console.error('dist/widget/ticket-shop.js is missing: run `npm run build:widget` first.');
  process.exit(1);
}

const gzipped = (file) => gzipSync(readFileSync(file)).length;
const staticImports = (file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[^'"`()]*?from\s*)?["'`](\.[^"'`]+)["'`]/g)].map((m) => join(dirname(file), m[1]));
const dynamicImports = (file) => [...readFileSync(file, 'utf8').matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => join(dirname(file), m[1]));

/** A file and everything it imports statically, transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of staticImports(file)) closure(next, seen);
  return seen;
}

const initial = closure(entry);
const lazy = new Map();
const queue = [...initial];
while (queue.length > 0) {
  for (const target of dynamicImports(queue.shift())) {
    if (lazy.has(target) || initial.has(target)) continue;
    const added = [...closure(target)].filter((file) => !initial.has(file));
    lazy.set(target, added);
    queue.push(target);
  }
}

const size = (files) => [...files].reduce((sum, file) => sum + gzipped(file), 0);
const show = (bytes) => `${(bytes / KB).toFixed(2)} KB`;
const name = (file) => relative(dist, file);
let failed = false;
const check = (label, bytes, budget, files) => {
  const ok = bytes <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(10)} ${show(bytes).padStart(9)} gzip (budget ${show(budget)}): ${[...files].map(name).join(', ')}`);
};

check('initial', size(initial), budgets.initial, initial);
const seatMap = [...lazy.keys()].find((file) => /\/seat-map-[^/]+\.js$/.test(file));
if (!seatMap) {
  console.error('FAIL no seat-map chunk found among the lazy chunks');
  failed = true;
} else {
  check('seat map', size(lazy.get(seatMap)), budgets.seatMap, lazy.get(seatMap));
}
for (const [file, files] of lazy) if (file !== seatMap) console.log(`     ${name(file).padEnd(40)} ${show(size(files)).padStart(9)} gzip, loaded on demand`);

const npmEntry = join(dist, 'npm/index.js');
if (existsSync(npmEntry)) console.log(`     npm entry (unminified, deps external)     ${show(size(closure(npmEntry))).padStart(9)} gzip`);

const bundles = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.js'))
  .map((file) => join(dist, file));
const leaked = bundles.filter((file) => /drizzle|sqliteTable/.test(readFileSync(file, 'utf8')));
if (leaked.length > 0) {
  console.error(`FAIL database code (drizzle) in: ${leaked.map(name).join(', ')}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
