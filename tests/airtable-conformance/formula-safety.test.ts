/**
 * Formula injection: text from a user (an LLM tool call, in the platform) goes through the
 * access layer's buildFilterFormula and searchFormula, and the formula is sent through both
 * clients. Each hostile text is stored in one record first; the filter must find exactly the
 * records holding that literal text (computed from a full read), never more (an injected
 * TRUE()) nor none (an injected ERROR() or a formula broken open).
 */
import { buildFilterFormula, searchFormula } from '@pyairtable/airtable-access';
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/client-kinds.ts';
import { listAll } from './support/conformance-client.ts';

import { idsOf, textCell } from './support/deal-cells.ts';
import { startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';
import { useDealsClient } from './support/deals-client.ts';
import { rawRequest } from './support/raw-request.ts';

/** Texts that would change a formula's meaning if pasted into it unescaped. */
const HOSTILE_TEXTS = [
  '" & ERROR() & "',
  "' & ERROR() & '",
  '") > 0, TRUE(), ("',
  "O'Brien said \"hello\" and 'bye'",
  '{Name} } { Amount}',
  'a\\" & TRUE() & \\"b',
  'trailing backslash \\',
  '\\\\ two backslashes \\\\"',
] as const;

/** The deal holding `text` in Name (with a prefix) and, exactly, in Owner. */
const hostileDeal = (text: string, index: number) => ({
  Name: `Hostile ${index}: ${text}`,
  Owner: text,
});

let emulator: ListeningEmulator;
/** Record ids of the hostile deals, by text. */
const hostileIds = new Map<string, string>();
beforeAll(async () => {
  emulator = await startListeningEmulator();
  for (let start = 0; start < HOSTILE_TEXTS.length; start += 10) {
    const texts = HOSTILE_TEXTS.slice(start, start + 10);
    const answer = await rawRequest(emulator.endpointUrl, `${DEMO_SALES_BASE_ID}/Deals`, {
      method: 'POST',
      body: { records: texts.map((text, index) => ({ fields: hostileDeal(text, start + index) })) },
    });
    const { records } = answer.body as { records: { id: string }[] };
    texts.forEach((text, index) => hostileIds.set(text, records[index]?.id ?? ''));
  }
});
afterAll(() => emulator.close());

const lowerIncludes = (value: string | undefined, text: string) =>
  (value ?? '').toLowerCase().includes(text.toLowerCase());

describe.each(CLIENT_KINDS)('hostile filter text through $name', (kind) => {
  const deals = useDealsClient(kind, () => emulator);

  it.each(HOSTILE_TEXTS)('finds exactly the records holding %j', async (text) => {
    const own = [hostileIds.get(text)];
    const filter = (filterByFormula: string) => listAll(deals.client, 'Deals', { filterByFormula });

    const containing = deals.allDeals.filter((deal) => lowerIncludes(textCell(deal, 'Name'), text));
    const contains = await filter(
      buildFilterFormula({ field: 'Name', op: 'contains', value: text }),
    );
    expect(idsOf(contains)).toEqual(idsOf(containing));
    expect(idsOf(contains)).toEqual(own);

    const equals = await filter(buildFilterFormula({ field: 'Owner', op: 'eq', value: text }));
    expect(idsOf(equals)).toEqual(own);

    const matching = deals.allDeals.filter(
      (deal) =>
        lowerIncludes(textCell(deal, 'Name'), text) || lowerIncludes(textCell(deal, 'Owner'), text),
    );
    const searched = await filter(searchFormula(text, ['Name', 'Owner']));
    expect(idsOf(searched)).toEqual(idsOf(matching));
  });
});
