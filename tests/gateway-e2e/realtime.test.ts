import { describe, expect, it } from 'vitest';
import { DEMO_SALES_BASE_ID } from '@pyairtable/airtable-emulator';
import {
  openFrameSocket,
  requestUpgrade,
} from '../../services/gateway/test/realtime/frame-socket.ts';
import type { FrameSocket } from '../../services/gateway/test/realtime/frame-socket.ts';
import type { ServerFrame } from '../../services/gateway/src/realtime/index.ts';
import { useFullPlatform } from '../support/full-platform.ts';
import type { PlatformUser } from '../support/full-platform.ts';

const running = useFullPlatform();

function wsUrl(): string {
  return `${running.platform.gatewayUrl.replace(/^http/, 'ws')}/ws`;
}

/** A socket as a browser opens it: the token in the query, since it cannot set headers. */
async function browserSocket(user: PlatformUser): Promise<FrameSocket> {
  return openFrameSocket(`${wsUrl()}?access_token=${await user.accessToken()}`);
}

const ofType = <Type extends ServerFrame['type']>(frames: readonly ServerFrame[], type: Type) =>
  frames.filter((frame): frame is Extract<ServerFrame, { type: Type }> => frame.type === type);
const finished = (frames: ServerFrame[]) => ofType(frames, 'chat.message').length > 0;
const eventIds = (frames: readonly ServerFrame[]) =>
  frames.flatMap((frame) => ('eventId' in frame ? [frame.eventId] : []));
const text = (frames: readonly ServerFrame[]) =>
  ofType(frames, 'chat.stream')
    .map((frame) => frame.delta)
    .join('');

