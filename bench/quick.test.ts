import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench -- --quick` end to end: every scenario starts, sells, audits and stops, and
 * the correctness counts hold (no seat sold twice, one winner for the last seat, exactly the
 * capacity in general admission). No timing is asserted: the figures of a smoke run mean nothing.
 */
const ROOT = resolve(import.meta.dirname, '..');

function runQuickBench(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--no-out'], { cwd: ROOT, timeout: 540_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe('npm run bench -- --quick', () => {
  it('runs every scenario once and every correctness count meets its goal', async () => {
    const { code, output } = await runQuickBench();
    expect(output).not.toMatch(/ERROR:/);
    expect(output).toMatch(/seats held or sold twice \(database audit\)\s+0\s+= 0\s+yes/);
    expect(output).toMatch(/winners \(201\)\s+1\s+= 1\s+yes/);
    expect(output).toMatch(/tickets in the database\s+30\s+= 30\s+yes/);
    expect(output).toMatch(/hold batches per second, raw @libsql\/client batch/);
    // The on-sale mix (SSE and polling) and the 200 concurrent buyers ran, and watchers saw the holds.
    expect(output.match(/5xx answers to watchers\s+0\s+= 0\s+yes/g)).toHaveLength(2);
    expect(output).toMatch(/hold 201 → watcher sees the seat taken, p95\s+[\d,]+ ms/);
    expect(output).toMatch(/hold latency p99 on the wire \(200 sockets, goal\)/);
    // The same 200 at a human pace: they held, paid and released, with no 5xx.
    expect(output).toMatch(/hold latency p99 on the wire \(200 buyers at a human pace, goal\)/);
    expect(output).toMatch(/5xx answers to payments and releases\s+0\s+= 0\s+yes/);
    expect(output).toMatch(/holds released by their buyers\s+[1-9]/);
    expect(output).toMatch(/orders paid \(card\)\s+[1-9]/);
    // The HTTP floor: the bare servers and this one answered every request (a 5xx or no answer fails the scenario).
    expect(output).toMatch(/one Hono route on @hono\/node-server, the same POST: HTTP thread CPU per request\s+[\d.]+ ms/);
    expect(output).toMatch(/this server, a POST to no route \(the 404 envelope\): requests per second\s+[\d,]+\/s/);
    expect(code, output.slice(-4000)).toBe(0);
  });
});
