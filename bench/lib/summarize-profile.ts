/**
 * Prints what a V8 CPU profile (node --cpu-prof) spent its busy time on: by part of the stack,
 * and the functions with the most self time.
 * `npx tsx bench/lib/summarize-profile.ts file.cpuprofile [top] [names to time inclusively…]`
 * BENCH_PROFILE_WINDOW=other.cpuprofile keeps only the samples taken while that process ran
 * (with BENCH_SERVER_PROFILE_DIR / BENCH_LOAD_PROFILE_DIR, the on-sale mix's three processes).
 */
import { readFileSync } from 'node:fs';
import { summarizeProfile } from './cpu-profile.js';

// BENCH_PROFILE_WINDOW=other.cpuprofile: only the samples taken while that profile's process ran (e.g. the buyers').
const windowFile = process.env.BENCH_PROFILE_WINDOW;
const [file, top = '25', ...inclusiveNames] = process.argv.slice(2);
if (!file) throw new Error('usage: summarize-profile.ts file.cpuprofile [top] [function names to time inclusively…]');
const bounds = windowFile ? (JSON.parse(readFileSync(windowFile, 'utf8')) as { startTime: number; endTime: number }) : undefined;
const summary = summarizeProfile(file, inclusiveNames, Number(top), bounds && { fromUs: bounds.startTime, toUs: bounds.endTime });
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`busy ${s(summary.busyMs)} of ${s(summary.totalMs)} profiled`);
for (const c of summary.byCategory) console.log(`  ${c.category.padEnd(60)} ${s(c.ms).padStart(9)} ${pct(c.share).padStart(6)}`);
if (summary.inclusive.length) console.log('inclusive:');
for (const f of summary.inclusive) console.log(`  ${f.name.padEnd(60)} ${s(f.ms).padStart(9)} ${pct(f.share).padStart(6)}`);
console.log('top self:');
for (const f of summary.topSelf) console.log(`  ${f.name.slice(0, 90).padEnd(90)} ${s(f.ms).padStart(9)} ${pct(f.share).padStart(6)}`);
