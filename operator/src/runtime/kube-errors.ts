import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed Kubernetes API call, if it got that far. */
export function kubeStatus(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error as { readonly code: unknown };
    if (typeof code === 'number') return code;
  }
  return undefined;
}

export const isNotFound = (error: unknown): boolean => kubeStatus(error) === 404;
export const isConflict = (error: unknown): boolean => kubeStatus(error) === 409;

/**
 * A one-line description of a failed API call without the request: client-node's messages
 * carry the whole response body (and header dumps), too much for a log line or a condition.
 */
export function describeKubeError(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    const parsed = typeof body === 'string' ? safeJson(body) : body;
    const message =
      typeof parsed === 'object' && parsed !== null && 'message' in parsed
        ? String((parsed as { readonly message: unknown }).message)
        : `HTTP ${error.code}`;
    return `${String(error.code)}: ${message}`;
  }
  if (!(error instanceof Error)) return String(error);
  // fetch's own message ("fetch failed") says nothing; the cause says what happened.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
