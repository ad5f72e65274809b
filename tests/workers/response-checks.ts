import { afterAll } from 'vitest';
import { responseChecks } from '../../worker/src/middleware/check-responses.js';

// Every answer of this file's requests was checked against the contract (CHECK_RESPONSES in
// vitest.config.ts); the line below is summed by whoever wants the suite's total.
afterAll(() => {
  console.log(`[response-checks] ${responseChecks.validated} answers checked against the contract, ${responseChecks.violations} violations`);
});
