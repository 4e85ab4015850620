import type { NewRecord, RecordUpdate, TableSchema } from '@pyairtable/airtable-access';
import { kitErrors } from '@pyairtable/kit';
import type { InvalidField, ServiceApp } from '@pyairtable/kit';
import { Type } from 'typebox';
import { asJsonObject } from '../tools/json-arguments.ts';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { bodyProblemResponses, problemResponses } from './problem-responses.ts';
import { recordOutput } from './record-output.ts';
import type { RequestScopes } from './request-scopes.ts';
import { MAX_RECORDS_PER_REQUEST, RecordsSchema, TableParamsSchema } from './rest-schemas.ts';
import { checkFieldNames, tableOf } from './schema-lookups.ts';
import {
  CreateBodySchema,
  DeleteQuerySchema,
  DeleteResponseSchema,
  UpdateBodySchema,
  UpdateResponseSchema,
} from './write-schemas.ts';
import type { UpdateBody } from './write-schemas.ts';

const RECORDS_URL = '/bases/:baseId/tables/:table/records';

const fieldNamesOf = (records: readonly { fields: Readonly<Record<string, unknown>> }[]) =>
  new Set(records.flatMap((record) => Object.keys(record.fields)));

type UpdateRecord = UpdateBody['records'][number];

// JSON schema cannot say "id required unless performUpsert" readably, so this 400 is built
// here, in the shape of a schema failure.
function invalidIds(records: readonly UpdateRecord[], upsert: boolean): never {
  const message = upsert
    ? 'is not allowed with performUpsert: records are matched on fieldsToMergeOn'
    : 'is required (or send performUpsert to match records on fields)';
  const errors: InvalidField[] = records.flatMap((record, index) =>
    upsert === (record.id === undefined)
      ? []
      : [{ in: 'body', field: `records.${index}.id`, message }],
  );
  throw kitErrors.KIT_VALIDATION_FAILED({ errors });
}

function recordUpdates(records: readonly UpdateRecord[]): RecordUpdate[] {
  return records.map(({ id, fields }) =>
    id === undefined ? invalidIds(records, false) : { id, fields: asJsonObject(fields) },
  );
}

function upsertRecords(records: readonly UpdateRecord[]): NewRecord[] {
  return records.map(({ id, fields }) =>
    id === undefined ? { fields: asJsonObject(fields) } : invalidIds(records, true),
  );
}

async function updateRecords(
  scope: WorkspaceScope,
  baseId: string,
  table: TableSchema,
  body: UpdateBody,
  replace: boolean,
) {
  const typecast = body.typecast ?? false;
  const fieldsToMergeOn = body.performUpsert?.fieldsToMergeOn;
  if (fieldsToMergeOn !== undefined) {
    const records = upsertRecords(body.records);
    await checkFieldNames(table, [...fieldsToMergeOn, ...fieldNamesOf(records)]);
    const result = await scope.airtable.upsertRecords(baseId, table.id, records, {
      fieldsToMergeOn,
      typecast,
      replace,
    });
    return {
      records: result.records.map(recordOutput),
      createdRecords: [...result.createdRecords],
      updatedRecords: [...result.updatedRecords],
    };
  }
  const records = recordUpdates(body.records);
  await checkFieldNames(table, fieldNamesOf(records));
  const updated = await scope.airtable.updateRecords(baseId, table.id, records, {
    typecast,
    replace,
  });
  return { records: updated.map(recordOutput) };
}

function idsToDelete(query: { records?: string[]; 'records[]'?: string[] }): string[] {
  const ids = [...(query.records ?? []), ...(query['records[]'] ?? [])];
  const problem =
    ids.length === 0
      ? 'is required: name the records to delete, e.g. ?records=rec…&records=rec…'
      : ids.length > MAX_RECORDS_PER_REQUEST
        ? `must NOT have more than ${MAX_RECORDS_PER_REQUEST} items`
        : undefined;
  if (problem === undefined) return ids;
  throw kitErrors.KIT_VALIDATION_FAILED({
    errors: [{ in: 'querystring', field: 'records', message: problem }],
  });
}

/** `POST`, `PATCH`, `PUT` and `DELETE` on `…/records`; viewers get 403 MCP_READ_ONLY_ROLE. */
export function recordsWriteRoutes(app: ServiceApp, scopes: RequestScopes): void {
  app.post(
    RECORDS_URL,
    {
      schema: {
        operationId: 'createRecords',
        tags: ['records'],
        summary: 'Create records',
        params: TableParamsSchema,
        body: CreateBodySchema,
        response: {
          200: Type.Object({ records: RecordsSchema }, { description: 'The new records.' }),
          ...bodyProblemResponses,
        },
      },
    },
    async (request) => {
      const { baseId } = request.params;
      const scope = scopes.write(request, baseId);
      const table = await tableOf(scope, baseId, request.params.table);
      const { records, typecast = false } = request.body;
      await checkFieldNames(table, fieldNamesOf(records));
      const created = await scope.airtable.createRecords(
        baseId,
        table.id,
        records.map((record) => ({ fields: asJsonObject(record.fields) })),
        { typecast },
      );
      return { records: created.map(recordOutput) };
    },
  );

  for (const method of ['PATCH', 'PUT'] as const) {
    const replace = method === 'PUT';
    app.route({
      method,
      url: RECORDS_URL,
      schema: {
        operationId: replace ? 'replaceRecords' : 'updateRecords',
        tags: ['records'],
        summary: replace
          ? 'Replace records (fields not given are cleared), or upsert'
          : 'Update records (only the given fields change), or upsert',
        params: TableParamsSchema,
        body: UpdateBodySchema,
        response: { 200: UpdateResponseSchema, ...bodyProblemResponses },
      },
      handler: async (request) => {
        const { baseId } = request.params;
        const scope = scopes.write(request, baseId);
        const table = await tableOf(scope, baseId, request.params.table);
        return updateRecords(scope, baseId, table, request.body, replace);
      },
    });
  }

  app.delete(
    RECORDS_URL,
    {
      schema: {
        operationId: 'deleteRecords',
        tags: ['records'],
        summary: 'Delete records by id',
        params: TableParamsSchema,
        querystring: DeleteQuerySchema,
        response: { 200: DeleteResponseSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { baseId } = request.params;
      const scope = scopes.write(request, baseId);
      const ids = idsToDelete(request.query);
      const table = await tableOf(scope, baseId, request.params.table);
      const deleted = await scope.airtable.deleteRecords(baseId, table.id, ids);
      return { records: deleted.map(({ id }) => ({ id, deleted: true as const })) };
    },
  );
}
