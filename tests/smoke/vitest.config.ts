import { defineConfig } from 'vitest/config';

/**
 * The smoke test: the Worker under `wrangler dev` (real workerd), driven over HTTP as a
 * deployment would be, once on libSQL (the Turso stand-in) and once on a local D1 on disk.
 * One file, one wrangler at a time.
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
