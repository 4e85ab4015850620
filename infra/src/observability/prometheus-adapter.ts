import type * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { CHARTS } from '../chart-versions.ts';
import { chartRelease } from '../chart-release.ts';
import { ADDRESSES, RELEASES } from '../cluster-layout.ts';
import type { Namespaces } from '../namespaces.ts';
import type { Settings } from '../settings.ts';

/** The custom metric the chat HPA scales on: streams chat is generating, per pod. */
export const CHAT_IN_FLIGHT_METRIC = 'chat_generations_in_flight';

/**
 * The adapter rule serving chat's gauge as a pods custom metric
 * (`custom.metrics.k8s.io/v1beta1/namespaces/<ns>/pods/*\/chat_generations_in_flight`). A chat
 * pod waiting on an LLM uses little CPU, so CPU would not scale it; open generations do.
 */
export const chatInFlightRule = {
  seriesQuery: `${CHAT_IN_FLIGHT_METRIC}{namespace!="",pod!=""}`,
  resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
  name: { matches: `^${CHAT_IN_FLIGHT_METRIC}$`, as: CHAT_IN_FLIGHT_METRIC },
  metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
} as const;

/**
 * prometheus-adapter with only the rules the platform uses (no default container rules, which
 * would list thousands of series the HPAs never read).
 */
export function createPrometheusAdapter(
  settings: Settings,
  namespaces: Namespaces,
  prometheus: pulumi.Resource,
): k8s.helm.v3.Release {
  return chartRelease(
    CHARTS.prometheusAdapter,
    {
      releaseName: RELEASES.prometheusAdapter,
      namespace: namespaces.observability.metadata.name,
      values: {
        prometheus: ADDRESSES.prometheus,
        replicas: settings.prometheusAdapterReplicas,
        podDisruptionBudget: {
          enabled: settings.prometheusAdapterReplicas > 1,
          maxUnavailable: 1,
        },
        rules: { default: false, custom: [chatInFlightRule] },
      },
    },
    { dependsOn: [prometheus] },
  );
}
