import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { redactString, redactValue } from './redact-secrets.ts';

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Stamped on every line as `service`. */
  readonly service: string;
  readonly level?: string;
  /** Where lines go; stdout unless a test captures them. */
  readonly destination?: DestinationStream;
  /** More secret shapes to mask, e.g. the platform's own API key format. */
  readonly secretPatterns?: readonly RegExp[];
}

interface LoggableRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly url?: string;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly ip?: string;
  readonly routeOptions?: { readonly url?: string | undefined };
}

interface LoggableReply {
  readonly statusCode?: number;
}

/**
 * A pino logger writing one JSON object per line with the service name, the active trace and
 * span ids, and every secret masked: by key (authorization, cookie, password, token, api
 * key…) at any depth, and by shape (bearer tokens, JWTs, URL credentials, Airtable tokens)
 * inside messages, error messages and stacks.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const extra = options.secretPatterns ?? [];
  const scrub = (value: unknown): unknown => redactValue(value, extra);
  const loggerOptions: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrub(object) as Record<string, unknown>,
    },
    mixin: () => {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { traceId: context.traceId, spanId: context.spanId } : {};
    },
    hooks: {
      // The last pass over the finished line catches secret shapes wherever they ended up:
      // interpolated into a message, inside an error's message or stack, in a URL.
      streamWrite: (line) => redactString(line, extra),
    },
    serializers: {
      err: (error: Error) => scrub({ ...pino.stdSerializers.err(error) }),
      req: (request: LoggableRequest) =>
        scrub({
          method: request.method,
          url: request.url,
          route: request.routeOptions?.url,
          remoteAddress: request.ip,
          headers: request.headers,
        }),
      res: (reply: LoggableReply) => ({ statusCode: reply.statusCode }),
    },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
