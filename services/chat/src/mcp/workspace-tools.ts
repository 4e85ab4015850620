import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { LlmToolDeclaration } from '../llm/llm-types.ts';

/** The credentials a request to chat came with, passed on to mcp unchanged. */
export type ForwardedIdentity = Readonly<Record<string, string>>;

/** What one tool call returned to the model. */
export interface ToolResult {
  readonly ok: boolean;
  /** Structured content when the tool gave it, else its text. */
  readonly value: unknown;
  /** The text block, for the model when there is no structured content. */
  readonly text: string;
}

/** The workspace's tools, reached over MCP as the user. */
export interface WorkspaceTools {
  readonly declarations: readonly LlmToolDeclaration[];
  call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    signal: AbortSignal,
  ): Promise<ToolResult>;
  close(): Promise<void>;
}

/**
 * Connects to mcp with the caller's own credentials (zero trust: mcp decides what this user may
 * do, not chat) and lists the tools it offers them. One connection per turn: mcp is stateless,
 * so this is a handful of HTTP requests, not a held session.
 */
export async function openWorkspaceTools(
  mcpUrl: string,
  identity: ForwardedIdentity,
): Promise<WorkspaceTools> {
  const client = new Client({ name: 'pyairtable-chat', version: '0.1.0' });
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', mcpUrl), {
    requestInit: { headers: { ...identity } },
  });
  await client.connect(transport);
  const { tools } = await client.listTools();
  return {
    declarations: tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? tool.title ?? tool.name,
      parametersJsonSchema: tool.inputSchema,
    })),
    async call(name, args, signal) {
      const result = (await client.callTool({ name, arguments: { ...args } }, undefined, {
        signal,
      })) as CallToolResult;
      const text = result.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .filter((part) => part !== '')
        .join('\n');
      return { ok: result.isError !== true, value: result.structuredContent ?? text, text };
    },
    close: () => client.close(),
  };
}
