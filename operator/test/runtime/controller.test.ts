import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createController } from '../../src/runtime/controller.ts';

const silent = pino({ level: 'silent' });

describe('a controller', () => {
  it('reconciles each queued key once, never one key twice at a time', async () => {
    const running = new Set<string>();
    let overlaps = 0;
    const seen: string[] = [];
    const controller = createController({
      name: 'test',
      workers: 3,
      logger: silent,
      queue: { rateLimit: { perSecond: 10_000, burst: 10_000 } },
      reconcile: async ({ namespace, name }) => {
        const key = `${namespace}/${name}`;
        if (running.has(key)) overlaps += 1;
        running.add(key);
        seen.push(key);
        await sleep(5);
        running.delete(key);
        return undefined;
      },
    });
    for (let index = 0; index < 20; index += 1) controller.enqueue(`ns/${String(index % 5)}`);
    controller.start();
    await sleep(100);
    await controller.stop();
    expect(overlaps).toBe(0);
    expect([...seen].sort()).toEqual(['ns/0', 'ns/1', 'ns/2', 'ns/3', 'ns/4']);
  });

  it('stops after the reconciles in flight, leaving a backlog to the next leader', async () => {
    let started = 0;
    const controller = createController({
      name: 'test',
      workers: 2,
      logger: silent,
      queue: { rateLimit: { perSecond: 10_000, burst: 10_000 } },
      reconcile: async () => {
        started += 1;
        await sleep(50);
        return undefined;
      },
    });
    for (let index = 0; index < 200; index += 1) controller.enqueue(`ns/${String(index)}`);
    controller.start();
    await sleep(10);
    const stopping = performance.now();
    await controller.stop();
    expect(started).toBe(2);
    expect(performance.now() - stopping).toBeLessThan(1_000);
  });

  it('retries a failing key with backoff and reconciles it again after a restart', async () => {
    let attempts = 0;
    const controller = createController({
      name: 'test',
      workers: 1,
      logger: silent,
      queue: {
        backoff: { baseMs: 10, maxMs: 20 },
        rateLimit: { perSecond: 10_000, burst: 10_000 },
      },
      reconcile: () => {
        attempts += 1;
        return attempts < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve(undefined);
      },
    });
    controller.enqueue('ns/a');
    controller.start();
    await sleep(150);
    expect(attempts).toBe(3);
    await controller.stop();
    controller.start();
    controller.enqueue('ns/a');
    await sleep(30);
    expect(attempts).toBe(4);
    await controller.stop();
  });
});
