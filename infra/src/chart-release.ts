import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import type { PinnedChart } from './chart-versions.ts';

/** What a release of a pinned chart takes besides the chart itself. */
export interface ChartReleaseArgs {
  readonly releaseName: string;
  readonly namespace: pulumi.Input<string>;
  readonly values: pulumi.Inputs;
}

/**
 * A Helm release of a pinned third-party chart. `helm.v3.Release` (not `helm.v4.Chart`, which is
 * `helm template`) so chart hooks run — kube-prometheus-stack's admission webhook setup needs
 * them — and Helm itself tracks the release. A failed upgrade is rolled back.
 */
export function chartRelease(
  pinned: PinnedChart,
  args: ChartReleaseArgs,
  options: pulumi.CustomResourceOptions = {},
): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    args.releaseName,
    {
      name: args.releaseName,
      chart: pinned.chart,
      version: pinned.version,
      repositoryOpts: { repo: pinned.repository },
      namespace: args.namespace,
      values: args.values,
      atomic: true,
      cleanupOnFail: true,
      maxHistory: 10,
      // First installs pull images and wait for readiness; 10 minutes covers a cold kind node.
      timeout: 600,
    },
    options,
  );
}
