/**
 * Our access layer as a conformance client, and on its own for the cases only it can express.
 * The emulators of the shared cases run without rate limits, so the layer's limiter is opened
 * wide to keep the suite fast; the rate-limit case opens one with Airtable's real limits.
 */
import { airtableErrorDetails, createAirtableAccess } from '@pyairtable/airtable-access';
import type { AirtableAccess, AirtableRecord, GateLimits } from '@pyairtable/airtable-access';
import { DEMO_ACCESS_TOKEN } from '@pyairtable/airtable-emulator';
import { createMemoryStore } from '@pyairtable/kit';
import { Registry } from 'prom-client';
import type { ClientKind, TableRecord } from './conformance-client.ts';

/** The layer's limits when the emulator enforces none. */
const UNLIMITED: Partial<GateLimits> = { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 };

/** An access layer with its own store and metrics registry. */
export interface OpenAccessLayer {
  readonly access: AirtableAccess;
  readonly registry: Registry;
  readonly close: () => Promise<void>;
}

/** Opens an access layer; demo token and wide-open limits unless told (`{}`: Airtable's). */
export function openAccessLayer(options: {
  readonly endpointUrl: string;
  readonly token?: string;
  readonly limits?: Partial<GateLimits>;
}): OpenAccessLayer {
  const store = createMemoryStore();
  const registry = new Registry();
  const access = createAirtableAccess({
    endpointUrl: options.endpointUrl,
    token: options.token ?? DEMO_ACCESS_TOKEN,
    store,
    registry,
    limits: options.limits ?? UNLIMITED,
  });
  return { access, registry, close: () => store.close() };
}

/** The sum of a counter's samples whose labels include `labels`. */
export async function counterTotal(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values
    .filter((sample) =>
      Object.entries(labels).every(([label, value]) => sample.labels[label] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

const toTableRecord = (record: AirtableRecord): TableRecord => ({
  id: record.id,
  fields: record.fields,
});

/** `@pyairtable/airtable-access`. */
export const accessLayerClient: ClientKind = {
  name: 'access layer',
  replacedErrorTypes: {},

  failureOf(error) {
    const details = airtableErrorDetails(error);
    return details === undefined ? undefined : { status: details.status, type: details.type };
  },

  connect({ endpointUrl, token, baseId }) {
    const { access, close } = openAccessLayer({ endpointUrl, token });
    return {
      async listPages(table, query = {}) {
        const pages: TableRecord[][] = [];
        for await (const page of access.listAllRecords(baseId, table, query)) {
          pages.push(page.records.map(toTableRecord));
        }
        return pages;
      },

      async getRecord(table, recordId) {
        return toTableRecord(await access.getRecord(baseId, table, recordId));
      },

      async createRecords(table, records, options = {}) {
        const created = await access.createRecords(
          baseId,
          table,
          records.map((fields) => ({ fields })),
          options.typecast === true ? { typecast: true } : {},
        );
        return created.map(toTableRecord);
      },

      close,
    };
  },
};
