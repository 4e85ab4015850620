import { Type } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';

const ComponentHealth = Type.Object({
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
});

const PlatformHealth = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  components: Type.Record(Type.String(), ComponentHealth),
});

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `GET /api/health`: the platform at a glance for people and status pages. The gateway's own
 * dependencies (Postgres, the store) and each service's `/readyz`, probed in parallel with a
 * bounded wait; 200 when all are ready, 503 naming what is not. Probes go to the services'
 * internal addresses, which the answer never reveals.
 */
export function platformHealthRoute(app: ServiceApp, context: GatewayContext): void {
  const services = { chat: context.config.CHAT_URL, mcp: context.config.MCP_URL };
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Readiness of the gateway, Postgres, the shared store, chat and mcp',
        tags: ['health'],
        operationId: 'platformHealth',
        response: { 200: PlatformHealth, 503: PlatformHealth },
      },
    },
    async (_request, reply) => {
      const [own, ...probes] = await Promise.all([
        app.readiness.evaluate(),
        ...Object.entries(services).map(async ([name, url]) => [name, await probe(url)] as const),
      ]);
      const components: Record<string, { ok: boolean; error?: string }> = { ...own.checks };
      for (const [name, health] of probes) components[name] = health;
      const ok = Object.values(components).every((component) => component.ok);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', components });
    },
  );
}

async function probe(baseUrl: string): Promise<{ ok: boolean; error?: string }> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok
      ? { ok: true }
      : { ok: false, error: `not ready (HTTP ${String(response.status)})` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      error: timedOut ? `no answer within ${String(PROBE_TIMEOUT_MS)} ms` : 'unreachable',
    };
  }
}
