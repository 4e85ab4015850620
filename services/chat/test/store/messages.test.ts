import { describe, expect, it } from 'vitest';
import type { LlmContent } from '../../src/llm/llm-types.ts';
import { ABANDONED_MESSAGE_ERROR } from '../../src/store/message-repository.ts';
import { useChatDatabase, uniqueId } from './chat-database.ts';

const database = useChatDatabase();

async function newSessionId(): Promise<string> {
  const session = await database.store.sessions.create({
    tenantId: 'ten_test',
    workspaceId: 'wsp_test',
    userId: uniqueId('usr'),
    title: 'Questions',
  });
  return session.id;
}

const GEMINI = { model: 'gemini-2.5-flash', provider: 'gemini' } as const;

/** Turns as Gemini returns them: a function call carrying a thought signature, its result. */
const TURNS: LlmContent[] = [
  {
    role: 'model',
    parts: [
      { text: 'Looking at the bases first.', thought: true },
      {
        functionCall: { id: 'call_1', name: 'list_bases', args: { limit: 5 } },
        thoughtSignature: 'CiQBVKhc7k+signature/with=padding==',
      },
    ],
  },
  {
    role: 'user',
    parts: [
      { functionResponse: { id: 'call_1', name: 'list_bases', response: { bases: ['Sales'] } } },
    ],
  },
  { role: 'model', parts: [{ text: 'You have one base: Sales.' }] },
];

