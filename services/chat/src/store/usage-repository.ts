import type { Pool } from 'pg';
import type { UsageRepository } from './chat-repositories.ts';

/** A usage repository on `pool`. */
export function createUsageRepository(pool: Pool): UsageRepository {
  return {
    async add(tenantId, usage, at = new Date()) {
      if (!Number.isSafeInteger(usage.tokens) || usage.tokens < 0) {
        throw new RangeError(`tokens must be a non-negative integer, got ${usage.tokens}`);
      }
      if (!Number.isFinite(usage.costUsd) || usage.costUsd < 0) {
        throw new RangeError(`costUsd must be a non-negative number, got ${usage.costUsd}`);
      }
      // One statement adding to the stored totals, so concurrent answers never lose a write.
      await pool.query(
        `insert into chat_usage_daily as u (tenant_id, day, tokens, cost_usd)
         values ($1, $2::date, $3, $4)
         on conflict (tenant_id, day) do update
           set tokens = u.tokens + excluded.tokens, cost_usd = u.cost_usd + excluded.cost_usd`,
        [tenantId, utcDay(at), usage.tokens, usage.costUsd],
      );
    },

    async countRequest(tenantId, at = new Date()) {
      await pool.query(
        `insert into chat_usage_daily as u (tenant_id, day, tokens, cost_usd, requests)
         values ($1, $2::date, 0, 0, 1)
         on conflict (tenant_id, day) do update set requests = u.requests + 1`,
        [tenantId, utcDay(at)],
      );
    },

    async requestsOn(tenantId, at = new Date()) {
      const { rows } = await pool.query<{ requests: string }>(
        'select requests from chat_usage_daily where tenant_id = $1 and day = $2::date',
        [tenantId, utcDay(at)],
      );
      return Number(rows[0]?.requests ?? 0);
    },

    async tokensOn(tenantId, at = new Date()) {
      const { rows } = await pool.query<{ tokens: string }>(
        'select tokens from chat_usage_daily where tenant_id = $1 and day = $2::date',
        [tenantId, utcDay(at)],
      );
      // bigint comes back as text; a day's tokens stay far below 2^53.
      return Number(rows[0]?.tokens ?? 0);
    },
  };
}

/**
 * The UTC calendar day of `at`, as `YYYY-MM-DD`. Computed here rather than by Postgres, whose
 * answer would depend on the connection's TimeZone setting.
 */
function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
