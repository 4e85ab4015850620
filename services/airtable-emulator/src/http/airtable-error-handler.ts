/**
 * Error handling for the `/v0` routes: everything leaves in Airtable's error format, never the
 * platform's problem+json, because Airtable clients parse `error.type`. Schema validation
 * failures become 422 INVALID_REQUEST_UNKNOWN (or INVALID_RECORDS for a bad `records` array),
 * unparseable bodies 400, unknown routes the bare 404 `{"error": "NOT_FOUND"}`, and anything
 * unexpected a logged 500 that reveals nothing.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AirtableError, airtableErrors } from '../airtable-errors.ts';

/** How a route reports a `records` array that fails validation. */
export type RecordsErrorKind = 'create' | 'update' | 'delete';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which INVALID_RECORDS message a failed `records` validation answers with. */
    recordsError?: RecordsErrorKind;
  }
}

/** Sends an Airtable error. */
export function sendAirtableError(reply: FastifyReply, error: AirtableError): FastifyReply {
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.body);
}

function recordsError(kind: RecordsErrorKind): AirtableError {
  if (kind === 'create') return airtableErrors.invalidCreateRecords();
  if (kind === 'update') return airtableErrors.invalidUpdateRecords();
  return airtableErrors.invalidDeleteRecords();
}

interface ValidationIssue {
  readonly instancePath?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

function concernsRecords(issues: readonly ValidationIssue[]): boolean {
  return issues.some(
    (issue) =>
      (issue.instancePath ?? '').startsWith('/records') ||
      issue.params?.['missingProperty'] === 'records',
  );
}

/** Maps anything a `/v0` handler or hook threw to the Airtable error to answer with. */
export function toAirtableError(
  error: FastifyError | Error,
  request: FastifyRequest,
): AirtableError {
  if (error instanceof AirtableError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    const kind = request.routeOptions.config.recordsError;
    const issues = fastifyError.validation as readonly ValidationIssue[];
    return kind !== undefined && concernsRecords(issues)
      ? recordsError(kind)
      : airtableErrors.invalidRequest();
  }
  const status = fastifyError.statusCode;
  if (status === 413) return airtableErrors.tooLarge();
  if (status === 400 || status === 415) return airtableErrors.invalidBody();
  if (status !== undefined && status >= 400 && status < 500) return airtableErrors.invalidRequest();
  return airtableErrors.serverError();
}

/** The `/v0` error handler. */
export function handleAirtableError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const answer = toAirtableError(error, request);
  if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ type: answer.type, status: answer.status }, answer.message);
  return sendAirtableError(reply, answer);
}

/** The `/v0` not-found handler: Airtable's bare 404. */
export function handleAirtableNotFound(
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  return sendAirtableError(reply, airtableErrors.routeNotFound());
}
