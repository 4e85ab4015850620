import { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { describe, expect, it } from 'vitest';
import { problemOf, useRestApp } from './rest-harness.ts';

interface ApiRecord {
  id: string;
  fields: Record<string, unknown>;
}

interface Written {
  records: ApiRecord[];
  createdRecords?: string[];
  updatedRecords?: string[];
}

const CONTACTS = `/bases/${DEMO_SALES_BASE_ID}/tables/Contacts/records`;

const contacts = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({
    fields: { Name: `${prefix} ${index}`, Title: 'Buyer' },
  }));

describe('REST record writes', () => {
  const suite = useRestApp();

  it('creates 25 records, then patches, replaces, upserts and deletes them', async () => {
    const created = await suite.call({
      method: 'POST',
      path: CONTACTS,
      body: { records: contacts(25, 'REST contact') },
    });
    expect(created.statusCode).toBe(200);
    const records = created.json<Written>().records;
    expect(records).toHaveLength(25);
    expect(records.map((record) => record.fields['Name'])).toEqual(
      contacts(25, 'REST contact').map((record) => record.fields.Name),
    );
    const [first, second] = records;
    if (first === undefined || second === undefined) throw new Error('nothing created');

    const patched = await suite.call({
      method: 'PATCH',
      path: CONTACTS,
      body: { records: [{ id: first.id, fields: { Title: 'CFO' } }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Written>().records[0]?.fields).toMatchObject({
      Name: 'REST contact 0',
      Title: 'CFO',
    });

    const replaced = await suite.call({
      method: 'PUT',
      path: CONTACTS,
      body: { records: [{ id: first.id, fields: { Name: 'Replaced' } }] },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json<Written>().records[0]?.fields).toEqual({ Name: 'Replaced' });

    const upserted = await suite.call({
      method: 'PATCH',
      path: CONTACTS,
      body: {
        performUpsert: { fieldsToMergeOn: ['Name'] },
        records: [
          { fields: { Name: 'REST contact 1', Title: 'CEO' } },
          { fields: { Name: 'REST newcomer', Title: 'CTO' } },
        ],
      },
    });
    expect(upserted.statusCode).toBe(200);
    const upsert = upserted.json<Written>();
    expect(upsert.updatedRecords).toEqual([second.id]);
    expect(upsert.createdRecords).toHaveLength(1);

    const ids = [...records.map((record) => record.id), ...(upsert.createdRecords ?? [])];
    const query = ids.map((id, index) => `${index % 2 === 0 ? 'records' : 'records[]'}=${id}`);
    const deleted = await suite.call({ method: 'DELETE', path: `${CONTACTS}?${query.join('&')}` });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<{ records: { id: string; deleted: boolean }[] }>().records).toHaveLength(
      26,
    );

    const gone = await suite.call({ method: 'GET', path: `${CONTACTS}/${first.id}` });
    expect(gone.statusCode).toBe(404);
  });

  it('refuses every write of a viewer with 403 MCP_READ_ONLY_ROLE', async () => {
    const writes = [
      { method: 'POST', body: { records: contacts(1, 'Viewer') } },
      { method: 'PATCH', body: { records: [{ id: 'recAAAAAAAAAAAAAA', fields: {} }] } },
      { method: 'PUT', body: { records: [{ id: 'recAAAAAAAAAAAAAA', fields: {} }] } },
      { method: 'DELETE', query: '?records=recAAAAAAAAAAAAAA' },
    ] as const;
    for (const write of writes) {
      const response = await suite.call({
        method: write.method,
        path: `${CONTACTS}${'query' in write ? write.query : ''}`,
        ...('body' in write ? { body: write.body } : {}),
        role: 'viewer',
      });
      expect(response.statusCode, write.method).toBe(403);
      expect(problemOf(response).code).toBe('MCP_READ_ONLY_ROLE');
    }
    const read = await suite.call({
      method: 'GET',
      path: `${CONTACTS}?pageSize=1`,
      role: 'viewer',
    });
    expect(read.statusCode).toBe(200);
  });

  it('refuses a write to a base outside the workspace, naming the allowed ones', async () => {
    const response = await suite.call({
      method: 'POST',
      path: `/bases/${DEMO_PROJECTS_BASE_ID}/tables/Tasks/records`,
      body: { records: contacts(1, 'Elsewhere') },
    });
    expect(response.statusCode).toBe(403);
    expect(problemOf(response).detail).toContain(`Allowed bases: ${DEMO_SALES_BASE_ID}`);
  });

  it('answers 400 naming the field for a missing, oversized or mistyped body', async () => {
    const cases = [
      { body: {}, field: 'records', message: 'is required' },
      { body: { records: contacts(1_001, 'Many') }, field: 'records', message: '1000' },
      { body: { records: [{ fields: 'Name' }] }, field: 'records.0.fields', message: 'object' },
      {
        body: { records: contacts(1, 'X'), typecast: 'yes' },
        field: 'typecast',
        message: 'boolean',
      },
      { body: { records: [{ fields: {}, id: 'x' }] }, field: 'records.0.id', message: 'allowed' },
    ];
    for (const { body, field, message } of cases) {
      const response = await suite.call({ method: 'POST', path: CONTACTS, body });
      expect(response.statusCode, field).toBe(400);
      const problem = problemOf(response);
      expect(problem.code).toBe('KIT_VALIDATION_FAILED');
      const error = problem.errors?.find((candidate) => candidate.field === field);
      expect(error?.in, field).toBe('body');
      expect(error?.message, field).toContain(message);
    }
  });

  it('answers 400 for an update without ids, an upsert with ids, and a delete without ids', async () => {
    const noId = await suite.call({
      method: 'PATCH',
      path: CONTACTS,
      body: { records: [{ fields: { Title: 'CFO' } }] },
    });
    expect(noId.statusCode).toBe(400);
    expect(problemOf(noId).errors?.[0]).toMatchObject({ field: 'records.0.id' });

    const upsertWithId = await suite.call({
      method: 'PUT',
      path: CONTACTS,
      body: {
        performUpsert: { fieldsToMergeOn: ['Name'] },
        records: [{ id: 'recAAAAAAAAAAAAAA', fields: { Name: 'A' } }],
      },
    });
    expect(upsertWithId.statusCode).toBe(400);
    expect(problemOf(upsertWithId).errors?.[0]?.message).toContain('performUpsert');

    const tooManyMergeFields = await suite.call({
      method: 'PATCH',
      path: CONTACTS,
      body: {
        performUpsert: { fieldsToMergeOn: ['Name', 'Email', 'Title', 'Phone'] },
        records: [{ fields: { Name: 'A' } }],
      },
    });
    expect(tooManyMergeFields.statusCode).toBe(400);
    expect(problemOf(tooManyMergeFields).detail).toContain('performUpsert.fieldsToMergeOn');

    const noIds = await suite.call({ method: 'DELETE', path: CONTACTS });
    expect(noIds.statusCode).toBe(400);
    expect(problemOf(noIds).errors?.[0]).toMatchObject({ in: 'querystring', field: 'records' });

    const badId = await suite.call({ method: 'DELETE', path: `${CONTACTS}?records=Alice` });
    expect(badId.statusCode).toBe(400);
    expect(problemOf(badId).detail).toContain('querystring.records.0');
  });

  it('answers 422 naming the valid fields for an unknown field, writing nothing', async () => {
    const response = await suite.call({
      method: 'POST',
      path: CONTACTS,
      body: { records: [{ fields: { Name: 'Typo', Emial: 'a@example.com' } }] },
    });
    expect(response.statusCode).toBe(422);
    const problem = problemOf(response);
    expect(problem.code).toBe('MCP_UNKNOWN_NAME');
    expect(problem.detail).toContain('"Email"');
  });

  it("passes Airtable's 422 for a wrong cell value through as problem+json", async () => {
    const response = await suite.call({
      method: 'POST',
      path: CONTACTS,
      body: { records: [{ fields: { Name: 'Wrong', VIP: 'definitely' } }] },
    });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response).code).toBe('AIRTABLE_INVALID_REQUEST');
  });

  it("answers Airtable's status for updating (422) or deleting (404) a missing record", async () => {
    const update = await suite.call({
      method: 'PATCH',
      path: CONTACTS,
      body: { records: [{ id: 'recAAAAAAAAAAAAAA', fields: { Title: 'CFO' } }] },
    });
    // Airtable answers a batch update naming a missing record with 422 ROW_DOES_NOT_EXIST.
    expect(update.statusCode).toBe(422);
    expect(problemOf(update).detail).toContain('recAAAAAAAAAAAAAA');
    const remove = await suite.call({
      method: 'DELETE',
      path: `${CONTACTS}?records=recAAAAAAAAAAAAAA`,
    });
    expect(remove.statusCode).toBe(404);
    expect(problemOf(remove).code).toBe('AIRTABLE_NOT_FOUND');
  });
});
