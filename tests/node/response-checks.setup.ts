import { afterAll } from 'vitest';
import { reportResponseChecks } from '../../worker/src/node/response-checks-report.js';

// The answers this test file's in-process app checked (see response-checks.global.ts).
afterAll(() => reportResponseChecks('node-test'));
