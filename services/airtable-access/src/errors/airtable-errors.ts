import { AppError, defineErrors } from '@pyairtable/kit';

/** What Airtable said about a refused request: its error type, message and HTTP status. */
export interface AirtableErrorDetails {
  /** Airtable's error type, e.g. `UNKNOWN_FIELD_NAME`, `INVALID_FILTER_BY_FORMULA`. */
  readonly type: string;
  readonly message: string;
  /** The status Airtable answered with; 0 when no answer arrived (network, timeout). */
  readonly status: number;
}

interface QueueFullParams {
  /** `base appXXX` or `token`, as the queue is named in the message. */
  readonly lane: string;
  readonly waitedMs: number;
  /** How much longer the request would have had to wait. */
  readonly moreMs: number;
  readonly maxQueueWaitMs: number;
}

interface PartialWriteParams {
  readonly written: number;
  readonly total: number;
  readonly writtenIds: readonly string[];
  readonly failure: string;
}

const upstream = ({ type, message, status }: AirtableErrorDetails) => ({
  airtable: { type, message, status },
});
const retryAfter = (ms: number) => ({ 'retry-after': String(Math.max(1, Math.ceil(ms / 1000))) });

/**
 * Errors of the Airtable access layer. Each failure Airtable reports becomes one of these
 * with Airtable's `type`, `message` and `status` in `extensions.airtable` (read them with
 * {@link airtableErrorDetails}); the code says what the platform does about it. Statuses are
 * what a service should answer its own caller: a refused token is our misconfiguration (502),
 * not the user's failed login.
 */
export const airtableErrors = defineErrors({
  AIRTABLE_AUTHENTICATION_FAILED: {
    status: 502,
    title: 'Airtable rejected the credentials',
    detail: (p: AirtableErrorDetails) =>
      `Airtable did not accept the workspace's token (${p.type}): ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_PERMISSION_DENIED: {
    status: 403,
    title: 'Not allowed by Airtable',
    detail: (p: AirtableErrorDetails) =>
      `The workspace's Airtable token may not do this, or the base, table or record does not exist (${p.type}): ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_NOT_FOUND: {
    status: 404,
    title: 'Not found in Airtable',
    detail: (p: AirtableErrorDetails) => `Airtable found nothing there (${p.type}): ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_REQUEST_TOO_LARGE: {
    status: 413,
    title: 'Request too large for Airtable',
    detail: (p: AirtableErrorDetails) => `Airtable refused the request size: ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_INVALID_REQUEST: {
    status: 422,
    title: 'Airtable rejected the request',
    detail: (p: AirtableErrorDetails) => `Airtable rejected the request (${p.type}): ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_RATE_LIMITED: {
    status: 503,
    title: 'Airtable rate limit',
    detail: (p: AirtableErrorDetails & { readonly retryAfterMs: number }) =>
      `Airtable kept answering 429 (${p.type}); try again in ${Math.ceil(p.retryAfterMs / 1000)} s`,
    extensions: upstream,
    headers: (p: { readonly retryAfterMs: number }) => retryAfter(p.retryAfterMs),
  },
  AIRTABLE_UNAVAILABLE: {
    status: 502,
    title: 'Airtable unavailable',
    detail: (p: AirtableErrorDetails) =>
      `Airtable could not serve the request (${p.type}): ${p.message}`,
    extensions: upstream,
  },
  AIRTABLE_QUEUE_FULL: {
    status: 503,
    title: 'Airtable rate limit queue full',
    detail: (p: QueueFullParams) =>
      `Airtable rate limit queue for ${p.lane} is full: waited ${Math.round(p.waitedMs)} ms and would wait ${Math.round(p.moreMs)} ms more, over the ${p.maxQueueWaitMs} ms allowed`,
    extensions: (p: QueueFullParams) => ({ waitedMs: p.waitedMs, moreMs: p.moreMs }),
    headers: (p: QueueFullParams) => retryAfter(p.moreMs),
  },
  AIRTABLE_PARTIAL_WRITE: {
    status: 502,
    title: 'Airtable write partly applied',
    detail: (p: PartialWriteParams) =>
      `${p.written} of ${p.total} records were written before Airtable refused the rest: ${p.failure}`,
    extensions: (p: PartialWriteParams) => ({ writtenIds: p.writtenIds }),
  },
  AIRTABLE_BAD_RESPONSE: {
    status: 502,
    title: 'Unexpected answer from Airtable',
    detail: (p: { readonly what: string }) => `Airtable's answer was not understood: ${p.what}`,
  },
  AIRTABLE_INVALID_ARGUMENT: {
    status: 400,
    title: 'Invalid Airtable request',
    detail: (p: { readonly problem: string }) => p.problem,
  },
});

/** Airtable's type, message and status carried by an error of this layer, if it has them. */
export function airtableErrorDetails(error: unknown): AirtableErrorDetails | undefined {
  if (!(error instanceof AppError)) return undefined;
  const details = error.extensions['airtable'];
  if (typeof details !== 'object' || details === null) return undefined;
  const { type, message, status } = details as Record<string, unknown>;
  if (typeof type !== 'string' || typeof message !== 'string' || typeof status !== 'number') {
    return undefined;
  }
  return { type, message, status };
}
