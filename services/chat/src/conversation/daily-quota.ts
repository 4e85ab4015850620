import type { Tenant } from '@pyairtable/registry';
import { chatErrors } from '../chat-errors.ts';
import type { UsageRepository } from '../store/chat-repositories.ts';

/**
 * Refuses a new question once the tenant's LLM tokens for the UTC day are spent, saying when
 * the quota resets. Checked before a turn starts: a turn in progress is never cut off, so a
 * tenant may end a day slightly over its quota, never mid-answer.
 */
export async function checkDailyQuota(
  usage: UsageRepository,
  tenant: Tenant,
  now = new Date(),
): Promise<void> {
  const limit = tenant.quotas.llmTokensPerDay;
  const used = await usage.tokensOn(tenant.id, now);
  if (used < limit) return;
  const resetsAt = dailyQuotaReset(now);
  throw chatErrors.CHAT_QUOTA_EXCEEDED({
    limit,
    resetsAt: resetsAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)),
  });
}

/** When the daily token quota counted at `now` starts again: the next UTC midnight. */
export function dailyQuotaReset(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
