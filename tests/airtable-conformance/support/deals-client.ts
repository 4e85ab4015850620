import { DEMO_ACCESS_TOKEN, DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll } from 'vitest';
import { listAll } from './conformance-client.ts';
import type { ClientKind, ConformanceClient, TableRecord } from './conformance-client.ts';
import type { ListeningEmulator } from './listening-emulator.ts';

/** A client on the demo Sales base and every Deal read once without a filter. */
export interface DealsClient {
  readonly client: ConformanceClient;
  /** The unfiltered read the cases compute their expected answers from. */
  readonly allDeals: readonly TableRecord[];
}

/**
 * Connects `kind` to the suite's emulator before the suite's tests, reads all Deals, and
 * closes the client after them. Read the fields inside tests, not at collection time.
 */
export function useDealsClient(kind: ClientKind, emulator: () => ListeningEmulator): DealsClient {
  let client: ConformanceClient | undefined;
  let allDeals: TableRecord[] | undefined;
  beforeAll(async () => {
    client = kind.connect({
      endpointUrl: emulator().endpointUrl,
      token: DEMO_ACCESS_TOKEN,
      baseId: DEMO_SALES_BASE_ID,
    });
    allDeals = await listAll(client, 'Deals');
  });
  afterAll(() => client?.close());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the deals client is used before beforeAll ran');
    return value;
  };
  return {
    get client() {
      return started(client);
    },
    get allDeals() {
      return started(allDeals);
    },
  };
}
