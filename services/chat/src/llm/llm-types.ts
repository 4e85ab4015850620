/**
 * The conversation shapes every LLM provider speaks. They follow Gemini's `Content` so a
 * Gemini turn (thought signatures included) is stored and sent back exactly as returned;
 * other providers translate to and from them.
 */

/** One part of a turn. */
export type LlmPart =
  | { readonly text: string; readonly thought?: boolean; readonly thoughtSignature?: string }
  | {
      readonly functionCall: {
        readonly id?: string;
        readonly name: string;
        readonly args: Readonly<Record<string, unknown>>;
      };
      readonly thoughtSignature?: string;
    }
  | {
      readonly functionResponse: {
        readonly id?: string;
        readonly name: string;
        readonly response: Readonly<Record<string, unknown>>;
      };
    };

/** One turn: the user's (questions and tool results) or the model's. */
export interface LlmContent {
  readonly role: 'user' | 'model';
  readonly parts: readonly LlmPart[];
}

/** A tool the model may call, as a JSON Schema function declaration. */
export interface LlmToolDeclaration {
  readonly name: string;
  readonly description: string;
  readonly parametersJsonSchema: Readonly<Record<string, unknown>>;
}

/** One generation request. */
export interface LlmRequest {
  readonly model: string;
  readonly systemInstruction: string;
  readonly contents: readonly LlmContent[];
  readonly tools: readonly LlmToolDeclaration[];
  readonly temperature?: number | undefined;
  /** Gemini's thinking budget in tokens: 0 off, -1 dynamic. */
  readonly thinkingBudget?: number | undefined;
  /** Aborts the request (the user cancelled, or the server is shutting down). */
  readonly signal: AbortSignal;
}

/** Tokens one generation used. */
export interface LlmUsage {
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly thoughtsTokens: number;
  readonly totalTokens: number;
}

/** What a provider streams: text as it arrives, then the whole model turn once. */
export type LlmStreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'done';
      /** The model's turn with every part as returned (function calls, thought signatures). */
      readonly content: LlmContent;
      readonly usage: LlmUsage;
      readonly finishReason?: string | undefined;
      /** The model version that answered, when the provider says. */
      readonly modelVersion?: string | undefined;
    };

/** Which kind of model answers. */
export type LlmProviderName = 'gemini' | 'openai-compatible' | 'offline';

/** A source of model turns. */
export interface LlmProvider {
  readonly name: LlmProviderName;
  /**
   * Streams one generation. Rejects (or throws from the iterator) with an {@link LlmError}
   * once retries are exhausted or the failure is not retryable.
   */
  stream(request: LlmRequest): AsyncIterable<LlmStreamEvent>;
}

/** Why a generation failed, so the orchestrator can tell the user something true. */
export type LlmFailure =
  /** The provider's rate limit, after retries. */
  | 'rate-limited'
  /** The provider is failing (5xx, network) or the circuit is open. */
  | 'unavailable'
  /** The request was refused as invalid (400): retrying would not help. */
  | 'invalid-request'
  /** The provider refused our credentials. */
  | 'unauthorized'
  | 'timeout'
  | 'cancelled';

/** A failed generation. `message` is safe to show: no keys, no internal addresses. */
export class LlmError extends Error {
  readonly failure: LlmFailure;
  /** When the provider said how long to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(
    failure: LlmFailure,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.failure = failure;
    this.retryAfterMs = options?.retryAfterMs;
  }
}