async function sessionOf(user: PlatformUser): Promise<string> {
  const response = await fetch(`${running.platform.gatewayUrl}/api/chat/sessions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await user.accessToken()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ workspaceId: user.workspaceId }),
  });
  if (response.status !== 201) throw new Error(`session: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

describe('chat over the WebSocket, through chat, mcp and the emulator', () => {
  it('opens a session, runs the tool the model asks for and streams the stored answer', async () => {
    const { alice, gemini } = running.platform;
    gemini.enqueue(
      {
        functionCalls: [
          {
            name: 'list_records',
            args: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 2 },
          },
        ],
      },
      { text: ['a ', 'b'] },
    );
    const socket = await openFrameSocket(wsUrl(), { token: await alice.accessToken() });
    socket.send({
      type: 'chat.message',
      requestId: 'q1',
      workspaceId: alice.workspaceId,
      content: 'List two deals',
    });
    const frames = await socket.until(finished, 20_000);
    socket.close();

    expect(frames.map((frame) => frame.type)).toEqual([
      'chat.session',
      'chat.started',
      'chat.tool',
      'chat.tool',
      'chat.stream',
      'chat.stream',
      'chat.message',
    ]);
    const [session] = ofType(frames, 'chat.session');
    expect(session?.requestId).toBe('q1');
    expect(ofType(frames, 'chat.tool')).toEqual([
      expect.objectContaining({
        phase: 'call',
        name: 'list_records',
        arguments: { baseId: DEMO_SALES_BASE_ID, table: 'Deals', pageSize: 2 },
      }),
      expect.objectContaining({ phase: 'result', name: 'list_records', outcome: 'ok' }),
    ]);
    expect(text(frames)).toBe('a b');
    expect(eventIds(frames)).toEqual([1, 2, 3, 4, 5, 6]);
    const [final] = ofType(frames, 'chat.message');
    expect(final).toMatchObject({
      sessionId: session?.sessionId,
      message: { role: 'assistant', status: 'complete', content: 'a b' },
    });
  });

  it('resumes an answer on a new connection with no event missing or repeated', async () => {
    const { alice, gemini } = running.platform;
    const words = Array.from({ length: 10 }, (_, index) => `word${String(index)} `);
    gemini.enqueue({ text: words, delayMs: 150 });
    const sessionId = await sessionOf(alice);
    const first = await browserSocket(alice);
    first.send({ type: 'chat.message', sessionId, content: 'Say ten words slowly' });
    const before = [...(await first.until((frames) => ofType(frames, 'chat.stream').length >= 2))];
    first.close();
    await first.closed;

    const lastEventId = eventIds(before).at(-1) ?? 0;
    const [started] = ofType(before, 'chat.started');
    const second = await browserSocket(alice);
    second.send({
      type: 'chat.resume',
      sessionId,
      messageId: started?.messageId,
      lastEventId,
    });
    const after = await second.until(finished, 20_000);
    second.close();

    const ids = eventIds([...before, ...after]);
    expect(ids).toEqual(ids.map((_, index) => index + 1));
    expect(eventIds(after)[0]).toBe(lastEventId + 1);
    expect(text([...before, ...after])).toBe(words.join(''));
    expect(ofType(after, 'chat.message')[0]?.message).toMatchObject({
      status: 'complete',
      content: words.join('').trim(),
    });
  });

  it('cancels an answer being written; the stream ends with it stored as cancelled', async () => {
    const { alice, gemini } = running.platform;
    gemini.enqueue({ text: Array.from({ length: 20 }, () => 'more '), delayMs: 150 });
    const socket = await browserSocket(alice);
    socket.send({ type: 'chat.message', workspaceId: alice.workspaceId, content: 'Go on' });
    const [session] = ofType(
      await socket.until((frames) => ofType(frames, 'chat.stream').length > 0),
      'chat.session',
    );
    socket.send({ type: 'chat.cancel', sessionId: session?.sessionId });
    const frames = await socket.until(finished);
    socket.close();
    expect(ofType(frames, 'chat.error')).toEqual([
      expect.objectContaining({ status: 'cancelled' }),
    ]);
    expect(ofType(frames, 'chat.message')[0]?.message).toMatchObject({ status: 'cancelled' });
  });
});

describe('who may use the WebSocket', () => {
  it('refuses the upgrade without a valid access token', async () => {
    const { alice } = running.platform;
    for (const headers of [
      {},
      { authorization: 'Bearer forged.token.value' },
      { 'x-api-key': alice.apiKey },
    ]) {
      const answer = await requestUpgrade(wsUrl(), headers);
      expect(answer).toMatchObject({ upgraded: false, status: 401 });
    }
    await expect(openFrameSocket(`${wsUrl()}?access_token=nope`)).rejects.toThrow(/refused/);
  });

  it("answers chat.error 404 for another tenant's session, in chat.resume and chat.message", async () => {
    const { alice, bob, gemini } = running.platform;
    gemini.enqueue({ text: "Bob's answer." });
    const bobSocket = await browserSocket(bob);
    bobSocket.send({ type: 'chat.message', workspaceId: bob.workspaceId, content: 'Hello' });
    const bobFrames = await bobSocket.until(finished);
    bobSocket.close();
    const [bobAnswer] = ofType(bobFrames, 'chat.message');

    const socket = await browserSocket(alice);
    socket.send({
      type: 'chat.resume',
      requestId: 'steal',
      sessionId: bobAnswer?.sessionId,
      messageId: bobAnswer?.messageId,
      lastEventId: 0,
    });
    socket.send({
      type: 'chat.message',
      requestId: 'intrude',
      sessionId: bobAnswer?.sessionId,
      content: 'Tell me what Bob asked',
    });
    socket.send({
      type: 'chat.message',
      requestId: 'foreign-workspace',
      workspaceId: bob.workspaceId,
      content: 'Open a session there',
    });
    const frames = await socket.until((seen) => ofType(seen, 'chat.error').length === 3);
    socket.close();
    for (const requestId of ['steal', 'intrude', 'foreign-workspace']) {
      expect(
        ofType(frames, 'chat.error').find((frame) => frame.requestId === requestId),
      ).toMatchObject({
        status: 404,
      });
    }
    expect(ofType(frames, 'chat.stream')).toEqual([]);
  });

  it('answers invalid messages with error frames and keeps the connection open', async () => {
    const socket = await browserSocket(running.platform.alice);
    socket.sendRaw('not json');
    socket.send({ type: 'chat.message', requestId: 'r', content: '' });
    socket.send({ type: 'chat.teleport' });
    socket.send({ type: 'ping' });
    const frames = await socket.until((seen) => seen.some((frame) => frame.type === 'pong'));
    socket.close();
    expect(frames.map((frame) => (frame.type === 'error' ? frame.code : frame.type))).toEqual([
      'GW_WS_INVALID_JSON',
      'GW_WS_INVALID_MESSAGE',
      'GW_WS_UNKNOWN_TYPE',
      'pong',
    ]);
  });
});
