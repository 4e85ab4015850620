/**
 * Routes custom metrics API requests (discovery and metric values) to their answers. Knows
 * nothing of HTTP beyond a path and a query; server.ts does the rest.
 */
import { ApiError } from './api-errors.ts';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  GROUP,
  metricValueList,
  VERSION,
} from './api-objects.ts';
import { isDns1123Label, isDns1123Subdomain, isMetricName } from './name-validation.ts';
import { podMetricValues } from './pod-metric-values.ts';
import type { MetricSources, PodMetricRequest } from './pod-metric-values.ts';
import { InvalidSelectorError, UpstreamError } from './upstream-errors.ts';

/** What the API serves and where values come from. */
export interface CustomMetricsApiOptions {
  /** The metric names served as `pods/<name>`. */
  readonly metrics: readonly string[];
  readonly sources: MetricSources;
}

/** The API: answers a GET's path and query with a JSON body, or throws an ApiError. */
export type CustomMetricsApi = (url: URL) => Promise<unknown>;

/** The custom metrics API over the given metrics. */
export function createCustomMetricsApi(options: CustomMetricsApiOptions): CustomMetricsApi {
  const served = new Set(options.metrics);
  return async (url) => {
    const segments = pathSegments(url.pathname);
    const [apis, group, version, ...rest] = segments;
    if (apis !== 'apis' || (group !== undefined && group !== GROUP)) throw notFound();
    if (group === undefined) return apiGroupList();
    if (version === undefined) return apiGroup();
    if (version !== VERSION) throw notFound();
    if (rest.length === 0) return apiResourceList(options.metrics);
    const [namespaces, namespace, resource, pod, metric, ...extra] = rest;
    if (
      namespaces !== 'namespaces' ||
      namespace === undefined ||
      resource === undefined ||
      pod === undefined ||
      metric === undefined ||
      extra.length > 0
    ) {
      // Cluster-scoped objects and namespace metrics are not served.
      throw notFound();
    }
    const request = podMetricRequest(url, { namespace, resource, pod, metric }, served);
    const items = await valuesOf(options.sources, request);
    if (pod !== '*' && items.length === 0) {
      throw new ApiError(
        'NotFound',
        `the server could not find the metric ${metric} for pods ${pod} in namespace ${namespace}`,
      );
    }
    return metricValueList(items);
  };
}

function pathSegments(pathname: string): string[] {
  try {
    return pathname
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    throw new ApiError('BadRequest', 'the path is not valid percent-encoding');
  }
}

function notFound(): ApiError {
  return new ApiError('NotFound', 'the server could not find the requested resource');
}

interface PathParts {
  readonly namespace: string;
  readonly resource: string;
  readonly pod: string;
  readonly metric: string;
}

/** Checks every part of a metric value request before any of it reaches a query. */
function podMetricRequest(
  url: URL,
  parts: PathParts,
  served: ReadonlySet<string>,
): PodMetricRequest {
  const { namespace, resource, pod, metric } = parts;
  if (!isDns1123Label(namespace)) {
    throw new ApiError('BadRequest', `invalid namespace "${namespace}": not a DNS-1123 label`);
  }
  if (resource !== 'pods') {
    throw new ApiError('NotFound', `resource "${resource}" is not served: only pods metrics are`);
  }
  if (pod !== '*' && !isDns1123Subdomain(pod)) {
    throw new ApiError('BadRequest', `invalid pod name "${pod}": not a DNS-1123 subdomain`);
  }
  if (!isMetricName(metric)) {
    throw new ApiError('BadRequest', `invalid metric name "${metric}"`);
  }
  if (!served.has(metric)) {
    throw new ApiError('NotFound', `the server could not find the metric ${metric} for pods`);
  }
  // HPAs set it only with a metric selector; ignoring it would answer for other series.
  if ((url.searchParams.get('metricLabelSelector') ?? '') !== '') {
    throw new ApiError('BadRequest', 'metricLabelSelector is not supported by this adapter');
  }
  const labelSelector = url.searchParams.get('labelSelector') ?? '';
  return labelSelector === ''
    ? { namespace, pod, metric }
    : { namespace, pod, metric, labelSelector };
}

async function valuesOf(sources: MetricSources, request: PodMetricRequest) {
  try {
    return await podMetricValues(sources, request);
  } catch (error) {
    if (error instanceof InvalidSelectorError) {
      throw new ApiError('BadRequest', `invalid labelSelector: ${error.message}`, { cause: error });
    }
    if (error instanceof UpstreamError) {
      throw new ApiError('ServiceUnavailable', error.message, { cause: error });
    }
    throw error;
  }
}
