import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['tests/node/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every answer the tests receive is checked against the contract; the run prints how many.
    globalSetup: ['./tests/node/response-checks.global.ts'],
    setupFiles: ['./tests/node/response-checks.setup.ts'],
  },
});
