/**
 * Writing records: create (`POST`, up to 10, or one `{fields}` record), update (`PATCH`) and
 * replace (`PUT`) up to 10 records or one by id, upsert (`performUpsert`), and delete
 * (`DELETE ?records[]=…` or one by id). Paths are also accepted with a trailing slash, which
 * is how airtable.js sends batch writes.
 */
import type { ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { airtableErrors } from '../airtable-errors.ts';
import type { BaseModel, RecordModel, TableModel } from '../model/model-types.ts';
import { isIdOf } from '../model/new-ids.ts';
import { upsertRecords } from '../model/record-upsert.ts';
import { createRecords, deleteRecords, updateRecords } from '../model/record-writes.ts';
import { renderRecord } from '../model/render-record.ts';
import type { QueryValues } from './list-params.ts';
import type { RouteContext } from './route-targets.ts';
import { recordOf, tableOf } from './route-targets.ts';
import {
  CreateRecordsBodySchema,
  DeletedRecordSchema,
  errorResponses,
  RecordParamsSchema,
  RecordSchema,
  TableParamsSchema,
  UpdateRecordBodySchema,
  UpdateRecordsBodySchema,
  UpdateRecordsResponseSchema,
} from './route-schemas.ts';
import type { UpdateRecordsBody } from './route-schemas.ts';

function render(base: BaseModel, table: TableModel, byFieldId: boolean | undefined) {
  return (record: RecordModel) =>
    renderRecord(base, table, record, { byFieldId: byFieldId ?? false });
}

function batchUpdate(
  context: RouteContext,
  path: { baseId: string; tableIdOrName: string },
  body: UpdateRecordsBody,
  replace: boolean,
) {
  const { base, table } = tableOf(context, path);
  const options = { typecast: body.typecast ?? false, replace };
  const show = render(base, table, body.returnFieldsByFieldId);
  if (body.performUpsert !== undefined) {
    const result = upsertRecords(
      context.state,
      base,
      table,
      body.records,
      body.performUpsert.fieldsToMergeOn,
      options,
    );
    return {
      records: result.records.map(show),
      createdRecords: result.createdRecords,
      updatedRecords: result.updatedRecords,
    };
  }
  const inputs = body.records.map((record) => {
    if (record.id === undefined) throw airtableErrors.invalidUpdateRecords();
    return { id: record.id, fields: record.fields };
  });
  return { records: updateRecords(context.state, base, table, inputs, options).map(show) };
}

function deletedIds(query: QueryValues): string[] {
  const given = query['records[]'] ?? query['records'];
  const ids = given === undefined ? [] : Array.isArray(given) ? given : [given];
  if (ids.length === 0 || ids.length > 10 || ids.some((id) => !isIdOf('rec', id))) {
    throw airtableErrors.invalidDeleteRecords();
  }
  return ids;
}

/** Registers the record write routes. */
export function recordWriteRoutes(app: ServiceApp, context: RouteContext): void {
  const write = { scope: 'data.records:write' } as const;
  for (const url of ['/:baseId/:tableIdOrName', '/:baseId/:tableIdOrName/']) {
    app.post(
      url,
      {
        config: { ...write, recordsError: 'create' },
        schema: {
          params: TableParamsSchema,
          body: CreateRecordsBodySchema,
          response: {
            200: Type.Union([Type.Object({ records: Type.Array(RecordSchema) }), RecordSchema]),
            ...errorResponses,
          },
        },
      },
      (request) => {
        const { base, table } = tableOf(context, request.params);
        const { body } = request;
        const options = { typecast: body.typecast ?? false };
        const show = render(base, table, body.returnFieldsByFieldId);
        if (body.records !== undefined) {
          const inputs = body.records.map((record) => record.fields);
          return { records: createRecords(context.state, base, table, inputs, options).map(show) };
        }
        if (body.fields === undefined) throw airtableErrors.invalidCreateRecords();
        const [record] = createRecords(context.state, base, table, [body.fields], options);
        if (record === undefined) throw airtableErrors.serverError();
        return show(record);
      },
    );

    for (const method of ['PATCH', 'PUT'] as const) {
      app.route({
        method,
        url,
        config: { ...write, recordsError: 'update' },
        schema: {
          params: TableParamsSchema,
          body: UpdateRecordsBodySchema,
          response: { 200: UpdateRecordsResponseSchema, ...errorResponses },
        },
        handler: (request) => batchUpdate(context, request.params, request.body, method === 'PUT'),
      });
    }

    app.delete(
      url,
      {
        config: { ...write, recordsError: 'delete' },
        schema: {
          params: TableParamsSchema,
          response: {
            200: Type.Object({ records: Type.Array(DeletedRecordSchema) }),
            ...errorResponses,
          },
        },
      },
      (request) => {
        const ids = deletedIds(request.query as QueryValues);
        const { base, table } = tableOf(context, request.params);
        const deleted = deleteRecords(context.state, base, table, ids);
        return { records: deleted.map((id) => ({ id, deleted: true })) };
      },
    );
  }

  for (const method of ['PATCH', 'PUT'] as const) {
    app.route({
      method,
      url: '/:baseId/:tableIdOrName/:recordId',
      config: write,
      schema: {
        params: RecordParamsSchema,
        body: UpdateRecordBodySchema,
        response: { 200: RecordSchema, ...errorResponses },
      },
      handler: (request) => {
        const { base, table } = tableOf(context, request.params);
        const { body } = request;
        const id = recordOf(table, request.params.recordId).id;
        const options = { typecast: body.typecast ?? false, replace: method === 'PUT' };
        const [record] = updateRecords(
          context.state,
          base,
          table,
          [{ id, fields: body.fields }],
          options,
        );
        if (record === undefined) throw airtableErrors.serverError();
        return render(base, table, body.returnFieldsByFieldId)(record);
      },
    });
  }

  app.delete(
    '/:baseId/:tableIdOrName/:recordId',
    {
      config: write,
      schema: {
        params: RecordParamsSchema,
        response: { 200: DeletedRecordSchema, ...errorResponses },
      },
    },
    (request) => {
      const { base, table } = tableOf(context, request.params);
      const id = recordOf(table, request.params.recordId).id;
      deleteRecords(context.state, base, table, [id]);
      return { id, deleted: true };
    },
  );
}
