import type { ListRecordsOptions, RecordSort } from '@pyairtable/airtable-access';
import { Type } from 'typebox';
import type { Static } from 'typebox';

/**
 * The querystring of `GET …/records`. Repeated keys arrive as arrays, and a single value is
 * coerced to a one-item array (the kit's `coerceTypes: 'array'`), so `fields=Name` and
 * `fields=Name&fields=Amount` both validate.
 */
export const ListQuerySchema = Type.Object(
  {
    view: Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: 'A view name or id.' }),
    ),
    fields: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 100,
        description:
          'Only these fields: repeat the key (`fields=Name&fields=Amount`) or list them with commas (`fields=Name,Amount`). For a name holding a comma use `fields[]`.',
      }),
    ),
    'fields[]': Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 100,
        description: "Only these fields, each value one name, as Airtable's own API takes them.",
      }),
    ),
    filterByFormula: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 10_000,
        description:
          'An Airtable formula; only records where it is truthy, e.g. `{Amount} > 10000`.',
      }),
    ),
    maxRecords: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Stop after this many records over all pages.' }),
    ),
    pageSize: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 100,
        description: 'Records per page, 1 to 100.',
      }),
    ),
    offset: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1_000,
        description: 'The `offset` of the previous page, to get the next one.',
      }),
    ),
    sort: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 10,
        description:
          'Sort keys in priority order, one per value: `sort=Amount:desc&sort=Name` (`:asc` is the default).',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The querystring of a list request, as validated. */
export type ListQuery = Static<typeof ListQuerySchema>;

const SORT_KEY = /^(?<field>.+?):(?<direction>asc|desc)$/;

/** `Amount:desc` → `{field: 'Amount', direction: 'desc'}`; a name without a suffix sorts ascending. */
export function parseSortKey(key: string): RecordSort {
  const match = SORT_KEY.exec(key);
  const field = match?.groups?.['field'];
  const direction = match?.groups?.['direction'];
  if (field === undefined || (direction !== 'asc' && direction !== 'desc')) {
    return { field: key, direction: 'asc' };
  }
  return { field, direction };
}

/** The field names the query asks for; undefined when it asks for all. */
export function requestedFields(query: ListQuery): string[] | undefined {
  const listed = (query.fields ?? []).flatMap((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
  const fields = [...listed, ...(query['fields[]'] ?? [])];
  return fields.length === 0 ? undefined : fields;
}

/** The access layer's options for a validated query. */
export function listOptions(query: ListQuery): ListRecordsOptions {
  const fields = requestedFields(query);
  return {
    pageSize: query.pageSize ?? 100,
    ...(query.view === undefined ? {} : { view: query.view }),
    ...(fields === undefined ? {} : { fields }),
    ...(query.filterByFormula === undefined ? {} : { filterByFormula: query.filterByFormula }),
    ...(query.sort === undefined ? {} : { sort: query.sort.map(parseSortKey) }),
    ...(query.maxRecords === undefined ? {} : { maxRecords: query.maxRecords }),
    ...(query.offset === undefined ? {} : { offset: query.offset }),
  };
}
