/**
 * The values of one metric for pods: the Kubernetes API says which pods are meant (selector,
 * Running), one Prometheus query gives their values.
 */
import type { MetricValue } from './api-objects.ts';
import type { PodLister } from './kubernetes-pods.ts';
import type { PrometheusClient } from './prometheus-client.ts';
import { formatQuantity } from './quantity.ts';

/** A request for a metric of pods, every name already checked. */
export interface PodMetricRequest {
  readonly namespace: string;
  /** A pod name, or '*' for every pod matching the selector. */
  readonly pod: string;
  readonly metric: string;
  readonly labelSelector?: string;
}

/** Where values come from. */
export interface MetricSources {
  readonly pods: PodLister;
  readonly prometheus: PrometheusClient;
}

/**
 * One value per Running pod the request names that Prometheus has a sample for; pods without
 * a sample are left out, as prometheus-adapter does, so the HPA treats them as missing.
 */
export async function podMetricValues(
  sources: MetricSources,
  request: PodMetricRequest,
): Promise<MetricValue[]> {
  const pods = await sources.pods.listRunningPods(request.namespace, {
    ...(request.labelSelector === undefined ? {} : { labelSelector: request.labelSelector }),
    ...(request.pod === '*' ? {} : { name: request.pod }),
  });
  // An empty alternation would match series without a pod label: ask nothing instead.
  if (pods.length === 0) return [];
  const samples = await sources.prometheus.queryVector(
    podMetricQuery(request.metric, request.namespace, pods),
  );
  const byPod = new Map(samples.map((sample) => [sample.labels['pod'], sample]));
  return pods.flatMap((pod): MetricValue[] => {
    const sample = byPod.get(pod);
    // NaN and infinities have no quantity; a pod reporting one is treated as reporting nothing.
    if (sample === undefined || !Number.isFinite(sample.value)) return [];
    return [
      {
        describedObject: {
          kind: 'Pod',
          namespace: request.namespace,
          name: pod,
          apiVersion: '/v1',
        },
        metric: { name: request.metric },
        timestamp: rfc3339(sample.timestampSeconds),
        value: formatQuantity(sample.value),
      },
    ];
  });
}

/**
 * The PromQL for a metric of some pods of a namespace, one series per pod (summed, as the
 * platform's prometheus-adapter rule did, in case a pod is scraped through two targets).
 */
export function podMetricQuery(metric: string, namespace: string, pods: readonly string[]): string {
  const podPattern = pods.map((pod) => escapeRegex(pod)).join('|');
  return `sum by (pod) (${metric}{namespace=${promqlString(namespace)},pod=~${promqlString(podPattern)}})`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A PromQL double-quoted string literal (Go escaping rules). */
function promqlString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n')}"`;
}

/** metav1.Time is RFC 3339 with whole seconds. */
function rfc3339(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
