import { afterAll, beforeAll } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, createServiceApp, loadConfig } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { createTestStore } from '@pyairtable/kit/testing';
import { mcpApp } from '../../src/app.ts';
import { mcpConfigSchema } from '../../src/config.ts';
import { fixtureVerifier, usePlatform } from './platform-fixture.ts';
import type { SeededPlatform } from './platform-fixture.ts';

/** The mcp app listening on loopback, over a seeded platform. */
export interface RunningMcp {
  readonly platform: SeededPlatform;
  readonly app: ServiceApp;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Connects the official SDK client over Streamable HTTP with these headers. */
  connect(headers: Record<string, string>): Promise<McpHttpSession>;
}

/** A connected client and shortcuts. */
export interface McpHttpSession {
  readonly client: Client;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Starts the platform fixture and the mcp app for a test file. */
export function useRunningMcp(): { readonly mcp: RunningMcp } {
  const store = createTestStore('mcp-http');
  const fixture = usePlatform(store);
  let running: RunningMcp | undefined;
  beforeAll(async () => {
    const { platform } = fixture;
    const config = loadConfig(mcpConfigSchema, {
      DATABASE_URL: platform.databaseUrl,
      SECRET_ENCRYPTION_KEYS: platform.encryptionKeys,
      AIRTABLE_ENDPOINT_URL: platform.emulatorUrl,
      LOG_LEVEL: 'silent',
    });
    const app = createServiceApp({ logger: createLogger({ service: 'mcp', level: 'silent' }) });
    await app.register(mcpApp, {
      config,
      store,
      verifier: fixtureVerifier(platform),
      airtableDefaults: { limits: { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 } },
    });
    const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    running = {
      platform,
      app,
      url,
      async connect(headers) {
        const client = new Client({ name: 'mcp-http-test', version: '0.0.0' });
        const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
          requestInit: { headers },
        });
        await client.connect(transport);
        await client.listTools();
        return {
          client,
          async call(name, args = {}) {
            return (await client.callTool({ name, arguments: args })) as CallToolResult;
          },
          close: () => client.close(),
        };
      },
    };
  });
  afterAll(async () => {
    await running?.app.close();
    await store.close();
  });
  return {
    get mcp() {
      if (running === undefined) throw new Error('mcp is used before beforeAll ran');
      return running;
    },
  };
}
