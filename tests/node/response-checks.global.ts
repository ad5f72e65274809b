import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every answer of the HTTP tests is checked against the contract (harness.ts and the spawned
 * server turn the check on). Each test file and server leaves its count in a folder; the run
 * ends with the total, so the contract's coverage is a number, not a hope.
 */
export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'response-checks-'));
  process.env.RESPONSE_CHECKS_DIR = dir;
  return () => {
    const totals = new Map<string, { validated: number; violations: number }>();
    for (const file of readdirSync(dir)) {
      const counts = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { source: string; validated: number; violations: number };
      const total = totals.get(counts.source) ?? { validated: 0, violations: 0 };
      total.validated += counts.validated;
      total.violations += counts.violations;
      totals.set(counts.source, total);
    }
    const validated = [...totals.values()].reduce((n, t) => n + t.validated, 0);
    const violations = [...totals.values()].reduce((n, t) => n + t.violations, 0);
    const parts = [...totals].map(([source, t]) => `${source} ${t.validated}`).join(', ');
    console.log(`Response contract: ${validated} answers checked against their operation's schema (${parts || 'none'}), ${violations} violations.`);
    rmSync(dir, { recursive: true, force: true });
  };
}
