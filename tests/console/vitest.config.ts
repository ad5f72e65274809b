import { defineConfig } from 'vitest/config';

/** The organizer console in Chromium (playwright-core) against the production server and its real API. */
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/console/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
