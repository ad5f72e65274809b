import { defineConfig } from 'vitest/config';

/** End-to-end tests: playwright-core drives the Debian Chromium against the built server and widget. */
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
