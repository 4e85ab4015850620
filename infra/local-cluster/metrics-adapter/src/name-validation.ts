/**
 * The name rules the adapter checks before a name reaches a PromQL query or a Kubernetes API
 * path. Kubernetes would refuse a bad name too, but PromQL would not: checking here keeps
 * request input from ever changing a query's meaning.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A namespace name: a DNS-1123 label (lower-case alphanumerics and '-', at most 63). */
export function isDns1123Label(value: string): boolean {
  return value.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(value);
}

/** A pod name: a DNS-1123 subdomain (labels joined by '.', at most 253 in all). */
export function isDns1123Subdomain(value: string): boolean {
  return (
    value.length <= DNS1123_SUBDOMAIN_MAX &&
    value.split('.').every((label) => isDns1123Label(label))
  );
}

/** A Prometheus metric name. */
export function isMetricName(value: string): boolean {
  return METRIC_NAME.test(value);
}
