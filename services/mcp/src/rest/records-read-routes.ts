import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { ListQuerySchema, listOptions } from './list-query.ts';
import { problemResponses } from './problem-responses.ts';
import { recordOutput } from './record-output.ts';
import type { RequestScopes } from './request-scopes.ts';
import {
  RecordParamsSchema,
  RecordSchema,
  RecordsSchema,
  TableParamsSchema,
} from './rest-schemas.ts';
import { checkFieldNames, checkViewName, tableOf } from './schema-lookups.ts';

const RecordPageSchema = Type.Object(
  {
    records: RecordsSchema,
    offset: Type.Optional(
      Type.String({ description: 'Present while more pages exist: pass it as `offset`.' }),
    ),
  },
  { description: 'One page of records.' },
);

/** `GET …/records` (one page) and `GET …/records/:recordId`. */
export function recordsReadRoutes(app: ServiceApp, scopes: RequestScopes): void {
  app.get(
    '/bases/:baseId/tables/:table/records',
    {
      schema: {
        operationId: 'listRecords',
        tags: ['records'],
        summary: 'List one page of records',
        description:
          'One page of at most `pageSize` records; while `offset` is in the answer, pass it back for the next page. Field, sort and view names are checked against the table first, so a typo is a 422 listing the valid names.',
        params: TableParamsSchema,
        querystring: ListQuerySchema,
        response: { 200: RecordPageSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { baseId } = request.params;
      const scope = scopes.read(request, baseId);
      const table = await tableOf(scope, baseId, request.params.table);
      const options = listOptions(request.query);
      await checkFieldNames(table, [
        ...(options.fields ?? []),
        ...(options.sort ?? []).map((key) => key.field),
      ]);
      if (options.view !== undefined) await checkViewName(table, options.view);
      const page = await scope.airtable.listRecords(baseId, table.id, options);
      return {
        records: page.records.map(recordOutput),
        ...(page.offset === undefined ? {} : { offset: page.offset }),
      };
    },
  );

  app.get(
    '/bases/:baseId/tables/:table/records/:recordId',
    {
      schema: {
        operationId: 'getRecord',
        tags: ['records'],
        summary: 'Get one record',
        params: RecordParamsSchema,
        response: { 200: RecordSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { baseId, recordId } = request.params;
      const scope = scopes.read(request, baseId);
      const table = await tableOf(scope, baseId, request.params.table);
      return recordOutput(await scope.airtable.getRecord(baseId, table.id, recordId));
    },
  );
}
