import type { TestProject } from 'vitest/node';
import { startControlPlane } from './control-plane.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The kubeconfig of the control plane shared by the `kubernetes` test project. */
    envtestKubeconfig: string;
  }
}

/**
 * Vitest global setup of the `kubernetes` project: one etcd + kube-apiserver for all its
 * files (each test works in a namespace of its own), built from Go modules on first use.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const controlPlane = await startControlPlane();
  project.provide('envtestKubeconfig', controlPlane.kubeconfigPath);
  return () => controlPlane.stop();
}
