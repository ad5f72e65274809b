import { readFileSync } from 'node:fs';

/** A V8 .cpuprofile (as written by node --cpu-prof). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  busyMs: number;
  /** Self time by part of the stack (drizzle, libSQL, hono, app code, GC…), busy time only. */
  byCategory: { category: string; ms: number; share: number }[];
  /** Functions with the most self time. */
  topSelf: { name: string; ms: number; share: number }[];
  /** Inclusive time of chosen functions (outermost occurrence in each stack). */
  inclusive: { name: string; ms: number; share: number }[];
}

export function categorize(url: string, name: string): string {
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)') return 'V8/native (program)';
  if (url.includes('/node_modules/drizzle-orm/')) return 'drizzle-orm (query building, result mapping)';
  // Native calls have no frame of their own: SQLite's work is counted in the libsql wrapper that called it.
  if (url.includes('/node_modules/@libsql/') || url.includes('/node_modules/libsql/')) return 'libSQL driver incl. SQLite (prepare, step, columns, rows)';
  if (url.includes('/node_modules/hono/')) return 'hono (routing, context, JSON responses)';
  if (url.includes('/node_modules/@hono/node-server/')) return '@hono/node-server (Request/Response adapter)';
  if (url.includes('/node_modules/valibot/') || url.includes('/node_modules/@hono/valibot')) return 'valibot (validation)';
  if (url.includes('/dist/server/') || /\/server\.js$/.test(url)) return 'app code (dist/server/server.js)';
  if (url.startsWith('node:internal/deps/undici') || url.includes('undici')) return 'undici (Web Request/Response/Headers)';
  if (url.startsWith('node:') || url.startsWith('internal/')) return 'node internals (http, streams, crypto, timers)';
  if (url === '') return 'native (SQLite inside libSQL, JSON, crypto)';
  return 'other';
}

/**
 * `window`: only the samples taken between these two V8 profile timestamps (µs, the monotonic
 * clock every process on the machine shares: another process's profile startTime/endTime can
 * bound this one, e.g. the server's samples while the buyers ran).
 */
export function summarizeProfile(path: string, inclusiveNames: string[], top = 20, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });

  let totalMs = 0;
  let idleMs = 0;
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>(inclusiveNames.map((n) => [n, 0]));
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    totalMs += ms;
    const category = categorize(url, functionName);
    if (category === 'idle') {
      idleMs += ms;
      continue;
    }
    categories.set(category, (categories.get(category) ?? 0) + ms);
    const file = url ? url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/') : '';
    const label = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    functions.set(label, (functions.get(label) ?? 0) + ms);
    // Walk up once, counting each chosen name once per sample stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      // esbuild renames clashing functions (idempotency → idempotency2): match the base name.
      const name = byId.get(cur)!.callFrame.functionName.replace(/\d+$/, '');
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name)! + ms);
      }
    }
  }
  const busyMs = totalMs - idleMs;
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : 0);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs,
    idleMs,
    busyMs,
    byCategory: sorted(categories).map(([category, ms]) => ({ category, ms, share: share(ms) })),
    topSelf: sorted(functions)
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: share(ms) })),
    inclusive: sorted(inclusive).map(([name, ms]) => ({ name, ms, share: share(ms) })),
  };
}
