/**
 * The official airtable.js client against a listening emulator: what it sends (bracketed
 * query keys, POST listRecords for long URLs, trailing slashes, a JSON content type on
 * DELETE) must be understood, and what it reads from errors must be there.
 */
import Airtable from 'airtable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceApp } from '@pyairtable/kit';
import { buildEmulator, DEMO_ACCESS_TOKEN } from '../../src/index.ts';
import { BASE_ID, REC, testBase } from '../support/test-base.ts';

interface ClientError {
  readonly error: string;
  readonly statusCode: number;
  readonly message: string;
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    return error as ClientError;
  }
  throw new Error('expected the call to fail');
}

describe('the airtable.js client', () => {
  let app: ServiceApp;
  let base: Airtable.Base;
  beforeAll(async () => {
    app = await buildEmulator({ bases: [testBase()], rateLimits: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    base = new Airtable({
      apiKey: DEMO_ACCESS_TOKEN,
      endpointUrl: `http://127.0.0.1:${port}`,
      noRetryIfRateLimited: true,
    }).base(BASE_ID);
  });
  afterAll(() => app.close());

  it('selects with fields, sort, filter and view across pages', async () => {
    const records = await base('Deals')
      .select({
        fields: ['Name', 'Amount'],
        sort: [{ field: 'Amount', direction: 'desc' }],
        filterByFormula: "{Stage} = 'Open'",
        pageSize: 1,
      })
      .all();
    expect(records.map((record) => record.get('Name'))).toEqual(['Shelves', 'Rockets', 'Staplers']);
  });

  it('switches to POST listRecords for a formula longer than a URL may be', async () => {
    const long = `OR(${Array.from({ length: 900 }, (_, index) => `{Name} = 'n${index}'`).join(', ')}, {Amount} > 3000)`;
    const records = await base('Deals').select({ filterByFormula: long }).all();
    expect(records.map((record) => record.id)).toEqual([REC.deal3]);
  });

  it('creates, finds, updates, replaces and destroys', async () => {
    const [created] = await base('Deals').create([{ fields: { Name: 'Client-made', Amount: 5 } }]);
    if (created === undefined) throw new Error('nothing created');
    expect((await base('Deals').find(created.id)).get('Double')).toBe(10);
    const [updated] = await base('Deals').update([{ id: created.id, fields: { Stage: 'Won' } }]);
    expect(updated?.get('Amount')).toBe(5);
    const replaced = await base('Deals').replace(created.id, { Name: 'Replaced' });
    expect(replaced.get('Amount')).toBeUndefined();
    const destroyed = await base('Deals').destroy([created.id]);
    expect(destroyed.map((record) => record.id)).toEqual([created.id]);
  });

  it('reads Airtable errors the way it expects them', async () => {
    const unknownField = await failure(base('Deals').create({ Nope: 1 }));
    expect(unknownField).toMatchObject({ error: 'UNKNOWN_FIELD_NAME', statusCode: 422 });
    const missing = await failure(base('Deals').find('recZZZZZZZZZZZZZZ'));
    expect(missing.statusCode).toBe(404);
    const badFormula = await failure(base('Deals').select({ filterByFormula: 'AND(' }).firstPage());
    expect(badFormula).toMatchObject({ error: 'INVALID_FILTER_BY_FORMULA', statusCode: 422 });
  });
});
