import { describe, expect, it } from 'vitest';
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import { parseSse } from '../chat-e2e/chat-platform.ts';
import type { ReceivedEvent } from '../chat-e2e/chat-platform.ts';
import { useFullPlatform } from '../support/full-platform.ts';

const running = useFullPlatform();

async function headers(): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await running.platform.alice.accessToken()}`,
    'content-type': 'application/json',
  };
}

async function newSession(): Promise<string> {
  const response = await fetch(`${running.platform.gatewayUrl}/api/chat/sessions`, {
    method: 'POST',
    headers: await headers(),
    body: JSON.stringify({ workspaceId: running.platform.alice.workspaceId }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function ask(sessionId: string, content: string): Promise<Response> {
  const response = await fetch(
    `${running.platform.gatewayUrl}/api/chat/sessions/${sessionId}/messages`,
    {
      method: 'POST',
      headers: { ...(await headers()), accept: 'text/event-stream' },
      body: JSON.stringify({ content }),
    },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return response;
}

/** Reads complete events until `enough` holds, then drops the connection. */
async function readThenDrop(
  response: Response,
  enough: (events: ReceivedEvent[]) => boolean,
): Promise<ReceivedEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = '';
  try {
    for (;;) {
      const events = parseSse(received.slice(0, received.lastIndexOf('\n\n') + 2));
      if (enough(events)) return events;
      const chunk = await reader.read();
      if (chunk.done) return parseSse(received);
      received += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    await reader.cancel();
  }
}

const deltas = (events: readonly ReceivedEvent[]) =>
  events
    .filter((event) => event.event === 'message.delta')
    .map((event) => (event.data as { text: string }).text)
    .join('');

describe('SSE through the gateway, for clients that prefer it', () => {
  it('streams a tool-using answer as chat writes it', async () => {
    const { gemini } = running.platform;
    gemini.enqueue(
      {
        functionCalls: [
          {
            name: 'list_records',
            args: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 1 },
          },
        ],
      },
      { text: ['One ', 'deal.'] },
    );
    const events = parseSse(await (await ask(await newSession(), 'One deal?')).text());
    expect(events.map((event) => event.event)).toEqual([
      'message.started',
      'tool.call',
      'tool.result',
      'message.delta',
      'message.delta',
      'message.completed',
    ]);
    expect(events.map((event) => Number(event.id))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[2]?.data).toMatchObject({ name: 'list_records', outcome: 'ok' });
    expect(events.at(-1)?.data).toMatchObject({ status: 'complete', content: 'One deal.' });
  });

  it('resumes a dropped stream with Last-Event-ID without gaps or repeats', async () => {
    const { gemini, gatewayUrl } = running.platform;
    const words = Array.from({ length: 10 }, (_, index) => `w${String(index)} `);
    gemini.enqueue({ text: words, delayMs: 150 });
    const sessionId = await newSession();
    const before = await readThenDrop(
      await ask(sessionId, 'Ten words, slowly'),
      (events) => events.filter((event) => event.event === 'message.delta').length >= 2,
    );
    const { answerId } = before[0]?.data as { answerId: string };
    const lastEventId = before.at(-1)?.id ?? '0';

    const resumed = await fetch(
      `${gatewayUrl}/api/chat/sessions/${sessionId}/messages/${answerId}/events`,
      { headers: { ...(await headers()), 'last-event-id': lastEventId } },
    );
    expect(resumed.status).toBe(200);
    const after = parseSse(await resumed.text());

    const ids = [...before, ...after].map((event) => Number(event.id));
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    expect(deltas([...before, ...after])).toBe(words.join(''));
    expect(after.at(-1)).toMatchObject({
      event: 'message.completed',
      data: { status: 'complete' },
    });
  });
});
