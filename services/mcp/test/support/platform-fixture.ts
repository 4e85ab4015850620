import { afterAll, beforeAll } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';
import type { Pool } from 'pg';
import { buildEmulator, DEMO_ACCESS_TOKEN } from '@pyairtable/airtable-emulator';
import {
  createJwtVerifier,
  createPgPool,
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { createRegistry, DEFAULT_TENANT_QUOTAS, migrateRegistry } from '@pyairtable/registry';
import type { Registry } from '@pyairtable/registry';

export const ISSUER = 'pyairtable';
export const AUDIENCE = 'pyairtable';
/** Sales CRM and Project tracker, the emulator's demo bases. */
export const SALES_BASE = 'appmHgZ6xqMi4F07F';
export const PROJECTS_BASE = 'appg3E4IITLms1Otb';

/** Two tenants, their workspaces, users of each role and API keys, in a real registry. */
export interface SeededPlatform {
  readonly databaseUrl: string;
  readonly encryptionKeys: string;
  readonly emulatorUrl: string;
  readonly registry: Registry;
  readonly publicJwk: JWK;
  /** Tenant A: its workspace allows Sales CRM only. */
  readonly workspaceId: string;
  /** Tenant B's workspace (allows Project tracker), which tenant A's users must never reach. */
  readonly otherWorkspaceId: string;
  readonly users: { readonly owner: string; readonly viewer: string; readonly outsider: string };
  readonly apiKeys: {
    readonly editor: string;
    readonly viewer: string;
    readonly otherTenant: string;
  };
  /** Signs an access token for `userId`, with claims overridden as a test needs. */
  accessToken(userId: string, overrides?: TokenOverrides): Promise<string>;
}

/** Claims and settings a test may change to build a bad token. */
export interface TokenOverrides {
  readonly audience?: string;
  readonly issuer?: string;
  readonly expiresInSeconds?: number;
  readonly foreignKey?: boolean;
}

/**
 * Starts Postgres (or uses DATABASE_URL), a migrated registry, the emulator, and seeds the
 * platform every identity and transport test works with. Torn down after the file. With a
 * `store`, registry writes are announced on it.
 */
export function usePlatform(store?: SharedStore): { readonly platform: SeededPlatform } {
  let postgres: TestPostgres | undefined;
  let database: TestDatabase | undefined;
  let pool: Pool | undefined;
  let closeEmulator: (() => Promise<void>) | undefined;
  let platform: SeededPlatform | undefined;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    database = await createTestDatabase(postgres.adminUrl);
    await migrateRegistry(database.url);
    pool = createPgPool({ connectionString: database.url, max: 4 });
    const emulator = await buildEmulator({ rateLimits: false });
    const emulatorUrl = await emulator.listen({ host: '127.0.0.1', port: 0 });
    closeEmulator = () => emulator.close();
    const encryptionKeys = generateCipherKey('test');
    const cipher = createSecretCipher(parseCipherKeys(encryptionKeys));
    // Writes announce themselves on the store mcp listens to, as the gateway's do.
    const registry = createRegistry({ pool, cipher, store });
    platform = await seed({ registry, databaseUrl: database.url, encryptionKeys, emulatorUrl });
  });
  afterAll(async () => {
    await pool?.end();
    await closeEmulator?.();
    await database?.drop();
    await postgres?.stop();
  });
  return {
    get platform() {
      if (platform === undefined) throw new Error('the platform is used before beforeAll ran');
      return platform;
    },
  };
}

async function seed(base: {
  registry: Registry;
  databaseUrl: string;
  encryptionKeys: string;
  emulatorUrl: string;
}): Promise<SeededPlatform> {
  const { registry } = base;
  const quotas = { ...DEFAULT_TENANT_QUOTAS, airtableRequestsPerSecond: 50 };
  const tenantA = await registry.tenants.create({ name: 'tenant-a', displayName: 'A', quotas });
  const tenantB = await registry.tenants.create({ name: 'tenant-b', displayName: 'B', quotas });
  await registry.credentials.setToken(tenantA.id, DEMO_ACCESS_TOKEN);
  await registry.credentials.setToken(tenantB.id, DEMO_ACCESS_TOKEN);
  const workspace = await registry.workspaces.create({
    tenantId: tenantA.id,
    name: 'sales',
    displayName: 'Sales',
    allowedBaseIds: [SALES_BASE],
  });
  const other = await registry.workspaces.create({
    tenantId: tenantB.id,
    name: 'projects',
    displayName: 'Projects',
    allowedBaseIds: [PROJECTS_BASE],
  });
  const owner = await registry.users.create({ email: 'owner@a.example', displayName: 'Owner' });
  const viewer = await registry.users.create({ email: 'viewer@a.example', displayName: 'Viewer' });
  const outsider = await registry.users.create({ email: 'owner@b.example', displayName: 'B' });
  await registry.members.upsert(workspace.id, { email: owner.email, role: 'owner' });
  await registry.members.upsert(workspace.id, { email: viewer.email, role: 'viewer' });
  await registry.members.upsert(other.id, { email: outsider.email, role: 'owner' });
  const editorKey = await registry.apiKeys.create({
    workspaceId: workspace.id,
    name: 'editor',
    role: 'editor',
  });
  const viewerKey = await registry.apiKeys.create({
    workspaceId: workspace.id,
    name: 'viewer',
    role: 'viewer',
  });
  const otherKey = await registry.apiKeys.create({
    workspaceId: other.id,
    name: 'b',
    role: 'owner',
  });

  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const foreign = await generateKeyPair('EdDSA');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' };
  return {
    ...base,
    publicJwk,
    workspaceId: workspace.id,
    otherWorkspaceId: other.id,
    users: { owner: owner.id, viewer: viewer.id, outsider: outsider.id },
    apiKeys: { editor: editorKey.secret, viewer: viewerKey.secret, otherTenant: otherKey.secret },
    accessToken: (userId, overrides = {}) =>
      new SignJWT({ email: 'ignored@example.com' })
        .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key' })
        .setSubject(userId)
        .setIssuer(overrides.issuer ?? ISSUER)
        .setAudience(overrides.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (overrides.expiresInSeconds ?? 300))
        .sign(overrides.foreignKey === true ? foreign.privateKey : privateKey),
  };
}

/** A verifier that trusts the fixture's signing key, as mcp would trust the gateway's JWKS. */
export function fixtureVerifier(platform: SeededPlatform) {
  return createJwtVerifier({
    jwks: { keys: [platform.publicJwk] },
    issuer: ISSUER,
    audience: AUDIENCE,
  });
}
