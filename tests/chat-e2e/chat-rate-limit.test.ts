import { describe, expect, it } from 'vitest';
import { chatClient } from './chat-client.ts';
import { useChatPlatform } from './chat-platform.ts';

const running = useChatPlatform({ chatRequestsPerMinute: 2 });

describe("the tenant's chat requests per minute", () => {
  it('refuses the third question in a minute with 429 and Retry-After, without calling the model', async () => {
    const { gemini, seeded } = running.platform;
    gemini.enqueue({ text: 'First.' }, { text: 'Second.' });
    const client = chatClient(running.platform, seeded.users.owner);
    const session = await client.createSession();
    expect((await client.ask(session, 'one')).status).toBe(200);
    expect((await client.ask(session, 'two')).status).toBe(200);
    const requestsBefore = gemini.requests.length;
    const refused = await client.ask(session, 'three');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe('CHAT_RATE_LIMITED');
    expect(problem.detail).toContain('2 chat requests per minute');
    expect(gemini.requests.length).toBe(requestsBefore);
    // Reading is not a request to the model and is never limited.
    expect((await client.messages(session)).map((message) => message.content)).toEqual([
      'one',
      'First.',
      'two',
      'Second.',
    ]);
  });
});
