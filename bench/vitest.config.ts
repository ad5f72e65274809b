import { defineConfig } from 'vitest/config';

/** `npx vitest run -c bench/vitest.config.ts`: the smoke test of `npm run bench -- --quick`. */
export default defineConfig({
  test: {
    root: '.',
    include: ['bench/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
