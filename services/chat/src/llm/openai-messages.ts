import type { OpenAI } from 'openai';
import type { LlmContent, LlmPart, LlmRequest } from './llm-types.ts';

type Message = OpenAI.Chat.ChatCompletionMessageParam;
type ToolCall = OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
type FunctionCallPart = Extract<LlmPart, { functionCall: unknown }>;
type FunctionResponsePart = Extract<LlmPart, { functionResponse: unknown }>;

/**
 * The OpenAI chat messages for a request: the system instruction first, model turns as
 * assistant messages (function calls as `tool_calls`), tool results as `tool` messages right
 * after the calls they answer, the user's text as user messages. Thought parts stay out:
 * they mean something only to Gemini.
 *
 * OpenAI pairs a result with its call by id, which Gemini may leave out; a call without one
 * gets an id from its position, and a result without one takes the oldest unanswered id of
 * a call of the same name.
 */
export function toOpenAiMessages(request: LlmRequest): Message[] {
  const messages: Message[] = [];
  if (request.systemInstruction !== '') {
    messages.push({ role: 'system', content: request.systemInstruction });
  }
  const unanswered = new Map<string, string[]>();
  request.contents.forEach((content, turn) => {
    if (content.role === 'model') messages.push(assistantMessage(content, turn, unanswered));
    else messages.push(...userMessages(content, unanswered));
  });
  return messages;
}

/** The function tools for a request's declarations. */
export function toOpenAiTools(request: LlmRequest): OpenAI.Chat.ChatCompletionFunctionTool[] {
  return request.tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: { ...tool.parametersJsonSchema },
    },
  }));
}

function assistantMessage(
  content: LlmContent,
  turn: number,
  unanswered: Map<string, string[]>,
): Message {
  const text = textOf(content);
  const calls = content.parts.filter((part): part is FunctionCallPart => 'functionCall' in part);
  const toolCalls = calls.map((part, index): ToolCall => {
    const { id = `call_${String(turn)}_${String(index)}`, name, args } = part.functionCall;
    unanswered.set(name, [...(unanswered.get(name) ?? []), id]);
    return { id, type: 'function', function: { name, arguments: JSON.stringify(args) } };
  });
  return {
    role: 'assistant',
    content: text === '' ? null : text,
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
  };
}

function userMessages(content: LlmContent, unanswered: Map<string, string[]>): Message[] {
  const responses = content.parts.filter(
    (part): part is FunctionResponsePart => 'functionResponse' in part,
  );
  const messages: Message[] = responses.map((part) => {
    const { id, name, response } = part.functionResponse;
    const pending = unanswered.get(name) ?? [];
    const callId = id ?? pending[0] ?? `call_${name}`;
    unanswered.set(
      name,
      pending.filter((candidate) => candidate !== callId),
    );
    return { role: 'tool', tool_call_id: callId, content: JSON.stringify(response) };
  });
  const text = textOf(content);
  if (text !== '') messages.push({ role: 'user', content: text });
  return messages;
}

function textOf(content: LlmContent): string {
  return content.parts
    .map((part) => ('text' in part && part.thought !== true ? part.text : ''))
    .join('');
}
