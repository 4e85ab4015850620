import type { ListRecordsOptions } from '../airtable-types.ts';
import { airtableErrors } from '../errors/airtable-errors.ts';
import { baseIdSegment, tableSegment } from '../transport/api-paths.ts';

/** How one list page is asked for. */
export interface ListRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: URLSearchParams;
  readonly json?: Readonly<Record<string, unknown>>;
}

/**
 * Airtable refuses URLs over 16,000 characters; airtable.js switches to POST listRecords a
 * little before that, and so does this layer (long filter formulas, many `fields`).
 */
const MAX_GET_LENGTH = 15_000;

// Airtable reads these from the query string even when the rest comes as a POST body.
const QUERY_ONLY = ['timeZone', 'userLocale'] as const;

/** Rejects parameters Airtable would refuse, with a message that says what to change. */
export function checkListOptions(options: ListRecordsOptions): void {
  const { pageSize, maxRecords } = options;
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100)) {
    throw airtableErrors.AIRTABLE_INVALID_ARGUMENT({
      problem: `pageSize must be an integer from 1 to 100, got ${pageSize}`,
    });
  }
  if (maxRecords !== undefined && !(Number.isInteger(maxRecords) && maxRecords >= 1)) {
    throw airtableErrors.AIRTABLE_INVALID_ARGUMENT({
      problem: `maxRecords must be a positive integer, got ${maxRecords}`,
    });
  }
}

/** The request for one page: GET with query parameters, or POST listRecords when too long. */
export function listRequest(
  baseId: string,
  table: string,
  options: ListRecordsOptions,
): ListRequest {
  checkListOptions(options);
  const path = `${baseIdSegment(baseId)}/${tableSegment(table)}`;
  const query = new URLSearchParams();
  for (const field of options.fields ?? []) query.append('fields[]', field);
  options.sort?.forEach((sort, index) => {
    query.append(`sort[${index}][field]`, sort.field);
    if (sort.direction !== undefined) query.append(`sort[${index}][direction]`, sort.direction);
  });
  for (const meta of options.recordMetadata ?? []) query.append('recordMetadata[]', meta);
  const scalars = {
    view: options.view,
    filterByFormula: options.filterByFormula,
    maxRecords: options.maxRecords,
    pageSize: options.pageSize,
    offset: options.offset,
    cellFormat: options.cellFormat,
    timeZone: options.timeZone,
    userLocale: options.userLocale,
    returnFieldsByFieldId: options.returnFieldsByFieldId,
  };
  for (const [name, value] of Object.entries(scalars)) {
    if (value !== undefined) query.append(name, String(value));
  }
  if (path.length + 1 + query.toString().length <= MAX_GET_LENGTH) {
    return { method: 'GET', path, query };
  }

  const urlQuery = new URLSearchParams();
  const body: Record<string, unknown> = {};
  // Typed as unknown: JavaScript callers may pass explicit undefined values.
  for (const [name, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && (QUERY_ONLY as readonly string[]).includes(name)) {
      urlQuery.append(name, value);
    } else {
      body[name] = value;
    }
  }
  return { method: 'POST', path: `${path}/listRecords`, query: urlQuery, json: body };
}
