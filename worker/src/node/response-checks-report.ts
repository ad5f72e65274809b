import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { responseChecks } from '../middleware/check-responses.js';

/**
 * Leaves this process's count of contract-checked answers where the test run sums them
 * (RESPONSE_CHECKS_DIR, set by the suites' global setup), then starts counting afresh.
 * Without the variable it does nothing: production never checks answers.
 */
export function reportResponseChecks(source: string): void {
  const dir = process.env.RESPONSE_CHECKS_DIR;
  if (!dir || responseChecks.validated === 0) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${source}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
  writeFileSync(file, JSON.stringify({ source, ...responseChecks }));
  responseChecks.validated = 0;
  responseChecks.violations = 0;
}
