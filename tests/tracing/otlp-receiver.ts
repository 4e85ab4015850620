import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { decodeOtlpTraces } from './decode-otlp-traces.ts';
import type { ReceivedSpan } from './decode-otlp-traces.ts';

/** An OTLP/HTTP trace receiver on loopback that keeps every span in memory. */
export interface OtlpReceiver {
  /** Pass as `OTEL_EXPORTER_OTLP_ENDPOINT`: exporters post to `<endpoint>/v1/traces`. */
  readonly endpoint: string;
  /** Every span received so far, in arrival order. */
  readonly spans: readonly ReceivedSpan[];
  /** Resolves with the spans once `ready(spans)` holds; rejects after `timeoutMs`. */
  waitFor(
    ready: (spans: readonly ReceivedSpan[]) => boolean,
    timeoutMs: number,
  ): Promise<readonly ReceivedSpan[]>;
  /** Resolves once no span has arrived for `quietMs`: the exporters have sent what they had. */
  waitUntilQuiet(quietMs: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The collector end of the services' real export pipeline (`BatchSpanProcessor` →
 * `OTLPTraceExporter`, protobuf over HTTP): what an OpenTelemetry Collector or Tempo would
 * receive, decoded into plain spans a test can assert on.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    receive(request, response, spans).catch((error: unknown) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${String(port)}`,
    spans,
    async waitFor(ready, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!ready(spans)) {
        if (Date.now() > deadline) {
          throw new Error(
            `the expected spans did not arrive within ${String(timeoutMs)} ms; received:\n` +
              spans.map((span) => `  ${span.service}: ${span.name}`).join('\n'),
          );
        }
        await delay(50);
      }
      return spans;
    },
    async waitUntilQuiet(quietMs, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let seen = -1;
      let quietSince = Date.now();
      while (Date.now() - quietSince < quietMs) {
        if (Date.now() > deadline) {
          throw new Error(`spans kept arriving for ${String(timeoutMs)} ms`);
        }
        if (spans.length !== seen) {
          seen = spans.length;
          quietSince = Date.now();
        }
        await delay(25);
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

async function receive(
  request: IncomingMessage,
  response: ServerResponse,
  spans: ReceivedSpan[],
): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/v1/traces') {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
  spans.push(...decodeOtlpTraces(body));
  // An empty ExportTraceServiceResponse: everything accepted.
  response.writeHead(200, { 'content-type': 'application/x-protobuf' });
  response.end();
}
