/**
 * Writes: typecast on and off through both clients, upserts and the 10-records-per-request
 * limit. The writes go to an emulator of their own, and every assertion is about records the
 * case itself created (names carry the client's name), so nothing leaks into other cases.
 */
import { DEMO_ACCESS_TOKEN, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import Airtable from 'airtable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLayerClient, counterTotal, openAccessLayer } from './support/access-layer-client.ts';
import type { OpenAccessLayer } from './support/access-layer-client.ts';
import { airtableJsClient } from './support/airtable-js-client.ts';
import { CLIENT_KINDS } from './support/client-kinds.ts';
import { expectedFailure, failureOf, listAll } from './support/conformance-client.ts';
import type { ConformanceClient } from './support/conformance-client.ts';
import { idsOf, numberCell, textCell } from './support/deal-cells.ts';
import { startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';
import { rawRequest } from './support/raw-request.ts';

let emulator: ListeningEmulator;
beforeAll(async () => {
  emulator = await startListeningEmulator();
});
afterAll(() => emulator.close());

const connection = () => ({
  endpointUrl: emulator.endpointUrl,
  token: DEMO_ACCESS_TOKEN,
  baseId: DEMO_SALES_BASE_ID,
});

/** The deals whose Name starts with `prefix`: the formula narrows the read, the check confirms it. */
async function dealsNamed(client: ConformanceClient, prefix: string) {
  const found = await listAll(client, 'Deals', {
    filterByFormula: `LEFT({Name}, ${prefix.length}) = '${prefix}'`,
  });
  return found.filter((deal) => textCell(deal, 'Name')?.startsWith(prefix));
}

describe.each(CLIENT_KINDS)('typecast through $name', (kind) => {
  let client: ConformanceClient;
  beforeAll(() => {
    client = kind.connect(connection());
  });
  afterAll(() => client.close());

  it('refuses a new select option without typecast, and adds it with typecast', async () => {
    const option = `Stalled (${kind.name})`;
    const name = `Typecast select via ${kind.name}`;
    const refused = await failureOf(
      kind,
      client.createRecords('Deals', [{ Name: name, Stage: option }]),
    );
    expect(refused).toEqual(expectedFailure(kind, 422, 'INVALID_MULTIPLE_CHOICE_OPTIONS'));
    expect(await dealsNamed(client, name)).toEqual([]);

    const [created] = await client.createRecords('Deals', [{ Name: name, Stage: option }], {
      typecast: true,
    });
    expect(created?.fields['Stage']).toBe(option);
    // The option is now one of the field's choices, so writing it needs no typecast.
    const [again] = await client.createRecords('Deals', [{ Name: `${name} again`, Stage: option }]);
    expect(again?.fields['Stage']).toBe(option);
  });

  it('refuses a numeric string for a number field without typecast, and converts it with', async () => {
    const name = `Typecast number via ${kind.name}`;
    const refused = await failureOf(
      kind,
      client.createRecords('Deals', [{ Name: name, Amount: '12500' }]),
    );
    expect(refused).toEqual(expectedFailure(kind, 422, 'INVALID_VALUE_FOR_COLUMN'));

    const [created] = await client.createRecords('Deals', [{ Name: name, Amount: '12500' }], {
      typecast: true,
    });
    expect(created?.fields['Amount']).toBe(12_500);
    expect((await dealsNamed(client, name)).map((deal) => numberCell(deal, 'Amount'))).toEqual([
      12_500,
    ]);
  });
});

describe('11 records in one write', () => {
  const elevenDeals = (label: string) =>
    Array.from({ length: 11 }, (_unused, index) => ({ Name: `Eleven via ${label} #${index + 1}` }));

  it('plain HTTP: Airtable refuses the request with 422 INVALID_RECORDS', async () => {
    const answer = await rawRequest(emulator.endpointUrl, `${DEMO_SALES_BASE_ID}/Deals`, {
      method: 'POST',
      body: { records: elevenDeals('fetch').map((fields) => ({ fields })) },
    });
    expect({ status: answer.status, type: answer.errorType }).toEqual({
      status: 422,
      type: 'INVALID_RECORDS',
    });
  });

  it('airtable.js: base.table.create sends all 11 and gets 422 INVALID_RECORDS', async () => {
    const base = new Airtable({
      apiKey: DEMO_ACCESS_TOKEN,
      endpointUrl: emulator.endpointUrl,
      noRetryIfRateLimited: true,
    }).base(DEMO_SALES_BASE_ID);
    const refused = await failureOf(
      airtableJsClient,
      base.table('Deals').create(elevenDeals('airtable.js').map((fields) => ({ fields }))),
    );
    expect(refused).toEqual({ status: 422, type: 'INVALID_RECORDS' });
    const client = airtableJsClient.connect(connection());
    expect(await dealsNamed(client, 'Eleven via airtable.js')).toEqual([]);
    await client.close();
  });

  it('access layer: splits the 11 records into 2 requests and writes them all', async () => {
    const layer = openAccessLayer({ endpointUrl: emulator.endpointUrl });
    try {
      const created = await layer.access.createRecords(
        DEMO_SALES_BASE_ID,
        'Deals',
        elevenDeals('access layer').map((fields) => ({ fields })),
      );
      expect(created.map((record) => record.fields['Name'])).toEqual(
        elevenDeals('access layer').map((fields) => fields.Name),
      );
      const requests = { operation: 'createRecords', status: '200' };
      expect(await counterTotal(layer.registry, 'airtable_requests_total', requests)).toBe(2);
      const client = accessLayerClient.connect(connection());
      const stored = await dealsNamed(client, 'Eleven via access layer');
      await client.close();
      expect(idsOf(stored).toSorted()).toEqual(idsOf(created).toSorted());
    } finally {
      await layer.close();
    }
  });
});

// airtable.js has no upsert: its update() takes no performUpsert and its results drop
// createdRecords/updatedRecords. These cases run through the access layer only.
describe('upsert through the access layer', () => {
  let layer: OpenAccessLayer;
  beforeAll(() => {
    layer = openAccessLayer({ endpointUrl: emulator.endpointUrl });
  });
  afterAll(() => layer.close());

  const upsert = (records: readonly { Name: string; Amount: number }[]) =>
    layer.access.upsertRecords(
      DEMO_SALES_BASE_ID,
      'Deals',
      records.map((fields) => ({ fields })),
      { fieldsToMergeOn: ['Name'] },
    );

  it('creates a record when none matches, and updates it when one does', async () => {
    const created = await upsert([{ Name: 'Upsert single', Amount: 1_000 }]);
    const [id] = created.createdRecords;
    expect(created.createdRecords).toHaveLength(1);
    expect(created.updatedRecords).toEqual([]);

    const updated = await upsert([{ Name: 'Upsert single', Amount: 2_000 }]);
    expect(updated.createdRecords).toEqual([]);
    expect(updated.updatedRecords).toEqual([id]);
    const record = await layer.access.getRecord(DEMO_SALES_BASE_ID, 'Deals', id ?? '');
    expect(record.fields['Amount']).toBe(2_000);
  });

  it('reports which records of one request were created and which updated', async () => {
    const [existing] = await layer.access.createRecords(DEMO_SALES_BASE_ID, 'Deals', [
      { fields: { Name: 'Upsert mixed existing', Amount: 1 } },
    ]);
    const result = await upsert([
      { Name: 'Upsert mixed new', Amount: 2 },
      { Name: 'Upsert mixed existing', Amount: 3 },
    ]);
    expect(result.updatedRecords).toEqual([existing?.id]);
    expect(result.createdRecords).toEqual([result.records[0]?.id]);
    expect(result.records.map((record) => record.fields['Amount'])).toEqual([2, 3]);
  });

  it('fails with 422 when several records match, changing none', async () => {
    const twins = await layer.access.createRecords(DEMO_SALES_BASE_ID, 'Deals', [
      { fields: { Name: 'Upsert twin', Amount: 1 } },
      { fields: { Name: 'Upsert twin', Amount: 1 } },
    ]);
    // Airtable documents the failure but not its error type; INVALID_RECORDS is the emulator's.
    const refused = await failureOf(
      accessLayerClient,
      upsert([{ Name: 'Upsert twin', Amount: 9 }]),
    );
    expect(refused).toEqual({ status: 422, type: 'INVALID_RECORDS' });
    for (const twin of twins) {
      const record = await layer.access.getRecord(DEMO_SALES_BASE_ID, 'Deals', twin.id);
      expect(record.fields['Amount']).toBe(1);
    }
  });
});
