import { randomUUID } from 'node:crypto';
import { createStore } from '../cache/create-store.ts';
import type { SharedStore } from '../cache/shared-store.ts';
import { testServers } from './test-servers.ts';

/** A key prefix no other test run uses, so runs sharing one Redis never see each other. */
export function uniqueKeyPrefix(label = 'test'): string {
  return `${label}:${randomUUID()}:`;
}

/**
 * The store a service under test would get: Redis when REDIS_URL is set (CI), else the
 * in-process store, in a key space of its own either way.
 */
export function createTestStore(label = 'test'): SharedStore {
  const { redisUrl } = testServers();
  return createStore({ redisUrl, keyPrefix: uniqueKeyPrefix(label) });
}
