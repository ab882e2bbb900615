import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One real PostgreSQL cluster per run, for the tests of the PostgreSQL engine.
    globalSetup: ['tests/support/postgres-cluster.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
