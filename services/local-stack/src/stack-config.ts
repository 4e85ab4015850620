import { Type } from 'typebox';
import { LogLevel, PortNumber } from '@pyairtable/kit';

/**
 * What `npm start` reads from the environment. Every variable is optional: with none set it
 * runs embedded Postgres and in-process caches under `.data/`.
 */
export const stackConfigSchema = Type.Object({
  /** An existing Postgres to use instead of the embedded one. */
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** An existing Redis; without it every service keeps its cache and limits in process. */
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** Where the embedded database, logs, the lock and stack.json live. */
  STACK_DATA_DIR: Type.String({ default: '.data', minLength: 1 }),
  /** The address services bind to and URLs point at; loopback keeps the demo private. */
  STACK_HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  EMBEDDED_POSTGRES_PORT: PortNumber(5433),
  GATEWAY_PORT: PortNumber(8000),
  MCP_PORT: PortNumber(8001),
  CHAT_PORT: PortNumber(8003),
  AIRTABLE_EMULATOR_PORT: PortNumber(8090),
  LOG_LEVEL: LogLevel,
  /** How long each service may take to report ready. */
  STACK_READY_TIMEOUT_MS: Type.Integer({ minimum: 1_000, default: 60_000 }),
  /** How long services get to drain on Ctrl-C before they are killed. */
  STACK_STOP_TIMEOUT_MS: Type.Integer({ minimum: 1_000, default: 15_000 }),
});
