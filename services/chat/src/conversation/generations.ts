import type { Logger } from 'pino';
import type { JsonValue, SharedStore, Unsubscribe } from '@pyairtable/kit';
import type { ChatConfig } from '../config.ts';
import type { ChatCaller } from '../identity/chat-caller.ts';
import type { LlmProvider } from '../llm/llm-types.ts';
import { openWorkspaceTools } from '../mcp/workspace-tools.ts';
import type { WorkspaceTools } from '../mcp/workspace-tools.ts';
import type { ChatMessage } from '../store/chat-records.ts';
import type {
  AssistantOutcome,
  MessageRepository,
  UsageRepository,
} from '../store/chat-repositories.ts';
import type { StreamBuffer } from '../streaming/stream-buffer.ts';
import type { ChatMetrics } from './chat-metrics.ts';
import { historyContents } from './history-contents.ts';
import { turnSettings } from './model-settings.ts';
import { runTurn } from './run-turn.ts';
import { systemInstruction } from './system-instruction.ts';
import { toolResultPreview } from './tool-result-preview.ts';
import { traceTurn } from './turn-tracing.ts';

const CANCEL_CHANNEL = 'chat.cancel';

/** What {@link createGenerations} needs. */
export interface GenerationsOptions {
  readonly config: ChatConfig;
  readonly provider: LlmProvider;
  readonly store: SharedStore;
  readonly messages: MessageRepository;
  readonly usage: UsageRepository;
  readonly buffer: StreamBuffer;
  readonly metrics: ChatMetrics;
  readonly logger: Logger;
  /** Opens the caller's tools (tests may substitute a failing one). */
  readonly openTools?: typeof openWorkspaceTools;
}

/** One answer to generate. */
export interface GenerationInput {
  readonly caller: ChatCaller;
  readonly sessionId: string;
  readonly question: string;
  /** The stored question, sent as the current turn rather than as history. */
  readonly userMessageId: string;
  /** The answer's message, already stored as `streaming`; its id is the stream's id. */
  readonly assistantMessage: ChatMessage;
}

/** The answers this replica is generating. */
export interface Generations {
  /** The provider answers come from. */
  readonly providerName: LlmProvider['name'];
  /** Generates in the background; resolves with the stored outcome whatever happens to the client. */
  start(input: GenerationInput): Promise<AssistantOutcome>;
  /** Cancels the answer wherever it runs (every replica hears it). */
  cancel(messageId: string): Promise<void>;
  /** Starts listening for cancellations. */
  listen(): Promise<void>;
  /** Cancels what still runs and waits for it to be stored. */
  close(): Promise<void>;
}

/**
 * Runs answers detached from the request that asked: a client that disconnects (or only wants
 * the final message) changes nothing, and every event goes through the stream buffer, where
 * any replica can serve a reconnecting client.
 */
export function createGenerations(options: GenerationsOptions): Generations {
  const { config, store, messages, buffer, metrics } = options;
  const open = options.openTools ?? openWorkspaceTools;
  const running = new Map<
    string,
    { controller: AbortController; done: Promise<AssistantOutcome> }
  >();
  let unsubscribe: Unsubscribe | undefined;

  const generate = async (
    input: GenerationInput,
    signal: AbortSignal,
  ): Promise<AssistantOutcome> => {
    const streamId = input.assistantMessage.id;
    const emit = async (event: Parameters<StreamBuffer['append']>[1]['event'], data: JsonValue) => {
      await buffer.append(streamId, { event, data });
    };
    const started = performance.now();
    let tools: WorkspaceTools | undefined;
    let outcome: AssistantOutcome;
    try {
      tools = await open(config.MCP_URL, input.caller.forwarded);
      const earlier = (await messages.list(input.sessionId)).filter(
        (message) =>
          message.id !== streamId && message.createdAt <= input.assistantMessage.createdAt,
      );
      // The question just stored is the last user message; it is sent as the current one.
      const history = historyContents(earlier.slice(0, -1), config.HISTORY_TOKEN_BUDGET);
      outcome = await runTurn(
        {
          tenantId: input.caller.tenant.id,
          assistantMessageId: streamId,
          question: input.question,
          history: history.contents,
          systemInstruction: await systemInstruction(input.caller.workspace, tools, store, {
            truncatedHistory: history.truncated,
          }),
          settings: turnSettings(config, input.caller.workspace),
          signal,
        },
        {
          provider: options.provider,
          tools,
          messages,
          usage: options.usage,
          metrics,
          toolTimeoutMs: config.TOOL_TIMEOUT_MS,
          emit,
        },
      );
    } catch (error) {
      options.logger.warn({ err: error, messageId: streamId }, 'answer could not start');
      outcome = {
        status: signal.aborted ? 'cancelled' : 'failed',
        content: '',
        turns: [],
        usage: null,
        costUsd: null,
        error: signal.aborted
          ? 'Cancelled.'
          : "The workspace's tools could not be reached; retry shortly.",
      };
    } finally {
      await tools?.close().catch(() => undefined);
    }
    await messages.completeAssistantMessage(streamId, outcome);
    metrics.turnDuration.observe(
      { provider: options.provider.name, outcome: outcome.status },
      (performance.now() - started) / 1000,
    );
    if (outcome.status !== 'complete') {
      await emit('error', { status: outcome.status, message: outcome.error ?? outcome.status });
    }
    const stored = await messages.get(streamId);
    await emit('message.completed', stored === undefined ? null : messageJson(stored));
    await buffer.finish(streamId);
    return outcome;
  };

  return {
    providerName: options.provider.name,
    start(input) {
      const controller = new AbortController();
      metrics.generationsInFlight.inc();
      const generated = traceTurn(input.sessionId, () => generate(input, controller.signal));
      const done = generated.finally(() => {
        running.delete(input.assistantMessage.id);
        metrics.generationsInFlight.dec();
      });
      running.set(input.assistantMessage.id, { controller, done });
      return done;
    },
    async cancel(messageId) {
      running.get(messageId)?.controller.abort();
      await store.publish(CANCEL_CHANNEL, messageId);
    },
    async listen() {
      unsubscribe = await store.subscribe(CANCEL_CHANNEL, (message) => {
        if (typeof message === 'string') running.get(message)?.controller.abort();
      });
    },
    async close() {
      await unsubscribe?.();
      for (const { controller } of running.values()) controller.abort();
      await Promise.allSettled([...running.values()].map(({ done }) => done));
    },
  };
}

/** A message as the API and the stream show it. */
export function messageJson(message: ChatMessage): JsonValue {
  return {
    id: message.id,
    sessionId: message.sessionId,
    role: message.role,
    content: message.content,
    status: message.status,
    toolCalls: message.toolCalls.map((call) => ({
      id: call.id,
      name: call.name,
      arguments: call.arguments as JsonValue,
      outcome: call.outcome,
      durationMs: call.durationMs,
      preview: toolResultPreview(call.result),
    })),
    usage: message.usage === null ? null : { ...message.usage },
    costUsd: message.costUsd,
    model: message.model,
    provider: message.provider,
    error: message.error,
    createdAt: message.createdAt.toISOString(),
    completedAt: message.completedAt?.toISOString() ?? null,
  };
}
