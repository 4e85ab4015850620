import type { LlmContent, LlmPart } from './llm-types.ts';
import { asRecord, asString, findField } from './tool-result-fields.ts';

/** A tool call made since the question, with what it returned. */
export interface Observation {
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The function response as sent back. */
  readonly result: Readonly<Record<string, unknown>>;
  /** The failure the tool reported, when it failed. */
  readonly error: string | undefined;
}

/** Where a conversation stands: the user's latest question and what has been looked up. */
export interface Exchange {
  readonly question: string | undefined;
  readonly observations: readonly Observation[];
}

type CallPart = Extract<LlmPart, { functionCall: unknown }>['functionCall'];
type ResponsePart = Extract<LlmPart, { functionResponse: unknown }>['functionResponse'];

/**
 * Reads the conversation from the user's latest question on: the question's text and every
 * tool call made since, paired with its result by id (or, without ids, by name and order).
 */
export function readExchange(contents: readonly LlmContent[]): Exchange {
  const start = contents.findLastIndex(
    (content) => content.role === 'user' && textOf(content) !== '',
  );
  if (start === -1) return { question: undefined, observations: [] };
  const question = textOf(contents[start] ?? { role: 'user', parts: [] });
  const calls: CallPart[] = [];
  const responses: ResponsePart[] = [];
  for (const content of contents.slice(start + 1)) {
    for (const part of content.parts) {
      if ('functionCall' in part) calls.push(part.functionCall);
      if ('functionResponse' in part) responses.push(part.functionResponse);
    }
  }
  return { question, observations: pair(calls, responses) };
}

function pair(calls: readonly CallPart[], responses: readonly ResponsePart[]): Observation[] {
  const unmatched = [...calls];
  return responses.map((response) => {
    const index = unmatched.findIndex((call) =>
      response.id !== undefined && call.id !== undefined
        ? call.id === response.id
        : call.name === response.name,
    );
    const [call] = index === -1 ? [] : unmatched.splice(index, 1);
    return {
      name: response.name,
      args: call?.args ?? {},
      result: response.response,
      error: errorOf(response.response),
    };
  });
}

// Failures come back as {error: "..."} (Gemini's convention) or as an MCP isError result.
function errorOf(response: Readonly<Record<string, unknown>>): string | undefined {
  const error = response['error'];
  if (typeof error === 'string') return error;
  const record = asRecord(error);
  if (record !== undefined) return asString(record['message']) ?? JSON.stringify(record);
  if (findField(response, 'isError') === true) {
    return asString(findField(response, 'text')) ?? 'the tool reported an error';
  }
  return undefined;
}

function textOf(content: LlmContent): string {
  return content.parts
    .map((part) => ('text' in part && part.thought !== true ? part.text : ''))
    .join('')
    .trim();
}
