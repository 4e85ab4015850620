import { describe, expect, it } from 'vitest';
import { useChatDatabase, uniqueId } from './chat-database.ts';

const database = useChatDatabase();

describe('usage repository', () => {
  it('counts tokens per UTC day, splitting at midnight', async () => {
    const { usage } = database.store;
    const tenantId = uniqueId('ten');
    const beforeMidnight = new Date('2025-03-09T23:59:59.900Z');
    const afterMidnight = new Date('2025-03-10T00:00:00.100Z');

    await usage.add(tenantId, { tokens: 100, costUsd: 0.01 }, beforeMidnight);
    await usage.add(tenantId, { tokens: 50, costUsd: 0.005 }, beforeMidnight);
    await usage.add(tenantId, { tokens: 7, costUsd: 0.0007 }, afterMidnight);

    expect(await usage.tokensOn(tenantId, new Date('2025-03-09T00:00:00Z'))).toBe(150);
    expect(await usage.tokensOn(tenantId, afterMidnight)).toBe(7);
    expect(await usage.tokensOn(tenantId, new Date('2025-03-11T12:00:00Z'))).toBe(0);
    expect(await usage.tokensOn(uniqueId('ten'), beforeMidnight)).toBe(0);

    const { rows } = await database.pool.query<{ cost_usd: string }>(
      `select cost_usd from chat_usage_daily where tenant_id = $1 and day = '2025-03-09'`,
      [tenantId],
    );
    expect(Number(rows[0]?.cost_usd)).toBeCloseTo(0.015, 10);
  });

  it('defaults to today and loses no write when answers finish at once', async () => {
    const { usage } = database.store;
    const tenantId = uniqueId('ten');

    await Promise.all(
      Array.from({ length: 20 }, () => usage.add(tenantId, { tokens: 10, costUsd: 0.001 })),
    );

    expect(await usage.tokensOn(tenantId)).toBe(200);
  });

  it('refuses amounts that are not counts', async () => {
    const { usage } = database.store;
    await expect(usage.add('ten_x', { tokens: -1, costUsd: 0 })).rejects.toThrow(RangeError);
    await expect(usage.add('ten_x', { tokens: 1.5, costUsd: 0 })).rejects.toThrow(RangeError);
    await expect(usage.add('ten_x', { tokens: 1, costUsd: Number.NaN })).rejects.toThrow(
      RangeError,
    );
  });
});
