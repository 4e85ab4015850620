import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findFreePort } from '@pyairtable/kit';
import type { ServerFrame } from '../../src/realtime/index.ts';
import { ANSWER_ID, answerEvents, startFakeChat } from './fake-chat.ts';
import type { FakeChat } from './fake-chat.ts';
import { openFrameSocket, requestUpgrade } from './frame-socket.ts';
import { createTokenSigner, startRealtimeGateway } from './realtime-harness.ts';
import type { RealtimeGateway, TokenSigner } from './realtime-harness.ts';

let chat: FakeChat;
let signer: TokenSigner;
let gateway: RealtimeGateway;
let clock = Date.now();

beforeAll(async () => {
  chat = await startFakeChat();
  signer = await createTokenSigner();
  gateway = await startRealtimeGateway(chat.url, signer, {
    pingIntervalMs: 100,
    now: () => clock,
    maxStreamsPerConnection: 2,
  });
});
afterAll(async () => {
  await gateway.close();
  await chat.close();
});
beforeEach(() => {
  clock = Date.now();
  chat.events = answerEvents('ses_1', ['Hello ', 'there']);
  chat.delayMs = 0;
  chat.cutAfter = undefined;
  chat.status = 'complete';
});

const isLast = (frames: ServerFrame[]) => frames.some((frame) => frame.type === 'chat.message');
const ofType = <Type extends ServerFrame['type']>(frames: ServerFrame[], type: Type) =>
  frames.filter((frame): frame is Extract<ServerFrame, { type: Type }> => frame.type === type);

async function connect() {
  return openFrameSocket(gateway.wsUrl, { token: await signer.sign('usr_active') });
}

async function gaugeValue(): Promise<number | undefined> {
  const metric = await gateway.app.metrics.getSingleMetric('gateway_websocket_connections')?.get();
  return metric?.values[0]?.value;
}

describe('the /ws upgrade', () => {
  it('is refused with a 401 problem before it completes, without a usable token', async () => {
    const refusals = [
      await requestUpgrade(gateway.wsUrl),
      await requestUpgrade(gateway.wsUrl, { authorization: 'Bearer not-a-jwt' }),
      await requestUpgrade(`${gateway.wsUrl}?access_token=${await signer.sign('usr_active', -60)}`),
      await requestUpgrade(gateway.wsUrl, {
        authorization: `Bearer ${await signer.sign('usr_disabled')}`,
      }),
    ];
    for (const answer of refusals) {
      expect(answer).toMatchObject({ upgraded: false, status: 401 });
      if (answer.upgraded) continue;
      expect(answer.contentType).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'GW_UNAUTHENTICATED' });
    }
    const expired = refusals[2];
    expect(expired?.upgraded === false && expired.body).toContain('expired');
  });

  it('accepts the token in the Authorization header or in ?access_token=', async () => {
    const token = await signer.sign('usr_active');
    const byQuery = await openFrameSocket(`${gateway.wsUrl}?access_token=${token}`);
    const byHeader = await openFrameSocket(gateway.wsUrl, { token });
    for (const socket of [byQuery, byHeader]) {
      socket.send({ type: 'ping' });
      await socket.until((frames) => frames.some((frame) => frame.type === 'pong'));
      socket.close();
    }
  });
});

