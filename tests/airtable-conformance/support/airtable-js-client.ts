/**
 * The official airtable.js client as a conformance client. `noRetryIfRateLimited` so a 429
 * comes back as an error instead of being retried for minutes.
 */
import Airtable from 'airtable';
import type { FieldSet, Record as AirtableJsRecord } from 'airtable';
import type { ClientKind, ListQuery, TableRecord } from './conformance-client.ts';

const toTableRecord = (record: AirtableJsRecord<FieldSet>): TableRecord => ({
  id: record.id,
  fields: record.fields,
});

function selectOptions(query: ListQuery): Airtable.SelectOptions<FieldSet> {
  return {
    ...(query.fields === undefined ? {} : { fields: [...query.fields] }),
    ...(query.sort === undefined ? {} : { sort: query.sort.map((sort) => ({ ...sort })) }),
    ...(query.view === undefined ? {} : { view: query.view }),
    ...(query.filterByFormula === undefined ? {} : { filterByFormula: query.filterByFormula }),
    ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
  };
}

/** airtable.js 0.12. */
export const airtableJsClient: ClientKind = {
  name: 'airtable.js',
  // What airtable.js's `_checkStatusForError` puts in `error` whatever Airtable's body says;
  // for 404 it keeps Airtable's message but not its type.
  replacedErrorTypes: {
    401: 'AUTHENTICATION_REQUIRED',
    403: 'NOT_AUTHORIZED',
    404: 'NOT_FOUND',
    413: 'REQUEST_TOO_LARGE',
    429: 'TOO_MANY_REQUESTS',
    500: 'SERVER_ERROR',
    503: 'SERVICE_UNAVAILABLE',
  },

  failureOf(error) {
    return error instanceof Airtable.Error
      ? { status: error.statusCode, type: error.error }
      : undefined;
  },

  connect({ endpointUrl, token, baseId }) {
    const base = new Airtable({ apiKey: token, endpointUrl, noRetryIfRateLimited: true }).base(
      baseId,
    );
    return {
      async listPages(table, query = {}) {
        const pages: TableRecord[][] = [];
        await base
          .table(table)
          .select(selectOptions(query))
          .eachPage((records, fetchNextPage) => {
            pages.push(records.map(toTableRecord));
            fetchNextPage();
          });
        return pages;
      },

      async getRecord(table, recordId) {
        return toTableRecord(await base.table(table).find(recordId));
      },

      async createRecords(table, records, options = {}) {
        // Sent as given: airtable.js does not split more than 10 records.
        const data = records.map((fields) => ({ fields: fields as Partial<FieldSet> }));
        const created = await base
          .table(table)
          .create(data, options.typecast === true ? { typecast: true } : {});
        return created.map(toTableRecord);
      },

      close: () => Promise.resolve(),
    };
  },
};
