import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TENANT_QUOTAS } from '@pyairtable/registry';
import { chatClient } from './chat-client.ts';
import { parseSse, useChatPlatform } from './chat-platform.ts';
import type { ReceivedEvent } from './chat-platform.ts';

const running = useChatPlatform();

function owner() {
  return chatClient(running.platform, running.platform.seeded.users.owner);
}

/** An SSE response read bit by bit. */
interface EventReader {
  /** Reads until `enough` holds for the events so far (or the stream ends); returns them all. */
  until(enough: (events: ReceivedEvent[]) => boolean): Promise<ReceivedEvent[]>;
  /** Drops the connection. */
  drop(): Promise<void>;
}

function eventReader(response: Response): EventReader {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(enough) {
      for (;;) {
        const events = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2));
        if (enough(events)) return events;
        const chunk = await reader.read();
        if (chunk.done) return parseSse(text);
        text += decoder.decode(chunk.value, { stream: true });
      }
    },
    drop: () => reader.cancel(),
  };
}

/** Reads until `enough`, then drops the connection. */
async function readUntil(
  response: Response,
  enough: (events: ReceivedEvent[]) => boolean,
): Promise<ReceivedEvent[]> {
  const reader = eventReader(response);
  const events = await reader.until(enough);
  await reader.drop();
  return events;
}

describe('streams', () => {
  it('resumes with Last-Event-ID without duplicates or gaps after a dropped connection', async () => {
    const { gemini, chatUrl } = running.platform;
    gemini.enqueue({ text: ['one ', 'two ', 'three ', 'four ', 'five'], delayMs: 150 });
    const client = owner();
    const session = await client.createSession();
    const response = await fetch(`${chatUrl}/api/chat/sessions/${session}/messages`, {
      method: 'POST',
      headers: { ...(await client.headers()), accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Count to five slowly' }),
    });
    const before = await readUntil(
      response,
      (events) => events.filter((e) => e.event === 'message.delta').length >= 2,
    );
    const started = before[0]?.data as { answerId: string };
    const lastSeen = before.at(-1)?.id ?? '0';

    const resumed = await fetch(
      `${chatUrl}/api/chat/sessions/${session}/messages/${started.answerId}/events`,
      {
        headers: { ...(await client.headers()), 'last-event-id': lastSeen },
      },
    );
    expect(resumed.headers.get('content-type')).toContain('text/event-stream');
    const after = parseSse(await resumed.text());
    const ids = [...before, ...after].map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    const text = [...before, ...after]
      .filter((event) => event.event === 'message.delta')
      .map((event) => (event.data as { text: string }).text)
      .join('');
    expect(text).toBe('one two three four five');
    expect(after.at(-1)?.event).toBe('message.completed');
  });

  it('notices at once when a client drops a streaming question', async () => {
    const { gemini, chatUrl } = running.platform;
    // Twenty chunks 300 ms apart: the answer outlives the wait below, so only the drop can end it.
    gemini.enqueue({ text: Array.from({ length: 20 }, (_, i) => `c${String(i)} `), delayMs: 300 });
    const client = owner();
    const session = await client.createSession();
    const response = await fetch(`${chatUrl}/api/chat/sessions/${session}/messages`, {
      method: 'POST',
      headers: { ...(await client.headers()), accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Stream and be dropped' }),
    });
    await readUntil(response, (events) => events.some((e) => e.event === 'message.started'));
    // Well before the 15 s heartbeat would reveal the dead connection.
    await vi.waitFor(
      async () => {
        const metrics = await (await fetch(`${chatUrl}/metrics`)).text();
        expect(metrics).toMatch(/^chat_open_streams 0$/m);
      },
      { timeout: 3_000 },
    );
  });

  it('cancels an answer being written, and stores it as cancelled', async () => {
    const { gemini, chatUrl } = running.platform;
    gemini.enqueue({
      text: Array.from({ length: 20 }, (_, i) => `word${String(i)} `),
      delayMs: 200,
    });
    const client = owner();
    const session = await client.createSession();
    const streaming = fetch(`${chatUrl}/api/chat/sessions/${session}/messages`, {
      method: 'POST',
      headers: { ...(await client.headers()), accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Talk for a long time' }),
    });
    const reader = eventReader(await streaming);
    const firstDelta = await reader.until((events) =>
      events.some((e) => e.event === 'message.delta'),
    );
    expect(firstDelta.length).toBeGreaterThan(0);
    const cancel = await fetch(`${chatUrl}/api/chat/sessions/${session}/cancel`, {
      method: 'POST',
      headers: await client.headers(),
      body: '{}',
    });
    expect(cancel.status).toBe(202);
    const events = await reader.until((seen) => seen.some((e) => e.event === 'message.completed'));
    expect(events.at(-2)).toMatchObject({ event: 'error', data: { status: 'cancelled' } });
    expect(events.at(-1)).toMatchObject({
      event: 'message.completed',
      data: { status: 'cancelled' },
    });
    const messages = await client.messages(session);
    expect(messages.at(-1)?.status).toBe('cancelled');
  });

  it('refuses a second question while the first is being answered', async () => {
    const { gemini, chatUrl } = running.platform;
    gemini.enqueue({ text: ['slow ', 'answer'], delayMs: 500 });
    const client = owner();
    const session = await client.createSession();
    const first = fetch(`${chatUrl}/api/chat/sessions/${session}/messages`, {
      method: 'POST',
      headers: await client.headers(),
      body: JSON.stringify({ content: 'First' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = await client.ask(session, 'Second');
    expect(second.status).toBe(409);
    expect((await first).status).toBe(200);
  });

  it("answers 429 with the reset time once the tenant's daily tokens are spent", async () => {
    const { gemini, seeded } = running.platform;
    gemini.enqueue({
      text: 'Spending tokens.',
      usage: { promptTokenCount: 500, candidatesTokenCount: 100 },
    });
    const client = owner();
    const session = await client.createSession();
    expect((await client.ask(session, 'Spend')).status).toBe(200);
    await seeded.registry.tenants.update(seeded.tenantId, {
      quotas: {
        ...DEFAULT_TENANT_QUOTAS,
        airtableRequestsPerSecond: 50,
        chatRequestsPerMinute: 1_000,
        llmTokensPerDay: 100,
      },
    });
    try {
      const refused = await client.ask(session, 'Once more');
      expect(refused.status).toBe(429);
      const problem = (await refused.json()) as { code: string; resetsAt: string };
      expect(problem.code).toBe('CHAT_QUOTA_EXCEEDED');
      expect(new Date(problem.resetsAt).getUTCHours()).toBe(0);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await seeded.registry.tenants.update(seeded.tenantId, {
        quotas: {
          ...DEFAULT_TENANT_QUOTAS,
          airtableRequestsPerSecond: 50,
          chatRequestsPerMinute: 1_000,
        },
      });
    }
  });

  it("keeps another user's sessions invisible", async () => {
    const { seeded, chatUrl } = running.platform;
    const session = await owner().createSession();
    const viewer = chatClient(running.platform, seeded.users.viewer);
    const response = await fetch(`${chatUrl}/api/chat/sessions/${session}/messages`, {
      headers: await viewer.headers(),
    });
    expect(response.status).toBe(404);
  });
});
