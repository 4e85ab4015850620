/**
 * An emulator private to one suite file, listening on a free port of 127.0.0.1: airtable.js
 * and the access layer both speak real HTTP, so `inject` will not do.
 */
import { buildEmulator } from '@pyairtable/airtable-emulator';
import type { EmulatorOptions } from '@pyairtable/airtable-emulator';
import type { ServiceApp } from '@pyairtable/kit';

/** A started emulator. */
export interface ListeningEmulator {
  readonly app: ServiceApp;
  /** What both clients take as `endpointUrl`, e.g. `http://127.0.0.1:41234`. */
  readonly endpointUrl: string;
  close(): Promise<void>;
}

/** Starts an emulator with the demo bases; rate limits off unless `options` turn them on. */
export async function startListeningEmulator(
  options: EmulatorOptions = {},
): Promise<ListeningEmulator> {
  const app = await buildEmulator({ rateLimits: false, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error('the emulator is not listening on a TCP port');
  }
  return { app, endpointUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** How many answers with `status` the emulator sent, from its own HTTP metrics. */
export async function answersWithStatus(app: ServiceApp, status: number): Promise<number> {
  const metric = app.metrics.getSingleMetric('http_server_request_duration_seconds');
  if (metric === undefined) return 0;
  const { values } = await metric.get();
  return values
    .filter(
      (sample) =>
        'metricName' in sample &&
        sample.metricName === 'http_server_request_duration_seconds_count' &&
        sample.labels['status_code'] === String(status),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
