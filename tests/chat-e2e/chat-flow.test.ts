import { describe, expect, it } from 'vitest';
import { chatClient } from './chat-client.ts';
import type { StoredMessage } from './chat-client.ts';
import { useChatPlatform } from './chat-platform.ts';
import { DEMO_SALES_BASE_ID } from '../support/seeded-registry.ts';

const running = useChatPlatform();
const deals = { baseId: DEMO_SALES_BASE_ID, table: 'Deals' };

function owner() {
  return chatClient(running.platform, running.platform.seeded.users.owner);
}

function lastAnswer(messages: readonly StoredMessage[]): StoredMessage {
  const answer = messages.at(-1);
  if (answer?.role !== 'assistant') throw new Error('no answer stored');
  return answer;
}

interface WireContents {
  readonly contents: { role: string; parts: Record<string, unknown>[] }[];
  readonly tools?: { functionDeclarations?: { name: string }[] }[];
}

describe('a question through chat, mcp and the emulator', () => {
  it('runs the tool the model asks for, feeds the result back and streams the stored answer', async () => {
    const { gemini } = running.platform;
    const before = gemini.requests.length;
    gemini.enqueue(
      {
        functionCalls: [
          {
            name: 'list_records',
            args: { ...deals, pageSize: 3 },
            id: 'call-1',
            thoughtSignature: 'sig-1',
          },
        ],
      },
      {
        text: ['There are ', 'three deals here.'],
        usage: { promptTokenCount: 120, candidatesTokenCount: 8 },
      },
    );
    const client = owner();
    const session = await client.createSession();
    const events = await client.askStreaming(session, 'Show me three deals');

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
    const preview = (events[2]?.data as { preview: string }).preview;
    expect(preview).toContain('"rec');
    expect(preview.length).toBeLessThanOrEqual(501);

    const [first, second] = gemini.requests.slice(before) as unknown as { body: WireContents }[];
    expect(first?.body.tools?.[0]?.functionDeclarations?.map((tool) => tool.name)).toContain(
      'list_records',
    );
    const sent = second?.body.contents ?? [];
    const modelTurn = sent.at(-2);
    expect(modelTurn?.parts[0]).toMatchObject({
      thoughtSignature: 'sig-1',
      functionCall: { name: 'list_records' },
    });
    const toolTurn = sent.at(-1)?.parts[0] as {
      functionResponse: { name: string; response: { result: { records: unknown[] } } };
    };
    expect(toolTurn.functionResponse.name).toBe('list_records');
    expect(toolTurn.functionResponse.response.result.records).toHaveLength(3);

    const answer = lastAnswer(await client.messages(session));
    expect(answer).toMatchObject({ content: 'There are three deals here.', status: 'complete' });
    expect(answer.toolCalls).toEqual([
      expect.objectContaining({
        name: 'list_records',
        outcome: 'ok',
        arguments: { ...deals, pageSize: 3 },
      }),
    ]);
    // Postgres stores the result as jsonb, which orders keys its own way: same data, other text.
    expect(answer.toolCalls[0]?.preview).toContain('"rec');
    expect(answer.usage?.totalTokens).toBeGreaterThan(0);
    expect(events.at(-1)?.data).toMatchObject({ id: answer.id, status: 'complete' });
  });

  it('runs several calls of one turn in parallel and returns every result', async () => {
    const { gemini } = running.platform;
    gemini.enqueue(
      {
        functionCalls: [
          { name: 'describe_table', args: deals, id: 'a' },
          { name: 'aggregate_records', args: { ...deals, field: 'Amount' }, id: 'b' },
        ],
      },
      { text: 'Done.' },
    );
    const client = owner();
    const events = await client.askStreaming(
      await client.createSession(),
      'Describe deals and total them',
    );
    expect(
      events.filter((event) => event.event === 'tool.result').map((event) => event.data),
    ).toEqual([
      expect.objectContaining({ id: 'a', outcome: 'ok' }),
      expect.objectContaining({ id: 'b', outcome: 'ok' }),
    ]);
    const responses = (gemini.requests.at(-1)?.body as WireContents).contents.at(-1)?.parts ?? [];
    expect(responses.map((part) => (part['functionResponse'] as { name: string }).name)).toEqual([
      'describe_table',
      'aggregate_records',
    ]);
  });

  it('feeds a tool error back to the model, which can correct itself', async () => {
    const { gemini } = running.platform;
    gemini.enqueue(
      {
        functionCalls: [
          { name: 'list_records', args: { baseId: DEMO_SALES_BASE_ID, table: 'Dealz' } },
        ],
      },
      { text: 'The table is called Deals.' },
    );
    const client = owner();
    const events = await client.askStreaming(await client.createSession(), 'List Dealz');
    expect(events.find((event) => event.event === 'tool.result')?.data).toMatchObject({
      outcome: 'error',
    });
    const fedBack = (gemini.requests.at(-1)?.body as WireContents).contents.at(-1)?.parts[0] as {
      functionResponse: { response: { error: string } };
    };
    expect(fedBack.functionResponse.response.error).toContain('Valid tables');
  });

  it('stops at the step limit with a last call that offers no tools', async () => {
    const { gemini, seeded } = running.platform;
    await seeded.registry.workspaces.update(seeded.workspaceId, { modelSettings: { maxSteps: 2 } });
    try {
      gemini.enqueue(
        { functionCalls: [{ name: 'list_bases', args: {} }] },
        { text: 'Here is what I found so far.' },
      );
      const client = owner();
      const before = gemini.requests.length;
      const events = await client.askStreaming(await client.createSession(), 'Keep looking');
      const requests = gemini.requests.slice(before);
      expect(requests).toHaveLength(2);
      expect((requests[1]?.body as WireContents).tools ?? []).toEqual([]);
      expect(events.at(-1)?.data).toMatchObject({ status: 'complete' });
    } finally {
      await seeded.registry.workspaces.update(seeded.workspaceId, { modelSettings: {} });
    }
  });

  it('retries a Gemini 429 and answers', async () => {
    const { gemini } = running.platform;
    gemini.enqueue({ error: 429 }, { text: 'Answered after a retry.' });
    const client = owner();
    const session = await client.createSession();
    const response = await client.ask(session, 'Hello?');
    expect(response.status).toBe(200);
    const { answer } = (await response.json()) as { answer: StoredMessage };
    expect(answer).toMatchObject({ status: 'complete', content: 'Answered after a retry.' });
  });

  it('keeps the question and says what failed when the model refuses the request', async () => {
    const { gemini } = running.platform;
    gemini.enqueue({ error: 400, message: 'Invalid argument.' });
    const client = owner();
    const session = await client.createSession();
    const events = await client.askStreaming(session, 'Break please');
    expect(events.map((event) => event.event)).toEqual([
      'message.started',
      'error',
      'message.completed',
    ]);
    const messages = await client.messages(session);
    expect(messages.map((message) => [message.role, message.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
    expect(messages[0]?.content).toBe('Break please');
  });

  it('does not let a viewer make the model run a write tool', async () => {
    const { gemini, seeded } = running.platform;
    gemini.enqueue(
      {
        functionCalls: [
          { name: 'create_records', args: { ...deals, records: [{ fields: { Name: 'Sneaky' } }] } },
        ],
      },
      { text: 'I cannot create records.' },
    );
    const viewer = chatClient(running.platform, seeded.users.viewer);
    const events = await viewer.askStreaming(
      await viewer.createSession(),
      'Create a deal called Sneaky',
    );
    expect(events.find((event) => event.event === 'tool.result')?.data).toMatchObject({
      outcome: 'refused',
    });
    const declared =
      (gemini.requests.at(-2)?.body as WireContents).tools?.[0]?.functionDeclarations ?? [];
    expect(declared.map((tool) => tool.name)).not.toContain('create_records');
    const search = await fetch(
      `${running.platform.mcpUrl}/api/v1/airtable/bases/${DEMO_SALES_BASE_ID}/tables/Deals/records?filterByFormula=${encodeURIComponent("{Name}='Sneaky'")}`,
      {
        headers: { 'x-api-key': seeded.apiKey },
      },
    );
    expect(((await search.json()) as { records: unknown[] }).records).toEqual([]);
  });
});
