import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '@pyairtable/kit';
import { onRegistryChange } from '../src/index.ts';
import type { RegistryChange } from '../src/index.ts';
import { uniqueName, useRegistryDatabase } from './support/registry-database.ts';

const fixture = useRegistryDatabase();

describe('registry change announcements', () => {
  it('announces each write with the kind and id of what changed', async () => {
    const store = createMemoryStore();
    const seen: RegistryChange[] = [];
    await onRegistryChange(store, (change) => {
      seen.push(change);
    });
    const registry = fixture.announcing(store);
    const tenant = await registry.tenants.create({ name: uniqueName('t'), displayName: 'T' });
    await registry.credentials.setToken(tenant.id, 'patX');
    const workspace = await registry.workspaces.create({
      tenantId: tenant.id,
      name: 'w',
      displayName: 'W',
    });
    await registry.members.upsert(workspace.id, { email: 'a@example.com', role: 'viewer' });
    await registry.tenants.update(tenant.id, { suspended: true });
    // Delivery is asynchronous, as it is through Redis.
    await vi.waitFor(() => {
      expect(seen).toHaveLength(5);
    });
    await store.close();
    expect(seen).toEqual([
      { kind: 'tenant', id: tenant.id },
      { kind: 'credential', id: tenant.id },
      { kind: 'workspace', id: workspace.id },
      { kind: 'member', id: workspace.id },
      { kind: 'tenant', id: tenant.id },
    ]);
  });

  it('does not announce a read', async () => {
    const store = createMemoryStore();
    const seen: RegistryChange[] = [];
    await onRegistryChange(store, (change) => {
      seen.push(change);
    });
    const registry = fixture.announcing(store);
    await registry.tenants.list();
    await registry.workspaces.list();
    await store.close();
    expect(seen).toEqual([]);
  });
});
