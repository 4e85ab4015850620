import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LlmContent } from '../../src/llm/llm-types.ts';
import { createOpenAiCompatibleProvider } from '../../src/llm/openai-compatible-provider.ts';
import type { OpenAiCompatibleProviderOptions } from '../../src/llm/openai-compatible-provider.ts';
import { collect, failureOf, llmRequest } from './llm-test-streams.ts';

/** A chat completion chunk as a server streams it (only the fields these tests use). */
interface Chunk {
  readonly choices: readonly {
    readonly index: number;
    readonly delta: Record<string, unknown>;
    readonly finish_reason: string | null;
  }[];
  readonly usage?: Record<string, unknown>;
}

type FakeAnswer =
  { readonly chunks: readonly Chunk[] } | { readonly status: number; readonly message: string };

interface FakeOpenAi {
  readonly baseUrl: string;
  readonly bodies: Record<string, unknown>[];
  readonly authorizations: (string | undefined)[];
  enqueue(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): Chunk {
  return { choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

/** A tiny OpenAI-compatible server: `POST /v1/chat/completions` streaming what is queued. */
async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const bodies: Record<string, unknown>[] = [];
  const authorizations: (string | undefined)[] = [];
  const queue: FakeAnswer[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    bodies.push(JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>);
    authorizations.push(req.headers.authorization);
    const answer = queue.shift() ?? { status: 500, message: 'nothing queued' };
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: answer.message, type: 'error', code: null } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of answer.chunks) {
      const full = {
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created: 1_700_000_000,
        model: 'qwen3:8b',
        ...piece,
      };
      res.write(`data: ${JSON.stringify(full)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}/v1`,
    bodies,
    authorizations,
    enqueue(...answers) {
      queue.push(...answers);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

let fake: FakeOpenAi;

beforeEach(async () => {
  fake = await startFakeOpenAi();
});

afterEach(async () => {
  await fake.close();
});

function provider(overrides: Partial<OpenAiCompatibleProviderOptions> = {}) {
  return createOpenAiCompatibleProvider({
    baseUrl: fake.baseUrl,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

describe('openai-compatible provider', () => {
  it('streams content deltas as text events, then done with usage', async () => {
    fake.enqueue({
      chunks: [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Three ' }),
        chunk({ content: 'tables.' }),
        chunk({}, 'stop'),
        {
          choices: [],
          usage: {
            prompt_tokens: 20,
            completion_tokens: 7,
            total_tokens: 27,
            completion_tokens_details: { reasoning_tokens: 2 },
          },
        },
      ],
    });

    const { texts, done } = await collect(provider().stream(llmRequest()));

    expect(texts).toEqual(['Three ', 'tables.']);
    expect(done.content).toEqual({ role: 'model', parts: [{ text: 'Three tables.' }] });
    expect(done.usage).toEqual({
      promptTokens: 20,
      outputTokens: 5,
      thoughtsTokens: 2,
      totalTokens: 27,
    });
    expect(done.finishReason).toBe('STOP');
    expect(done.modelVersion).toBe('qwen3:8b');
  });

  it('assembles tool calls streamed in fragments into function calls with ids', async () => {
    fake.enqueue({
      chunks: [
        chunk({
          tool_calls: [
            {
              index: 0,
              id: 'call_a',
              type: 'function',
              function: { name: 'list_bases', arguments: '' },
            },
          ],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
        chunk({
          tool_calls: [
            {
              index: 1,
              id: 'call_b',
              type: 'function',
              function: { name: 'get_base_schema', arguments: '{"baseId":' },
            },
          ],
        }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '"appmHgZ6xqMi4F07F"}' } }] }),
        chunk({}, 'tool_calls'),
      ],
    });

    const { texts, done } = await collect(provider().stream(llmRequest()));

    expect(texts).toEqual([]);
    expect(done.content.parts).toEqual([
      { functionCall: { id: 'call_a', name: 'list_bases', args: {} } },
      {
        functionCall: {
          id: 'call_b',
          name: 'get_base_schema',
          args: { baseId: 'appmHgZ6xqMi4F07F' },
        },
      },
    ]);
  });

  it('sends the conversation as chat messages with tool calls and tool results', async () => {
    fake.enqueue({ chunks: [chunk({ content: 'Done.' }, 'stop')] });
    const contents: LlmContent[] = [
      { role: 'user', parts: [{ text: 'Which bases?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Looking.' },
          {
            functionCall: { id: 'call_a', name: 'list_bases', args: {} },
            thoughtSignature: 'c2ln',
          },
        ],
      },
      {
        role: 'user',
        parts: [
          {
            functionResponse: {
              id: 'call_a',
              name: 'list_bases',
              response: { output: { bases: [] } },
            },
          },
        ],
      },
    ];

    await collect(
      provider({ apiKey: 'sk-local', model: 'qwen3:8b' }).stream(
        llmRequest({
          systemInstruction: 'Be brief.',
          contents,
          temperature: 0,
          tools: [
            {
              name: 'list_bases',
              description: 'Lists bases.',
              parametersJsonSchema: { type: 'object', properties: {} },
            },
          ],
        }),
      ),
    );

    const [body] = fake.bodies;
    expect(fake.authorizations).toEqual(['Bearer sk-local']);
    expect(body?.['model']).toBe('qwen3:8b');
    expect(body?.['stream']).toBe(true);
    expect(body?.['stream_options']).toEqual({ include_usage: true });
    expect(body?.['temperature']).toBe(0);
    expect(body?.['tools']).toEqual([
      {
        type: 'function',
        function: {
          name: 'list_bases',
          description: 'Lists bases.',
          parameters: { type: 'object', properties: {} },
        },
      },
    ]);
    expect(body?.['messages']).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Which bases?' },
      {
        role: 'assistant',
        content: 'Looking.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'list_bases', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{"output":{"bases":[]}}' },
    ]);
  });

  it('pairs results with calls that came without ids', async () => {
    fake.enqueue({ chunks: [chunk({ content: 'Ok.' }, 'stop')] });
    const contents: LlmContent[] = [
      { role: 'user', parts: [{ text: 'Count.' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'aggregate_records', args: { table: 'Deals' } } },
          { functionCall: { name: 'aggregate_records', args: { table: 'Tasks' } } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'aggregate_records', response: { count: 1 } } },
          { functionResponse: { name: 'aggregate_records', response: { count: 2 } } },
        ],
      },
    ];

    await collect(provider().stream(llmRequest({ contents })));

    const messages = fake.bodies[0]?.['messages'] as Record<string, unknown>[];
    const callIds = (messages[2]?.['tool_calls'] as { id: string }[]).map((call) => call.id);
    expect(callIds).toEqual(['call_1_0', 'call_1_1']);
    expect(messages.slice(3).map((message) => message['tool_call_id'])).toEqual(callIds);
  });

  it('retries a 429, and does not retry a 400', async () => {
    fake.enqueue(
      { status: 429, message: 'slow down' },
      { chunks: [chunk({ content: 'Here.' }, 'stop')] },
      { status: 400, message: 'context length exceeded' },
    );

    const answered = await collect(provider().stream(llmRequest()));
    const refused = await failureOf(provider({ apiKey: 'sk-secret-1234' }).stream(llmRequest()));

    expect(answered.texts).toEqual(['Here.']);
    expect(refused.error.failure).toBe('invalid-request');
    expect(refused.error.message).toContain('context length exceeded');
    expect(fake.bodies).toHaveLength(3);
  });

  it('reports a server that cannot be reached as unavailable', async () => {
    await fake.close();

    const { error } = await failureOf(provider().stream(llmRequest()));

    expect(error.failure).toBe('unavailable');
    expect(error.message).not.toContain('127.0.0.1');
    fake = await startFakeOpenAi();
  });
});
