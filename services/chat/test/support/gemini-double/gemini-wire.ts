/**
 * The Gemini API's JSON as it crosses the wire (v1beta, camelCase), as far as the double reads
 * and writes it. Written out rather than taken from @google/genai so the double checks what
 * the SDK really sends instead of trusting the SDK's own types.
 */

/** One part of a turn on the wire. */
export interface WirePart {
  readonly text?: string;
  readonly thought?: boolean;
  readonly thoughtSignature?: string;
  readonly functionCall?: {
    readonly id?: string;
    readonly name: string;
    readonly args?: Record<string, unknown>;
  };
  readonly functionResponse?: {
    readonly id?: string;
    readonly name: string;
    readonly response: Record<string, unknown>;
  };
}

/** One turn on the wire. */
export interface WireContent {
  readonly role?: string;
  readonly parts: readonly WirePart[];
}

/** A function declaration as the SDK sends it. */
export interface WireFunctionDeclaration {
  readonly name: string;
  readonly description?: string;
  readonly parametersJsonSchema?: unknown;
  readonly parameters?: unknown;
}

/** The body of `generateContent` and `streamGenerateContent`. */
export interface GeminiRequestBody {
  readonly contents: readonly WireContent[];
  readonly systemInstruction?: WireContent;
  readonly tools?: readonly {
    readonly functionDeclarations?: readonly WireFunctionDeclaration[];
  }[];
  readonly toolConfig?: {
    readonly functionCallingConfig?: { readonly mode?: string };
  };
  readonly generationConfig?: {
    readonly temperature?: number;
    readonly thinkingConfig?: { readonly thinkingBudget?: number };
    readonly [key: string]: unknown;
  };
}

/** Token counts; in a stream every chunk carries the totals so far. */
export interface WireUsage {
  readonly promptTokenCount: number;
  readonly candidatesTokenCount: number;
  readonly thoughtsTokenCount?: number;
  readonly totalTokenCount: number;
}

/** One response, or one chunk of a streamed response. */
export interface WireResponse {
  readonly candidates: readonly {
    readonly content: { readonly role: 'model'; readonly parts: readonly WirePart[] };
    readonly finishReason?: string;
    readonly index: number;
  }[];
  readonly usageMetadata: WireUsage;
  readonly modelVersion: string;
  readonly responseId: string;
}

/** Google's error body: `{"error": {code, message, status, details?}}`. */
export interface WireError {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly status: string;
    readonly details?: readonly Record<string, unknown>[];
  };
}

// The google.rpc.Code names Google's APIs pair with each HTTP status.
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials.',
  403: 'The caller does not have permission.',
  404: 'Requested entity was not found.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline exceeded.',
};

/** The error body Gemini sends with `status`. */
export function wireError(
  status: number,
  message?: string,
  details?: readonly Record<string, unknown>[],
): WireError {
  return {
    error: {
      code: status,
      message: message ?? DEFAULT_MESSAGES[status] ?? 'Error.',
      status: STATUS_NAMES[status] ?? 'UNKNOWN',
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** What Gemini answers for a wrong API key: a 400 whose ErrorInfo reason says so. */
export function invalidKeyError(): WireError {
  return wireError(400, 'API key not valid. Please pass a valid API key.', [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'API_KEY_INVALID',
      domain: 'googleapis.com',
      metadata: { service: 'generativelanguage.googleapis.com' },
    },
  ]);
}
