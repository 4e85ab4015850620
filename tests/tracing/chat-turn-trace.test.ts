import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSse } from '../chat-e2e/chat-platform.ts';
import type { ReceivedSpan } from './decode-otlp-traces.ts';
import { DEMO_SALES_BASE_ID, useTracedPlatform } from './traced-platform.ts';
import type { TracedPlatform } from './traced-platform.ts';

const running = useTracedPlatform();
const QUESTION = 'Show me three deals';
const ONE_MS = 1_000_000n;

describe('one chat turn through the deployed services', () => {
  it.each([
    { mode: 'streamed as the web app asks for it', streamed: true },
    { mode: 'answered whole', streamed: false },
  ])(
    'is one trace from the gateway through chat, the model and mcp to Airtable ($mode)',
    async ({ streamed }) => {
      const { platform } = running;
      const turn = await askOneQuestion(platform, streamed);
      const { spans } = turn;

      const root = only(spans, (span) => span.service === 'gateway' && span.parentSpanId === '');
      expect(root).toMatchObject({ kind: 'server' });
      expect(root.attributes['url.path']).toBe(`/api/chat/sessions/${turn.sessionId}/messages`);
      const strays = spans.filter((span) => span.traceId !== root.traceId);
      expect(strays.map((span) => `${span.service}: ${span.name}`)).toEqual([]);
      expect(new Set(spans.map((span) => span.service))).toEqual(
        new Set(['gateway', 'chat', 'mcp']),
      );

      // The path from the user's request down to the request mcp made to Airtable, by parent links.
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      // The tool reads the base's schema too; the records request is the one under the base's path.
      const airtableRequest = only(
        spans,
        (span) =>
          span.kind === 'client' &&
          target(platform, span) === 'airtable' &&
          String(span.attributes['url.path']).startsWith(`/v0/${DEMO_SALES_BASE_ID}/`),
      );
      const path = ancestry(airtableRequest, byId).filter(isHopOrOperation);
      expect(path.map((span) => describeStep(platform, span))).toEqual([
        `gateway ← POST /api/chat/sessions/${turn.sessionId}/messages`,
        'gateway → chat',
        `chat ← POST /api/chat/sessions/${turn.sessionId}/messages`,
        'chat: invoke_agent pyairtable-chat',
        'chat: execute_tool list_records',
        'chat → mcp',
        'mcp ← POST /mcp',
        'mcp: tools/call list_records',
        'mcp → airtable',
      ]);

      // The model calls: children of the turn, each around its HTTP request to the model, the
      // first (which asked for the tool) before the tool call and the second (the answer) after.
      const agent = only(spans, (span) => span.name === 'invoke_agent pyairtable-chat');
      const tool = only(spans, (span) => span.name === 'execute_tool list_records');
      const modelCalls = spans
        .filter((span) => span.attributes['gen_ai.operation.name'] === 'generate_content')
        .sort((a, b) => Number(a.startTimeUnixNano - b.startTimeUnixNano));
      expect(modelCalls.map((span) => span.name)).toEqual([
        'generate_content gemini-2.5-flash',
        'generate_content gemini-2.5-flash',
      ]);
      const [asksForTool, answers] = modelCalls as [ReceivedSpan, ReceivedSpan];
      for (const call of modelCalls) {
        expect(call).toMatchObject({ kind: 'client', parentSpanId: agent.spanId });
        expect(call.attributes['gen_ai.provider.name']).toBe('gcp.gemini');
        const http = spans.filter((span) => span.parentSpanId === call.spanId);
        expect(http.map((span) => target(platform, span))).toEqual(['gemini']);
      }
      expect(tool.parentSpanId).toBe(agent.spanId);
      // The SDK takes start times from Date.now() (whole milliseconds) and end times from the
      // monotonic clock, so a span that starts as another ends may seem to start up to 1 ms early.
      expect(asksForTool.endTimeUnixNano).toBeLessThanOrEqual(tool.startTimeUnixNano + ONE_MS);
      expect(tool.endTimeUnixNano).toBeLessThanOrEqual(answers.startTimeUnixNano + ONE_MS);
      expect(answers.attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 8,
        'gen_ai.response.finish_reasons': ['STOP'],
      });
    },
  );

  it('stamps every log line the services wrote during the turn with its trace id', async () => {
    const { platform } = running;
    const turn = await askOneQuestion(platform, true);
    const traceId = only(
      turn.spans,
      (span) => span.service === 'gateway' && span.parentSpanId === '',
    ).traceId;

    const lines = await platform.logLinesSince(turn.logPosition);
    const parsed = lines.map((line) => ({
      service: line.service,
      entry: JSON.parse(line.text) as { traceId?: string; msg?: string },
    }));
    expect(new Set(parsed.map((line) => line.service))).toEqual(
      new Set(['gateway', 'chat', 'mcp']),
    );
    const unstamped = parsed.filter((line) => line.entry.traceId !== traceId);
    expect(unstamped.map((line) => `${line.service}: ${line.entry.msg ?? ''}`)).toEqual([]);
  });
});

