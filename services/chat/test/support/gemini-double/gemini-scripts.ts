import type { GeminiRequestBody, WirePart, WireResponse, WireUsage } from './gemini-wire.ts';

/** Token counts a script may set for its last chunk; the rest are estimated. */
export interface ScriptedUsage {
  readonly promptTokenCount?: number;
  readonly candidatesTokenCount?: number;
  readonly thoughtsTokenCount?: number;
}

/** Answer with text: one chunk for a string, one chunk per element for a list. */
export interface TextScript {
  readonly text: string | readonly string[];
  /** Pause before every chunk after the first ("stream slowly"). */
  readonly delayMs?: number;
  /** Put on the last text part, as Gemini 3 models do. */
  readonly thoughtSignature?: string;
  readonly finishReason?: string;
  readonly usage?: ScriptedUsage;
  /** Cut the connection after this many chunks, as a dropped network would. */
  readonly dropAfterChunks?: number;
}

/** One function call the model asks for. */
export interface ScriptedFunctionCall {
  readonly name: string;
  readonly args?: Record<string, unknown>;
  readonly id?: string;
  readonly thoughtSignature?: string;
}

/** Ask for one or several function calls, optionally after some text. */
export interface FunctionCallScript {
  readonly functionCalls: readonly ScriptedFunctionCall[];
  readonly text?: string;
  /** Each call in a chunk of its own instead of all in one chunk. */
  readonly oneCallPerChunk?: boolean;
  readonly delayMs?: number;
  readonly usage?: ScriptedUsage;
}

/** Fail with an HTTP status and Google's error body. */
export interface ErrorScript {
  readonly error: 400 | 401 | 403 | 404 | 429 | 500 | 503 | 504;
  readonly message?: string;
  /** Sent as a google.rpc.RetryInfo detail (what Gemini puts on some 429s). */
  readonly retryDelaySeconds?: number;
}

/** What the double answers to one request. */
export type GeminiScript = TextScript | FunctionCallScript | ErrorScript;

/** A script turned into chunks, each with the pause before it. */
export interface ScriptedStream {
  readonly chunks: readonly { readonly delayMs: number; readonly response: WireResponse }[];
  readonly dropAfterChunks: number | undefined;
}

/** Whether `script` is a failure. */
export function isErrorScript(script: GeminiScript): script is ErrorScript {
  return 'error' in script;
}

// Tokens are estimated at four characters each, which is close enough for usage accounting.
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function promptTokens(body: GeminiRequestBody): number {
  return estimateTokens(JSON.stringify([body.systemInstruction, body.contents, body.tools]));
}

function partsOf(script: TextScript | FunctionCallScript): WirePart[][] {
  if ('functionCalls' in script) {
    const calls = script.functionCalls.map((call): WirePart => ({
      functionCall: {
        ...(call.id === undefined ? {} : { id: call.id }),
        name: call.name,
        args: call.args ?? {},
      },
      ...(call.thoughtSignature === undefined ? {} : { thoughtSignature: call.thoughtSignature }),
    }));
    const callChunks = script.oneCallPerChunk === true ? calls.map((call) => [call]) : [calls];
    return script.text === undefined ? callChunks : [[{ text: script.text }], ...callChunks];
  }
  const texts = typeof script.text === 'string' ? [script.text] : script.text;
  return texts.map((text, index) => {
    const last = index === texts.length - 1;
    const signature =
      last && script.thoughtSignature !== undefined
        ? { thoughtSignature: script.thoughtSignature }
        : {};
    return [{ text, ...signature }];
  });
}

function usageAt(
  prompt: number,
  output: number,
  script: TextScript | FunctionCallScript,
  last: boolean,
): WireUsage {
  const scripted = script.usage ?? {};
  const promptTokenCount = scripted.promptTokenCount ?? prompt;
  const candidatesTokenCount = last ? (scripted.candidatesTokenCount ?? output) : output;
  const thoughts = scripted.thoughtsTokenCount;
  return {
    promptTokenCount,
    candidatesTokenCount,
    ...(thoughts === undefined ? {} : { thoughtsTokenCount: thoughts }),
    totalTokenCount: promptTokenCount + candidatesTokenCount + (thoughts ?? 0),
  };
}

/** The chunks Gemini would stream for `script`; usage is cumulative, as Gemini sends it. */
export function scriptedStream(
  script: TextScript | FunctionCallScript,
  body: GeminiRequestBody,
  model: string,
  responseId: string,
): ScriptedStream {
  const prompt = promptTokens(body);
  const chunkParts = partsOf(script);
  let output = 0;
  const chunks = chunkParts.map((parts, index) => {
    output += estimateTokens(JSON.stringify(parts));
    const last = index === chunkParts.length - 1;
    const finishReason = 'finishReason' in script ? script.finishReason : undefined;
    const response: WireResponse = {
      candidates: [
        {
          content: { role: 'model', parts },
          ...(last ? { finishReason: finishReason ?? 'STOP' } : {}),
          index: 0,
        },
      ],
      usageMetadata: usageAt(prompt, output, script, last),
      modelVersion: model,
      responseId,
    };
    return { delayMs: index === 0 ? 0 : (script.delayMs ?? 0), response };
  });
  const dropAfterChunks = 'dropAfterChunks' in script ? script.dropAfterChunks : undefined;
  return { chunks, dropAfterChunks };
}

/** The single response `generateContent` gives: every chunk's parts in one turn. */
export function wholeResponse(stream: ScriptedStream): WireResponse | undefined {
  const last = stream.chunks.at(-1)?.response;
  if (last === undefined) return undefined;
  const parts = stream.chunks.flatMap((chunk) => chunk.response.candidates[0]?.content.parts ?? []);
  const candidate = last.candidates[0];
  return {
    ...last,
    candidates: [
      {
        content: { role: 'model', parts },
        ...(candidate?.finishReason === undefined ? {} : { finishReason: candidate.finishReason }),
        index: 0,
      },
    ],
  };
}
