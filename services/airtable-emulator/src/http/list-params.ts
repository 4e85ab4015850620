/**
 * The parameters of a list request, from the query string (GET) or the JSON body (POST
 * listRecords). The query string is read by hand because its keys are Airtable's bracketed
 * ones (`fields[]`, `sort[0][field]`, `recordMetadata[]`), which a static schema cannot name;
 * each value is checked as strictly as the POST body's schema checks it, and an unknown
 * parameter is refused, so a typo fails loudly instead of being ignored.
 */
import { airtableErrors } from '../airtable-errors.ts';
import { isKnownLocale, isKnownTimeZone } from '../model/cell-text.ts';
import type { TextFormat } from '../model/cell-text.ts';
import type { SortSpec } from '../model/model-types.ts';
import type { ListRecordsBody } from './route-schemas.ts';

/** A list request's parameters, checked. */
export interface ListParams {
  readonly fields: readonly string[] | undefined;
  readonly filterByFormula: string | undefined;
  readonly maxRecords: number | undefined;
  readonly pageSize: number;
  readonly offset: string | undefined;
  readonly sort: readonly SortSpec[];
  readonly view: string | undefined;
  /** Set for `cellFormat=string`. */
  readonly text: TextFormat | undefined;
  readonly returnFieldsByFieldId: boolean;
  readonly commentCount: boolean;
}

/** A parsed query string: each key with one value or several. */
export type QueryValues = Readonly<Record<string, string | string[] | undefined>>;

const SORT_KEY = /^sort\[(\d+)\]\[(field|direction)\]$/;
const SIMPLE_KEYS = new Set([
  'fields[]',
  'fields',
  'filterByFormula',
  'maxRecords',
  'pageSize',
  'offset',
  'view',
  'cellFormat',
  'timeZone',
  'userLocale',
  'returnFieldsByFieldId',
  'recordMetadata[]',
  'recordMetadata',
]);

function all(query: QueryValues, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function one(query: QueryValues, key: string): string | undefined {
  const values = all(query, key);
  if (values.length > 1) throw airtableErrors.invalidRequest();
  return values[0];
}

function integer(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw airtableErrors.invalidRequest();
  const value = Number(text);
  if (value < min || value > max) throw airtableErrors.invalidRequest();
  return value;
}

/** Reads a boolean query parameter (`true`/`false`, `1`/`0`). */
export function booleanParam(text: string | undefined): boolean {
  if (text === undefined || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  throw airtableErrors.invalidRequest();
}

function sortFromQuery(query: QueryValues): SortSpec[] {
  const keys = new Map<number, { field?: string | undefined; direction?: string | undefined }>();
  for (const key of Object.keys(query)) {
    const match = SORT_KEY.exec(key);
    if (match === null) continue;
    const index = Number(match[1]);
    const entry = keys.get(index) ?? {};
    entry[match[2] === 'field' ? 'field' : 'direction'] = one(query, key);
    keys.set(index, entry);
  }
  return [...keys.entries()]
    .sort(([left], [right]) => left - right)
    .map(([, entry]) => {
      if (entry.field === undefined || entry.field === '') throw airtableErrors.invalidRequest();
      const direction = entry.direction ?? 'asc';
      if (direction !== 'asc' && direction !== 'desc') throw airtableErrors.invalidRequest();
      return { field: entry.field, direction };
    });
}

/** The string format, which needs a valid `timeZone` and `userLocale`. */
export function textFormat(
  cellFormat: string | undefined,
  timeZone: string | undefined,
  userLocale: string | undefined,
): TextFormat | undefined {
  if (cellFormat === undefined || cellFormat === 'json') return undefined;
  if (cellFormat !== 'string') throw airtableErrors.invalidRequest();
  if (timeZone === undefined || userLocale === undefined) {
    throw airtableErrors.invalidRequest(
      'The timeZone and userLocale parameters are required when using string as the cellFormat.',
    );
  }
  if (!isKnownTimeZone(timeZone))
    throw airtableErrors.invalidRequest(`Unknown timeZone ${timeZone}`);
  if (!isKnownLocale(userLocale)) {
    throw airtableErrors.invalidRequest(`Unknown userLocale ${userLocale}`);
  }
  return { timeZone, userLocale };
}

function metadata(values: readonly string[]): boolean {
  if (values.some((value) => value !== 'commentCount')) throw airtableErrors.invalidRequest();
  return values.length > 0;
}

/** The parameters of `GET /v0/{base}/{table}`. */
export function listParamsFromQuery(query: QueryValues): ListParams {
  for (const key of Object.keys(query)) {
    if (!SIMPLE_KEYS.has(key) && !SORT_KEY.test(key)) throw airtableErrors.invalidRequest();
  }
  const fields = [...all(query, 'fields[]'), ...all(query, 'fields')];
  return {
    fields: fields.length === 0 ? undefined : fields,
    filterByFormula: one(query, 'filterByFormula'),
    maxRecords: integer(one(query, 'maxRecords'), 1, Number.MAX_SAFE_INTEGER),
    pageSize: integer(one(query, 'pageSize'), 1, 100) ?? 100,
    offset: one(query, 'offset'),
    sort: sortFromQuery(query),
    view: one(query, 'view'),
    text: textFormat(one(query, 'cellFormat'), one(query, 'timeZone'), one(query, 'userLocale')),
    returnFieldsByFieldId: booleanParam(one(query, 'returnFieldsByFieldId')),
    commentCount: metadata([...all(query, 'recordMetadata[]'), ...all(query, 'recordMetadata')]),
  };
}

/**
 * The parameters of `POST …/listRecords`. airtable.js sends `timeZone` and `userLocale` in the
 * query string even then, so those are read from either place.
 */
export function listParamsFromBody(body: ListRecordsBody, query: QueryValues): ListParams {
  return {
    fields: body.fields,
    filterByFormula: body.filterByFormula,
    maxRecords: body.maxRecords,
    pageSize: body.pageSize ?? 100,
    offset: body.offset,
    sort: (body.sort ?? []).map((key) => ({ field: key.field, direction: key.direction ?? 'asc' })),
    view: body.view,
    text: textFormat(
      body.cellFormat,
      body.timeZone ?? one(query, 'timeZone'),
      body.userLocale ?? one(query, 'userLocale'),
    ),
    returnFieldsByFieldId: body.returnFieldsByFieldId ?? false,
    commentCount: metadata(body.recordMetadata ?? []),
  };
}
