import type { ServiceApp } from '@pyairtable/kit';
import { effectiveQuotas } from '@pyairtable/registry';
import { dailyQuotaReset } from '../conversation/daily-quota.ts';
import type { ChatRouteContext } from './chat-route-context.ts';
import { ChatTags, UsageQuery, UsageTodaySchema, chatProblems } from './chat-schemas.ts';

/** Today's usage against the quotas, so people see how much is left before they are refused. */
export function usageRoutes(app: ServiceApp, context: ChatRouteContext): void {
  app.get(
    '/api/chat/usage',
    {
      schema: {
        operationId: 'getChatUsage',
        tags: ChatTags,
        summary: "Today's LLM tokens and questions of your organisation against its quotas",
        querystring: UsageQuery,
        response: { 200: UsageTodaySchema, ...chatProblems(403) },
      },
    },
    async (request) => {
      const caller = await context.callers.resolve(request, request.query.workspaceId);
      const now = new Date();
      return {
        day: now.toISOString().slice(0, 10),
        tokens: {
          used: await context.usage.tokensOn(caller.tenant.id, now),
          limit: caller.tenant.quotas.llmTokensPerDay,
          resetsAt: dailyQuotaReset(now).toISOString(),
        },
        requests: { today: await context.usage.requestsOn(caller.tenant.id, now) },
        chatRequestsPerMinute: {
          limit: effectiveQuotas(caller.tenant, caller.workspace).chatRequestsPerMinute,
        },
      };
    },
  );
}
