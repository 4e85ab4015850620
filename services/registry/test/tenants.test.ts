import { describe, expect, it } from 'vitest';
import { AppError, createSecretCipher, generateCipherKey, parseCipherKeys } from '@pyairtable/kit';
import { createRegistry, DEFAULT_TENANT_QUOTAS, migrateRegistry } from '../src/index.ts';
import { uniqueName, useRegistryDatabase } from './support/registry-database.ts';

const fixture = useRegistryDatabase();

describe('tenants', () => {
  it('creates a tenant with default quotas and no credential', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('acme'),
      displayName: 'Acme',
    });
    expect(tenant.id).toMatch(/^ten_[0-9a-z]{16}$/);
    expect(tenant.quotas).toEqual(DEFAULT_TENANT_QUOTAS);
    expect(tenant.credential.status).toBe('missing');
    expect(tenant.managedBy).toBe('api');
    expect(await fixture.registry.tenants.get(tenant.id)).toEqual(tenant);
  });

  it('refuses a second tenant with the same name with a 409', async () => {
    const name = uniqueName('dup');
    await fixture.registry.tenants.create({ name, displayName: 'One' });
    const failure = await fixture.registry.tenants
      .create({ name, displayName: 'Two' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(409);
    expect((failure as AppError).code).toBe('REGISTRY_CONFLICT');
  });

  it('upserts by name, as the operator does, keeping the id', async () => {
    const name = uniqueName('ns/tenant');
    const first = await fixture.registry.tenants.upsertByName({
      name,
      displayName: 'First',
      managedBy: 'operator',
    });
    const quotas = { ...DEFAULT_TENANT_QUOTAS, chatRequestsPerMinute: 5 };
    const second = await fixture.registry.tenants.upsertByName({
      name,
      displayName: 'Second',
      quotas,
      managedBy: 'operator',
    });
    expect(second.id).toBe(first.id);
    expect(second.displayName).toBe('Second');
    expect(second.quotas.chatRequestsPerMinute).toBe(5);
    expect(second.managedBy).toBe('operator');
  });

  it('updates only the given fields and deletes', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('upd'),
      displayName: 'Before',
    });
    const updated = await fixture.registry.tenants.update(tenant.id, { suspended: true });
    expect(updated?.suspended).toBe(true);
    expect(updated?.displayName).toBe('Before');
    expect(
      await fixture.registry.tenants.update('ten_missing', { suspended: true }),
    ).toBeUndefined();
    expect(await fixture.registry.tenants.delete(tenant.id)).toBe(true);
    expect(await fixture.registry.tenants.get(tenant.id)).toBeUndefined();
    expect(await fixture.registry.tenants.delete(tenant.id)).toBe(false);
  });

  it('migrating again applies nothing', async () => {
    const url = fixture.pool.options.connectionString;
    if (url === undefined) throw new Error('pool has no connection string');
    expect(await migrateRegistry(url)).toEqual([]);
  });
});

describe('credential vault', () => {
  it('stores the token encrypted and gives it back decrypted with its version', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('cred'),
      displayName: 'Cred',
    });
    const token = 'patSecretToken123.abcdef0123456789';
    expect(await fixture.registry.credentials.setToken(tenant.id, token)).toBe(true);
    const { rows } = await fixture.pool.query<{ ciphertext: string }>(
      'select airtable_token_ciphertext as ciphertext from registry_tenants where id = $1',
      [tenant.id],
    );
    expect(rows[0]?.ciphertext).not.toContain('patSecretToken123');
    expect(await fixture.registry.credentials.readToken(tenant.id)).toEqual({ token, version: 1 });
    const stored = await fixture.registry.tenants.get(tenant.id);
    expect(stored?.credential.status).toBe('unchecked');
    expect(JSON.stringify(stored)).not.toContain('patSecretToken123');
  });

  it('records a check only for the token version that was checked', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('check'),
      displayName: 'Check',
    });
    await fixture.registry.credentials.setToken(tenant.id, 'patOne');
    await fixture.registry.credentials.setToken(tenant.id, 'patTwo');
    expect(
      await fixture.registry.credentials.recordCheck(tenant.id, 1, {
        valid: true,
        airtableUserId: 'usrOld',
      }),
    ).toBe(false);
    expect(
      await fixture.registry.credentials.recordCheck(tenant.id, 2, {
        valid: true,
        airtableUserId: 'usrNew',
      }),
    ).toBe(true);
    const checked = await fixture.registry.tenants.get(tenant.id);
    expect(checked?.credential).toMatchObject({
      status: 'valid',
      version: 2,
      airtableUserId: 'usrNew',
    });
    await fixture.registry.credentials.recordCheck(tenant.id, 2, {
      valid: false,
      message: 'token revoked',
    });
    const invalid = await fixture.registry.tenants.get(tenant.id);
    expect(invalid?.credential).toMatchObject({
      status: 'invalid',
      message: 'token revoked',
      airtableUserId: null,
    });
  });

  it('clears a token', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('clear'),
      displayName: 'Clear',
    });
    await fixture.registry.credentials.setToken(tenant.id, 'patGone');
    await fixture.registry.credentials.clearToken(tenant.id);
    expect(await fixture.registry.credentials.readToken(tenant.id)).toBeUndefined();
    expect((await fixture.registry.tenants.get(tenant.id))?.credential.status).toBe('missing');
  });
});

describe('credential key rotation', () => {
  it('re-encrypts tokens under the new primary key and still reads them', async () => {
    const tenant = await fixture.registry.tenants.create({
      name: uniqueName('rot'),
      displayName: 'Rot',
    });
    await fixture.registry.credentials.setToken(tenant.id, 'patRotate');
    const rotated = createSecretCipher([
      ...parseCipherKeys(generateCipherKey('next')),
      ...fixture.cipherKeys,
    ]);
    const registry = createRegistry({ pool: fixture.pool, cipher: rotated });
    expect(await registry.credentials.reencryptAll()).toBeGreaterThanOrEqual(1);
    expect(await registry.credentials.readToken(tenant.id)).toMatchObject({ token: 'patRotate' });
    expect(await registry.credentials.reencryptAll()).toBe(0);
    const { rows } = await fixture.pool.query<{ ciphertext: string }>(
      'select airtable_token_ciphertext as ciphertext from registry_tenants where id = $1',
      [tenant.id],
    );
    expect(rows[0]?.ciphertext.startsWith('v1.next.')).toBe(true);
  });
});