describe('chat over /ws', () => {
  it('opens a session for a workspace and relays the answer with its event ids', async () => {
    chat.events = answerEvents('ses_new', ['Hello ', 'there']);
    const token = await signer.sign('usr_active');
    const socket = await openFrameSocket(gateway.wsUrl, { token });
    socket.send({ type: 'chat.message', requestId: 'r1', workspaceId: 'wsp_1', content: 'Hi' });
    const frames = await socket.until(isLast);
    expect(frames.map((frame) => frame.type)).toEqual([
      'chat.session',
      'chat.started',
      'chat.stream',
      'chat.stream',
      'chat.message',
    ]);
    expect(frames[0]).toEqual({ type: 'chat.session', requestId: 'r1', sessionId: 'ses_new' });
    expect(frames[1]).toMatchObject({ requestId: 'r1', messageId: ANSWER_ID, eventId: 1 });
    expect(ofType(frames, 'chat.stream').map((frame) => [frame.eventId, frame.delta])).toEqual([
      [2, 'Hello '],
      [3, 'there'],
    ]);
    expect(frames[4]).toMatchObject({
      sessionId: 'ses_new',
      messageId: ANSWER_ID,
      eventId: 4,
      message: { status: 'complete' },
    });
    const asked = chat.requests.find((request) => request.url.endsWith('/messages'));
    expect(asked?.headers.authorization).toBe(`Bearer ${token}`);
    expect(asked?.headers.accept).toBe('text/event-stream');
    socket.close();
  });

  it("passes chat's refusal on as chat.error, e.g. 404 for a session that is not yours", async () => {
    const socket = await connect();
    socket.send({ type: 'chat.resume', sessionId: 'ses_other', messageId: 'm', lastEventId: 0 });
    socket.send({ type: 'chat.message', requestId: 'r2', sessionId: 'ses_other', content: 'Hi' });
    const frames = await socket.until((seen) => ofType(seen, 'chat.error').length === 2);
    for (const frame of ofType(frames, 'chat.error')) {
      expect(frame).toMatchObject({
        sessionId: 'ses_other',
        status: 404,
        code: 'CHAT_SESSION_NOT_FOUND',
      });
    }
    expect(ofType(frames, 'chat.error').some((frame) => frame.requestId === 'r2')).toBe(true);
    socket.close();
  });

  it('answers invalid messages with error frames and keeps the connection', async () => {
    const socket = await connect();
    socket.sendRaw('{oops');
    socket.sendRaw(new Uint8Array([1, 2, 3]));
    socket.send({ type: 'chat.message', requestId: 'r3', content: 'Where?' });
    socket.send({ type: 'ping' });
    const frames = await socket.until((seen) => seen.some((frame) => frame.type === 'pong'));
    expect(frames.map((frame) => (frame.type === 'error' ? frame.code : frame.type))).toEqual([
      'GW_WS_INVALID_JSON',
      'GW_WS_INVALID_JSON',
      'GW_WS_INVALID_MESSAGE',
      'pong',
    ]);
    expect(frames[2]).toMatchObject({ requestId: 'r3' });
    socket.close();
  });

  it('follows a limited number of answers per connection', async () => {
    chat.delayMs = 100;
    const socket = await connect();
    for (const requestId of ['a', 'b', 'c']) {
      socket.send({ type: 'chat.message', requestId, sessionId: 'ses_1', content: 'Hi' });
    }
    const frames = await socket.until((seen) => ofType(seen, 'chat.message').length === 2);
    expect(ofType(frames, 'error')).toEqual([
      expect.objectContaining({ code: 'GW_WS_TOO_MANY_STREAMS', requestId: 'c' }),
    ]);
    socket.close();
  });

  it('closes with 4401 at the first message after the token expired', async () => {
    const socket = await openFrameSocket(gateway.wsUrl, {
      token: await signer.sign('usr_active', 60),
    });
    socket.send({ type: 'ping' });
    await socket.until((frames) => frames.length === 1);
    clock = Date.now() + 61_000;
    socket.send({ type: 'ping' });
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('expired');
    expect(socket.frames).toEqual([{ type: 'pong' }]);
  });
});

