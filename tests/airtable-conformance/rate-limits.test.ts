/**
 * Airtable's 5 requests per second per base, against emulators that enforce it on the real
 * clock: plain requests go over and get 429, airtable.js sees the penalty that follows, and
 * the access layer's limiter spaces its requests so it never gets a 429 at all.
 */
import {
  AIRTABLE_RATE_LIMITS,
  DEMO_ACCESS_TOKEN,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import Airtable from 'airtable';
import { afterEach, describe, expect, it } from 'vitest';
import { counterTotal, openAccessLayer } from './support/access-layer-client.ts';
import { airtableJsClient } from './support/airtable-js-client.ts';
import { expectedFailure, failureOf } from './support/conformance-client.ts';
import { answersWithStatus, startListeningEmulator } from './support/listening-emulator.ts';
import type { ListeningEmulator } from './support/listening-emulator.ts';
import { rawRequest } from './support/raw-request.ts';

const running: ListeningEmulator[] = [];
/** A fresh emulator with Airtable's limits (5/s per base, 50/s per token, 30 s penalty). */
async function limitedEmulator(): Promise<ListeningEmulator> {
  const emulator = await startListeningEmulator({ rateLimits: AIRTABLE_RATE_LIMITS });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe('the per-base limit of 5 requests per second', () => {
  it('plain HTTP: the 6th request within a second gets 429 RATE_LIMIT_REACHED', async () => {
    const emulator = await limitedEmulator();
    const statuses: number[] = [];
    let last: string | undefined;
    for (let index = 0; index < 6; index += 1) {
      const answer = await rawRequest(
        emulator.endpointUrl,
        `${DEMO_SALES_BASE_ID}/Deals?pageSize=1`,
      );
      statuses.push(answer.status);
      last = answer.errorType;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last).toBe('RATE_LIMIT_REACHED');

    // The base is now penalized; airtable.js (not retrying) gets the 429 at once.
    const base = new Airtable({
      apiKey: DEMO_ACCESS_TOKEN,
      endpointUrl: emulator.endpointUrl,
      noRetryIfRateLimited: true,
    }).base(DEMO_SALES_BASE_ID);
    const refused = await failureOf(
      airtableJsClient,
      base.table('Deals').select({ pageSize: 1 }).firstPage(),
    );
    expect(refused).toEqual(expectedFailure(airtableJsClient, 429, 'RATE_LIMIT_REACHED'));
  });

  it('access layer: 12 uncached reads of one base complete without a single 429', async () => {
    const emulator = await limitedEmulator();
    const layer = openAccessLayer({ endpointUrl: emulator.endpointUrl, limits: {} });
    try {
      const started = performance.now();
      // Ten pages of one list and two other queries, all at once: 12 distinct requests.
      const pages = (async () => {
        const sizes: number[] = [];
        for await (const page of layer.access.listAllRecords(DEMO_SALES_BASE_ID, 'Deals', {
          pageSize: 25,
        })) {
          sizes.push(page.records.length);
        }
        return sizes;
      })();
      const [sizes, won, lost] = await Promise.all([
        pages,
        layer.access.listRecords(DEMO_SALES_BASE_ID, 'Deals', {
          filterByFormula: "{Stage} = 'Closed Won'",
        }),
        layer.access.listRecords(DEMO_SALES_BASE_ID, 'Deals', {
          filterByFormula: "{Stage} = 'Closed Lost'",
        }),
      ]);
      const seconds = (performance.now() - started) / 1000;

      expect(sizes).toEqual(Array.from({ length: 10 }, () => 25));
      expect(won.records.length + lost.records.length).toBeGreaterThan(0);
      const listed = { operation: 'listRecords', status: '200' };
      expect(await counterTotal(layer.registry, 'airtable_requests_total', listed)).toBe(12);
      // The layer also reads the base's schema once (its cache keys tables by id): that request
      // counts against the same 5/s, and the emulator served every request with 200.
      const sent = await counterTotal(layer.registry, 'airtable_requests_total');
      expect(await answersWithStatus(emulator.app, 200)).toBe(sent);
      expect(await answersWithStatus(emulator.app, 429)).toBe(0);
      expect(await counterTotal(layer.registry, 'airtable_rate_limited_total')).toBe(0);
      // Requests spaced 220 ms apart: under 3 s for 13, where one 429 would cost 30 s.
      expect(seconds).toBeGreaterThan(2);
      expect(seconds).toBeLessThan(4);
    } finally {
      await layer.close();
    }
  });
});
