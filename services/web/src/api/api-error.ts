/** What the platform's RFC 9457 problem+json bodies carry that the app uses. */
export interface ProblemFields {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  /** `Retry-After` in seconds, when the response had one. */
  readonly retryAfterSeconds: number | null;
  /** When a daily quota resets (CHAT_QUOTA_EXCEEDED). */
  readonly resetsAt: string | null;
}

/** A failed API call: an HTTP error answer, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly retryAfterSeconds: number | null;
  readonly resetsAt: string | null;

  constructor(fields: ProblemFields) {
    super(fields.detail);
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.detail = fields.detail;
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.resetsAt = fields.resetsAt;
  }
}

function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  // Retry-After may also be an HTTP date.
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function stringField(body: unknown, name: string): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/**
 * Reads a failed response as an {@link ApiError}. Bodies that are not problem+json (a proxy's
 * HTML error page, say) still give a status and a generic message.
 */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status alone has to do.
  }
  return new ApiError({
    status: response.status,
    code: stringField(body, 'code') ?? `HTTP_${String(response.status)}`,
    detail:
      stringField(body, 'detail') ??
      stringField(body, 'title') ??
      (response.statusText || `Request failed (${String(response.status)})`),
    retryAfterSeconds: retryAfterOf(response),
    resetsAt: stringField(body, 'resetsAt'),
  });
}

/** The error of a request that got no answer (offline, connection reset). */
export function networkError(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError({
    status: 0,
    code: 'NETWORK_ERROR',
    detail: `The server could not be reached (${message}).`,
    retryAfterSeconds: null,
    resetsAt: null,
  });
}
