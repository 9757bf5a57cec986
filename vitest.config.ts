import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ built from these sources, for the tests that run bin/factcheck.js; a PostgreSQL server
    // for the store's tests: TEST_DATABASE_URL, or a throwaway cluster.
    globalSetup: ['test/build-dist.ts', 'test/postgres/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
