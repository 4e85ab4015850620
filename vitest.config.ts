import { defineConfig } from 'vitest/config';

// Suites that need a Kubernetes apiserver run in their own project, whose global setup starts
// one etcd + kube-apiserver (built from Go modules on first use) only when such a suite runs.
const KUBERNETES_SUITES = [
  'tests/operator/**/*.test.ts',
  'tests/envtest/**/*.test.ts',
  'tests/charts/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Suites that start servers (embedded Postgres, whole stacks) must not fight for ports.
    fileParallelism: true,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'services',
          include: [
            'services/*/test/**/*.test.ts',
            'operator/test/**/*.test.ts',
            'tests/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/build/**', ...KUBERNETES_SUITES],
        },
      },
      {
        extends: true,
        test: {
          name: 'kubernetes',
          include: KUBERNETES_SUITES,
          exclude: ['**/node_modules/**', '**/build/**'],
          globalSetup: ['tests/envtest/global-setup.ts'],
          // Building kube-apiserver from source on a fresh machine takes many minutes.
          hookTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
