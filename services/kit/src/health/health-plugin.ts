import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { redactString } from '../logging/redact-secrets.ts';
import type { ReadinessCheck } from './readiness-check.ts';

/** Registers the dependencies `/readyz` waits for. */
export interface ReadinessRegistry {
  add(check: ReadinessCheck): void;
  /** Runs every check once; what `/readyz` answers with. */
  evaluate(): Promise<ReadinessReport>;
}

/** The result of one readiness evaluation. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { readonly ok: boolean; readonly error?: string }>>;
}

/** Options of {@link healthPlugin}. */
export interface HealthOptions {
  readonly registry: ReadinessRegistry;
  /** True once shutdown has begun: the instance must leave load balancing at once. */
  readonly isDraining: () => boolean;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_resolve, reject) => {
    signal.addEventListener('abort', () => {
      reject(new Error(`no answer within ${timeoutMs} ms`));
    });
  });
  await Promise.race([check.check(signal), timedOut]);
}

/** The checks `/readyz` runs, each bounded by `timeoutMs`. */
export function createReadinessRegistry(timeoutMs: number): ReadinessRegistry {
  const checks: ReadinessCheck[] = [];
  return {
    add(check) {
      checks.push(check);
    },
    async evaluate() {
      const results = await Promise.allSettled(checks.map((check) => runCheck(check, timeoutMs)));
      const report: Record<string, { ok: boolean; error?: string }> = {};
      results.forEach((result, index) => {
        const name = checks[index]?.name ?? String(index);
        report[name] =
          result.status === 'fulfilled'
            ? { ok: true }
            : { ok: false, error: redactString(describe(result.reason)) };
      });
      return { ready: results.every((result) => result.status === 'fulfilled'), checks: report };
    },
  };
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message || reason.name : String(reason);
}

/**
 * `/livez` answers while the process can serve at all (never checks dependencies, so a
 * database outage does not restart every pod); `/readyz` answers 200 only when every
 * registered dependency does and the instance is not shutting down.
 */
export const healthPlugin = fastifyPlugin(
  (app: FastifyInstance, options: HealthOptions) => {
    const { registry } = options;
    app.get('/livez', { logLevel: 'warn' }, () => ({ status: 'ok' }));
    app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
      if (options.isDraining()) return reply.code(503).send({ status: 'draining', checks: {} });
      const report = await registry.evaluate();
      return reply
        .code(report.ready ? 200 : 503)
        .send({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
    });
  },
  { name: 'pyairtable-health', fastify: '5.x' },
);
