export { ConfigError, loadConfig, loadConfigOrExit, PortNumber } from './config/load-config.ts';
export type { ConfigProblem, EnvironmentSource } from './config/load-config.ts';
export {
  defineServiceConfig,
  LogLevel,
  serviceConfigProperties,
  storeConfigProperties,
} from './config/service-config.ts';
export { childEnvironment } from './config/environment.ts';

export { AppError, defineErrors } from './errors/app-error.ts';
export type { ErrorDefinition, ProblemExtensions } from './errors/app-error.ts';
export { kitErrors } from './errors/kit-errors.ts';
export type { InvalidField } from './errors/kit-errors.ts';
export {
  classifyError,
  problemDetailsPlugin,
  problemType,
  sendProblem,
  toProblem,
} from './errors/problem-details.ts';
export type { ProblemBody } from './errors/problem-details.ts';
export { PROBLEM_MEDIA_TYPE, problemResponse, ProblemSchema } from './errors/problem-schema.ts';
export type { ProblemResponse } from './errors/problem-schema.ts';

export { createLogger } from './logging/create-logger.ts';
export type { CreateLoggerOptions } from './logging/create-logger.ts';
export { isSecretKey, REDACTED, redactString, redactValue } from './logging/redact-secrets.ts';

export { createMetricsRegistry } from './metrics/metrics-registry.ts';
export { httpMetricsPlugin, UNMATCHED_ROUTE } from './metrics/http-metrics.ts';
export type { HttpMetricsOptions } from './metrics/http-metrics.ts';

export type { ReadinessCheck } from './health/readiness-check.ts';
export { createReadinessRegistry, healthPlugin } from './health/health-plugin.ts';
export type { HealthOptions, ReadinessRegistry, ReadinessReport } from './health/health-plugin.ts';

export { createServiceApp } from './server/create-service-app.ts';
export type { ServiceApp, ServiceAppOptions } from './server/create-service-app.ts';
export { runService } from './server/run-service.ts';
export { openServiceStores } from './server/service-stores.ts';
export type { ServiceStores, ServiceStoresOptions } from './server/service-stores.ts';
export type { RunningService, RunServiceOptions } from './server/run-service.ts';

export { createStore } from './cache/create-store.ts';
export type { StoreOptions } from './cache/create-store.ts';
export { createMemoryStore } from './cache/memory-store.ts';
export type { MemoryStoreOptions } from './cache/memory-store.ts';
export { createRedisStore } from './cache/redis-store.ts';
export type { RedisStoreOptions } from './cache/redis-store.ts';
export type {
  MessageHandler,
  RateLimit,
  RateLimitDecision,
  SharedStore,
  StoreErrorReporter,
  Unsubscribe,
} from './cache/shared-store.ts';
export type { JsonValue } from './cache/json-value.ts';

export { currentTraceIds } from './tracing/current-trace-ids.ts';
export type { TraceIds } from './tracing/current-trace-ids.ts';
export { shutdownTracing, startTracing } from './tracing/start-tracing.ts';
export { createServiceTracer, markSpanFailed } from './tracing/service-tracer.ts';
export type { ServiceTracer, SpanSettings, TracedSpanKind } from './tracing/service-tracer.ts';
export type { Span } from '@opentelemetry/api';
export type { SpanProcessor, TracingHandle, TracingOptions } from './tracing/start-tracing.ts';

export { createHttpClient } from './http-client/create-http-client.ts';
export type {
  HeadersInput,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
} from './http-client/create-http-client.ts';
export type { RetryOptions } from './http-client/retry-policy.ts';
export { createCircuitBreaker } from './http-client/circuit-breaker.ts';
export type {
  CircuitBreaker,
  CircuitBreakerOptions,
  CircuitPermit,
  CircuitState,
} from './http-client/circuit-breaker.ts';
export {
  CircuitOpenError,
  UpstreamError,
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
} from './http-client/upstream-errors.ts';
export type { UpstreamFailure } from './http-client/upstream-errors.ts';

export { createJwtVerifier, DEFAULT_JWT_ALGORITHMS } from './auth/create-jwt-verifier.ts';
export type {
  AsymmetricAlgorithm,
  JwtClaims,
  JwtKeySource,
  JwtVerifier,
  JwtVerifierOptions,
} from './auth/create-jwt-verifier.ts';
export { JwksUnavailableError, JwtVerificationError } from './auth/jwt-verification-error.ts';
export type { JwtRejectionReason } from './auth/jwt-verification-error.ts';

export { createPgPool } from './postgres/pg-pool.ts';
export type { PgPoolOptions } from './postgres/pg-pool.ts';
export { pgReadinessCheck } from './postgres/pg-readiness-check.ts';
export type { PgReadinessCheckOptions } from './postgres/pg-readiness-check.ts';
export { inTransaction } from './postgres/in-transaction.ts';
export { runMigrations } from './postgres/run-migrations.ts';
export type { AppliedMigration, RunMigrationsOptions } from './postgres/run-migrations.ts';
export { startEmbeddedPostgres } from './postgres/embedded-postgres.ts';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './postgres/embedded-postgres.ts';

export { findFreePort, isPortFree } from './net/ports.ts';

export {
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
  SecretDecryptionError,
} from './crypto/secret-cipher.ts';
export type { CipherKey, SecretCipher } from './crypto/secret-cipher.ts';
