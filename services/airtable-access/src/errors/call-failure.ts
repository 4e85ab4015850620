import type { AppError } from '@pyairtable/kit';
import { airtableErrors } from './airtable-errors.ts';
import type { AirtableErrorDetails } from './airtable-errors.ts';

/** How one attempt failed: Airtable answered with an error status, or no answer came. */
export type CallFailureKind = 'status' | 'network' | 'timeout';

interface CallFailureInit {
  readonly kind: CallFailureKind;
  readonly status?: number;
  readonly type: string;
  readonly message: string;
  readonly notSent?: boolean;
  readonly cause?: unknown;
}

/**
 * One failed attempt to call Airtable, the same whichever transport (airtable.js or plain
 * HTTP) made it, so retry decisions and error mapping live in one place. Local to this
 * package: callers only ever see the {@link AppError} it maps to.
 */
export class AirtableCallFailure extends Error {
  override readonly name = 'AirtableCallFailure';
  readonly kind: CallFailureKind;
  /** Airtable's status; 0 when no answer arrived. */
  readonly status: number;
  /** Airtable's error type (or ours for failures without an answer: NETWORK_ERROR, TIMEOUT). */
  readonly type: string;
  /**
   * True when the connection was never made, so Airtable cannot have seen the request and
   * even a create may be sent again without risking a duplicate.
   */
  readonly notSent: boolean;

  constructor(init: CallFailureInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.type = init.type;
    this.notSent = init.notSent ?? false;
  }

  /** Airtable's view of the failure, as carried by the mapped error. */
  details(): AirtableErrorDetails {
    return { type: this.type, message: this.message, status: this.status };
  }
}

// Error types Airtable uses for these statuses when its body does not say (some 404s send only
// `{"error": "NOT_FOUND"}`; proxies in front of it send HTML).
const DEFAULT_TYPES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'AUTHENTICATION_REQUIRED',
  403: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
  404: 'NOT_FOUND',
  413: 'REQUEST_TOO_LARGE',
  422: 'INVALID_REQUEST_UNKNOWN',
  429: 'RATE_LIMIT_REACHED',
  500: 'SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
};

/** Builds the failure for an error status from Airtable's body (`{"error": {type, message}}`). */
export function statusFailure(status: number, body: unknown, cause?: unknown): AirtableCallFailure {
  const fallbackType = DEFAULT_TYPES[status] ?? 'UNEXPECTED_ERROR';
  let type = fallbackType;
  let message = `Airtable answered ${status}`;
  const error = isObject(body) ? body['error'] : undefined;
  if (typeof error === 'string') {
    type = error;
  } else if (isObject(error)) {
    if (typeof error['type'] === 'string') type = error['type'];
    if (typeof error['message'] === 'string') message = error['message'];
  }
  return new AirtableCallFailure({ kind: 'status', status, type, message, cause });
}

// Codes of failures that happen before a connection exists: the request never left.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

/** Builds the failure for an attempt that got no answer (refused, reset, DNS...). */
export function networkFailure(cause: unknown): AirtableCallFailure {
  const code = errorCode(cause);
  return new AirtableCallFailure({
    kind: 'network',
    type: 'NETWORK_ERROR',
    message: `Airtable could not be reached${code === undefined ? '' : ` (${code})`}`,
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    cause,
  });
}

/** Builds the failure for an attempt that got no complete answer in time. */
export function timeoutFailure(timeoutMs: number, cause: unknown): AirtableCallFailure {
  return new AirtableCallFailure({
    kind: 'timeout',
    type: 'TIMEOUT',
    message: `Airtable did not answer within ${timeoutMs} ms`,
    cause,
  });
}

/** The first `code` (e.g. ECONNREFUSED) along an error's cause chain. */
function errorCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && isObject(current); depth += 1) {
    if (typeof current['code'] === 'string') return current['code'];
    current = current['cause'];
  }
  return undefined;
}

/**
 * The error a caller gets for a failure that will not be retried (any more). `penaltyMs` is
 * what a 429 costs, offered as Retry-After.
 */
export function toAccessError(failure: AirtableCallFailure, penaltyMs: number): AppError {
  const details = failure.details();
  if (failure.kind !== 'status') return airtableErrors.AIRTABLE_UNAVAILABLE(details, failure);
  const { status } = failure;
  if (status === 401) return airtableErrors.AIRTABLE_AUTHENTICATION_FAILED(details, failure);
  if (status === 403) return airtableErrors.AIRTABLE_PERMISSION_DENIED(details, failure);
  if (status === 404) return airtableErrors.AIRTABLE_NOT_FOUND(details, failure);
  if (status === 413) return airtableErrors.AIRTABLE_REQUEST_TOO_LARGE(details, failure);
  if (status === 429) {
    return airtableErrors.AIRTABLE_RATE_LIMITED({ ...details, retryAfterMs: penaltyMs }, failure);
  }
  if (status >= 500) return airtableErrors.AIRTABLE_UNAVAILABLE(details, failure);
  return airtableErrors.AIRTABLE_INVALID_REQUEST(details, failure);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
