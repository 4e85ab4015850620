import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USER } from '../../src/index.ts';
import { BASE_ID, COMPANIES_ID, DEALS_ID, testBase, testId } from '../support/test-base.ts';
import { errorType, fieldsOf, json, startEmulator } from '../support/test-emulator.ts';
import type { Json, TestEmulator } from '../support/test-emulator.ts';

const tablesUrl = `/v0/meta/bases/${BASE_ID}/tables`;

function tablesOf(body: unknown): Json[] {
  return (body as { tables: Json[] }).tables;
}

function fieldNamed(table: Json | undefined, name: string): Json | undefined {
  return (table?.['fields'] as Json[] | undefined)?.find((field) => field['name'] === name);
}

describe('the metadata API', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterEach(() => emulator.close());

  it('lists the bases the token may use', async () => {
    const answer = await emulator.request('/v0/meta/bases');
    expect(answer.body).toEqual({
      bases: [{ id: BASE_ID, name: 'Test base', permissionLevel: 'create' }],
    });
  });

  it('describes tables with primary field, fields with options, and views', async () => {
    const [companies, deals] = tablesOf((await emulator.request(tablesUrl)).body);
    expect(companies).toMatchObject({
      id: COMPANIES_ID,
      name: 'Companies',
      primaryFieldId: testId('fld', 'CoName'),
    });
    expect(fieldNamed(companies, 'Deals')).toEqual({
      id: testId('fld', 'CoDeals'),
      name: 'Deals',
      type: 'multipleRecordLinks',
      options: { linkedTableId: DEALS_ID, inverseLinkFieldId: testId('fld', 'DlCompany') },
    });
    expect(fieldNamed(deals, 'Double')?.['options']).toEqual({
      formula: `{${testId('fld', 'DlAmount')}} * 2`,
      isValid: true,
      referencedFieldIds: [testId('fld', 'DlAmount')],
    });
    expect(fieldNamed(deals, 'Name')).not.toHaveProperty('options');
    expect(deals?.['views']).toEqual([
      { id: testId('viw', 'OpenDeals'), name: 'Open deals', type: 'grid' },
      { id: testId('viw', 'ByName'), name: 'By name', type: 'grid' },
    ]);
  });

  it('creates a table whose first field is primary, with a grid view', async () => {
    const answer = await emulator.request(tablesUrl, {
      method: 'POST',
      body: {
        name: 'Contacts',
        description: 'People we talk to',
        fields: [
          { name: 'Full name', type: 'singleLineText' },
          {
            name: 'Employer',
            type: 'multipleRecordLinks',
            options: { linkedTableId: COMPANIES_ID },
          },
          {
            name: 'Level',
            type: 'singleSelect',
            options: { choices: [{ name: 'Junior' }, { name: 'Senior' }] },
          },
        ],
      },
    });
    const table = json(answer);
    expect(table).toMatchObject({ name: 'Contacts', description: 'People we talk to' });
    expect(table['primaryFieldId']).toBe(fieldNamed(table, 'Full name')?.['id']);
    expect(table['views']).toEqual([expect.objectContaining({ name: 'Grid view', type: 'grid' })]);
    const [companies] = tablesOf((await emulator.request(tablesUrl)).body);
    const inverse = fieldNamed(companies, 'Contacts');
    expect(inverse).toMatchObject({
      type: 'multipleRecordLinks',
      options: {
        linkedTableId: table['id'],
        inverseLinkFieldId: fieldNamed(table, 'Employer')?.['id'],
      },
    });
  });

  it('refuses a table name already taken and a field type it cannot create', async () => {
    const taken = await emulator.request(tablesUrl, {
      method: 'POST',
      body: { name: 'deals', fields: [{ name: 'Name', type: 'singleLineText' }] },
    });
    const formula = await emulator.request(`${tablesUrl}/${DEALS_ID}/fields`, {
      method: 'POST',
      body: { name: 'Triple', type: 'formula', options: { formula: '{Amount} * 3' } },
    });
    expect([taken.status, errorType(taken)]).toEqual([422, 'DUPLICATE_TABLE_NAME']);
    expect([formula.status, errorType(formula)]).toEqual([422, 'UNSUPPORTED_FIELD_TYPE']);
  });

  it('adds a field that records can then hold', async () => {
    const field = await emulator.request(`${tablesUrl}/${DEALS_ID}/fields`, {
      method: 'POST',
      body: { name: 'Probability', type: 'percent', options: { precision: 1 } },
    });
    expect(json(field)).toMatchObject({
      name: 'Probability',
      type: 'percent',
      options: { precision: 1 },
    });
    const record = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}`, {
      method: 'POST',
      body: { fields: { Name: 'Likely', Probability: 0.8 } },
    });
    expect(fieldsOf(record.body)['Probability']).toBe(0.8);
  });

  it('renames tables and fields; formulas keep working and records use the new names', async () => {
    await emulator.request(`${tablesUrl}/${DEALS_ID}`, {
      method: 'PATCH',
      body: { name: 'Opportunities' },
    });
    const renamed = await emulator.request(
      `${tablesUrl}/Opportunities/fields/${testId('fld', 'DlAmount')}`,
      {
        method: 'PATCH',
        body: { name: 'Value', description: 'In dollars' },
      },
    );
    expect(json(renamed)).toMatchObject({ name: 'Value', description: 'In dollars' });
    const record = await emulator.request(`/v0/${BASE_ID}/Opportunities`, {
      method: 'POST',
      body: { fields: { Name: 'Renamed', Value: 10 } },
    });
    expect(fieldsOf(record.body)).toMatchObject({ Value: 10, Double: 20 });
    const view = await emulator.request(
      `/v0/${BASE_ID}/Opportunities?view=${encodeURIComponent('Open deals')}`,
    );
    expect(view.status).toBe(200);
  });

  it('answers whoami with the user id, and the email only with user.email:read', async () => {
    const full = await emulator.request('/v0/meta/whoami');
    expect(full.body).toEqual({ id: DEMO_USER.id, email: DEMO_USER.email });

    const limited = await startEmulator({
      bases: [testBase()],
      tokens: [
        {
          token: 'patLimitedToken01.secret',
          user: { id: 'usrLimited0000001', email: 'limited@example.com', name: 'Limited' },
          scopes: ['data.records:read'],
          bases: [BASE_ID],
        },
      ],
    });
    const answer = await limited.request('/v0/meta/whoami', { token: 'patLimitedToken01.secret' });
    expect(answer.body).toEqual({ id: 'usrLimited0000001' });
    await limited.close();
  });
});
