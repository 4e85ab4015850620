/**
 * Reading records: `GET /v0/{base}/{table}` (list, parameters in the query string),
 * `POST /v0/{base}/{table}/listRecords` (the same, parameters in the body, for URLs over
 * Airtable's 16k limit; airtable.js switches to it on its own) and
 * `GET /v0/{base}/{table}/{record}`.
 */
import type { ServiceApp } from '@pyairtable/kit';
import { airtableErrors } from '../airtable-errors.ts';
import { findField } from '../model/emulator-state.ts';
import type { FieldModel, TableModel } from '../model/model-types.ts';
import { commentCount } from '../model/record-comments.ts';
import { queryRecords } from '../model/record-query.ts';
import { renderRecord } from '../model/render-record.ts';
import type { RenderedRecord } from '../model/render-record.ts';
import {
  booleanParam,
  listParamsFromBody,
  listParamsFromQuery,
  textFormat,
} from './list-params.ts';
import type { ListParams, QueryValues } from './list-params.ts';
import type { RouteContext } from './route-targets.ts';
import { recordOf, tableOf } from './route-targets.ts';
import {
  errorResponses,
  ListRecordsBodySchema,
  RecordPageSchema,
  RecordParamsSchema,
  RecordSchema,
  TableParamsSchema,
} from './route-schemas.ts';

/** The fields named by `fields[]`, in table order; an unknown one is 422 UNKNOWN_FIELD_NAME. */
export function requestedFields(
  table: TableModel,
  keys: readonly string[] | undefined,
): FieldModel[] | undefined {
  if (keys === undefined) return undefined;
  const wanted = new Set(
    keys.map((key) => {
      const field = findField(table, key);
      if (field === undefined) throw airtableErrors.unknownField(key);
      return field;
    }),
  );
  return table.fields.filter((field) => wanted.has(field));
}

function listPage(
  context: RouteContext,
  path: { baseId: string; tableIdOrName: string },
  params: ListParams,
): { records: RenderedRecord[]; offset?: string } {
  const { base, table } = tableOf(context, path);
  const fields = requestedFields(table, params.fields);
  const page =
    params.offset === undefined
      ? context.cursors.first(
          table,
          queryRecords(base, table, params, new Date(context.state.clock.now()))
            .slice(0, params.maxRecords)
            .map((record) => record.id),
          params.pageSize,
        )
      : context.cursors.next(table, params.offset, params.pageSize);
  const options = {
    fields,
    byFieldId: params.returnFieldsByFieldId,
    text: params.text,
    commentCount: params.commentCount
      ? (recordId: string) => commentCount(context.state, recordId)
      : undefined,
  };
  const records = page.records.map((record) => renderRecord(base, table, record, options));
  return page.offset === undefined ? { records } : { records, offset: page.offset };
}

const RECORD_QUERY_KEYS = new Set([
  'returnFieldsByFieldId',
  'cellFormat',
  'timeZone',
  'userLocale',
]);

function single(query: QueryValues, key: string): string | undefined {
  const value = query[key];
  if (Array.isArray(value)) throw airtableErrors.invalidRequest();
  return value;
}

/** Registers the record read routes. */
export function recordReadRoutes(app: ServiceApp, context: RouteContext): void {
  for (const url of ['/:baseId/:tableIdOrName', '/:baseId/:tableIdOrName/']) {
    app.get(
      url,
      {
        config: { scope: 'data.records:read' },
        schema: {
          params: TableParamsSchema,
          response: { 200: RecordPageSchema, ...errorResponses },
        },
      },
      (request) =>
        listPage(context, request.params, listParamsFromQuery(request.query as QueryValues)),
    );
  }

  app.post(
    '/:baseId/:tableIdOrName/listRecords',
    {
      config: { scope: 'data.records:read' },
      schema: {
        params: TableParamsSchema,
        body: ListRecordsBodySchema,
        response: { 200: RecordPageSchema, ...errorResponses },
      },
    },
    (request) =>
      listPage(
        context,
        request.params,
        listParamsFromBody(request.body, request.query as QueryValues),
      ),
  );

  app.get(
    '/:baseId/:tableIdOrName/:recordId',
    {
      config: { scope: 'data.records:read' },
      schema: { params: RecordParamsSchema, response: { 200: RecordSchema, ...errorResponses } },
    },
    (request) => {
      const query = request.query as QueryValues;
      if (Object.keys(query).some((key) => !RECORD_QUERY_KEYS.has(key))) {
        throw airtableErrors.invalidRequest();
      }
      const { base, table } = tableOf(context, request.params);
      const record = recordOf(table, request.params.recordId);
      return renderRecord(base, table, record, {
        byFieldId: booleanParam(single(query, 'returnFieldsByFieldId')),
        text: textFormat(
          single(query, 'cellFormat'),
          single(query, 'timeZone'),
          single(query, 'userLocale'),
        ),
      });
    },
  );
}
