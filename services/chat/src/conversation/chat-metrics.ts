import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** What chat counts beyond HTTP: tool calls, cost, generations and streams in flight. */
export interface ChatMetrics {
  readonly toolCalls: Counter<'tool' | 'outcome'>;
  readonly toolDuration: Histogram<'tool'>;
  readonly costUsd: Counter<'provider' | 'model'>;
  /** The HPA's signal: answers being generated right now in this replica. */
  readonly generationsInFlight: Gauge;
  readonly openStreams: Gauge;
  readonly turnDuration: Histogram<'provider' | 'outcome'>;
}

/** Creates chat's metrics on `registry` (once per process). */
export function createChatMetrics(registry: Registry): ChatMetrics {
  const registers = [registry];
  return {
    toolCalls: new Counter({
      name: 'chat_tool_calls_total',
      help: 'Tool calls the model asked for, by tool and outcome (ok, error, timeout, refused).',
      labelNames: ['tool', 'outcome'],
      registers,
    }),
    toolDuration: new Histogram({
      name: 'chat_tool_call_duration_seconds',
      help: 'Time from a tool call to its result, as chat saw it.',
      labelNames: ['tool'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    costUsd: new Counter({
      name: 'chat_llm_cost_usd_total',
      help: 'Estimated LLM cost in US dollars.',
      labelNames: ['provider', 'model'],
      registers,
    }),
    generationsInFlight: new Gauge({
      name: 'chat_generations_in_flight',
      help: 'Answers being generated in this replica.',
      registers,
    }),
    openStreams: new Gauge({
      name: 'chat_open_streams',
      help: 'SSE connections open on this replica.',
      registers,
    }),
    turnDuration: new Histogram({
      name: 'chat_turn_duration_seconds',
      help: 'Time from a question to its final answer, tools included.',
      labelNames: ['provider', 'outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160],
      registers,
    }),
  };
}
