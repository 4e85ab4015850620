import { describe, expect, it, vi } from 'vitest';
import {
  createCachedAccessResolver,
  createRegistry,
  listenForRegistryChanges,
} from '../src/index.ts';
import type { RegistryChange } from '../src/index.ts';
import { uniqueName, useRegistryDatabase } from './support/registry-database.ts';

const fixture = useRegistryDatabase();

function databaseUrl(): string {
  const url = fixture.pool.options.connectionString;
  if (url === undefined) throw new Error('pool has no connection string');
  return url;
}

describe('registry announcements through Postgres', () => {
  it('reach a listener on another connection, with no shared store at all', async () => {
    const heard: (RegistryChange | undefined)[] = [];
    const stop = await listenForRegistryChanges(databaseUrl(), (change) => heard.push(change));
    try {
      // A registry with no store, as each process of `npm start` has without Redis.
      const registry = createRegistry({ pool: fixture.pool, cipher: fixture.cipher });
      const tenant = await registry.tenants.create({
        name: uniqueName('notify'),
        displayName: 'N',
      });
      await vi.waitFor(() => {
        expect(heard).toContainEqual({ kind: 'tenant', id: tenant.id });
      });
    } finally {
      await stop();
    }
  });

  it('drop a cached API key at once when another process revokes it', async () => {
    const registry = createRegistry({ pool: fixture.pool, cipher: fixture.cipher });
    const tenant = await registry.tenants.create({ name: uniqueName('revoke'), displayName: 'R' });
    const workspace = await registry.workspaces.create({
      tenantId: tenant.id,
      name: 'w',
      displayName: 'W',
    });
    const { apiKey, secret } = await registry.apiKeys.create({
      workspaceId: workspace.id,
      name: 'k',
      role: 'owner',
    });
    // A day-long TTL: only the announcement can empty this cache in time.
    const cached = createCachedAccessResolver({
      resolver: registry.access,
      databaseUrl: databaseUrl(),
      ttlMs: 86_400_000,
    });
    await cached.start();
    try {
      expect((await cached.forApiKey(secret)).granted).toBe(true);
      await registry.apiKeys.revoke(workspace.id, apiKey.id);
      await vi.waitFor(async () => {
        expect((await cached.forApiKey(secret)).granted).toBe(false);
      });
    } finally {
      await cached.close();
    }
  });
});