describe('dropped connections', () => {
  it('resumes an answer after a reconnect with exactly the events not seen', async () => {
    chat.events = answerEvents('ses_1', ['one ', 'two ', 'three ', 'four ', 'five']);
    chat.delayMs = 60;
    const first = await connect();
    first.send({ type: 'chat.message', sessionId: 'ses_1', content: 'Count' });
    const before = await first.until((frames) => ofType(frames, 'chat.stream').length === 2);
    first.close();
    await first.closed;
    const last = ofType(before, 'chat.stream').at(-1);
    const second = await connect();
    second.send({
      type: 'chat.resume',
      sessionId: 'ses_1',
      messageId: ANSWER_ID,
      lastEventId: last?.eventId ?? 0,
    });
    const after = await second.until(isLast);
    const ids = [...before, ...after].flatMap((frame) =>
      'eventId' in frame ? [frame.eventId] : [],
    );
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const text = ofType([...before, ...after], 'chat.stream')
      .map((frame) => frame.delta)
      .join('');
    expect(text).toBe('one two three four five');
    second.close();
  });

  it('aborts the upstream stream when the client goes away', async () => {
    chat.events = answerEvents('ses_1', ['a', 'b', 'c', 'd', 'e', 'f']);
    chat.delayMs = 80;
    const abandoned = chat.abandoned;
    const socket = await connect();
    socket.send({ type: 'chat.message', sessionId: 'ses_1', content: 'Go' });
    await socket.until((frames) => ofType(frames, 'chat.stream').length === 1);
    socket.close();
    await expect.poll(() => chat.abandoned, { timeout: 2_000 }).toBe(abandoned + 1);
  });

  it('tells the client to resume when chat cuts the stream off mid-answer', async () => {
    chat.cutAfter = 2;
    chat.status = 'streaming';
    const socket = await connect();
    socket.send({ type: 'chat.message', sessionId: 'ses_1', content: 'Hi' });
    const frames = await socket.until((seen) => seen.some((frame) => frame.type === 'chat.error'));
    expect(ofType(frames, 'chat.error')[0]).toMatchObject({
      status: 502,
      code: 'GW_WS_STREAM_INTERRUPTED',
      messageId: ANSWER_ID,
    });
    socket.send({ type: 'chat.resume', sessionId: 'ses_1', messageId: ANSWER_ID, lastEventId: 2 });
    const resumed = await socket.until(isLast);
    expect(ofType(resumed, 'chat.stream').map((frame) => frame.delta)).toEqual(['Hello ', 'there']);
    socket.close();
  });

  it('ends with the stored message when the stream is already gone', async () => {
    chat.events = [];
    const socket = await connect();
    socket.send({ type: 'chat.resume', sessionId: 'ses_1', messageId: ANSWER_ID, lastEventId: 9 });
    const [frame] = await socket.until(isLast);
    expect(frame).toEqual({
      type: 'chat.message',
      sessionId: 'ses_1',
      messageId: ANSWER_ID,
      message: { id: ANSWER_ID, status: 'complete' },
    });
    socket.close();
  });
});

describe('liveness', () => {
  it('keeps answering clients connected and counts them', async () => {
    const socket = await connect();
    await delay(350);
    expect(await gaugeValue()).toBe(1);
    socket.send({ type: 'ping' });
    await socket.until((frames) => frames.some((frame) => frame.type === 'pong'));
    socket.close();
    await socket.closed;
    await expect.poll(gaugeValue).toBe(0);
  });

  it('pings and terminates a client that stops answering with pongs', async () => {
    const answer = await requestUpgrade(gateway.wsUrl, {
      authorization: `Bearer ${await signer.sign('usr_active')}`,
    });
    if (!answer.upgraded) throw new Error(`not upgraded: ${String(answer.status)}`);
    const opcodes: number[] = [];
    answer.socket.on('data', (bytes: Buffer) => opcodes.push((bytes[0] ?? 0) & 0x0f));
    const started = Date.now();
    await new Promise((resolve) => answer.socket.once('close', resolve));
    expect(opcodes).toContain(0x9);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('chat being down', () => {
  it('answers chat.error 502 and goes on serving', async () => {
    const down = await startRealtimeGateway(
      `http://127.0.0.1:${String(await findFreePort())}`,
      signer,
    );
    try {
      const socket = await openFrameSocket(down.wsUrl, { token: await signer.sign('usr_active') });
      socket.send({ type: 'chat.message', requestId: 'r4', workspaceId: 'wsp_1', content: 'Hi' });
      const [error] = await socket.until((frames) => frames.length === 1);
      expect(error).toMatchObject({
        type: 'chat.error',
        requestId: 'r4',
        status: 502,
        code: 'GW_UPSTREAM_UNREACHABLE',
      });
      expect(error?.type === 'chat.error' && error.message).toContain('chat service');
      socket.send({ type: 'ping' });
      await socket.until((frames) => frames.at(-1)?.type === 'pong');
      socket.close();
    } finally {
      await down.close();
    }
  });
});

describe('shutdown', () => {
  it('closes connections with 1001 so clients reconnect elsewhere and resume', async () => {
    chat.delayMs = 100;
    const own = await startRealtimeGateway(chat.url, signer);
    const socket = await openFrameSocket(own.wsUrl, { token: await signer.sign('usr_active') });
    socket.send({ type: 'chat.message', sessionId: 'ses_1', content: 'Hi' });
    await socket.until((frames) => frames.some((frame) => frame.type === 'chat.started'));
    const started = Date.now();
    await own.close();
    const closed = await socket.closed;
    expect(closed.code).toBe(1001);
    expect(closed.reason).toContain('resume');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
