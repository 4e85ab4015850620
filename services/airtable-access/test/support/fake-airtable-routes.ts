import { refusal, type FakeAnswer, type FakeTable } from './fake-airtable-data.ts';
import {
  createComment,
  createRecords,
  deleteRecords,
  getRecord,
  listComments,
  listParamsFromQuery,
  listRecords,
  updateRecords,
} from './fake-airtable-records.ts';
import type { FakeRequest } from './fake-airtable.ts';

/** Dispatches a request below `/v0/{base}/{table}` to the record endpoints. */
export function routeRecords(
  table: FakeTable,
  request: FakeRequest,
  parts: readonly string[],
  now: number,
): FakeAnswer {
  const { method, query } = request;
  const body = (request.body ?? {}) as Record<string, unknown>;
  const [, , recordId, sub] = parts;
  if (sub === 'comments' && recordId !== undefined) {
    return method === 'POST'
      ? createComment(table, recordId, body['text'], now)
      : listComments(table, recordId);
  }
  if (recordId === 'listRecords' && method === 'POST') {
    return listRecords(table, body);
  }
  if (recordId !== undefined && recordId !== '') {
    return method === 'GET' ? getRecord(table, recordId) : refusal(404, 'NOT_FOUND', 'no route');
  }
  switch (method) {
    case 'GET':
      return listRecords(table, listParamsFromQuery(query));
    case 'POST':
      return createRecords(table, body, now);
    case 'PATCH':
      return updateRecords(table, body, false, now);
    case 'PUT':
      return updateRecords(table, body, true, now);
    case 'DELETE':
      return deleteRecords(table, query.getAll('records[]'));
    default:
      return refusal(404, 'NOT_FOUND', 'no route');
  }
}
