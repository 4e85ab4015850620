import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/cache/create-store.ts';
import { unreachableRedisUrl } from './backends.ts';

describe('createStore', () => {
  it('keeps state in the process when no Redis URL is configured', async () => {
    for (const store of [createStore(), createStore({ redisUrl: '' })]) {
      expect(store.readinessCheck().name).toBe('memory-store');
      await store.close();
    }
  });

  it('uses Redis when a URL is configured', async () => {
    const store = createStore({ redisUrl: await unreachableRedisUrl(), onError: () => undefined });
    expect(store.readinessCheck().name).toBe('redis');
    await store.close();
  });
});
