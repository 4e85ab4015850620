import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ShapeOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { CallToolResult, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { WorkspaceScope } from '../workspace-scope.ts';
import { failureResult } from './tool-failure.ts';
import type { ToolMetrics } from './tool-metrics.ts';
import { traceToolCall } from './tool-span.ts';

/** Hints a client uses to decide on confirmation; all four set on purpose for every tool. */
export interface ToolHints {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** What a tool returns: a one-line summary for the text block and the structured content. */
export interface ToolOutput<Data> {
  readonly summary: string;
  readonly data: Data;
}

/** `T` with every array and object read-only, so access-layer values fit output types. */
export type Immutable<T> = T extends (infer Item)[]
  ? readonly Immutable<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Immutable<T[K]> }
    : T;

/** The definition of one tool, typed from its schemas. */
export interface ToolSpec<In extends z.ZodRawShape, Out extends z.ZodRawShape> {
  readonly name: string;
  readonly title: string;
  /** Written for an LLM: when to use it, what it returns, what to call instead. */
  readonly description: string;
  readonly inputSchema: In;
  readonly outputSchema: Out;
  readonly annotations: ToolHints;
  readonly run: (
    scope: WorkspaceScope,
    args: ShapeOutput<In>,
  ) => Promise<ToolOutput<Immutable<z.output<z.ZodObject<Out>>>>>;
}

/** How one tool is registered: under another name, and where its calls are counted. */
export interface RegisterOptions {
  readonly alias?: string;
  readonly metrics?: ToolMetrics;
}

/** A tool ready to register, its schema types erased so tools of any shape share a list. */
export interface AirtableTool {
  readonly name: string;
  /** Whether viewers may call it. */
  readonly readOnly: boolean;
  /** Registers it on `server` for `scope`, under its name or, as an alias, under `alias`. */
  readonly register: (server: McpServer, scope: WorkspaceScope, options?: RegisterOptions) => void;
}

/**
 * Wraps a spec so its handler never throws: failures become `isError` results (an MCP client
 * shows those to the model, which can correct itself; a protocol error it usually cannot).
 */
export function defineTool<In extends z.ZodRawShape, Out extends z.ZodRawShape>(
  spec: ToolSpec<In, Out>,
): AirtableTool {
  return {
    name: spec.name,
    readOnly: spec.annotations.readOnlyHint,
    register(server, scope, options = {}) {
      const { alias, metrics } = options;
      const description =
        alias === undefined
          ? spec.description
          : `Alias of ${spec.name} (the name the previous system used). ${spec.description}`;
      // Widened to the non-generic shape type so the SDK's conditional callback type resolves.
      const inputSchema: z.ZodRawShape = spec.inputSchema;
      const outputSchema: z.ZodRawShape = spec.outputSchema;
      server.registerTool(
        alias ?? spec.name,
        {
          title: spec.title,
          description,
          inputSchema,
          outputSchema,
          annotations: { title: spec.title, ...spec.annotations },
        },
        // The SDK has validated the arguments against inputSchema before calling.
        async (
          args: unknown,
          extra: { readonly requestId: RequestId },
        ): Promise<CallToolResult> => {
          const started = performance.now();
          const result = await traceToolCall(alias ?? spec.name, extra.requestId, () =>
            runToResult(spec, scope, args as ShapeOutput<In>),
          );
          const seconds = (performance.now() - started) / 1000;
          metrics?.observe(spec.name, result.isError === true ? 'error' : 'ok', seconds);
          return result;
        },
      );
    },
  };
}

async function runToResult<In extends z.ZodRawShape, Out extends z.ZodRawShape>(
  spec: ToolSpec<In, Out>,
  scope: WorkspaceScope,
  args: ShapeOutput<In>,
): Promise<CallToolResult> {
  try {
    const output = await spec.run(scope, args);
    return {
      content: [{ type: 'text', text: `${output.summary}\n${JSON.stringify(output.data)}` }],
      structuredContent: output.data as Record<string, unknown>,
    };
  } catch (error) {
    return failureResult(error);
  }
}
