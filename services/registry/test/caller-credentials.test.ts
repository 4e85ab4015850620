import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '@pyairtable/kit';
import {
  createCachedAccessResolver,
  publishRegistryChange,
  readCallerCredentials,
} from '../src/index.ts';
import type { AccessResult, WorkspaceAccessResolver } from '../src/index.ts';

const KEY = `pyat_key_0123456789abcdef_${'a'.repeat(43)}`;

describe('readCallerCredentials', () => {
  it('reads an access token with its workspace header', () => {
    expect(
      readCallerCredentials({ authorization: 'Bearer eyJ.a.b', 'x-workspace-id': ' wsp_1 ' }),
    ).toEqual({
      kind: 'accessToken',
      token: 'eyJ.a.b',
      workspaceId: 'wsp_1',
    });
  });

  it('recognises an API key in Authorization or X-API-Key', () => {
    expect(readCallerCredentials({ authorization: `bearer ${KEY}` })).toEqual({
      kind: 'apiKey',
      secret: KEY,
    });
    expect(readCallerCredentials({ 'x-api-key': KEY })).toEqual({ kind: 'apiKey', secret: KEY });
  });

  it('tells missing from malformed credentials', () => {
    expect(readCallerCredentials({})).toEqual({ kind: 'none' });
    expect(readCallerCredentials({ authorization: 'Basic abc' }).kind).toBe('malformed');
    expect(readCallerCredentials({ authorization: 'Bearer' }).kind).toBe('malformed');
  });

  it('treats a repeated header as absent rather than guessing', () => {
    expect(readCallerCredentials({ 'x-api-key': [KEY, KEY] })).toEqual({ kind: 'none' });
  });
});

describe('createCachedAccessResolver', () => {
  const granted = { granted: false, reason: 'not-a-member' } as const satisfies AccessResult;

  function countingResolver(): WorkspaceAccessResolver & { calls: number } {
    const resolver = {
      calls: 0,
      forUser: () => {
        resolver.calls += 1;
        return Promise.resolve<AccessResult>(granted);
      },
      forApiKey: () => {
        resolver.calls += 1;
        return Promise.resolve<AccessResult>(granted);
      },
    };
    return resolver;
  }

  it('reuses an answer until its TTL runs out', async () => {
    let now = 0;
    const inner = countingResolver();
    const cached = createCachedAccessResolver({ resolver: inner, ttlMs: 1_000, now: () => now });
    await cached.forUser('usr_1', 'wsp_1');
    await cached.forUser('usr_1', 'wsp_1');
    expect(inner.calls).toBe(1);
    now = 1_001;
    await cached.forUser('usr_1', 'wsp_1');
    expect(inner.calls).toBe(2);
  });

  it('forgets everything when a registry change is announced', async () => {
    const store = createMemoryStore();
    const inner = countingResolver();
    const cached = createCachedAccessResolver({ resolver: inner, store });
    await cached.start();
    await cached.forApiKey(KEY);
    await cached.forApiKey(KEY);
    expect(inner.calls).toBe(1);
    await publishRegistryChange(store, { kind: 'apiKey', id: 'key_x' });
    await vi.waitFor(async () => {
      await cached.forApiKey(KEY);
      expect(inner.calls).toBe(2);
    });
    await cached.close();
    await store.close();
  });

  it('does not remember a failed lookup', async () => {
    let fail = true;
    const cached = createCachedAccessResolver({
      resolver: {
        forUser: () =>
          fail
            ? Promise.reject(new Error('database down'))
            : Promise.resolve<AccessResult>(granted),
        forApiKey: () => Promise.resolve<AccessResult>(granted),
      },
    });
    await expect(cached.forUser('usr_1', 'wsp_1')).rejects.toThrow('database down');
    fail = false;
    await expect(cached.forUser('usr_1', 'wsp_1')).resolves.toEqual(granted);
  });
});
