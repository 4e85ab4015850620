import { createServiceTracer } from '@pyairtable/kit';
import type { Span, TracedSpanKind } from '@pyairtable/kit';
import { LlmError } from './llm-types.ts';
import type { LlmProvider, LlmProviderName, LlmStreamEvent } from './llm-types.ts';

const tracer = createServiceTracer('@pyairtable/chat');

/**
 * How each provider is described in OpenTelemetry's GenAI semantic conventions: the operation
 * (`generate_content` is Gemini's API, `chat` OpenAI's chat completions), the provider name
 * (a well-known value where one applies, our own otherwise) and the span kind (a call to a
 * remote model is a client span; the offline planner runs in this process).
 */
const DESCRIPTIONS: Readonly<
  Record<LlmProviderName, { operation: string; provider: string; kind: TracedSpanKind }>
> = {
  gemini: { operation: 'generate_content', provider: 'gcp.gemini', kind: 'client' },
  'openai-compatible': { operation: 'chat', provider: 'openai_compatible', kind: 'client' },
  offline: { operation: 'chat', provider: 'pyairtable.offline', kind: 'internal' },
};

/**
 * `provider` with a span around every generation, named `{operation} {model}` with `gen_ai.*`
 * attributes: model, temperature, token usage, finish reason, the model version that answered.
 * The provider's HTTP requests (retries included) are the span's children, so a trace shows
 * how long the model took apart from the tools; a failure's `error.type` is its LlmFailure.
 */
export function traceProvider(provider: LlmProvider): LlmProvider {
  const description = DESCRIPTIONS[provider.name];
  return {
    name: provider.name,
    stream: (request) =>
      tracer.iterateInSpan(
        `${description.operation} ${request.model}`,
        {
          kind: description.kind,
          attributes: {
            'gen_ai.operation.name': description.operation,
            'gen_ai.provider.name': description.provider,
            'gen_ai.request.model': request.model,
            ...(request.temperature === undefined
              ? {}
              : { 'gen_ai.request.temperature': request.temperature }),
          },
          errorType: (error) => (error instanceof LlmError ? error.failure : '_OTHER'),
        },
        (span) => recordOutcome(span, provider.stream(request)),
      ),
  };
}

async function* recordOutcome(
  span: Span,
  events: AsyncIterable<LlmStreamEvent>,
): AsyncGenerator<LlmStreamEvent, void, undefined> {
  for await (const event of events) {
    if (event.type === 'done') {
      span.setAttributes({
        'gen_ai.usage.input_tokens': event.usage.promptTokens,
        'gen_ai.usage.output_tokens': event.usage.outputTokens,
        'gen_ai.usage.reasoning.output_tokens': event.usage.thoughtsTokens,
        ...(event.finishReason === undefined
          ? {}
          : { 'gen_ai.response.finish_reasons': [event.finishReason] }),
        ...(event.modelVersion === undefined
          ? {}
          : { 'gen_ai.response.model': event.modelVersion }),
      });
    }
    yield event;
  }
}
