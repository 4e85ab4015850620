import { airtableErrorDetails } from '@pyairtable/airtable-access';
import { AppError } from '@pyairtable/kit';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A failure the model can act on, worded for it (what was wrong and what is valid). Local to
 * this package: handlers throw it and {@link failureResult} turns it into an `isError` result,
 * so nothing crosses the wire as a protocol error.
 */
export class ToolFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolFailure';
  }
}

const CHECK_IDS = 'Check the ids: list_records, search_records or get_base_schema show valid ones.';
const EXPIRED_CURSOR = 'The cursor is invalid or expired: call again without cursor to start over.';

// What the model should do next, by Airtable's error type (more precise) ...
const ADVICE_BY_TYPE: Readonly<Record<string, string>> = {
  INVALID_FILTER_BY_FORMULA:
    'Fix the formula (field names in {braces}, strings in quotes), or use the structured filter argument instead.',
  INVALID_OFFSET_VALUE: EXPIRED_CURSOR,
  LIST_RECORDS_ITERATOR_NOT_AVAILABLE: EXPIRED_CURSOR,
  UNKNOWN_FIELD_NAME: 'Use the exact field names describe_table shows.',
};

// ... else by the access layer's error code.
const ADVICE_BY_CODE: Readonly<Record<string, string>> = {
  AIRTABLE_RATE_LIMITED: 'Wait a little and call the tool again.',
  AIRTABLE_QUEUE_FULL: 'Airtable is busy for this base: wait a few seconds and call again.',
  AIRTABLE_UNAVAILABLE: 'Airtable is not answering: try again in a minute.',
  AIRTABLE_INVALID_REQUEST:
    'Check field names and value types against describe_table, then correct the arguments.',
  AIRTABLE_NOT_FOUND: CHECK_IDS,
  AIRTABLE_PERMISSION_DENIED: CHECK_IDS,
  AIRTABLE_INVALID_ARGUMENT: 'Correct the arguments and call again.',
  AIRTABLE_PARTIAL_WRITE: 'Do not resend the records already written; fix and resend the rest.',
};

/** Turns anything a handler threw into an `isError` result; the text says what to do next. */
export function failureResult(error: unknown): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: failureMessage(error) }] };
}

function failureMessage(error: unknown): string {
  if (error instanceof ToolFailure) return error.message;
  if (error instanceof AppError) {
    const type = airtableErrorDetails(error)?.type;
    const advice =
      (type === undefined ? undefined : ADVICE_BY_TYPE[type]) ?? ADVICE_BY_CODE[error.code];
    const written = error.extensions['writtenIds'];
    const ids = Array.isArray(written) ? ` Written ids: ${written.join(', ')}.` : '';
    return `${error.detail.replace(/\.$/, '')}.${ids}${advice === undefined ? '' : ` ${advice}`}`;
  }
  // Internals are not the model's business, but a hint that it was not its fault is.
  const reason = error instanceof Error ? error.message : 'unknown error';
  return `The tool failed unexpectedly (${reason}); try again later.`;
}
