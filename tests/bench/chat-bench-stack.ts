/**
 * What the chat benchmark runs against, all in this process on loopback: Postgres (embedded,
 * or DATABASE_URL) with a seeded registry and chat's tables, the Airtable emulator behind the
 * real mcp, and chat apps started with the model double a measurement needs.
 */
import { buildEmulator } from '@pyairtable/airtable-emulator';
import { chatApp, chatConfigSchema, migrateChat } from '@pyairtable/chat';
import type { ChatAppOptions, LlmProvider } from '@pyairtable/chat';
import { createLogger, createMemoryStore, createServiceApp, loadConfig } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { mcpApp, mcpConfigSchema } from '@pyairtable/mcp';
import { seedRegistry } from '../support/seeded-registry.ts';
import type { SeededRegistry } from '../support/seeded-registry.ts';
import { closeAll } from '../support/close-all.ts';

/** One chat app listening on 127.0.0.1. */
export interface RunningChat {
  readonly url: string;
  readonly app: ServiceApp;
  close(): Promise<void>;
}

/** The services the chat benchmark shares between its measurements. */
export interface ChatBenchStack {
  readonly seeded: SeededRegistry;
  readonly mcpUrl: string;
  /** A chat app with `provider`; tools over MCP at {@link mcpUrl} unless `openTools` is given. */
  startChat(options: {
    readonly provider: LlmProvider;
    readonly openTools?: ChatAppOptions['openTools'];
  }): Promise<RunningChat>;
  close(): Promise<void>;
}

/** Starts Postgres, the registry, the emulator and mcp; chat apps are started on demand. */
export async function startChatBenchStack(): Promise<ChatBenchStack> {
  const closers: (() => Promise<void>)[] = [];
  const logger = createLogger({ service: 'bench', level: 'silent' });
  try {
    const registryStore = createMemoryStore();
    closers.push(() => registryStore.close());
    // The highest quota the registry accepts: the benchmark asks thousands of questions a minute.
    const seeded = await seedRegistry(registryStore, { chatRequestsPerMinute: 100_000 });
    closers.push(() => seeded.close());
    await migrateChat(seeded.databaseUrl);

    const emulator = await buildEmulator({ rateLimits: false });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => emulator.close());
    const mcp = createServiceApp({ logger });
    closers.push(() => mcp.close());
    await mcp.register(mcpApp, {
      config: loadConfig(mcpConfigSchema, {
        DATABASE_URL: seeded.databaseUrl,
        SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
        AIRTABLE_ENDPOINT_URL: emulatorUrl,
      }),
      store: registryStore,
      verifier: seeded.verifier,
      airtableDefaults: { limits: { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 } },
    });
    const mcpUrl = (await mcp.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');

    return {
      seeded,
      mcpUrl,
      async startChat(options) {
        // A store of its own: the workspace outline chat caches must come from this app's tools.
        const store = createMemoryStore();
        const app = createServiceApp({ logger });
        await app.register(chatApp, {
          config: loadConfig(chatConfigSchema, {
            DATABASE_URL: seeded.databaseUrl,
            SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
            MCP_URL: mcpUrl,
          }),
          store,
          verifier: seeded.verifier,
          provider: options.provider,
          ...(options.openTools === undefined ? {} : { openTools: options.openTools }),
        });
        const url = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
        return {
          url,
          app,
          async close() {
            await app.close();
            await store.close();
          },
        };
      },
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}
