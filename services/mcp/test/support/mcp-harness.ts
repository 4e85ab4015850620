import { afterAll, beforeAll } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createAirtableAccess } from '@pyairtable/airtable-access';
import type { AirtableAccess } from '@pyairtable/airtable-access';
import { buildEmulator, DEMO_ACCESS_TOKEN } from '@pyairtable/airtable-emulator';
import type { SeedBase } from '@pyairtable/airtable-emulator';
import { createMemoryStore } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import type { ToolMetrics } from '../../src/tools/tool-metrics.ts';
import { registerAirtableTools } from '../../src/index.ts';
import type { WorkspaceScope } from '../../src/index.ts';

/** An emulator on a real port and an access layer on it, shared by a file's tests. */
export interface Airtable {
  readonly access: AirtableAccess;
  /** The emulator's URL, for changes made behind the access layer's back. */
  readonly endpointUrl: string;
  close(): Promise<void>;
}

/** Starts the emulator (no rate limits) on 127.0.0.1 and an access layer with a memory store. */
export async function startAirtable(bases?: readonly SeedBase[]): Promise<Airtable> {
  const emulator = await buildEmulator({
    rateLimits: false,
    ...(bases === undefined ? {} : { bases }),
  });
  const endpointUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
  const store: SharedStore = createMemoryStore();
  // The limiter's 5/s per base would make the 5,000-record test take seconds for nothing.
  const access = createAirtableAccess({
    endpointUrl,
    token: DEMO_ACCESS_TOKEN,
    store,
    limits: { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 },
  });
  return {
    access,
    endpointUrl,
    async close() {
      await store.close();
      await emulator.close();
    },
  };
}

/** A connected SDK client and shortcuts for calling tools. */
export interface McpSession {
  readonly client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Connects an SDK client over an in-memory transport to a server with the tools for `scope`. */
export async function connect(
  airtable: Airtable,
  scope: Partial<Omit<WorkspaceScope, 'airtable'>> & Pick<WorkspaceScope, 'allowedBaseIds'>,
  metrics?: ToolMetrics,
): Promise<McpSession> {
  const server = new McpServer({ name: 'pyairtable-mcp-test', version: '0.0.0' });
  registerAirtableTools(
    server,
    {
      tenantId: 'tenant-1',
      workspaceId: 'workspace-1',
      role: 'owner',
      ...scope,
      airtable: airtable.access,
    },
    metrics,
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  // Listing first makes the client validate structuredContent against each outputSchema.
  await client.listTools();
  return {
    client,
    async call(name, args = {}) {
      return (await client.callTool({ name, arguments: args })) as CallToolResult;
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

/** The text of a result's first block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === 'text' ? first.text : '';
}

/** A result's structured content, typed loosely for assertions. */
// The caller names the shape it reads; the client has checked it against the outputSchema.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function dataOf<T>(result: CallToolResult): T {
  if (result.isError === true) throw new Error(`tool failed: ${textOf(result)}`);
  return result.structuredContent as T;
}

/** The emulator and MCP session a suite shares, filled in before its first test. */
export interface SuiteSession {
  readonly airtable: Airtable;
  readonly session: McpSession;
}

/**
 * Starts an emulator and connects a session with `scope` before the suite's tests, and closes
 * both after them. Read the fields inside tests and hooks, not at collection time.
 */
export function useSession(
  scope: Partial<Omit<WorkspaceScope, 'airtable'>> & Pick<WorkspaceScope, 'allowedBaseIds'>,
): SuiteSession {
  let airtable: Airtable | undefined;
  let session: McpSession | undefined;
  beforeAll(async () => {
    airtable = await startAirtable();
    session = await connect(airtable, scope);
  });
  afterAll(async () => {
    await session?.close();
    await airtable?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite session is used before beforeAll ran');
    return value;
  };
  return {
    get airtable() {
      return started(airtable);
    },
    get session() {
      return started(session);
    },
  };
}
