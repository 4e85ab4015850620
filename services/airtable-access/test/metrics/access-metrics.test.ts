import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccessMetrics } from '../../src/metrics/access-metrics.ts';
import { BASE_A, metricValue, startHarness, type Harness } from '../support/access-harness.ts';

describe('access metrics', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('counts requests by base, operation and outcome, and never names tokens or records', async () => {
    const [record] = harness.fake.seed(BASE_A, 'Deals', [{ Name: 'Acme' }]);
    await harness.access.getRecord(BASE_A, 'Deals', record?.id ?? '');
    await harness.access.getRecord(BASE_A, 'Deals', 'recMISSING0000000').catch(() => undefined);
    await harness.access.createRecords(BASE_A, 'Deals', [{ fields: { Name: 'New' } }]);

    const requests = (labels: Record<string, string>) =>
      metricValue(harness.registry, 'airtable_requests_total', labels);
    expect(await requests({ base: BASE_A, operation: 'getRecord', status: '200' })).toBe(1);
    expect(await requests({ base: BASE_A, operation: 'getRecord', status: '404' })).toBe(1);
    expect(await requests({ base: BASE_A, operation: 'createRecords', status: '200' })).toBe(1);
    expect(
      await metricValue(
        harness.registry,
        'airtable_request_duration_seconds',
        { operation: 'getRecord' },
        'count',
      ),
    ).toBe(2);
    expect(
      await metricValue(harness.registry, 'airtable_cache_requests_total', {
        kind: 'record',
        result: 'miss',
      }),
    ).toBe(2);
    const exposition = await harness.registry.metrics();
    expect(exposition).not.toContain(harness.fake.token);
    expect(exposition).not.toContain(record?.id ?? 'rec');
    expect(exposition).toContain('airtable_queue_wait_seconds_count');
    expect(exposition).toContain('airtable_batch_size_bucket');
  });

  it('lets several access layers (one per token) share a registry', () => {
    const registry = new Registry();

    const first = createAccessMetrics(registry);
    const second = createAccessMetrics(registry);

    expect(second.requests).toBe(first.requests);
  });
});
