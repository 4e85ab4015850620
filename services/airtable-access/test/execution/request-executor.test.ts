import { findFreePort } from '@pyairtable/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAirtableAccess } from '../../src/create-airtable-access.ts';
import { BASE_A, metricValue, startHarness, type Harness } from '../support/access-harness.ts';
import type { FakeRequest } from '../support/fake-airtable.ts';

describe('retry policy', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  // Scripted answers go to record requests only, not the schema read that resolves names.
  const onList = { when: (request: FakeRequest) => request.route === 'list' };
  const list = () => harness.access.listRecords(BASE_A, 'Contacts');
  const create = () =>
    harness.access.createRecords(BASE_A, 'Contacts', [{ fields: { Name: 'x' } }]);
  const retries = (reason: string) =>
    metricValue(harness.registry, 'airtable_retries_total', { reason });

  it('retries 502 and 503 with backoff until Airtable answers', async () => {
    harness.fake.script({ status: 502 }, onList);
    harness.fake.script({ status: 503 }, onList);

    await expect(list()).resolves.toEqual({ records: [] });

    expect(harness.fake.count({ route: 'list' })).toBe(3);
    expect(await retries('502')).toBe(1);
    expect(await retries('503')).toBe(1);
  });

  it('gives up after four attempts with a typed error', async () => {
    harness.fake.script(
      { status: 503, type: 'SERVICE_UNAVAILABLE', message: 'down' },
      { ...onList, times: 10 },
    );

    const error = await list().catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_UNAVAILABLE',
      extensions: { airtable: { type: 'SERVICE_UNAVAILABLE', message: 'down', status: 503 } },
    });
    expect(harness.fake.count({ route: 'list' })).toBe(4);
  });

  it('gives up on a base that keeps answering 429, saying when to come back', async () => {
    const access = harness.replica({ limits: { penaltyMs: 1_000 } });
    harness.fake.script({ status: 429, type: 'RATE_LIMIT_REACHED' }, { ...onList, times: 10 });

    const error = await access.listRecords(BASE_A, 'Contacts').catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_RATE_LIMITED',
      status: 503,
      headers: { 'retry-after': '1' },
      extensions: { airtable: { type: 'RATE_LIMIT_REACHED', status: 429 } },
    });
    expect(harness.fake.count({ route: 'list' })).toBe(4);
    expect(
      await metricValue(harness.registry, 'airtable_rate_limited_total', { base: BASE_A }),
    ).toBe(4);
  });

  it.each<[number, string, string]>([
    [400, 'BAD_REQUEST', 'AIRTABLE_INVALID_REQUEST'],
    [401, 'AUTHENTICATION_REQUIRED', 'AIRTABLE_AUTHENTICATION_FAILED'],
    [403, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', 'AIRTABLE_PERMISSION_DENIED'],
    [404, 'NOT_FOUND', 'AIRTABLE_NOT_FOUND'],
    [413, 'REQUEST_TOO_LARGE', 'AIRTABLE_REQUEST_TOO_LARGE'],
    [422, 'INVALID_FILTER_BY_FORMULA', 'AIRTABLE_INVALID_REQUEST'],
    [500, 'SERVER_ERROR', 'AIRTABLE_UNAVAILABLE'],
  ])('never retries %i (%s), answering %s', async (status, type, code) => {
    harness.fake.script({ status, type, message: `scripted ${type}` }, onList);

    const error = await list().catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code,
      extensions: { airtable: { type, message: `scripted ${type}`, status } },
    });
    expect(harness.fake.count({ route: 'list' })).toBe(1);
    expect(await metricValue(harness.registry, 'airtable_retries_total')).toBe(0);
  });

  it('maps errors the same when airtable.js carries the call', async () => {
    const onCreate = { when: (request: FakeRequest) => request.route === 'create' };
    harness.fake.script({ status: 403, type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND' }, onCreate);
    harness.fake.script(
      { status: 422, type: 'INVALID_VALUE_FOR_COLUMN', message: 'bad value' },
      onCreate,
    );

    const forbidden = await create().catch((caught: unknown) => caught);
    const invalid = await create().catch((caught: unknown) => caught);

    expect(forbidden).toMatchObject({
      code: 'AIRTABLE_PERMISSION_DENIED',
      status: 403,
      extensions: { airtable: { type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND', status: 403 } },
    });
    expect(invalid).toMatchObject({
      code: 'AIRTABLE_INVALID_REQUEST',
      status: 422,
      extensions: { airtable: { type: 'INVALID_VALUE_FOR_COLUMN', message: 'bad value' } },
    });
    expect(harness.fake.count({ route: 'create' })).toBe(2);
  });

  it('reports a refused token as our misconfiguration, not the caller’s', async () => {
    const access = harness.replica({ token: 'patWrong.token' });

    const error = await access.listRecords(BASE_A, 'Deals').catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_AUTHENTICATION_FAILED',
      status: 502,
      extensions: { airtable: { type: 'AUTHENTICATION_REQUIRED', status: 401 } },
    });
  });

  it('retries a read whose connection was reset', async () => {
    harness.fake.script('reset', onList);

    await expect(list()).resolves.toEqual({ records: [] });

    expect(harness.fake.count({ route: 'list' })).toBe(2);
    expect(await retries('network')).toBe(1);
  });

  it('does not resend a create whose connection was reset: it may have been written', async () => {
    harness.fake.script('reset', { when: (request) => request.route === 'create' });

    const error = await create().catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_UNAVAILABLE',
      extensions: { airtable: { type: 'NETWORK_ERROR' } },
    });
    expect(harness.fake.count({ route: 'create' })).toBe(1);
  });

  it('resends a create that never left: the connection was refused', async () => {
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    const access = createAirtableAccess({
      endpointUrl: closed,
      token: 'patFake.token',
      store: harness.store,
      registry: harness.registry,
      clock: harness.clock,
      random: () => 0,
    });

    const error = await access
      .createRecords(BASE_A, 'tblAAAAAAAAAAAAAA', [{ fields: { Name: 'x' } }])
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_UNAVAILABLE',
      detail: expect.stringContaining('ECONNREFUSED') as unknown,
    });
    expect(await retries('network')).toBe(3);
  });

  it('fails fast once Airtable has failed repeatedly', async () => {
    harness.fake.script({ status: 503 }, { ...onList, times: 5 });
    await list().catch(() => undefined);
    await harness.access.listRecords(BASE_A, 'Deals').catch(() => undefined);
    const sent = harness.fake.requests.length;

    const error = await harness.access
      .listRecords(BASE_A, 'Deals', { pageSize: 3 })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: 'AIRTABLE_UNAVAILABLE',
      extensions: { airtable: { type: 'CIRCUIT_OPEN' } },
    });
    expect(harness.fake.requests).toHaveLength(sent);
  });
});
