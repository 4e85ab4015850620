/**
 * A kube-apiserver for the chart's tests: the `kubernetes` project's shared control plane when
 * the suite runs there, else one of its own (so a single file also runs with `vitest run <file>`).
 */
import { inject } from 'vitest';
import { startControlPlane } from '../../envtest/index.ts';

/** A kubeconfig and how to let go of it. */
export interface TestCluster {
  readonly kubeconfigPath: string;
  stop(): Promise<void>;
}

/** The shared control plane if the global setup provided one, else a fresh one. */
export async function openTestCluster(): Promise<TestCluster> {
  // Provided only in the `kubernetes` project (tests/envtest/global-setup.ts).
  const shared = inject('envtestKubeconfig') as string | undefined;
  if (shared !== undefined && shared !== '')
    return { kubeconfigPath: shared, stop: () => Promise.resolve() };
  const controlPlane = await startControlPlane();
  return { kubeconfigPath: controlPlane.kubeconfigPath, stop: () => controlPlane.stop() };
}
