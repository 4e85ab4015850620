import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { LlmError } from './llm-types.ts';
import type { LlmProvider, LlmRequest, LlmStreamEvent } from './llm-types.ts';

/** How generations went, per provider and model. */
export interface LlmMetrics {
  /** Outcome: `ok`, a failure kind (`rate-limited`, `timeout`…), `error`, or `abandoned`. */
  readonly requestDuration: Histogram<'provider' | 'model' | 'outcome'>;
  readonly timeToFirstToken: Histogram<'provider' | 'model'>;
  /** Kind: `prompt`, `output` or `thoughts`. */
  readonly tokens: Counter<'provider' | 'model' | 'kind'>;
}

type Labels = Record<'provider' | 'model', string>;

/**
 * The LLM metrics on `registry`. Metrics already there are reused, so building a second app
 * or provider on the same registry (tests, a provider per workspace setting) does not fail
 * with prom-client's "already registered".
 */
export function createLlmMetrics(registry: Registry): LlmMetrics {
  const registers = [registry];
  return {
    requestDuration: reuse(
      registry,
      'chat_llm_request_duration_seconds',
      Histogram,
      (name) =>
        new Histogram({
          name,
          help: 'One generation, from the request to its last event, by outcome.',
          labelNames: ['provider', 'model', 'outcome'],
          buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120],
          registers,
        }),
    ),
    timeToFirstToken: reuse(
      registry,
      'chat_llm_time_to_first_token_seconds',
      Histogram,
      (name) =>
        new Histogram({
          name,
          help: 'From the request to the first streamed output (text, or the turn for tool calls).',
          labelNames: ['provider', 'model'],
          buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
          registers,
        }),
    ),
    tokens: reuse(
      registry,
      'chat_llm_tokens_total',
      Counter,
      (name) =>
        new Counter({
          name,
          help: 'Tokens generations used, by kind: prompt, output, thoughts.',
          labelNames: ['provider', 'model', 'kind'],
          registers,
        }),
    ),
  };
}

function reuse<Metric, Typed extends Metric>(
  registry: Registry,
  name: string,
  kind: abstract new (...args: never[]) => Metric,
  create: (name: string) => Typed,
): Typed {
  const existing: unknown = registry.getSingleMetric(name);
  if (existing === undefined) return create(name);
  if (!(existing instanceof kind))
    throw new TypeError(`Metric ${name} is registered with another type`);
  // Same name and type: the labels are ours, since only this module creates these metrics.
  return existing as Typed;
}

/** `provider` observed: duration and outcome of each generation, first-token latency, tokens. */
export function instrumentProvider(provider: LlmProvider, metrics: LlmMetrics): LlmProvider {
  return {
    name: provider.name,
    stream: (request) => observed(provider, request, metrics),
  };
}

async function* observed(
  provider: LlmProvider,
  request: LlmRequest,
  metrics: LlmMetrics,
): AsyncGenerator<LlmStreamEvent, void, undefined> {
  const labels: Labels = { provider: provider.name, model: request.model };
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  let outcome = 'abandoned';
  let first = true;
  try {
    for await (const event of provider.stream(request)) {
      if (first) metrics.timeToFirstToken.observe(labels, elapsed());
      first = false;
      if (event.type === 'done') {
        outcome = 'ok';
        metrics.tokens.inc({ ...labels, kind: 'prompt' }, event.usage.promptTokens);
        metrics.tokens.inc({ ...labels, kind: 'output' }, event.usage.outputTokens);
        metrics.tokens.inc({ ...labels, kind: 'thoughts' }, event.usage.thoughtsTokens);
      }
      yield event;
    }
  } catch (error) {
    outcome = error instanceof LlmError ? error.failure : 'error';
    throw error;
  } finally {
    metrics.requestDuration.observe({ ...labels, outcome }, elapsed());
  }
}
