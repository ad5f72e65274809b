import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../lib/server.js';
import { buildWidget } from '../lib/widget-build.js';
import type { Figure, Scenario } from './types.js';

const KB = 1024;

const staticImports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|[;}\s])import\s*(?:[^'"`()]*?from\s*)?["'`](\.[^"'`]+)["'`]/g)].map((m) => join(dirname(file), m[1]!));
const dynamicImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].map((m) => join(dirname(file), m[1]!));

/** A file and everything it imports statically, transitively (as scripts/check-sizes.mjs counts). */
export function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of staticImports(file)) closure(next, seen);
  return seen;
}

/** Lazy chunks reachable from the initial files, each with what it adds beyond them. */
function lazyChunks(initial: Set<string>): Map<string, string[]> {
  const lazy = new Map<string, string[]>();
  const queue = [...initial];
  while (queue.length > 0) {
    for (const target of dynamicImports(queue.shift()!)) {
      if (lazy.has(target) || initial.has(target)) continue;
      lazy.set(
        target,
        [...closure(target)].filter((f) => !initial.has(f)),
      );
      queue.push(target);
    }
  }
  return lazy;
}

/** Sizes of the files as shipped one by one (each file compressed on its own). */
export function sizes(files: Iterable<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

export function measureBundles(dir: string) {
  const initial = closure(join(dir, 'ticket-shop.js'));
  const lazy = lazyChunks(initial);
  const seatMapChunk = [...lazy.keys()].find((f) => /\/seat-map-[^/]+\.js$/.test(f));
  const npmIndex = join(dir, 'npm/index.js');
  const npmInitial = existsSync(npmIndex) ? closure(npmIndex) : new Set<string>();
  const npmSeatMap = join(dir, 'npm/seat-map.js');
  return {
    initial: sizes(initial),
    seatMap: seatMapChunk ? sizes(lazy.get(seatMapChunk)!) : null,
    npmEntry: npmInitial.size ? sizes(npmInitial) : null,
    npmSeatMap: existsSync(npmSeatMap) ? sizes([...closure(npmSeatMap)].filter((f) => !npmInitial.has(f))) : null,
    everything: sizes(readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.js') && !f.startsWith('npm')).map((f) => join(dir, f))),
  };
}

export const bundleSizes: Scenario = {
  id: 'bundle-sizes',
  title: '7. Bundle sizes of the widget',
  once: true,
  notes: [
    'Built from the current sources with both vite builds of `npm run build:widget` into a temp folder (dist/widget is not used). "Initial" is dist/widget/ticket-shop.js and the chunks it imports statically; "seat map" is the seat-map chunk and what it adds beyond the initial code (as scripts/check-sizes.mjs counts). Each file is compressed on its own (gzip default level, brotli quality 11), as a server would send it. The npm entry is unminified with its dependencies (lit, hono, valibot, uqr) left as imports: the app\'s bundler minifies it.',
  ],
  skipReason: () => (existsSync(join(REPO_ROOT, 'widget/src/script-tag.ts')) ? null : 'the widget sources (widget/src/script-tag.ts) are not there'),
  async run() {
    const b = measureBundles(buildWidget());
    const kb = (n: number) => n / KB;
    const figures: Figure[] = [
      { key: 'bundle.initialGzip', label: 'script-tag bundle, initial: gzip', value: kb(b.initial.gzip), unit: 'KB', goal: { op: '<=', value: 25 }, aggregate: 'once', digits: 2 },
      { key: 'bundle.initialBrotli', label: 'script-tag bundle, initial: brotli', value: kb(b.initial.brotli), unit: 'KB', aggregate: 'once', digits: 2 },
      { key: 'bundle.initialRaw', label: 'script-tag bundle, initial: minified', value: kb(b.initial.raw), unit: 'KB', aggregate: 'once', digits: 1 },
    ];
    if (b.seatMap) {
      figures.push(
        { key: 'bundle.seatMapGzip', label: 'seat-map chunk (beyond initial): gzip', value: kb(b.seatMap.gzip), unit: 'KB', goal: { op: '<=', value: 15 }, aggregate: 'once', digits: 2 },
        { key: 'bundle.seatMapBrotli', label: 'seat-map chunk (beyond initial): brotli', value: kb(b.seatMap.brotli), unit: 'KB', aggregate: 'once', digits: 2 },
      );
    }
    if (b.npmEntry) {
      figures.push(
        { key: 'bundle.npmGzip', label: 'npm entry (index.js + static imports, unminified): gzip', value: kb(b.npmEntry.gzip), unit: 'KB', aggregate: 'once', digits: 2 },
        { key: 'bundle.npmBrotli', label: 'npm entry: brotli', value: kb(b.npmEntry.brotli), unit: 'KB', aggregate: 'once', digits: 2 },
      );
    }
    if (b.npmSeatMap) figures.push({ key: 'bundle.npmSeatMapGzip', label: 'npm seat-map chunk (beyond the entry): gzip', value: kb(b.npmSeatMap.gzip), unit: 'KB', aggregate: 'once', digits: 2 });
    figures.push({ key: 'bundle.allGzip', label: 'script-tag build, every chunk (incl. lazy ones): gzip', value: kb(b.everything.gzip), unit: 'KB', aggregate: 'once', digits: 2 });
    return figures;
  },
};
