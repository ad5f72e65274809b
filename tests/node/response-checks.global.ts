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
    let validated = 0;
    let violations = 0;
    for (const file of readdirSync(dir)) {
      const counts = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { validated: number; violations: number };
      validated += counts.validated;
      violations += counts.violations;
    }
    console.log(`Response contract: ${validated} answers checked against their operation's schema, ${violations} violations.`);
    rmSync(dir, { recursive: true, force: true });
  };
}
