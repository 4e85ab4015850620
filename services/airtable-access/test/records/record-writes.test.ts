import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewRecord } from '../../src/airtable-types.ts';
import { BASE_A, metricValue, startHarness, type Harness } from '../support/access-harness.ts';
import { advanceInSteps, createManualClock, driveUntilSettled } from '../support/fake-clock.ts';
import type { FakeRequest } from '../support/fake-airtable.ts';

const named = (...names: string[]): NewRecord[] => names.map((Name) => ({ fields: { Name } }));
// Writes to a table named by name also read the base schema once, to learn the table's id.
const recordRequests = (harness: Harness) =>
  harness.fake.requests.filter((request) => request.route !== 'schema');
const sentRecords = (request: FakeRequest | undefined) =>
  ((request?.body as { records?: unknown[] } | undefined)?.records ?? []).length;

describe('record writes', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('coalesces concurrent creates into requests of 10, each caller getting its own records', async () => {
    const callers = Array.from({ length: 12 }, (_, caller) =>
      named(...Array.from({ length: (caller % 3) + 1 }, (_, index) => `c${caller}-r${index}`)),
    );

    const results = await Promise.all(
      callers.map((records) => harness.access.createRecords(BASE_A, 'Deals', records)),
    );

    results.forEach((created, caller) => {
      expect(created.map((record) => record.fields['Name'])).toEqual(
        callers[caller]?.map((record) => record.fields['Name']),
      );
    });
    const creates = harness.fake.requests.filter((request) => request.route === 'create');
    // 24 records: three requests at most, none over 10.
    expect(creates.length).toBeLessThanOrEqual(3);
    expect(Math.max(...creates.map(sentRecords))).toBeLessThanOrEqual(10);
    expect(harness.fake.table(BASE_A, 'Deals').records.size).toBe(24);
    expect(
      await metricValue(
        harness.registry,
        'airtable_batch_size',
        { operation: 'createRecords' },
        'sum',
      ),
    ).toBe(24);
  });

  it('writes any number of records for one caller, 10 per request, in order', async () => {
    const records = named(...Array.from({ length: 23 }, (_, index) => `n${index}`));

    const created = await harness.access.createRecords(BASE_A, 'Deals', records);

    expect(created.map((record) => record.fields['Name'])).toEqual(
      records.map((record) => record.fields['Name']),
    );
    expect(recordRequests(harness).map(sentRecords)).toEqual([10, 10, 3]);
  });

  it('packs writes that trickle in while the base is busy into the next request', async () => {
    await harness.close();
    const clock = createManualClock();
    harness = await startHarness({ clock });
    const deals = harness.tables.get(BASE_A)?.deals.id ?? '';
    const results: Promise<unknown>[] = [];

    // One create every 20 ms for 400 ms: each would miss the previous one's 15 ms window, but
    // they wait for the base's next turn (every 220 ms) together and leave in one request.
    for (let index = 0; index < 20; index += 1) {
      results.push(harness.access.createRecords(BASE_A, deals, named(`t${index}`)));
      await advanceInSteps(clock, 20, 20);
    }
    await driveUntilSettled(clock, Promise.all(results), 20);

    expect(harness.fake.count({ route: 'create' })).toBeLessThanOrEqual(3);
    expect(harness.fake.table(BASE_A, 'Deals').records.size).toBe(20);
  });

  it('never puts writes with different typecast in one request', async () => {
    await Promise.all([
      harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Amount: '5' } }], {
        typecast: true,
      }),
      harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Amount: 6 } }]),
      harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Amount: '7' } }], {
        typecast: true,
      }),
    ]);

    const bodies = harness.fake.requests
      .filter((request) => request.route === 'create')
      .map((request) => request.body as { typecast?: boolean; records: unknown[] });
    expect(bodies).toHaveLength(2);
    expect(bodies.map((body) => [body.typecast ?? false, body.records.length]).sort()).toEqual([
      [false, 1],
      [true, 2],
    ]);
  });

  it('fails only the caller whose record Airtable refuses, writing everyone else’s', async () => {
    const inputs = [
      named('ok-1'),
      named('ok-2', 'ok-3'),
      [{ fields: { Name: 'bad', Colour: 'red' } }],
      named('ok-4'),
      named('ok-5'),
      named('ok-6'),
    ];

    const results = await Promise.allSettled(
      inputs.map((records) => harness.access.createRecords(BASE_A, 'Deals', records)),
    );

    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'AIRTABLE_INVALID_REQUEST',
      status: 422,
      extensions: {
        airtable: {
          type: 'UNKNOWN_FIELD_NAME',
          message: 'Unknown field name: "Colour"',
          status: 422,
        },
      },
    });
    expect((results[1] as PromiseFulfilledResult<unknown[]>).value).toHaveLength(2);
    const names = [...harness.fake.table(BASE_A, 'Deals').records.values()].map(
      (r) => r.fields['Name'],
    );
    expect(names.sort()).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4', 'ok-5', 'ok-6']);
    // One batch, then halves until the bad caller is alone: 1 + 2 + 2 + 2 at most.
    expect(harness.fake.count({ route: 'create' })).toBeLessThanOrEqual(7);
  });

  it('reports a caller’s partial write when one of its requests is refused', async () => {
    const records = [
      ...named(...Array.from({ length: 10 }, (_, index) => `first-${index}`)),
      { fields: { Name: 'second', Colour: 'red' } },
    ];

    const error = await harness.access
      .createRecords(BASE_A, 'Deals', records)
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'AIRTABLE_PARTIAL_WRITE' });
    expect((error as { detail: string }).detail).toMatch(
      /^10 of 11 records were written before Airtable refused the rest: .*UNKNOWN_FIELD_NAME/,
    );
    expect((error as { extensions: { writtenIds: string[] } }).extensions.writtenIds).toHaveLength(
      10,
    );
  });

  it('updates with PATCH and replaces with PUT', async () => {
    const [record] = harness.fake.seed(BASE_A, 'Deals', [
      { Name: 'Acme', Stage: 'Lead', Amount: 1 },
    ]);
    const id = record?.id ?? '';

    const [patched] = await harness.access.updateRecords(BASE_A, 'Deals', [
      { id, fields: { Stage: 'Closed Won' } },
    ]);
    const [replaced] = await harness.access.updateRecords(
      BASE_A,
      'Deals',
      [{ id, fields: { Amount: 2 } }],
      { replace: true },
    );

    expect(patched?.fields).toEqual({ Name: 'Acme', Stage: 'Closed Won', Amount: 1 });
    expect(replaced?.fields).toEqual({ Amount: 2 });
    expect(recordRequests(harness).map((request) => request.route)).toEqual(['update', 'replace']);
  });

  it('fails only the caller updating a record that does not exist', async () => {
    const [one, two] = harness.fake.seed(BASE_A, 'Deals', [{ Name: 'one' }, { Name: 'two' }]);

    const results = await Promise.allSettled([
      harness.access.updateRecords(BASE_A, 'Deals', [{ id: one?.id ?? '', fields: { Amount: 1 } }]),
      harness.access.updateRecords(BASE_A, 'Deals', [
        { id: 'recGONE0000000000', fields: { Amount: 2 } },
      ]),
      harness.access.updateRecords(BASE_A, 'Deals', [{ id: two?.id ?? '', fields: { Amount: 3 } }]),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      extensions: { airtable: { type: 'ROW_DOES_NOT_EXIST' } },
    });
  });

  it('never sends two updates of one record in the same request', async () => {
    const [record] = harness.fake.seed(BASE_A, 'Deals', [{ Name: 'twice' }]);
    const id = record?.id ?? '';

    await Promise.all([
      harness.access.updateRecords(BASE_A, 'Deals', [{ id, fields: { Amount: 1 } }]),
      harness.access.updateRecords(BASE_A, 'Deals', [{ id, fields: { Amount: 2 } }]),
    ]);

    expect(harness.fake.count({ route: 'update' })).toBe(2);
    expect(harness.fake.table(BASE_A, 'Deals').records.get(id)?.fields['Amount']).toBe(2);
  });

  it('upserts, telling created from updated records', async () => {
    const [existing] = harness.fake.seed(BASE_A, 'Deals', [{ Name: 'Acme', Amount: 1 }]);

    const result = await harness.access.upsertRecords(
      BASE_A,
      'Deals',
      [{ fields: { Name: 'Acme', Amount: 5 } }, { fields: { Name: 'Globex', Amount: 7 } }],
      { fieldsToMergeOn: ['Name'] },
    );

    expect(result.updatedRecords).toEqual([existing?.id]);
    expect(result.createdRecords).toHaveLength(1);
    expect(result.records.map((record) => record.fields['Amount'])).toEqual([5, 7]);
    expect(recordRequests(harness).at(-1)?.body).toMatchObject({
      performUpsert: { fieldsToMergeOn: ['Name'] },
    });
    await expect(
      harness.access.upsertRecords(BASE_A, 'Deals', named('x'), { fieldsToMergeOn: [] }),
    ).rejects.toThrow(/fieldsToMergeOn takes 1 to 3 field names/);
  });

  it('deletes records, coalescing callers and isolating a missing one', async () => {
    const seeded = harness.fake.seed(BASE_A, 'Deals', [
      { Name: 'a' },
      { Name: 'b' },
      { Name: 'c' },
    ]);
    const ids = seeded.map((record) => record.id);

    const results = await Promise.allSettled([
      harness.access.deleteRecords(BASE_A, 'Deals', [ids[0] ?? '', ids[1] ?? '']),
      harness.access.deleteRecords(BASE_A, 'Deals', ['recGONE0000000000']),
      harness.access.deleteRecords(BASE_A, 'Deals', [ids[2] ?? '']),
    ]);

    expect(results[0]).toEqual({
      status: 'fulfilled',
      value: [
        { id: ids[0], deleted: true },
        { id: ids[1], deleted: true },
      ],
    });
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'AIRTABLE_NOT_FOUND',
    });
    expect(results[2]).toEqual({ status: 'fulfilled', value: [{ id: ids[2], deleted: true }] });
    expect(harness.fake.table(BASE_A, 'Deals').records.size).toBe(0);
  });
});
