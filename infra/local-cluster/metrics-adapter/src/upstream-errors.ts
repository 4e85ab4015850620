/**
 * Failures of the services the adapter reads from, kept apart from the `Status` errors sent on
 * the wire: the API layer decides what each one means for the caller.
 */

/** Prometheus or the Kubernetes API was unreachable, slow, or answered with an error. */
export class UpstreamError extends Error {
  readonly upstream: 'prometheus' | 'kubernetes';

  constructor(upstream: 'prometheus' | 'kubernetes', message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UpstreamError';
    this.upstream = upstream;
  }
}

/** The Kubernetes API refused a label selector as malformed: the caller's mistake, not ours. */
export class InvalidSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSelectorError';
  }
}

/** A short reason for a failed call, without headers or URLs (which may hold credentials). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() reports "fetch failed" and keeps the useful part (ECONNREFUSED, …) in the cause;
  // an aborted node:http request keeps the abort reason there.
  const cause: unknown = error.cause;
  const detailed = cause instanceof Error ? cause : error;
  if (error.name === 'TimeoutError' || detailed.name === 'TimeoutError') return 'timed out';
  const code: unknown = (detailed as NodeJS.ErrnoException).code;
  return typeof code === 'string' && !detailed.message.includes(code)
    ? `${code}: ${detailed.message}`
    : detailed.message;
}
