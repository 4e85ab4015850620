import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type FixtureLine } from './fixture-process.ts';

interface ReceivedExport {
  readonly path: string | undefined;
  readonly contentType: string | undefined;
  readonly body: Buffer;
}

interface ServiceRun {
  readonly lines: readonly FixtureLine[];
  readonly exitCode: number | null;
}

const traceId = '0af7651916cd43dd8448eb211c80319c';
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/serve-until-terminated.ts', import.meta.url));

// Starts a service exactly as production does, `node --import @pyairtable/kit/tracing/register`,
// with a local HTTP server standing in for the OTLP collector.
describe('the tracing preload', () => {
  const received: ReceivedExport[] = [];
  let collector: Server;
  let collectorUrl: string;

  // Serves one traced request, then stops the service the way Kubernetes does (SIGTERM);
  // its graceful shutdown flushes the batched spans.
  const runService = async (env: Record<string, string>): Promise<ServiceRun> => {
    const service = startFixture(['--import', '@pyairtable/kit/tracing/register', fixture], {
      cwd: repositoryRoot,
      env,
    });
    try {
      const ready = await service.waitFor((line) => line.type === 'ready');
      const response = await fetch(`${String(ready.url)}/ping`, {
        headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      });
      await response.text();
    } finally {
      await service.stop();
    }
    return { lines: service.lines, exitCode: await service.stop() };
  };

  beforeAll(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          path: request.url,
          contentType: request.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => collector.close(resolve));
  });

  it('patches pg and ioredis for the service and exports its spans as OTLP protobuf', async () => {
    received.length = 0;
    const run = await runService({
      OTEL_SERVICE_NAME: 'register-preload-test',
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
    });

    expect(run.exitCode).toBe(0);
    expect(run.lines.find((line) => line.type === 'patched')).toMatchObject({
      pg: true,
      ioredis: true,
    });
    expect(received.length).toBeGreaterThan(0);
    expect(received.map((request) => request.path)).toContain('/v1/traces');
    expect(received[0]?.contentType).toBe('application/x-protobuf');
    const body = Buffer.concat(received.map((request) => request.body));
    // Protobuf keeps strings and bytes fields verbatim: the service name and the caller's
    // trace id (16 raw bytes) appear as they are when the request continued that trace.
    expect(body.includes('register-preload-test')).toBe(true);
    expect(body.includes(Buffer.from(traceId, 'hex'))).toBe(true);
  });

  it('leaves everything alone when OTEL_SDK_DISABLED is true', async () => {
    received.length = 0;
    const run = await runService({
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
    });

    expect(run.exitCode).toBe(0);
    expect(run.lines.find((line) => line.type === 'patched')).toMatchObject({
      pg: false,
      ioredis: false,
    });
    expect(received).toEqual([]);
  });
});