describe('message repository', () => {
  it('stores the user message before any answer and bumps the session', async () => {
    const { store } = database;
    const sessionId = await newSessionId();
    const message = await store.messages.appendUserMessage(sessionId, 'Which bases do I have?');

    expect(message.id).toMatch(/^msg_[0-9a-z]{16}$/);
    expect(message).toMatchObject({
      sessionId,
      role: 'user',
      content: 'Which bases do I have?',
      status: 'complete',
      toolCalls: [],
      turns: [],
      usage: null,
      costUsd: null,
    });
    // No assistant message follows (the model call failed before it started): the question stays.
    expect(await store.messages.list(sessionId)).toEqual([message]);
    expect((await store.sessions.get(sessionId))?.lastMessageAt).toEqual(message.createdAt);
  });

  it('rejects a message for a session that does not exist', async () => {
    await expect(database.store.messages.appendUserMessage('ses_missing', 'hi')).rejects.toThrow(
      /ses_missing does not exist/,
    );
  });

  it('records an answer with its tool calls, usage, cost and raw turns', async () => {
    const { store } = database;
    const sessionId = await newSessionId();
    await store.messages.appendUserMessage(sessionId, 'Which bases do I have?');
    const started = await store.messages.startAssistantMessage(sessionId, GEMINI);
    expect(started).toMatchObject({
      role: 'assistant',
      status: 'streaming',
      model: 'gemini-2.5-flash',
      provider: 'gemini',
      completedAt: null,
    });

    await store.messages.recordToolCall(started.id, {
      id: 'call_1',
      name: 'list_bases',
      arguments: { limit: 5 },
      result: { bases: ['Sales'] },
      outcome: 'ok',
      durationMs: 41.6,
    });
    await store.messages.recordToolCall(started.id, {
      id: 'call_2',
      name: 'list_records',
      arguments: { baseId: 'appX', filter: ['a', 'b'] },
      result: 'Airtable said: NOT_FOUND',
      outcome: 'error',
      durationMs: 7,
    });
    const usage = { promptTokens: 120, outputTokens: 30, thoughtsTokens: 12, totalTokens: 162 };
    const closed = await store.messages.completeAssistantMessage(started.id, {
      status: 'complete',
      content: 'You have one base: Sales.',
      turns: TURNS,
      usage,
      costUsd: 0.000123,
    });
    expect(closed).toBe(true);

    const answer = await store.messages.get(started.id);
    expect(answer).toMatchObject({
      status: 'complete',
      content: 'You have one base: Sales.',
      usage,
      costUsd: 0.000123,
      error: null,
    });
    expect(answer?.turns).toEqual(TURNS);
    expect(answer?.completedAt).toBeInstanceOf(Date);
    expect(answer?.toolCalls).toEqual([
      {
        id: 'call_1',
        name: 'list_bases',
        arguments: { limit: 5 },
        result: { bases: ['Sales'] },
        outcome: 'ok',
        durationMs: 42,
      },
      {
        id: 'call_2',
        name: 'list_records',
        arguments: { baseId: 'appX', filter: ['a', 'b'] },
        result: 'Airtable said: NOT_FOUND',
        outcome: 'error',
        durationMs: 7,
      },
    ]);
  });

  it('keeps a cancelled answer cancelled when the completion arrives late', async () => {
    const { store } = database;
    const sessionId = await newSessionId();
    const started = await store.messages.startAssistantMessage(sessionId, GEMINI);

    const cancelled = await store.messages.completeAssistantMessage(started.id, {
      status: 'cancelled',
      content: 'You have',
      turns: [],
      usage: null,
      costUsd: null,
    });
    const late = await store.messages.completeAssistantMessage(started.id, {
      status: 'complete',
      content: 'You have one base: Sales.',
      turns: TURNS,
      usage: { promptTokens: 1, outputTokens: 1, thoughtsTokens: 0, totalTokens: 2 },
      costUsd: 0.1,
    });

    expect([cancelled, late]).toEqual([true, false]);
    expect(await store.messages.get(started.id)).toMatchObject({
      status: 'cancelled',
      content: 'You have',
      turns: [],
      usage: null,
    });
  });

  it('stores text Postgres would refuse instead of losing the answer', async () => {
    const { store } = database;
    const sessionId = await newSessionId();
    const started = await store.messages.startAssistantMessage(sessionId, GEMINI);
    await store.messages.recordToolCall(started.id, {
      id: 'call_nul',
      name: 'read',
      arguments: { q: 'a\u0000b' },
      result: 'lone \ud800 surrogate',
      outcome: 'ok',
      durationMs: 1,
    });
    const closed = await store.messages.completeAssistantMessage(started.id, {
      status: 'failed',
      content: 'part\u0000ial',
      turns: [{ role: 'model', parts: [{ text: 'x\u0000y' }] }],
      usage: null,
      costUsd: null,
      error: 'The model is unavailable.',
    });

    expect(closed).toBe(true);
    const answer = await store.messages.get(started.id);
    expect(answer).toMatchObject({
      status: 'failed',
      content: 'part\uFFFDial',
      error: 'The model is unavailable.',
    });
    expect(answer?.toolCalls[0]?.result).toBe('lone \uFFFD surrogate');
  });

  it('lists messages oldest first with their tool calls; a limit keeps the newest', async () => {
    const { store } = database;
    const sessionId = await newSessionId();
    const contents: string[] = [];
    for (let turn = 1; turn <= 3; turn += 1) {
      await store.messages.appendUserMessage(sessionId, `question ${String(turn)}`);
      const answer = await store.messages.startAssistantMessage(sessionId, GEMINI);
      await store.messages.recordToolCall(answer.id, {
        id: `call_${String(turn)}`,
        name: 'list_bases',
        arguments: {},
        result: null,
        outcome: 'timeout',
        durationMs: 30_000,
      });
      await store.messages.completeAssistantMessage(answer.id, {
        status: 'complete',
        content: `answer ${String(turn)}`,
        turns: [],
        usage: null,
        costUsd: null,
      });
      contents.push(`question ${String(turn)}`, `answer ${String(turn)}`);
    }

    const all = await store.messages.list(sessionId);
    expect(all.map((message) => message.content)).toEqual(contents);
    expect(all.map((message) => message.toolCalls.map((call) => call.id))).toEqual([
      [],
      ['call_1'],
      [],
      ['call_2'],
      [],
      ['call_3'],
    ]);
    expect(all[1]?.toolCalls[0]).toMatchObject({ result: null, outcome: 'timeout' });

    const newest = await store.messages.list(sessionId, { limit: 3 });
    expect(newest.map((message) => message.content)).toEqual([
      'answer 2',
      'question 3',
      'answer 3',
    ]);
    expect(await store.messages.list(sessionId, { limit: 0 })).toEqual([]);
  });

  it('fails answers left streaming by a process that died, and only those', async () => {
    const { store, pool } = database;
    const sessionId = await newSessionId();
    const abandoned = await store.messages.startAssistantMessage(sessionId, GEMINI);
    const running = await store.messages.startAssistantMessage(sessionId, GEMINI);
    const finished = await store.messages.startAssistantMessage(sessionId, GEMINI);
    await store.messages.completeAssistantMessage(finished.id, {
      status: 'complete',
      content: 'done',
      turns: [],
      usage: null,
      costUsd: null,
    });
    // Age two of them as if they had been started two hours ago.
    await pool.query(
      `update chat_messages set created_at = now() - interval '2 hours' where id = any($1)`,
      [[abandoned.id, finished.id]],
    );

    const failed = await store.messages.failAbandoned(new Date(Date.now() - 60 * 60_000));

    expect(failed).toBe(1);
    expect(await store.messages.get(abandoned.id)).toMatchObject({
      status: 'failed',
      error: ABANDONED_MESSAGE_ERROR,
    });
    expect((await store.messages.get(running.id))?.status).toBe('streaming');
    expect((await store.messages.get(finished.id))?.status).toBe('complete');
    // Once failed, the late completion of the dead process's answer changes nothing.
    expect(
      await store.messages.completeAssistantMessage(abandoned.id, {
        status: 'complete',
        content: 'too late',
        turns: [],
        usage: null,
        costUsd: null,
      }),
    ).toBe(false);
  });
});
