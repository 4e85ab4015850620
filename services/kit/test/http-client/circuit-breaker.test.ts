import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/http-client/circuit-breaker.ts';
import { createHttpClient, type HttpClient } from '../../src/http-client/create-http-client.ts';
import {
  CircuitOpenError,
  UpstreamNetworkError,
  UpstreamStatusError,
} from '../../src/http-client/upstream-errors.ts';
import { findFreePort as closedPort } from '../../src/net/ports.ts';
import {
  startScriptedUpstream,
  status,
  type ScriptedAnswer,
  type ScriptedUpstream,
} from './scripted-upstream.ts';

const failureThreshold = 3;
const resetAfterMs = 10_000;

describe('http client circuit breaker', () => {
  let upstream: ScriptedUpstream;
  let clock: number;
  let client: HttpClient;

  // Retries are off so that each request is one attempt the breaker counts.
  const clientFor = (baseUrl: string): HttpClient =>
    createHttpClient({
      baseUrl,
      name: 'scripted',
      timeoutMs: 2_000,
      retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 },
      breaker: { failureThreshold, resetAfterMs },
      now: () => clock,
    });

  const settle = (path = '/items'): Promise<unknown> =>
    client.request(path).then(
      (response) => response.status,
      (error: unknown) => error,
    );

  const openTheCircuit = async (): Promise<void> => {
    upstream.answer(status(503));
    for (let failure = 0; failure < failureThreshold; failure += 1) await settle();
    upstream.answer(status(200));
  };

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
  });
  afterAll(async () => {
    await upstream.close();
  });
  beforeEach(() => {
    clock = 0;
    client = clientFor(upstream.url);
  });

  it('opens after consecutive failures, then fails fast without calling the upstream', async () => {
    upstream.answer(status(500));
    for (let failure = 0; failure < failureThreshold; failure += 1) {
      expect(await settle()).toBeInstanceOf(UpstreamStatusError);
    }
    expect(client.circuitState()).toBe('open');

    clock += 4_000;
    const error = await settle();

    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ statusCode: 503, retryAfterMs: 6_000 });
    expect(upstream.hits()).toBe(failureThreshold);
  });

  it('stays closed when a success breaks the run of failures', async () => {
    upstream.answer(status(500), status(500), status(200), status(500), status(500));
    for (let request = 0; request < 5; request += 1) await settle();
    expect(client.circuitState()).toBe('closed');
  });

  it('does not count 4xx answers: the upstream is healthy', async () => {
    upstream.answer(status(404));
    for (let request = 0; request < failureThreshold * 2; request += 1) await settle();
    expect(client.circuitState()).toBe('closed');
  });

  it('counts network errors', async () => {
    client = clientFor(`http://127.0.0.1:${await closedPort()}`);
    for (let request = 0; request < failureThreshold; request += 1) {
      expect(await settle()).toBeInstanceOf(UpstreamNetworkError);
    }
    expect(await settle()).toBeInstanceOf(CircuitOpenError);
  });

  it('half-opens after the cooldown and lets a single trial through', async () => {
    await openTheCircuit();
    clock += resetAfterMs;
    expect(client.circuitState()).toBe('half-open');

    let releaseTrial = (): void => undefined;
    const trialHeld = new Promise<void>((resolve) => {
      releaseTrial = resolve;
    });
    const heldAnswer: ScriptedAnswer = async (request, reply) => {
      await trialHeld;
      return status(200)(request, reply);
    };
    upstream.answer(heldAnswer);

    const trial = settle();
    // While the trial is in flight every other call still fails fast.
    expect(await settle()).toBeInstanceOf(CircuitOpenError);
    releaseTrial();

    expect(await trial).toBe(200);
    expect(upstream.hits()).toBe(1);
    expect(client.circuitState()).toBe('closed');
    expect(await settle()).toBe(200);
  });

  it('opens again for another cooldown when the trial fails', async () => {
    await openTheCircuit();
    clock += resetAfterMs;
    upstream.answer(status(504));

    expect(await settle()).toBeInstanceOf(UpstreamStatusError);
    expect(client.circuitState()).toBe('open');
    expect(await settle()).toMatchObject({ retryAfterMs: resetAfterMs });
    expect(upstream.hits()).toBe(1);

    clock += resetAfterMs;
    upstream.answer(status(200));
    expect(await settle()).toBe(200);
    expect(client.circuitState()).toBe('closed');
  });
});

describe('createCircuitBreaker', () => {
  it('ignores late outcomes of calls that started before the circuit opened', () => {
    let clock = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, resetAfterMs: 100 }, () => clock);
    const early = breaker.tryAcquire();
    breaker.tryAcquire()?.failure();
    expect(breaker.state()).toBe('open');

    early?.success();
    expect(breaker.state()).toBe('open');
    clock = 100;
    expect(breaker.state()).toBe('half-open');
  });

  it('hands the trial to the next caller when the trial call is released', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 1, resetAfterMs: 0 }, () => 0);
    breaker.tryAcquire()?.failure();

    const trial = breaker.tryAcquire();
    expect(trial).toBeDefined();
    expect(breaker.tryAcquire()).toBeUndefined();
    trial?.release();
    expect(breaker.tryAcquire()).toBeDefined();
  });

  it('counts each permit once however often it is settled', () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, resetAfterMs: 100 }, () => 0);
    const permit = breaker.tryAcquire();
    permit?.failure();
    permit?.failure();
    expect(breaker.state()).toBe('closed');
  });
});