interface AskedTurn {
  readonly sessionId: string;
  /** The spans exported while the question was answered, and only those. */
  readonly spans: readonly ReceivedSpan[];
  /** Where the services' logs ended just before the question. */
  readonly logPosition: Awaited<ReturnType<TracedPlatform['logPosition']>>;
}

/**
 * Signs in, opens a session, lets every span and log line of that settle, then asks one
 * question through the gateway, `streamed` as the web app asks (SSE) or for the whole answer;
 * the Gemini double asks for `list_records`, then answers.
 */
async function askOneQuestion(platform: TracedPlatform, streamed: boolean): Promise<AskedTurn> {
  const headers = {
    authorization: `Bearer ${await platform.user.accessToken()}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${platform.gatewayUrl}/api/chat/sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ workspaceId: platform.user.workspaceId }),
  });
  expect(created.status).toBe(201);
  const sessionId = ((await created.json()) as { id: string }).id;
  platform.gemini.enqueue(
    {
      functionCalls: [
        {
          name: 'list_records',
          args: {
            baseId: DEMO_SALES_BASE_ID,
            table: 'Deals',
            pageSize: 3,
            // A query no earlier turn made, so mcp's cache cannot answer it without Airtable.
            filterByFormula: `RECORD_ID() != '${randomUUID()}'`,
          },
          id: 'call-1',
        },
      ],
    },
    { text: 'Here are three deals.', usage: { promptTokenCount: 120, candidatesTokenCount: 8 } },
  );
  // Whatever the set-up requests exported or logged is in before the turn starts, so from
  // here on the receiver and the logs hold the turn's spans and lines only.
  await platform.receiver.waitUntilQuiet(400, 10_000);
  const firstSpan = platform.receiver.spans.length;
  const logPosition = await platform.logPosition();

  const response = await fetch(`${platform.gatewayUrl}/api/chat/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: streamed ? { ...headers, accept: 'text/event-stream' } : headers,
    body: JSON.stringify({ content: QUESTION }),
  });
  expect(response.status).toBe(200);
  const answer = streamed
    ? parseSse(await response.text()).find((event) => event.event === 'message.completed')?.data
    : ((await response.json()) as { answer: unknown }).answer;
  expect(answer).toMatchObject({
    status: 'complete',
    toolCalls: [{ name: 'list_records', outcome: 'ok' }],
  });

  // The gateway's server span ends last; then every exporter has had its turn to send.
  await platform.receiver.waitFor(
    (all) =>
      all.slice(firstSpan).some((span) => span.service === 'gateway' && span.parentSpanId === ''),
    10_000,
  );
  await platform.receiver.waitUntilQuiet(500, 10_000);
  return { sessionId, spans: platform.receiver.spans.slice(firstSpan), logPosition };
}

/** The one span matching `predicate`; fails when there are none or several. */
function only(spans: readonly ReceivedSpan[], predicate: (span: ReceivedSpan) => boolean) {
  const found = spans.filter(predicate);
  expect(found, 'exactly one matching span').toHaveLength(1);
  return found[0] as ReceivedSpan;
}

/** `span` and its ancestors, root first. */
function ancestry(span: ReceivedSpan, byId: ReadonlyMap<string, ReceivedSpan>): ReceivedSpan[] {
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) {
    chain.unshift(parent);
  }
  return chain;
}

// A step worth naming in a path: a hop between processes, or one of our own operations. Left
// out: the web framework's spans for hooks and handlers.
function isHopOrOperation(span: ReceivedSpan): boolean {
  return (
    span.kind === 'server' ||
    span.kind === 'client' ||
    span.attributes['gen_ai.operation.name'] !== undefined
  );
}

function describeStep(platform: TracedPlatform, span: ReceivedSpan): string {
  if (span.kind === 'server') {
    return `${span.service} ← ${String(span.attributes['http.request.method'])} ${String(span.attributes['url.path'])}`;
  }
  if (span.kind === 'client') return `${span.service} → ${target(platform, span)}`;
  return `${span.service}: ${span.name}`;
}

/** Which of the platform's parts a client span called, by its URL's port. */
function target(platform: TracedPlatform, span: ReceivedSpan): string {
  const port = span.attributes['server.port'];
  const known = Object.entries(platform.ports).find(([, value]) => value === port);
  return known?.[0] ?? `port ${String(port)}`;
}
