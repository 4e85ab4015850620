import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_TOKEN } from '../../src/index.ts';
import { BASE_ID, COMPANIES_ID, DEALS_ID, REC, testBase } from '../support/test-base.ts';
import {
  errorMessage,
  errorType,
  fieldsOf,
  json,
  recordsOf,
  startEmulator,
} from '../support/test-emulator.ts';
import type { TestEmulator } from '../support/test-emulator.ts';

const deals = `/v0/${BASE_ID}/${DEALS_ID}`;
const companies = `/v0/${BASE_ID}/${COMPANIES_ID}`;

describe('writing records', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterEach(() => emulator.close());

  it('creates up to 10 records and answers them in order', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { records: [{ fields: { Name: 'One' } }, { fields: { Name: 'Two', Amount: 2 } }] },
    });
    expect(answer.status).toBe(200);
    expect(recordsOf(answer).map((record) => fieldsOf(record)['Name'])).toEqual(['One', 'Two']);
    expect(recordsOf(answer)[0]?.['id']).toMatch(/^rec[A-Za-z0-9]{14}$/);
  });

  it('answers a single {fields} create with a single record', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Name: 'Solo' } },
    });
    expect(json(answer)['id']).toMatch(/^rec/);
    expect(fieldsOf(answer.body)['Name']).toBe('Solo');
  });

  it('refuses 11 records with INVALID_RECORDS and creates none', async () => {
    const records = Array.from({ length: 11 }, (_, index) => ({ fields: { Name: `n${index}` } }));
    const answer = await emulator.request(deals, { method: 'POST', body: { records } });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_RECORDS']);
    expect(emulator.app.emulator.bases.get(BASE_ID)?.tables[1]?.records.size).toBe(5);
  });

  it('refuses an unknown field and writes nothing of the request', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { records: [{ fields: { Name: 'Fine' } }, { fields: { Nope: 1 } }] },
    });
    expect([answer.status, errorMessage(answer)]).toEqual([422, 'Unknown field name: "Nope"']);
    expect(emulator.app.emulator.bases.get(BASE_ID)?.tables[1]?.records.size).toBe(5);
  });

  it('refuses a value of the wrong type, naming the field', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Amount: 'lots' } },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_VALUE_FOR_COLUMN']);
    expect(errorMessage(answer)).toMatch(/^Field "Amount" cannot accept the provided value/);
  });

  it('refuses writing a computed field', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Double: 3 } },
    });
    expect([answer.status, errorMessage(answer)]).toEqual([
      422,
      'Field "Double" cannot accept a value because the field is computed',
    ]);
  });

  it('refuses an unknown select option without typecast', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Stage: 'Paused' } },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_MULTIPLE_CHOICE_OPTIONS']);
  });

  it('with typecast adds the option and converts text to numbers, dates and checkboxes', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: {
        typecast: true,
        fields: {
          Stage: 'Paused',
          Amount: '1,250.50',
          'Close Date': 'March 7, 2026',
          Done: 'yes',
          Tags: 'a, d',
        },
      },
    });
    expect(fieldsOf(answer.body)).toMatchObject({
      Stage: 'Paused',
      Amount: 1250.5,
      'Close Date': '2026-03-07',
      Done: true,
      Tags: ['a', 'd'],
    });
    const schema = await emulator.request(`/v0/meta/bases/${BASE_ID}/tables`);
    const tables = json(schema)['tables'] as {
      fields: { name: string; options?: { choices?: { name: string }[] } }[];
    }[];
    const stage = tables[1]?.fields.find((field) => field.name === 'Stage');
    expect(stage?.options?.choices?.map((choice) => choice.name)).toEqual([
      'Open',
      'Won',
      'Lost',
      'Paused',
    ]);
  });

  it('with typecast links by primary field value, creating the linked record when none matches', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { typecast: true, fields: { Name: 'Typed', Company: ['Acme', 'Umbrella'] } },
    });
    const [acme, umbrella] = fieldsOf(answer.body)['Company'] as string[];
    expect(acme).toBe(REC.acme);
    const created = await emulator.request(`${companies}/${umbrella ?? ''}`);
    expect(fieldsOf(created.body)).toMatchObject({ Name: 'Umbrella', Deals: [json(answer)['id']] });
  });

  it('refuses a link to a record that does not exist', async () => {
    const answer = await emulator.request(deals, {
      method: 'POST',
      body: { fields: { Company: ['recZZZZZZZZZZZZZZ'] } },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'ROW_DOES_NOT_EXIST']);
  });

  it('PATCH changes only the fields it names; PUT clears the others', async () => {
    const patched = await emulator.request(deals, {
      method: 'PATCH',
      body: { records: [{ id: REC.deal1, fields: { Amount: 1500 } }] },
    });
    expect(fieldsOf(recordsOf(patched)[0])).toMatchObject({
      Name: 'Rockets',
      Amount: 1500,
      Stage: 'Open',
    });
    const replaced = await emulator.request(`${deals}/${REC.deal1}`, {
      method: 'PUT',
      body: { fields: { Name: 'Rockets v2' } },
    });
    expect(fieldsOf(replaced.body)['Stage']).toBeUndefined();
    expect(fieldsOf(replaced.body)['Company']).toBeUndefined();
    const acme = await emulator.request(`${companies}/${REC.acme}`);
    expect(fieldsOf(acme.body)['Deals']).toEqual([REC.deal2]);
  });

  it('refuses an update of a record that is not in the table', async () => {
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: { records: [{ id: 'recZZZZZZZZZZZZZZ', fields: { Amount: 1 } }] },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'ROW_DOES_NOT_EXIST']);
  });

  it('refuses a batch update without ids', async () => {
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: { records: [{ fields: { Amount: 1 } }] },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_RECORDS']);
  });

  it('deletes up to 10 records by records[] and one by its path', async () => {
    const batch = await emulator.request(`${deals}?records[]=${REC.deal1}&records[]=${REC.deal2}`, {
      method: 'DELETE',
    });
    expect(recordsOf(batch)).toEqual([
      { id: REC.deal1, deleted: true },
      { id: REC.deal2, deleted: true },
    ]);
    const single = await emulator.request(`${deals}/${REC.deal3}`, { method: 'DELETE' });
    expect(single.body).toEqual({ id: REC.deal3, deleted: true });
    const gone = await emulator.request(`${deals}/${REC.deal3}`);
    expect([gone.status, errorType(gone)]).toEqual([404, 'MODEL_ID_NOT_FOUND']);
  });

  it('answers 404 for a missing record and the bare NOT_FOUND for an impossible id', async () => {
    const missing = await emulator.request(`${deals}/recZZZZZZZZZZZZZZ`);
    const malformed = await emulator.request(`${deals}/not-a-record`);
    expect([missing.status, errorType(missing)]).toEqual([404, 'MODEL_ID_NOT_FOUND']);
    expect([malformed.status, malformed.body]).toEqual([404, { error: 'NOT_FOUND' }]);
  });

  it('answers an undefined route with the bare NOT_FOUND', async () => {
    const answer = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}/${REC.deal1}/nothing/here`);
    expect([answer.status, answer.body]).toEqual([404, { error: 'NOT_FOUND' }]);
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await emulator.app.inject({
      method: 'POST',
      url: deals,
      headers: { authorization: `Bearer ${DEMO_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      payload: '{"fields":',
    });
    expect([answer.statusCode, JSON.parse(answer.body)]).toEqual([
      400,
      { error: { type: 'INVALID_REQUEST_BODY', message: 'Could not parse request body' } },
    ]);
  });
});
