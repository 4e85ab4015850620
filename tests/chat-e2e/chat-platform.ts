import { afterAll, beforeAll } from 'vitest';
import { buildEmulator } from '@pyairtable/airtable-emulator';
import { chatApp, chatConfigSchema, migrateChat } from '@pyairtable/chat';
import type { LlmProvider } from '@pyairtable/chat';
import { createLogger, createServiceApp, loadConfig } from '@pyairtable/kit';
import type { ServiceApp } from '@pyairtable/kit';
import { createTestStore } from '@pyairtable/kit/testing';
import { mcpApp, mcpConfigSchema } from '@pyairtable/mcp';
import { startGeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import type { GeminiDouble } from '../../services/chat/test/support/gemini-double.ts';
import { seedRegistry } from '../support/seeded-registry.ts';
import type { SeededRegistry } from '../support/seeded-registry.ts';

/** chat, mcp, the Airtable emulator, Postgres and the Gemini double, all on loopback. */
export interface ChatPlatform {
  readonly chatUrl: string;
  readonly mcpUrl: string;
  readonly gemini: GeminiDouble;
  readonly seeded: SeededRegistry;
}

/** Options of {@link useChatPlatform}. */
export interface ChatPlatformOptions {
  /** chat variables on top of the defaults (Gemini through the double). */
  readonly chatEnvironment?: Record<string, string>;
  /** The seeded tenant's chat requests per minute (1,000 unless a test needs a low one). */
  readonly chatRequestsPerMinute?: number;
  /** A provider to use instead of the one the configuration picks. */
  readonly provider?: LlmProvider;
}

/**
 * Starts the whole chat path for a test file, every service in this process on its own port:
 * the real chat and mcp apps, the real @google/genai client pointed at the double, the real
 * MCP client and server between them, and the emulator behind mcp.
 */
export function useChatPlatform(options: ChatPlatformOptions = {}): {
  readonly platform: ChatPlatform;
} {
  const store = createTestStore('chat-e2e');
  const apps: ServiceApp[] = [];
  const closers: (() => Promise<void>)[] = [];
  let platform: ChatPlatform | undefined;

  beforeAll(async () => {
    const seeded = await seedRegistry(
      store,
      options.chatRequestsPerMinute === undefined
        ? {}
        : { chatRequestsPerMinute: options.chatRequestsPerMinute },
    );
    closers.push(() => seeded.close());
    await migrateChat(seeded.databaseUrl);
    const emulator = await buildEmulator({ rateLimits: false });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => emulator.close());
    const gemini = await startGeminiDouble({ apiKey: 'test-gemini-key' });
    closers.push(() => gemini.close());
    const logger = createLogger({ service: 'e2e', level: 'silent' });

    const mcp = createServiceApp({ logger });
    apps.push(mcp);
    await mcp.register(mcpApp, {
      config: loadConfig(mcpConfigSchema, {
        DATABASE_URL: seeded.databaseUrl,
        SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
        AIRTABLE_ENDPOINT_URL: emulatorUrl,
      }),
      store,
      verifier: seeded.verifier,
      airtableDefaults: { limits: { perBasePerSecond: 1_000, perTokenPerSecond: 1_000 } },
    });
    const mcpUrl = (await mcp.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');

    const chat = createServiceApp({ logger });
    apps.push(chat);
    await chat.register(chatApp, {
      config: loadConfig(chatConfigSchema, {
        DATABASE_URL: seeded.databaseUrl,
        SECRET_ENCRYPTION_KEYS: seeded.encryptionKeys,
        MCP_URL: mcpUrl,
        GEMINI_API_KEY: 'test-gemini-key',
        GEMINI_BASE_URL: gemini.baseUrl,
        TOOL_TIMEOUT_MS: '5000',
        ...options.chatEnvironment,
      }),
      store,
      verifier: seeded.verifier,
      ...(options.provider === undefined ? {} : { provider: options.provider }),
    });
    const chatUrl = (await chat.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    platform = { chatUrl, mcpUrl, gemini, seeded };
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const close of closers.reverse()) await close();
    await store.close();
  });

  return {
    get platform() {
      if (platform === undefined) throw new Error('the chat platform is used before beforeAll ran');
      return platform;
    },
  };
}

/** One SSE event as a client parses it. */
export interface ReceivedEvent {
  readonly id: string;
  readonly event: string;
  readonly data: unknown;
}

/** Parses a whole SSE body (or what arrived of it). */
export function parseSse(text: string): ReceivedEvent[] {
  return text
    .split('\n\n')
    .map((frame) => frame.split('\n'))
    .flatMap((lines) => {
      const field = (name: string) =>
        lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const id = field('id');
      const event = field('event');
      const data = field('data');
      return id === undefined || event === undefined || data === undefined
        ? []
        : [{ id, event, data: JSON.parse(data) as unknown }];
    });
}
