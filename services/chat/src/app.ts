import fastifyPlugin from 'fastify-plugin';
import { createJwtVerifier, openServiceStores } from '@pyairtable/kit';
import type { JwtVerifier, ServiceApp, SharedStore } from '@pyairtable/kit';
import { openRegistry } from '@pyairtable/registry';
import type { ChatConfig } from './config.ts';
import { createChatMetrics } from './conversation/chat-metrics.ts';
import { createGenerations } from './conversation/generations.ts';
import type { GenerationsOptions } from './conversation/generations.ts';
import { createChatCallers } from './identity/chat-caller.ts';
import { createLlmProvider } from './llm/create-llm-provider.ts';
import type { LlmProvider } from './llm/llm-types.ts';
import { chatOpenApi } from './routes/chat-openapi.ts';
import { chatRoutes } from './routes/chat-routes.ts';
import { createChatStore } from './store/create-chat-store.ts';
import { createStreamBuffer } from './streaming/create-stream-buffer.ts';

/** An answer still `streaming` after this long lost its replica (longer than any real turn). */
const ABANDONED_AFTER_MS = 30 * 60_000;
const SWEEP_INTERVAL_MS = 5 * 60_000;

/** Options of {@link chatApp}. */
export interface ChatAppOptions {
  readonly config: ChatConfig;
  /** The shared store; by default opened from `REDIS_URL` (closing it is then the app's job). */
  readonly store?: SharedStore;
  /** Checks access tokens; by default against the gateway's JWKS. */
  readonly verifier?: JwtVerifier;
  /** The model; by default chosen from the configuration (Gemini, OpenAI-compatible, offline). */
  readonly provider?: LlmProvider;
  /** Opens the workspace's tools; by default over MCP at `MCP_URL`. */
  readonly openTools?: GenerationsOptions['openTools'];
}

/**
 * chat as a plugin on a kit service app: Postgres (sessions, messages, usage; chat's tables
 * must be migrated before, server.ts does it), the registry (read-only), the stream buffer on
 * the shared store, the model, and the routes. Answers still running at shutdown are
 * cancelled and stored as such. It never listens.
 */
export const chatApp = fastifyPlugin(
  async (app: ServiceApp, options: ChatAppOptions) => {
    const { config } = options;
    const { pool, store } = openServiceStores(app, {
      databaseUrl: config.DATABASE_URL,
      applicationName: 'pyairtable-chat',
      redisUrl: config.REDIS_URL,
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      store: options.store,
    });
    const { access } = await openRegistry({
      pool,
      store,
      databaseUrl: config.DATABASE_URL,
      encryptionKeys: config.SECRET_ENCRYPTION_KEYS,
      onError: (error) => {
        app.log.warn({ err: error }, 'registry announcements interrupted');
      },
    });
    const chatStore = createChatStore(pool);
    const metrics = createChatMetrics(app.metrics);
    const buffer = createStreamBuffer({ store, ttlMs: config.STREAM_RETENTION_MS });
    const generations = createGenerations({
      config,
      provider: options.provider ?? createLlmProvider(config, app.metrics),
      store,
      messages: chatStore.messages,
      usage: chatStore.usage,
      buffer,
      metrics,
      logger: app.log,
      ...(options.openTools === undefined ? {} : { openTools: options.openTools }),
    });
    await generations.listen();
    // Answers left `streaming` by a replica that died would block their session for good.
    const sweep = setInterval(() => {
      chatStore.messages
        .failAbandoned(new Date(Date.now() - ABANDONED_AFTER_MS))
        .catch((error: unknown) => {
          app.log.warn({ err: error }, 'could not close abandoned answers');
        });
    }, SWEEP_INTERVAL_MS);
    sweep.unref();
    app.addHook('onClose', () => {
      clearInterval(sweep);
    });
    app.addHook('preClose', () => generations.close());
    app.addHook('preClose', () => access.close());
    await app.register(chatOpenApi);
    chatRoutes(app, {
      config,
      store,
      callers: createChatCallers({
        verifier:
          options.verifier ??
          createJwtVerifier({
            jwksUrl: config.GATEWAY_JWKS_URL,
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
          }),
        access,
      }),
      ...chatStore,
      generations,
      buffer,
      metrics,
    });
  },
  { name: 'pyairtable-chat', fastify: '5.x' },
);
