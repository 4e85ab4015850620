import { FunctionCallingConfigMode, FunctionResponse } from '@google/genai';
import type {
  Content,
  GenerateContentConfig,
  GenerateContentParameters,
  Part,
} from '@google/genai';
import type { LlmContent, LlmPart, LlmRequest } from './llm-types.ts';

/** The SDK's part for ours: every field the model returned goes back unchanged. */
export function toGeminiPart(part: LlmPart): Part {
  if ('functionCall' in part) {
    const { id, name, args } = part.functionCall;
    return {
      functionCall: { ...(id === undefined ? {} : { id }), name, args: { ...args } },
      ...(part.thoughtSignature === undefined ? {} : { thoughtSignature: part.thoughtSignature }),
    };
  }
  if ('functionResponse' in part) {
    const { id, name, response } = part.functionResponse;
    // FunctionResponse is a class in the SDK's types, so it is built as one.
    const functionResponse = Object.assign(new FunctionResponse(), {
      name,
      response: { ...response },
    });
    if (id !== undefined) functionResponse.id = id;
    return { functionResponse };
  }
  return {
    text: part.text,
    ...(part.thought === undefined ? {} : { thought: part.thought }),
    ...(part.thoughtSignature === undefined ? {} : { thoughtSignature: part.thoughtSignature }),
  };
}

/** The SDK's turn for ours. */
export function toGeminiContent(content: LlmContent): Content {
  return { role: content.role, parts: content.parts.map(toGeminiPart) };
}

/**
 * The `generateContentStream` parameters for a request. Automatic continuation stays off so
 * the SDK never sends a request on its own: retries are the provider's decision.
 */
export function geminiParameters(
  request: LlmRequest,
  abortSignal: AbortSignal,
): GenerateContentParameters {
  const config: GenerateContentConfig = {
    systemInstruction: request.systemInstruction,
    abortSignal,
    automaticContinuation: false,
  };
  if (request.tools.length > 0) {
    config.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          description: tool.description,
          parametersJsonSchema: tool.parametersJsonSchema,
        })),
      },
    ];
    config.toolConfig = { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } };
  }
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.thinkingBudget !== undefined) {
    config.thinkingConfig = { thinkingBudget: request.thinkingBudget };
  }
  return { model: request.model, contents: request.contents.map(toGeminiContent), config };
}
