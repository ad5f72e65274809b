import { defineConfig } from 'vitest/config';

/**
 * The smoke test: the Worker under `wrangler dev` (real workerd, a local D1 on disk), driven
 * over HTTP as a deployment would be. One file, one wrangler at a time.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['tests/smoke/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
