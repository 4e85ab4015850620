import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_QUOTAS } from '@pyairtable/registry';
import { chatClient } from './chat-client.ts';
import { useChatPlatform } from './chat-platform.ts';

const running = useChatPlatform({ chatRequestsPerMinute: 30 });

interface UsageToday {
  readonly day: string;
  readonly tokens: { used: number; limit: number; resetsAt: string };
  readonly requests: { today: number };
  readonly chatRequestsPerMinute: { limit: number };
}

async function usageToday(headers: Record<string, string>): Promise<Response> {
  const { chatUrl, seeded } = running.platform;
  return fetch(`${chatUrl}/api/chat/usage?workspaceId=${seeded.workspaceId}`, { headers });
}

describe("today's usage against the quotas", () => {
  it('counts the tokens of an answered question against the daily limit', async () => {
    const { gemini, seeded } = running.platform;
    const client = chatClient(running.platform, seeded.users.owner);
    const before = (await (await usageToday(await client.headers())).json()) as UsageToday;
    expect(before.tokens.used).toBe(0);
    expect(before.requests.today).toBe(0);

    gemini.enqueue({ text: 'Hello.', usage: { promptTokenCount: 40, candidatesTokenCount: 3 } });
    const session = await client.createSession();
    expect((await client.ask(session, 'hi')).status).toBe(200);
    const answer = (await client.messages(session)).at(-1);

    const response = await usageToday(await client.headers());
    expect(response.status).toBe(200);
    const usage = (await response.json()) as UsageToday;
    expect(usage.tokens.used).toBeGreaterThan(0);
    expect(usage.requests.today).toBe(1);
    expect(usage.tokens.used).toBe(answer?.usage?.totalTokens);
    expect(usage.tokens.limit).toBe(DEFAULT_TENANT_QUOTAS.llmTokensPerDay);
    expect(usage.day).toBe(new Date().toISOString().slice(0, 10));
    expect(new Date(usage.tokens.resetsAt).getTime()).toBeGreaterThan(Date.now());
    expect(usage.tokens.resetsAt).toMatch(/T00:00:00\.000Z$/);
    expect(usage.chatRequestsPerMinute.limit).toBe(30);
  });

  it('refuses a caller without credentials', async () => {
    expect((await usageToday({})).status).toBe(401);
  });

  it('answers 404 for a workspace the caller is not in', async () => {
    const { chatUrl, seeded } = running.platform;
    const client = chatClient(running.platform, seeded.users.owner);
    const response = await fetch(`${chatUrl}/api/chat/usage?workspaceId=ws_nope`, {
      headers: await client.headers(),
    });
    expect(response.status).toBe(404);
  });
});
