/**
 * The emulator as a plugin on a kit service app: its state, the optional data-file writer
 * (flushed when the app closes, after requests drain) and the Airtable API under `/v0`. It
 * never listens; `server.ts` does, and tests use `inject`.
 */
import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';
import type { TokenRegistry } from './auth/access-tokens.ts';
import { createRateLimiter } from './auth/rate-limiter.ts';
import type { RateLimitSettings } from './auth/rate-limiter.ts';
import { v0Api } from './http/v0-api.ts';
import type { EmulatorState } from './model/emulator-state.ts';
import { createListCursors } from './model/list-cursors.ts';
import { watchDataFile } from './persistence/data-file.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The emulator's bases, records and comments (for tests and tools). */
    readonly emulator: EmulatorState;
  }
}

/** Options of {@link emulatorApp}. */
export interface EmulatorAppOptions {
  readonly state: EmulatorState;
  readonly tokens: TokenRegistry;
  /** Airtable's request limits, or undefined to serve without limits. */
  readonly rateLimits: RateLimitSettings | undefined;
  /** Where to save the state after changes; not saved when undefined. */
  readonly dataFile?: string | undefined;
  /** How long after a change the data file is written. */
  readonly saveDelayMs?: number | undefined;
}

/** The Airtable emulator plugin. */
export const emulatorApp = fastifyPlugin(
  (app: ServiceApp, options: EmulatorAppOptions) => {
    const { state } = options;
    app.decorate('emulator', state);
    if (options.dataFile !== undefined) {
      const writer = watchDataFile(state, options.dataFile, {
        debounceMs: options.saveDelayMs ?? 500,
        onError: (error) => {
          app.log.error({ err: error, file: options.dataFile }, 'saving the data file failed');
        },
      });
      app.addHook('onClose', () => writer.close());
    }
    void app.register(v0Api, {
      prefix: '/v0',
      state,
      tokens: options.tokens,
      limiter:
        options.rateLimits === undefined
          ? undefined
          : createRateLimiter(options.rateLimits, state.clock),
      cursors: createListCursors({ clock: state.clock }),
    });
  },
  { name: 'pyairtable-airtable-emulator', fastify: '5.x' },
);
