import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/index.ts';
import { DEMO_DEALS_TABLE_ID, DEMO_SALES_BASE_ID } from '../../src/seed/demo/demo-ids.ts';
import { BASE_ID, DEALS_ID, REC, testBase, testId } from '../support/test-base.ts';
import {
  errorMessage,
  errorType,
  fieldsOf,
  json,
  listAll,
  recordsOf,
  startEmulator,
} from '../support/test-emulator.ts';
import type { TestEmulator } from '../support/test-emulator.ts';

describe('listing the demo Deals table', () => {
  let emulator: TestEmulator;
  const deals = `/v0/${DEMO_SALES_BASE_ID}/${DEMO_DEALS_TABLE_ID}`;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('pages 250 records as 100, 100 and 50 with an offset between pages', async () => {
    const pages = await listAll(emulator, deals);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(new Set(pages.flat().map((record) => record['id'])).size).toBe(250);
  });

  it('reaches the table by name too, URL-encoded', async () => {
    const answer = await emulator.request(`/v0/${DEMO_SALES_BASE_ID}/Deals?pageSize=3`);
    expect(recordsOf(answer)).toHaveLength(3);
    expect(json(answer)['offset']).toMatch(/^itr[A-Za-z0-9]{14}\/rec[A-Za-z0-9]{14}$/);
  });

  it('stops at maxRecords across pages', async () => {
    const pages = await listAll(emulator, `${deals}?maxRecords=120&pageSize=50`);
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
  });

  it('refuses a pageSize over 100', async () => {
    const answer = await emulator.request(`${deals}?pageSize=101`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_REQUEST_UNKNOWN']);
  });

  it('answers an unknown cursor with LIST_RECORDS_ITERATOR_NOT_AVAILABLE', async () => {
    const answer = await emulator.request(`${deals}?offset=itrAAAAAAAAAAAAAA/recAAAAAAAAAAAAAA`);
    expect([answer.status, errorType(answer)]).toEqual([
      422,
      'LIST_RECORDS_ITERATOR_NOT_AVAILABLE',
    ]);
  });

  it('refuses an offset it never hands out in that form', async () => {
    const answer = await emulator.request(`${deals}?offset=42`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_OFFSET_VALUE']);
  });

  it('refuses a parameter Airtable does not have', async () => {
    const answer = await emulator.request(`${deals}?colour=red`);
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_REQUEST_UNKNOWN']);
  });
});

describe('list cursors', () => {
  it('expire after ten minutes unused', async () => {
    const clock = createManualClock();
    const emulator = await startEmulator({ bases: [testBase()], clock });
    const first = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}?pageSize=2`);
    const offset = encodeURIComponent(String(json(first)['offset']));
    clock.advance(9 * 60_000);
    const fresh = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}?pageSize=2&offset=${offset}`);
    const next = encodeURIComponent(String(json(fresh)['offset']));
    clock.advance(10 * 60_000 + 1);
    const stale = await emulator.request(`/v0/${BASE_ID}/${DEALS_ID}?pageSize=2&offset=${next}`);
    expect(fresh.status).toBe(200);
    expect([stale.status, errorType(stale)]).toEqual([422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE']);
    await emulator.close();
  });
});

describe('list parameters', () => {
  let emulator: TestEmulator;
  const deals = `/v0/${BASE_ID}/${DEALS_ID}`;
  beforeAll(async () => {
    emulator = await startEmulator({ bases: [testBase()] });
  });
  afterAll(() => emulator.close());

  it('returns only the fields asked for, as fields[]=… or its encoded form', async () => {
    const plain = await emulator.request(`${deals}?fields[]=Name&fields[]=Amount&maxRecords=1`);
    const encoded = await emulator.request(
      `${deals}?fields%5B%5D=Name&fields%5B%5D=Amount&maxRecords=1`,
    );
    expect(fieldsOf(recordsOf(plain)[0])).toEqual({ Name: 'Rockets', Amount: 1000 });
    expect(recordsOf(encoded)).toEqual(recordsOf(plain));
  });

  it('refuses an unknown field in fields[]', async () => {
    const answer = await emulator.request(`${deals}?fields[]=Nope`);
    expect([answer.status, errorType(answer), errorMessage(answer)]).toEqual([
      422,
      'UNKNOWN_FIELD_NAME',
      'Unknown field name: "Nope"',
    ]);
  });

  it('keys fields by id with returnFieldsByFieldId', async () => {
    const answer = await emulator.request(
      `${deals}?fields[]=Name&returnFieldsByFieldId=true&maxRecords=1`,
    );
    expect(fieldsOf(recordsOf(answer)[0])).toEqual({ [testId('fld', 'DlName')]: 'Rockets' });
  });

  it('leaves empty cells out', async () => {
    const answer = await emulator.request(`${deals}/${REC.deal5}`);
    expect(Object.keys(fieldsOf(answer.body))).not.toContain('Amount');
    expect(Object.keys(fieldsOf(answer.body))).not.toContain('Done');
  });

  it('adds commentCount with recordMetadata[]=commentCount', async () => {
    await emulator.request(`${deals}/${REC.deal1}/comments`, {
      method: 'POST',
      body: { text: 'Call them' },
    });
    const answer = await emulator.request(`${deals}?recordMetadata[]=commentCount&maxRecords=2`);
    expect(recordsOf(answer).map((record) => record['commentCount'])).toEqual([1, 0]);
  });

  it('takes the parameters in the body of POST listRecords', async () => {
    const answer = await emulator.request(`${deals}/listRecords`, {
      method: 'POST',
      body: { fields: ['Name'], sort: [{ field: 'Amount', direction: 'desc' }], maxRecords: 2 },
    });
    expect(recordsOf(answer).map((record) => fieldsOf(record)['Name'])).toEqual([
      'Shelves',
      'Rockets',
    ]);
  });

  it('refuses an unknown key in the listRecords body', async () => {
    const answer = await emulator.request(`${deals}/listRecords`, {
      method: 'POST',
      body: { colour: 'red' },
    });
    expect([answer.status, errorType(answer)]).toEqual([422, 'INVALID_REQUEST_UNKNOWN']);
  });

  it('keeps paging the snapshot it started while records are created and deleted', async () => {
    const first = await emulator.request(`${deals}?pageSize=2`);
    const offset = String(json(first)['offset']);
    await emulator.request(deals, { method: 'POST', body: { fields: { Name: 'Newcomer' } } });
    await emulator.request(`${deals}/${REC.deal3}`, { method: 'DELETE' });
    const second = await emulator.request(
      `${deals}?pageSize=2&offset=${encodeURIComponent(offset)}`,
    );
    expect(recordsOf(second).map((record) => record['id'])).toEqual([REC.deal4, REC.deal5]);
    expect(json(second)['offset']).toBeUndefined();
  });
});
