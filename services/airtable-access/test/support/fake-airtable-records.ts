import {
  answer,
  checkFields,
  fakeId,
  isAnswer,
  recordJson,
  refusal,
  type FakeAnswer,
  type FakeRecord,
  type FakeTable,
} from './fake-airtable-data.ts';

/** List parameters, from the query string or a listRecords body. */
export interface FakeListParams {
  readonly pageSize?: number;
  readonly offset?: string;
  readonly maxRecords?: number;
  readonly fields?: readonly string[];
  readonly returnFieldsByFieldId?: boolean;
}

/** Reads list parameters from a query string the way Airtable does. */
export function listParamsFromQuery(query: URLSearchParams): FakeListParams {
  const number = (name: string) => (query.has(name) ? Number(query.get(name)) : undefined);
  const pageSize = number('pageSize');
  const maxRecords = number('maxRecords');
  const offset = query.get('offset');
  return {
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(maxRecords === undefined ? {} : { maxRecords }),
    ...(offset === null ? {} : { offset }),
    fields: query.getAll('fields[]'),
    returnFieldsByFieldId: query.get('returnFieldsByFieldId') === 'true',
  };
}

/** One page; offsets are `itr<position>` cursors. */
export function listRecords(table: FakeTable, params: FakeListParams): FakeAnswer {
  const all = [...table.records.values()].slice(0, params.maxRecords ?? Infinity);
  const pageSize = params.pageSize ?? 100;
  if (pageSize < 1 || pageSize > 100) {
    return refusal(422, 'INVALID_REQUEST_UNKNOWN', 'pageSize must be from 1 to 100');
  }
  let start = 0;
  if (params.offset !== undefined) {
    const match = /^itr(\d+)$/.exec(params.offset);
    if (match === null) {
      return refusal(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'The iterator is not available');
    }
    start = Number(match[1]);
  }
  const page = all.slice(start, start + pageSize).map((record) => {
    const json = recordJson(table, record, params.returnFieldsByFieldId);
    const wanted = params.fields ?? [];
    if (wanted.length === 0) return json;
    const fields = Object.fromEntries(
      Object.entries(json.fields).filter(([name]) => wanted.includes(name)),
    );
    return { ...json, fields };
  });
  const next = start + pageSize < all.length ? { offset: `itr${start + pageSize}` } : {};
  return answer(200, { records: page, ...next });
}

export function getRecord(table: FakeTable, recordId: string): FakeAnswer {
  const record = table.records.get(recordId);
  // Airtable answers some 404s with just a string error.
  return record === undefined
    ? answer(404, { error: 'NOT_FOUND' })
    : answer(200, recordJson(table, record));
}

interface WriteBody {
  readonly records?: readonly { id?: string; fields?: Record<string, unknown> }[];
  readonly fields?: Record<string, unknown>;
  readonly typecast?: boolean;
  readonly performUpsert?: { fieldsToMergeOn: string[] };
}

function tooMany(count: number): FakeAnswer | undefined {
  return count > 10
    ? refusal(422, 'INVALID_RECORDS', `You can write at most 10 records at a time, got ${count}`)
    : undefined;
}

/** Creates records: all of them, or none when one is refused. */
export function createRecords(table: FakeTable, body: WriteBody, now: number): FakeAnswer {
  const inputs = body.records ?? [{ fields: body.fields ?? {} }];
  const refused = tooMany(inputs.length);
  if (refused) return refused;
  const checked: Record<string, unknown>[] = [];
  for (const input of inputs) {
    const fields = checkFields(table, input.fields ?? {}, body.typecast === true);
    if (isAnswer(fields)) return fields;
    checked.push(fields);
  }
  const created = checked.map((fields) => {
    const record: FakeRecord = {
      id: fakeId('rec'),
      createdTime: new Date(now).toISOString(),
      fields,
    };
    table.records.set(record.id, record);
    return recordJson(table, record);
  });
  return answer(200, body.records === undefined ? created[0] : { records: created });
}

/** PATCH/PUT, with performUpsert when asked. */
export function updateRecords(
  table: FakeTable,
  body: WriteBody,
  replace: boolean,
  now: number,
): FakeAnswer {
  const inputs = body.records ?? [];
  const refused = tooMany(inputs.length);
  if (refused) return refused;
  const mergeOn = body.performUpsert?.fieldsToMergeOn;
  const plan: { record: FakeRecord | undefined; fields: Record<string, unknown> }[] = [];
  for (const input of inputs) {
    const fields = checkFields(table, input.fields ?? {}, body.typecast === true);
    if (isAnswer(fields)) return fields;
    let record = input.id === undefined ? undefined : table.records.get(input.id);
    if (mergeOn === undefined && record === undefined) {
      return refusal(
        422,
        'ROW_DOES_NOT_EXIST',
        `Record ID ${input.id ?? '?'} does not exist in this table`,
      );
    }
    if (mergeOn !== undefined) {
      const matches = [...table.records.values()].filter((candidate) =>
        mergeOn.every((name) => candidate.fields[name] === fields[name]),
      );
      if (matches.length > 1) {
        return refusal(
          422,
          'INVALID_REQUEST_UNKNOWN',
          'More than one record matches the merge fields',
        );
      }
      record = matches[0];
    }
    plan.push({ record, fields });
  }
  const createdRecords: string[] = [];
  const updatedRecords: string[] = [];
  const records = plan.map(({ record, fields }) => {
    if (record === undefined) {
      const created: FakeRecord = {
        id: fakeId('rec'),
        createdTime: new Date(now).toISOString(),
        fields,
      };
      table.records.set(created.id, created);
      createdRecords.push(created.id);
      return recordJson(table, created);
    }
    record.fields = replace ? fields : { ...record.fields, ...fields };
    updatedRecords.push(record.id);
    return recordJson(table, record);
  });
  return answer(
    200,
    mergeOn === undefined ? { records } : { records, createdRecords, updatedRecords },
  );
}

export function deleteRecords(table: FakeTable, ids: readonly string[]): FakeAnswer {
  const refused = tooMany(ids.length);
  if (refused) return refused;
  const missing = ids.find((id) => !table.records.has(id));
  if (missing !== undefined) return refusal(404, 'NOT_FOUND', `Could not find record ${missing}`);
  for (const id of ids) table.records.delete(id);
  return answer(200, { records: ids.map((id) => ({ id, deleted: true })) });
}

export function listComments(table: FakeTable, recordId: string): FakeAnswer {
  if (!table.records.has(recordId)) return answer(404, { error: 'NOT_FOUND' });
  const comments = [...(table.comments.get(recordId) ?? [])].reverse();
  return answer(200, {
    comments: comments.map((comment) => ({ ...comment, author: { id: 'usrFake00000000001' } })),
    offset: null,
  });
}

export function createComment(
  table: FakeTable,
  recordId: string,
  text: unknown,
  now: number,
): FakeAnswer {
  if (!table.records.has(recordId)) return answer(404, { error: 'NOT_FOUND' });
  if (typeof text !== 'string') return refusal(422, 'INVALID_REQUEST_UNKNOWN', 'text is required');
  const comment = { id: fakeId('com'), text, createdTime: new Date(now).toISOString() };
  const list = table.comments.get(recordId) ?? [];
  list.push(comment);
  table.comments.set(recordId, list);
  return answer(200, { ...comment, author: { id: 'usrFake00000000001' } });
}
