/**
 * Chat over SSE, as the web app speaks it: a user opens a session, asks a question with
 * `Accept: text/event-stream` and reads the answer's stream to its end; three questions per
 * session, then a new one. k6's HTTP client returns the stream once it has ended, so this
 * measures the whole turn (http_req_duration{endpoint:chat_sse_turn}) and checks the stream:
 * `message.started` first, the answer in `message.delta` events, `message.completed` (status
 * complete) last. Time to first token is measured over the WebSocket (chat-ws-flow.ts): the
 * SSE extension that would time events (xk6-sse) cannot be built here (k6/README.md).
 */
import { check } from 'k6';
import http from 'k6/http';
import { Trend } from 'k6/metrics';
import { CHAT_QUESTIONS } from '../lib/chat-questions.ts';
import { bearer, withJsonBody } from '../lib/gateway-auth.ts';
import { asObject, jsonBody, stringField } from '../lib/json-body.ts';
import { config, credentials } from '../lib/run-context.ts';
import type { RunData } from '../lib/run-setup.ts';
import type { WorkloadDefinition } from '../lib/script-options.ts';
import { parseSse } from '../lib/sse-events.ts';
import type { SseEvent } from '../lib/sse-events.ts';
import { pick, thinkTime } from '../lib/think-time.ts';
import { accessToken } from '../lib/vu-session.ts';

export const chatSseWorkload: WorkloadDefinition = {
  scenario: 'chat_sse',
  exec: 'chatSseFlow',
  vus: 4,
  needsAirtable: false,
  endpoints: {
    chat_session_create: { p95: 500, p99: 1000 },
    chat_sse_turn: { p95: 6000, p99: 9000 },
  },
};

/** `message.delta` events per answer: how finely the answer was streamed. */
const deltaEvents = new Trend('chat_sse_delta_events');

const QUESTIONS_PER_SESSION = 3;

// This VU's conversation (module state is per VU).
let session: { id: string; asked: number } | undefined;

function openSession(token: string, workspaceId: string): string | undefined {
  const response = http.post(
    `${config.baseUrl}/api/chat/sessions`,
    JSON.stringify({ workspaceId, title: 'k6 load (SSE)' }),
    { headers: withJsonBody(bearer(token)), tags: { endpoint: 'chat_session_create' } },
  );
  const id = stringField(jsonBody(response), 'id');
  check(response, { 'chat session: 201 with an id': (r) => r.status === 201 && id !== undefined });
  return id;
}

function completedStatus(events: readonly SseEvent[]): string | undefined {
  const last = events[events.length - 1];
  return last?.event === 'message.completed' ? stringField(last.data, 'status') : undefined;
}

function increasing(events: readonly SseEvent[]): boolean {
  return events.every(
    (event, index) =>
      event.id !== undefined && (index === 0 || event.id > (events[index - 1]?.id ?? Infinity)),
  );
}

/** One question in this VU's session, its answer read as SSE to the end. */
export function chatSseFlow(data: RunData): void {
  const token = accessToken(config.baseUrl, data, credentials);
  if (session === undefined || session.asked >= QUESTIONS_PER_SESSION) {
    const id = openSession(token, data.workspaceId);
    session = id === undefined ? undefined : { id, asked: 0 };
  }
  if (session === undefined) {
    thinkTime(1, 2);
    return;
  }
  session.asked += 1;
  const response = http.post(
    `${config.baseUrl}/api/chat/sessions/${session.id}/messages`,
    JSON.stringify({ content: pick(CHAT_QUESTIONS) }),
    {
      headers: { ...withJsonBody(bearer(token)), accept: 'text/event-stream' },
      tags: { endpoint: 'chat_sse_turn' },
      timeout: '120s',
    },
  );
  const events = typeof response.body === 'string' ? parseSse(response.body) : [];
  const deltas = events.filter((event) => event.event === 'message.delta');
  deltaEvents.add(deltas.length);
  check(response, {
    'chat SSE: 200 text/event-stream': (r) =>
      r.status === 200 && (r.headers['Content-Type'] ?? '').startsWith('text/event-stream'),
    'chat SSE: message.started first': () => events[0]?.event === 'message.started',
    'chat SSE: answer streamed as message.delta': () =>
      deltas.length > 0 &&
      deltas.every((event) => typeof asObject(event.data)?.['text'] === 'string'),
    'chat SSE: message.completed (complete) last': () => completedStatus(events) === 'complete',
    'chat SSE: event ids increase': () => increasing(events),
  });
  // A person reads the answer before asking the next question.
  thinkTime(2, 5);
}
