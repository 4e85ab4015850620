/**
 * The JSON objects of the custom metrics API (custom.metrics.k8s.io/v1beta2) and of API
 * discovery, shaped as the apiserver aggregator and the HPA controller decode them.
 */
import type { StatusReason } from './api-errors.ts';

/** The API group this adapter serves. */
export const GROUP = 'custom.metrics.k8s.io';
/** The one version served; the HPA controller asks for v1beta2 first. */
export const VERSION = 'v1beta2';
/** `group/version`, as objects and discovery spell it. */
export const GROUP_VERSION = `${GROUP}/${VERSION}`;

/** A metav1.Status for a failed request. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: StatusReason;
  readonly code: number;
}

/** One value of a metric for one object. */
export interface MetricValue {
  readonly describedObject: {
    readonly kind: 'Pod';
    readonly namespace: string;
    readonly name: string;
    // Pods are in the core group, which an ObjectReference's apiVersion writes as "/v1".
    readonly apiVersion: '/v1';
  };
  readonly metric: { readonly name: string };
  /** RFC 3339, when the sample was taken. */
  readonly timestamp: string;
  /** Set for rates over a window; a gauge has none. */
  readonly windowSeconds?: number;
  /** A Kubernetes quantity ("3", "500m"). */
  readonly value: string;
}

/** The answer to every metric value request, for one object or many. */
export interface MetricValueList {
  readonly kind: 'MetricValueList';
  readonly apiVersion: typeof GROUP_VERSION;
  readonly metadata: Record<string, never>;
  readonly items: readonly MetricValue[];
}

interface GroupVersionForDiscovery {
  readonly groupVersion: string;
  readonly version: string;
}

/** Discovery: the group and its versions. */
export interface ApiGroup {
  readonly kind: 'APIGroup';
  readonly apiVersion: 'v1';
  readonly name: string;
  readonly versions: readonly GroupVersionForDiscovery[];
  readonly preferredVersion: GroupVersionForDiscovery;
}

/** Discovery: the groups served under /apis. */
export interface ApiGroupList {
  readonly kind: 'APIGroupList';
  readonly apiVersion: 'v1';
  readonly groups: readonly ApiGroup[];
}

/** Discovery: one resource (`pods/<metric>`) of the group version. */
export interface ApiResource {
  readonly name: string;
  readonly singularName: string;
  readonly namespaced: true;
  readonly kind: 'MetricValueList';
  readonly verbs: readonly ['get'];
}

/** Discovery: the resources of the group version. */
export interface ApiResourceList {
  readonly kind: 'APIResourceList';
  readonly apiVersion: 'v1';
  readonly groupVersion: typeof GROUP_VERSION;
  readonly resources: readonly ApiResource[];
}

/** A failed request's body. */
export function statusOf(reason: StatusReason, code: number, message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/** The custom metrics group as discovery lists it. */
export function apiGroup(): ApiGroup {
  const version = { groupVersion: GROUP_VERSION, version: VERSION };
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: GROUP,
    versions: [version],
    preferredVersion: version,
  };
}

/** /apis: only the group this server serves (the aggregator merges the others). */
export function apiGroupList(): ApiGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [apiGroup()] };
}

/** The group version's resources: `pods/<metric>` for every metric served. */
export function apiResourceList(metrics: readonly string[]): ApiResourceList {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GROUP_VERSION,
    resources: metrics.map((metric) => ({
      name: `pods/${metric}`,
      singularName: '',
      namespaced: true,
      kind: 'MetricValueList',
      verbs: ['get'],
    })),
  };
}

/** A list of metric values. */
export function metricValueList(items: readonly MetricValue[]): MetricValueList {
  return { kind: 'MetricValueList', apiVersion: GROUP_VERSION, metadata: {}, items };
}
