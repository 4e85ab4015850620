import { defineErrors } from '@pyairtable/kit';

/** Errors the gateway answers with. */
export const gatewayErrors = defineErrors({
  GW_UNAUTHENTICATED: {
    status: 401,
    title: 'Authentication required',
    detail: (params: { reason: string }) => params.reason,
    headers: () => ({ 'www-authenticate': 'Bearer realm="pyairtable"' }),
  },
  GW_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    detail: (params: { reason: string }) => params.reason,
  },
  GW_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    detail: (params: { what: string; id: string }) =>
      `${params.what} ${params.id} does not exist or is not visible to you.`,
  },
  GW_MANAGED_BY_OPERATOR: {
    status: 409,
    title: 'Managed by the operator',
    detail: (params: { what: string; id: string }) =>
      `${params.what} ${params.id} is managed by the Kubernetes operator: change its resource with kubectl instead, or the operator would undo the change.`,
  },
  GW_RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    detail: (params: { limit: string; retryAfterSeconds: number }) =>
      `${params.limit}. Retry in ${String(params.retryAfterSeconds)} s.`,
    headers: (params: { limit: string; retryAfterSeconds: number }) => ({
      'retry-after': String(params.retryAfterSeconds),
    }),
    extensions: (params: { limit: string; retryAfterSeconds: number }) => ({
      retryAfterSeconds: params.retryAfterSeconds,
    }),
  },
  GW_UPSTREAM_UNREACHABLE: {
    status: 502,
    title: 'Upstream unreachable',
    detail: (params: { upstream: string }) =>
      `The ${params.upstream} service could not be reached; retry shortly.`,
    headers: () => ({ 'retry-after': '5' }),
  },
  GW_UPSTREAM_UNAVAILABLE: {
    status: 503,
    title: 'Upstream unavailable',
    detail: (params: { upstream: string }) =>
      `The ${params.upstream} service is unavailable; retry shortly.`,
    headers: () => ({ 'retry-after': '5' }),
  },
  GW_UPSTREAM_TIMEOUT: {
    status: 504,
    title: 'Upstream timeout',
    detail: (params: { upstream: string; seconds: number }) =>
      `The ${params.upstream} service did not answer within ${String(params.seconds)} s.`,
  },
  GW_IDENTITY_UNAVAILABLE: {
    status: 503,
    title: 'Identity check unavailable',
    detail: () => 'Access tokens cannot be checked right now; retry shortly.',
    headers: () => ({ 'retry-after': '5' }),
  },
});
