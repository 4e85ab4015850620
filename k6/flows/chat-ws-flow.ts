/**
 * Chat over the gateway's WebSocket (`/ws`, k6/websockets): frames arrive as the answer is
 * written, so this is where streaming is timed. Per connection a user asks two questions in
 * one session (the first opens it with `workspaceId`), pausing between them. Per answer:
 * - chat_ws_time_to_first_token: question sent → first `chat.stream` frame (the model's
 *   latency, the tool calls it made first, and every hop in between);
 * - chat_ws_tokens_per_second: the answer's tokens after the first frame over the time from
 *   first to last frame (4 characters a token, as chat counts them), i.e. streaming speed;
 * - chat_ws_turn_duration: question sent → final `chat.message`.
 */
import { check } from 'k6';
import { Rate, Trend } from 'k6/metrics';
import { clearTimeout, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';
import type { MessageEvent } from 'k6/websockets';
import { CHARS_PER_TOKEN, CHAT_QUESTIONS } from '../lib/chat-questions.ts';
import { asObject, parseJson, stringField } from '../lib/json-body.ts';
import { config, credentials } from '../lib/run-context.ts';
import type { RunData } from '../lib/run-setup.ts';
import type { WorkloadDefinition } from '../lib/script-options.ts';
import { pick } from '../lib/think-time.ts';
import { accessToken } from '../lib/vu-session.ts';

export const chatWsWorkload: WorkloadDefinition = {
  scenario: 'chat_ws',
  exec: 'chatWsFlow',
  vus: 4,
  needsAirtable: false,
  endpoints: {},
  trends: {
    chat_ws_time_to_first_token: { p95: 4000, p99: 6000 },
    chat_ws_turn_duration: { p95: 6000, p99: 9000 },
    'ws_connecting{endpoint:chat_ws}': { p95: 300, p99: 600 },
  },
  extra: {
    // The launcher streams ~150 tokens/s (12 characters every 20 ms); far below means
    // something between chat and the client holds frames back.
    chat_ws_tokens_per_second: ['med>30'],
  },
};

const timeToFirstToken = new Trend('chat_ws_time_to_first_token', true);
const tokensPerSecond = new Trend('chat_ws_tokens_per_second');
const turnDuration = new Trend('chat_ws_turn_duration', true);
const answersComplete = new Rate('chat_ws_answers_complete');

const QUESTIONS_PER_CONNECTION = 2;
/** Longest a connection may stay open; an answer not done by then counts as failed. */
const CONNECTION_DEADLINE_MS = 90_000;

/** The answer being streamed. */
interface Turn {
  readonly sentAt: number;
  firstAt: number | undefined;
  lastAt: number;
  firstChars: number;
  chars: number;
}

function webSocketUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/ws`;
}

function record(turn: Turn, finishedAt: number, status: string | undefined): void {
  turnDuration.add(finishedAt - turn.sentAt);
  answersComplete.add(status === 'complete');
  if (turn.firstAt === undefined) return;
  timeToFirstToken.add(turn.firstAt - turn.sentAt);
  const streamingMs = turn.lastAt - turn.firstAt;
  if (streamingMs > 0) {
    tokensPerSecond.add((turn.chars - turn.firstChars) / CHARS_PER_TOKEN / (streamingMs / 1000));
  }
}

/** One connection: two questions, each answer timed as it streams. */
export function chatWsFlow(data: RunData): void {
  const token = accessToken(config.baseUrl, data, credentials);
  const socket = new WebSocket(webSocketUrl(config.baseUrl), null, {
    headers: { authorization: `Bearer ${token}` },
    tags: { endpoint: 'chat_ws' },
  });
  let sessionId: string | undefined;
  let turn: Turn | undefined;
  let asked = 0;

  const deadline = setTimeout(() => {
    check(null, { 'chat WS: answers within the deadline': () => false });
    socket.close();
  }, CONNECTION_DEADLINE_MS);

  const ask = (): void => {
    asked += 1;
    turn = { sentAt: Date.now(), firstAt: undefined, lastAt: 0, firstChars: 0, chars: 0 };
    socket.send(
      JSON.stringify({
        type: 'chat.message',
        requestId: `k6-${String(__VU)}-${String(__ITER)}-${String(asked)}`,
        ...(sessionId === undefined ? { workspaceId: data.workspaceId } : { sessionId }),
        content: pick(CHAT_QUESTIONS),
      }),
    );
  };

  const onFrame = (frame: unknown): void => {
    const type = stringField(frame, 'type');
    const now = Date.now();
    if (type === 'chat.session') {
      sessionId = stringField(frame, 'sessionId');
    } else if (type === 'chat.stream' && turn !== undefined) {
      const delta = stringField(frame, 'delta') ?? '';
      if (turn.firstAt === undefined) {
        turn.firstAt = now;
        turn.firstChars = delta.length;
      }
      turn.lastAt = now;
      turn.chars += delta.length;
    } else if (type === 'chat.message' && turn !== undefined) {
      const status = stringField(asObject(frame)?.['message'], 'status');
      record(turn, now, status);
      const streamed = turn.firstAt !== undefined;
      check(frame, {
        'chat WS: answer streamed in chat.stream frames': () => streamed,
        'chat WS: chat.message (complete) last': () => status === 'complete',
      });
      turn = undefined;
      if (asked < QUESTIONS_PER_CONNECTION) {
        // A person reads the answer before asking the next question.
        setTimeout(ask, 2000 + Math.random() * 3000);
      } else {
        socket.close();
      }
    } else if (type === 'chat.error' || type === 'error') {
      check(frame, { 'chat WS: no error frame': () => false });
      console.warn(`chat WS error frame: ${JSON.stringify(frame)}`);
      socket.close();
    }
  };

  socket.onopen = ask;
  socket.onmessage = (event?: MessageEvent) => {
    if (typeof event?.data === 'string') onFrame(parseJson(event.data));
  };
  socket.onerror = (event) => {
    check(event, { 'chat WS: no socket error': () => false });
    console.warn(`chat WS socket error: ${event?.error ?? 'unknown'}`);
  };
  socket.onclose = () => {
    clearTimeout(deadline);
  };
}
