import { describe, expect, it } from 'vitest';
import { useChatDatabase, uniqueId } from './chat-database.ts';

const database = useChatDatabase();

function newSession(input: { userId: string; workspaceId: string; title?: string }) {
  return database.store.sessions.create({
    tenantId: 'ten_test',
    workspaceId: input.workspaceId,
    userId: input.userId,
    title: input.title ?? 'A question',
  });
}

describe('session repository', () => {
  it('creates a session and reads it back', async () => {
    const userId = uniqueId('usr');
    const created = await newSession({ userId, workspaceId: 'wsp_a', title: 'Sales by region' });

    expect(created.id).toMatch(/^ses_[0-9a-z]{16}$/);
    expect(created).toMatchObject({
      tenantId: 'ten_test',
      workspaceId: 'wsp_a',
      userId,
      title: 'Sales by region',
      lastMessageAt: null,
    });
    expect(await database.store.sessions.get(created.id)).toEqual(created);
    expect(await database.store.sessions.get('ses_missing')).toBeUndefined();
  });

  it('renames a session and marks it updated', async () => {
    const created = await newSession({ userId: uniqueId('usr'), workspaceId: 'wsp_a' });
    const renamed = await database.store.sessions.rename(created.id, 'Renamed');

    expect(renamed?.title).toBe('Renamed');
    expect(renamed?.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect((await database.store.sessions.get(created.id))?.title).toBe('Renamed');
    expect(await database.store.sessions.rename('ses_missing', 'x')).toBeUndefined();
  });

  it("lists one user's sessions in a workspace, most recently active first", async () => {
    const userId = uniqueId('usr');
    const oldest = await newSession({ userId, workspaceId: 'wsp_list', title: 'oldest' });
    await newSession({ userId, workspaceId: 'wsp_list', title: 'middle' });
    const newest = await newSession({ userId, workspaceId: 'wsp_list', title: 'newest' });
    await newSession({ userId, workspaceId: 'wsp_other' });
    await newSession({ userId: uniqueId('usr'), workspaceId: 'wsp_list' });

    // A message makes the oldest session the most recently active one.
    await database.store.messages.appendUserMessage(oldest.id, 'back to this one');

    const listed = await database.store.sessions.list({
      userId,
      workspaceId: 'wsp_list',
      limit: 10,
    });
    expect(listed.map((session) => session.title)).toEqual(['oldest', 'newest', 'middle']);
    expect(listed[0]?.lastMessageAt).toBeInstanceOf(Date);

    const limited = await database.store.sessions.list({
      userId,
      workspaceId: 'wsp_list',
      limit: 2,
    });
    expect(limited.map((session) => session.id)).toEqual([oldest.id, newest.id]);
  });

  it('refuses a limit SQL could not take', async () => {
    await expect(
      database.store.sessions.list({ userId: 'usr_x', workspaceId: 'wsp_x', limit: -1 }),
    ).rejects.toThrow(RangeError);
  });

  it('deletes a session with its messages and tool calls', async () => {
    const { store, pool } = database;
    const session = await newSession({ userId: uniqueId('usr'), workspaceId: 'wsp_a' });
    await store.messages.appendUserMessage(session.id, 'hello');
    const answer = await store.messages.startAssistantMessage(session.id, {
      model: 'gemini-2.5-flash',
      provider: 'gemini',
    });
    await store.messages.recordToolCall(answer.id, {
      id: 'call_1',
      name: 'list_bases',
      arguments: {},
      result: { bases: [] },
      outcome: 'ok',
      durationMs: 12,
    });

    expect(await store.sessions.delete(session.id)).toBe(true);
    expect(await store.sessions.get(session.id)).toBeUndefined();
    expect(await store.messages.list(session.id)).toEqual([]);
    const { rows } = await pool.query<{ count: string }>(
      'select count(*) as count from chat_tool_calls where message_id = $1',
      [answer.id],
    );
    expect(rows[0]?.count).toBe('0');
    expect(await store.sessions.delete(session.id)).toBe(false);
  });
});
