import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['services/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/build/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Suites that start servers (embedded Postgres, whole stacks) must not fight for ports.
    fileParallelism: true,
    pool: 'forks',
  },
});
