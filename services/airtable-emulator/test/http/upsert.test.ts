import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_ID, DEALS_ID, REC, testBase } from '../support/test-base.ts';
import { errorType, fieldsOf, json, recordsOf, startEmulator } from '../support/test-emulator.ts';
import type { TestEmulator } from '../support/test-emulator.ts';

const deals = `/v0/${BASE_ID}/${DEALS_ID}`;
const mergeOnName = { fieldsToMergeOn: ['Name'] };

describe('upserts', () => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterEach(() => emulator.close());

  it('updates the one match, creates when nothing matches, and says which is which', async () => {
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: {
        performUpsert: mergeOnName,
        records: [
          { fields: { Name: 'Anvils', Amount: 300 } },
          { fields: { Name: 'Gears', Amount: 5 } },
        ],
      },
    });
    const [updated, created] = recordsOf(answer);
    expect(updated?.['id']).toBe(REC.deal2);
    expect(fieldsOf(updated)).toMatchObject({ Amount: 300, Stage: 'Won' });
    expect(json(answer)['updatedRecords']).toEqual([REC.deal2]);
    expect(json(answer)['createdRecords']).toEqual([created?.['id']]);
  });

  it('with PUT replaces the matched record', async () => {
    const answer = await emulator.request(deals, {
      method: 'PUT',
      body: { performUpsert: mergeOnName, records: [{ fields: { Name: 'Anvils', Amount: 1 } }] },
    });
    expect(fieldsOf(recordsOf(answer)[0])['Stage']).toBeUndefined();
  });

  it('treats a record with an id as a plain update', async () => {
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: {
        performUpsert: mergeOnName,
        records: [{ id: REC.deal4, fields: { Name: 'Anvils' } }],
      },
    });
    expect(json(answer)['updatedRecords']).toEqual([REC.deal4]);
  });

  it('fails when several records match, and writes nothing', async () => {
    await emulator.request(deals, { method: 'POST', body: { fields: { Name: 'Anvils' } } });
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: { performUpsert: mergeOnName, records: [{ fields: { Name: 'Anvils', Amount: 9 } }] },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_RECORDS']);
    const anvils = await emulator.request(`${deals}/${REC.deal2}`);
    expect(fieldsOf(anvils.body)['Amount']).toBe(250.5);
  });

  it('refuses merge fields the table does not have', async () => {
    const answer = await emulator.request(deals, {
      method: 'PATCH',
      body: { performUpsert: { fieldsToMergeOn: ['Nope'] }, records: [{ fields: { Name: 'x' } }] },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'UNKNOWN_FIELD_NAME']);
  });
});
