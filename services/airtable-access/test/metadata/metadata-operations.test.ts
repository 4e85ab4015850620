import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_A, BASE_B, startHarness, type Harness } from '../support/access-harness.ts';

describe('metadata', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  const schemaReads = () => harness.fake.count({ route: 'schema' });
  const fieldNames = async (baseId: string, table: string) =>
    (await harness.access.getBaseSchema(baseId)).tables
      .find((entry) => entry.name === table)
      ?.fields.map((field) => field.name);

  it('caches a base’s schema until a schema change made here', async () => {
    await Promise.all([harness.access.getBaseSchema(BASE_A), harness.access.getBaseSchema(BASE_A)]);
    await harness.access.getBaseSchema(BASE_B);
    expect(schemaReads()).toBe(2);

    const field = await harness.access.createField(BASE_A, 'Contacts', {
      name: 'Phone',
      type: 'phoneNumber',
    });

    expect(field).toMatchObject({ name: 'Phone', type: 'phoneNumber' });
    expect(await fieldNames(BASE_A, 'Contacts')).toEqual(['Name', 'Email', 'Phone']);
    await harness.access.getBaseSchema(BASE_B);
    expect(schemaReads()).toBe(3);
  });

  it('creates and renames tables', async () => {
    const table = await harness.access.createTable(BASE_A, {
      name: 'Tasks',
      fields: [{ name: 'Title', type: 'singleLineText' }],
    });
    const renamed = await harness.access.updateTable(BASE_A, table.id, { name: 'Todo' });

    expect(renamed).toMatchObject({ id: table.id, name: 'Todo' });
    expect((await harness.access.getBaseSchema(BASE_A)).tables.map((entry) => entry.name)).toEqual([
      'Deals',
      'Contacts',
      'Todo',
    ]);
  });

  it('forgets cached records of a table whose field is renamed', async () => {
    harness.fake.seed(BASE_A, 'Contacts', [{ Name: 'Ada', Email: 'ada@example.com' }]);
    const before = await harness.access.listRecords(BASE_A, 'Contacts');
    const emailField = harness.tables.get(BASE_A)?.contacts.fields[1]?.id ?? '';

    await harness.access.updateField(BASE_A, 'Contacts', emailField, { name: 'E-mail' });
    const after = await harness.access.listRecords(BASE_A, 'Contacts');

    expect(before.records[0]?.fields).toEqual({ Name: 'Ada', Email: 'ada@example.com' });
    expect(after.records[0]?.fields).toEqual({ Name: 'Ada', 'E-mail': 'ada@example.com' });
  });

  it('forgets the cached schema after a write with typecast, which can add select options', async () => {
    const choices = async () =>
      (await harness.access.getBaseSchema(BASE_A)).tables[0]?.fields[1]?.options?.['choices'];
    expect(await choices()).toHaveLength(2);

    await harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Stage: 'Negotiation' } }], {
      typecast: true,
    });

    expect(await choices()).toHaveLength(3);
  });

  it('lists bases and tells who the token belongs to, every time', async () => {
    const bases = await harness.access.listBases();
    await harness.access.whoami();
    const me = await harness.access.whoami();

    expect(bases.bases.map((base) => base.id)).toEqual([BASE_A, BASE_B]);
    expect(me).toEqual({ id: 'usrFake00000000001' });
    expect(harness.fake.count({ route: 'whoami' })).toBe(2);
  });

  it('comments on records', async () => {
    const [record] = harness.fake.seed(BASE_A, 'Deals', [{ Name: 'Acme' }]);
    const id = record?.id ?? '';

    await harness.access.createComment(BASE_A, 'Deals', id, 'First call went well');
    await harness.access.createComment(BASE_A, 'Deals', id, 'Sent the "quote"');
    const page = await harness.access.listComments(BASE_A, 'Deals', id);

    expect(page.comments.map((comment) => comment.text)).toEqual([
      'Sent the "quote"',
      'First call went well',
    ]);
  });
});
