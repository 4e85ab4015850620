import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createServiceApp } from '../../src/server/create-service-app.ts';
import { runService } from '../../src/server/run-service.ts';
import { captureLogs } from '../support/capture-logs.ts';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(shutdownTimeoutMs: number) {
  const app = createServiceApp({ logger: captureLogs('warn').logger });
  let closedPools = 0;
  app.addHook('onClose', (_instance, done) => {
    closedPools += 1;
    done();
  });
  app.get('/slow', async () => {
    await sleep(300);
    return { finished: true };
  });
  app.get('/stream', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.write('event: ready\ndata: {}\n\n');
    const end = () => reply.raw.end('event: shutdown\ndata: {}\n\n');
    app.shutdownSignal.addEventListener('abort', end, { once: true });
    return reply;
  });
  app.get('/stuck', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.write('event: ready\ndata: {}\n\n');
    return reply;
  });
  const running = await runService(app, {
    host: '127.0.0.1',
    port: 0,
    shutdownTimeoutMs,
    handleSignals: false,
  });
  return { running, closedPools: () => closedPools };
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections and closes pools', async () => {
    const { running, closedPools } = await start(5_000);
    const inFlight = get(`${running.url}/slow`);
    await sleep(50);
    const stopped = running.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ finished: true });
    await stopped;
    expect(closedPools()).toBe(1);
    await expect(get(`${running.url}/slow`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('lets open streams end themselves when shutdown begins', async () => {
    const { running } = await start(5_000);
    const stream = get(`${running.url}/stream`);
    await sleep(50);
    const started = Date.now();
    await running.stop();
    const response = await stream;
    expect(response.body).toContain('event: shutdown');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('cuts a stream that ignores the signal once the bound expires', async () => {
    const { running } = await start(300);
    const stream = get(`${running.url}/stuck`).catch((error: unknown) => error);
    await sleep(50);
    const started = Date.now();
    await running.stop();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000);
    const outcome = await stream;
    expect(outcome instanceof Error || typeof outcome === 'object').toBe(true);
  });
});
