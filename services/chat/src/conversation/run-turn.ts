import type { JsonValue } from '@pyairtable/kit';
import { LlmError } from '../llm/llm-types.ts';
import type { LlmContent, LlmProvider, LlmUsage } from '../llm/llm-types.ts';
import type { WorkspaceTools } from '../mcp/workspace-tools.ts';
import type {
  AssistantOutcome,
  MessageRepository,
  UsageRepository,
} from '../store/chat-repositories.ts';
import type { StreamEventName } from '../streaming/stream-buffer.ts';
import type { ChatMetrics } from './chat-metrics.ts';
import type { TurnSettings } from './model-settings.ts';
import { functionResponses, requestedCalls, runToolCalls } from './run-tool-calls.ts';
import { toolResultPreview } from './tool-result-preview.ts';
import { tokenCostUsd } from './token-cost.ts';

/** What a turn works with, besides its request. */
export interface TurnContext {
  readonly provider: LlmProvider;
  readonly tools: WorkspaceTools;
  readonly messages: MessageRepository;
  readonly usage: UsageRepository;
  readonly metrics: ChatMetrics;
  readonly toolTimeoutMs: number;
  /** Sends one event to whoever follows the answer (the stream buffer). */
  readonly emit: (event: StreamEventName, data: JsonValue) => Promise<void>;
}

/** One question to answer. */
export interface TurnRequest {
  readonly tenantId: string;
  readonly assistantMessageId: string;
  readonly question: string;
  readonly history: readonly LlmContent[];
  readonly systemInstruction: string;
  readonly settings: TurnSettings;
  readonly signal: AbortSignal;
}

const NO_USAGE: LlmUsage = { promptTokens: 0, outputTokens: 0, thoughtsTokens: 0, totalTokens: 0 };

/**
 * The tool loop: ask the model; run the function calls it asks for (in parallel, each with a
 * timeout) and send the results back; repeat until it answers in words. The last step offers
 * no tools, so a model that keeps calling them still has to answer within `maxSteps`. Model
 * turns go back exactly as returned (thought signatures included). Usage is recorded after
 * every model call, so a failure later in the turn still counts what was spent. Never throws:
 * the outcome says how the turn ended.
 */
export async function runTurn(
  request: TurnRequest,
  context: TurnContext,
): Promise<AssistantOutcome> {
  const { settings, signal } = request;
  const contents: LlmContent[] = [
    ...request.history,
    { role: 'user', parts: [{ text: request.question }] },
  ];
  const turns: LlmContent[] = [];
  let usage = NO_USAGE;
  let costUsd = 0;
  let answer = '';
  try {
    for (let step = 1; step <= settings.maxSteps; step += 1) {
      const lastStep = step === settings.maxSteps;
      let streamed = '';
      let modelTurn: LlmContent | undefined;
      for await (const event of context.provider.stream({
        model: settings.model,
        systemInstruction: request.systemInstruction,
        contents,
        tools: lastStep ? [] : context.tools.declarations,
        temperature: settings.temperature,
        thinkingBudget: settings.thinkingBudget,
        signal,
      })) {
        if (event.type === 'text') {
          streamed += event.text;
          await context.emit('message.delta', { text: event.text });
        } else {
          modelTurn = event.content;
          usage = addUsage(usage, event.usage);
          const cost = tokenCostUsd(context.provider.name, settings.model, event.usage);
          costUsd += cost;
          context.metrics.costUsd.inc(
            { provider: context.provider.name, model: settings.model },
            cost,
          );
          await context.usage.add(request.tenantId, {
            tokens: event.usage.totalTokens,
            costUsd: cost,
          });
        }
      }
      if (modelTurn === undefined)
        throw new LlmError('unavailable', 'The model ended its answer without a result.');
      contents.push(modelTurn);
      turns.push(modelTurn);
      answer += answerText(modelTurn) || streamed;
      const calls = requestedCalls(modelTurn, step);
      if (calls.length === 0) {
        return { status: 'complete', content: answer.trim(), turns, usage, costUsd };
      }
      for (const call of calls) {
        await context.emit('tool.call', {
          id: call.id,
          name: call.name,
          arguments: call.args as JsonValue,
        });
      }
      const records = await runToolCalls(calls, context.tools, {
        timeoutMs: context.toolTimeoutMs,
        signal,
      });
      for (const record of records) {
        await context.messages.recordToolCall(request.assistantMessageId, record);
        context.metrics.toolCalls.inc({ tool: record.name, outcome: record.outcome });
        context.metrics.toolDuration.observe({ tool: record.name }, record.durationMs / 1000);
        await context.emit('tool.result', {
          id: record.id,
          name: record.name,
          outcome: record.outcome,
          durationMs: record.durationMs,
          preview: toolResultPreview(record.result),
        });
      }
      if (signal.aborted) throw new LlmError('cancelled', 'The answer was cancelled.');
      const results = functionResponses(records);
      contents.push(results);
      turns.push(results);
    }
    return {
      status: 'failed',
      content: answer.trim(),
      turns,
      usage,
      costUsd,
      error: `No final answer within ${String(settings.maxSteps)} steps.`,
    };
  } catch (error) {
    const cancelled =
      signal.aborted || (error instanceof LlmError && error.failure === 'cancelled');
    return {
      status: cancelled ? 'cancelled' : 'failed',
      content: answer.trim(),
      turns,
      usage,
      costUsd,
      error: cancelled ? 'Cancelled.' : failureMessage(error),
    };
  }
}

// The words of a model turn, without its thoughts.
function answerText(content: LlmContent): string {
  return content.parts
    .map((part) => ('text' in part && part.thought !== true ? part.text : ''))
    .join('');
}

function addUsage(total: LlmUsage, more: LlmUsage): LlmUsage {
  return {
    promptTokens: total.promptTokens + more.promptTokens,
    outputTokens: total.outputTokens + more.outputTokens,
    thoughtsTokens: total.thoughtsTokens + more.thoughtsTokens,
    totalTokens: total.totalTokens + more.totalTokens,
  };
}

function failureMessage(error: unknown): string {
  if (error instanceof LlmError) return error.message;
  return 'Something went wrong while answering; the question is saved, so you can retry.';
}
