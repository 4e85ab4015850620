/**
 * The failures a request can end in, each rendered as a Kubernetes `Status` with its HTTP
 * code and `reason`, which is what the aggregator and the HPA controller expect to read.
 */

/** The `reason` values this adapter answers with (a subset of metav1.StatusReason). */
export type StatusReason =
  'BadRequest' | 'NotFound' | 'MethodNotAllowed' | 'ServiceUnavailable' | 'InternalError';

const CODES: Readonly<Record<StatusReason, number>> = {
  BadRequest: 400,
  NotFound: 404,
  MethodNotAllowed: 405,
  ServiceUnavailable: 503,
  InternalError: 500,
};

/**
 * A failure to send back as a `Status`. Its message goes on the wire, so it must hold nothing
 * secret: callers build it from names and upstream status lines, never from request headers.
 */
export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;

  constructor(reason: StatusReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.reason = reason;
    this.code = CODES[reason];
  }
}
