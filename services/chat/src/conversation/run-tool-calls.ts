import type { LlmContent, LlmPart } from '../llm/llm-types.ts';
import type { WorkspaceTools } from '../mcp/workspace-tools.ts';
import type { ToolCallRecord } from '../store/chat-records.ts';
import { traceToolCall } from './turn-tracing.ts';

/** A function call the model asked for. */
export interface RequestedCall {
  readonly id: string;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** The function calls in a model turn, each with an id (the model's, or one made up). */
export function requestedCalls(content: LlmContent, step: number): RequestedCall[] {
  return content.parts.flatMap((part, index) =>
    'functionCall' in part
      ? [
          {
            id: part.functionCall.id ?? `call_${String(step)}_${String(index)}`,
            name: part.functionCall.name,
            args: part.functionCall.args,
          },
        ]
      : [],
  );
}

/**
 * Runs the calls in parallel, each bounded by `timeoutMs` and by the turn's `signal`. Nothing
 * here throws: a failure becomes the record (and the function response) the model reads, so
 * it can correct itself. A name the workspace does not offer is refused without calling mcp.
 */
export function runToolCalls(
  calls: readonly RequestedCall[],
  tools: WorkspaceTools,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<ToolCallRecord[]> {
  const offered = new Set(tools.declarations.map((declaration) => declaration.name));
  return Promise.all(
    calls.map((call) => traceToolCall(call, () => runToolCall(call, tools, offered, options))),
  );
}

async function runToolCall(
  call: RequestedCall,
  tools: WorkspaceTools,
  offered: ReadonlySet<string>,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
): Promise<ToolCallRecord> {
  const started = performance.now();
  const finish = (outcome: ToolCallRecord['outcome'], result: unknown): ToolCallRecord => ({
    id: call.id,
    name: call.name,
    arguments: call.args,
    result,
    outcome,
    durationMs: Math.round(performance.now() - started),
  });
  if (!offered.has(call.name)) {
    return finish(
      'refused',
      `There is no tool named ${call.name} for you in this workspace; use one of: ${[...offered].join(', ')}.`,
    );
  }
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    const result = await tools.call(call.name, call.args, signal);
    return finish(result.ok ? 'ok' : 'error', result.ok ? result.value : result.text);
  } catch (error) {
    if (options.signal.aborted) return finish('error', 'The turn was cancelled.');
    if (signal.aborted) {
      return finish(
        'timeout',
        `${call.name} did not answer within ${String(options.timeoutMs / 1000)} s.`,
      );
    }
    return finish(
      'error',
      `${call.name} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The user turn that carries the tool results back to the model, in call order. */
export function functionResponses(records: readonly ToolCallRecord[]): LlmContent {
  const parts: LlmPart[] = records.map((record) => ({
    functionResponse: {
      id: record.id,
      name: record.name,
      response: record.outcome === 'ok' ? { result: record.result } : { error: record.result },
    },
  }));
  return { role: 'user', parts };
}
