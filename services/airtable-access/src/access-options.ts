import type { SharedStore } from '@pyairtable/kit';
import type { Registry } from 'prom-client';
import type { AccessLogger } from './access-logger.ts';
import type { CacheTtls } from './cache/read-cache.ts';
import type { Clock } from './clock.ts';
import type { RetrySettings } from './execution/request-executor.ts';
import type { GateLimits } from './limits/request-gate.ts';

/** Options of {@link createAirtableAccess}; all but `token` and `store` have defaults. */
export interface AirtableAccessOptions {
  /** Airtable's API, or the emulator (default https://api.airtable.com). */
  readonly endpointUrl?: string;
  /** The Airtable token (personal access or OAuth) every request is made with. */
  readonly token: string;
  /** Cache, limiter and penalties, shared by replicas when it is Redis. */
  readonly store: SharedStore;
  /** Where the metrics go; a private registry when absent. */
  readonly registry?: Registry;
  readonly limits?: Partial<GateLimits>;
  readonly cache?: Partial<CacheTtls>;
  readonly batching?: { readonly windowMs?: number };
  readonly retry?: Partial<RetrySettings>;
  /** Per-attempt limit for Airtable to answer (default 30 s; airtable.js's own is 300 s). */
  readonly requestTimeoutMs?: number;
  /** Time and waiting; tests pass a fake clock. */
  readonly clock?: Clock;
  /** Jitter source in [0, 1); tests pass a fixed one. */
  readonly random?: () => number;
  readonly logger?: AccessLogger;
}

/** The options with every default filled in and checked. */
export interface ResolvedAccessOptions {
  readonly endpointUrl: string;
  readonly limits: GateLimits;
  readonly cache: CacheTtls;
  readonly windowMs: number;
  readonly retry: RetrySettings;
  readonly requestTimeoutMs: number;
  /** Consecutive failed attempts (5xx, network) after which calls fail fast for a while. */
  readonly breaker: { readonly failureThreshold: number; readonly resetAfterMs: number };
}

const DEFAULT_PENALTY_MS = 30_000;

/** Fills in defaults; throws on settings that cannot work (a misconfiguration, not a request). */
export function resolveAccessOptions(options: AirtableAccessOptions): ResolvedAccessOptions {
  if (typeof options.token !== 'string' || options.token === '') {
    throw new TypeError('an Airtable token is required');
  }
  const endpoint = new URL(options.endpointUrl ?? 'https://api.airtable.com');
  const penaltyMs = options.limits?.penaltyMs ?? DEFAULT_PENALTY_MS;
  const resolved: ResolvedAccessOptions = {
    // Both transports append `/v0/...` themselves.
    endpointUrl: endpoint.href.replace(/\/+$/, ''),
    limits: {
      perBasePerSecond: options.limits?.perBasePerSecond ?? 5,
      perTokenPerSecond: options.limits?.perTokenPerSecond ?? 50,
      penaltyMs,
      // Long enough to sit out a 30 s penalty and the queue that gathered behind it.
      maxQueueWaitMs: options.limits?.maxQueueWaitMs ?? penaltyMs + 10_000,
    },
    cache: {
      schemaTtlMs: options.cache?.schemaTtlMs ?? 5 * 60_000,
      recordsTtlMs: options.cache?.recordsTtlMs ?? 30_000,
    },
    windowMs: options.batching?.windowMs ?? 15,
    retry: {
      maxAttempts: options.retry?.maxAttempts ?? 4,
      baseDelayMs: options.retry?.baseDelayMs ?? 250,
      maxDelayMs: options.retry?.maxDelayMs ?? 4_000,
    },
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    breaker: { failureThreshold: 5, resetAfterMs: 10_000 },
  };
  const positive = {
    'limits.perBasePerSecond': resolved.limits.perBasePerSecond,
    'limits.perTokenPerSecond': resolved.limits.perTokenPerSecond,
    'limits.penaltyMs': resolved.limits.penaltyMs,
    'cache.schemaTtlMs': resolved.cache.schemaTtlMs,
    'cache.recordsTtlMs': resolved.cache.recordsTtlMs,
    'retry.maxAttempts': resolved.retry.maxAttempts,
    requestTimeoutMs: resolved.requestTimeoutMs,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must be a positive number, got ${value}`);
    }
  }
  for (const [name, value] of Object.entries({
    'limits.maxQueueWaitMs': resolved.limits.maxQueueWaitMs,
    'batching.windowMs': resolved.windowMs,
  })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be zero or more, got ${value}`);
    }
  }
  return resolved;
}
