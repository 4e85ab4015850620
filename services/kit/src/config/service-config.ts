import { Type } from 'typebox';
import type { TObject, TProperties } from 'typebox';
import { PortNumber } from './load-config.ts';

/** Log levels pino understands, most verbose last. */
export const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) =>
    Type.Literal(level),
  ),
  { default: 'info' },
);

/**
 * Variables every service reads. A service adds its own fragment with
 * {@link defineServiceConfig}; the chart and `npm start` set the same names everywhere.
 */
export const serviceConfigProperties = {
  HOST: Type.String({ default: '0.0.0.0', minLength: 1 }),
  LOG_LEVEL: LogLevel,
  /** How long a stopping process waits for in-flight requests and streams before it cuts them. */
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 }),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String({ format: 'uri', minLength: 1 })),
};

/** Variables of every service that shares state through Redis. */
export const storeConfigProperties = {
  /** Redis for caches, limits and announcements shared by replicas; in-process without it. */
  REDIS_URL: Type.Optional(Type.String({ minLength: 1 })),
  /** Prefix of every key and channel, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', default: 'pyairtable:' }),
};

/**
 * The schema of one service's configuration: the shared variables, its port with the
 * architecture's default, and its own fragment.
 */
export function defineServiceConfig<Fragment extends TProperties>(
  defaultPort: number,
  fragment: Fragment,
): TObject<typeof serviceConfigProperties & { PORT: ReturnType<typeof PortNumber> } & Fragment> {
  return Type.Object({ ...serviceConfigProperties, PORT: PortNumber(defaultPort), ...fragment });
}
