import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { JWK } from 'jose';
import type { Pool } from 'pg';
import {
  DEMO_ACCESS_TOKEN,
  DEMO_PROJECTS_BASE_ID,
  DEMO_SALES_BASE_ID,
} from '@pyairtable/airtable-emulator';
import {
  createJwtVerifier,
  createPgPool,
  createSecretCipher,
  generateCipherKey,
  parseCipherKeys,
} from '@pyairtable/kit';
import type { JwtVerifier, SharedStore } from '@pyairtable/kit';
import { createTestDatabase, startTestPostgres } from '@pyairtable/kit/testing';
import type { TestDatabase, TestPostgres } from '@pyairtable/kit/testing';
import { createRegistry, DEFAULT_TENANT_QUOTAS, migrateRegistry } from '@pyairtable/registry';
import type { Registry } from '@pyairtable/registry';

export const ISSUER = 'pyairtable';
export const AUDIENCE = 'pyairtable';
export { DEMO_PROJECTS_BASE_ID, DEMO_SALES_BASE_ID };

/** A registry with one tenant (token for the emulator), one workspace over Sales CRM, and users. */
export interface SeededRegistry {
  readonly databaseUrl: string;
  readonly encryptionKeys: string;
  readonly registry: Registry;
  readonly tenantId: string;
  readonly workspaceId: string;
  readonly users: { readonly owner: string; readonly viewer: string };
  /** An editor API key of the workspace. */
  readonly apiKey: string;
  /** Trusts the tokens `accessToken` signs, as services trust the gateway's JWKS. */
  readonly verifier: JwtVerifier;
  accessToken(userId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Postgres (DATABASE_URL, else embedded), a fresh migrated database, and the registry seeded
 * the way the admin API would. `store` receives the registry's change announcements.
 */
export async function seedRegistry(
  store: SharedStore,
  quotas: { readonly chatRequestsPerMinute?: number } = {},
): Promise<SeededRegistry> {
  const postgres: TestPostgres = await startTestPostgres();
  const database: TestDatabase = await createTestDatabase(postgres.adminUrl);
  await migrateRegistry(database.url);
  const pool: Pool = createPgPool({ connectionString: database.url, max: 4 });
  const encryptionKeys = generateCipherKey('e2e');
  const registry = createRegistry({
    pool,
    cipher: createSecretCipher(parseCipherKeys(encryptionKeys)),
    store,
  });
  const tenant = await registry.tenants.create({
    name: 'e2e',
    displayName: 'End to end',
    quotas: {
      ...DEFAULT_TENANT_QUOTAS,
      airtableRequestsPerSecond: 50,
      chatRequestsPerMinute: quotas.chatRequestsPerMinute ?? 1_000,
    },
  });
  await registry.credentials.setToken(tenant.id, DEMO_ACCESS_TOKEN);
  const workspace = await registry.workspaces.create({
    tenantId: tenant.id,
    name: 'sales',
    displayName: 'Sales',
    allowedBaseIds: [DEMO_SALES_BASE_ID],
  });
  const owner = await registry.users.create({ email: 'owner@e2e.example', displayName: 'Owner' });
  const viewer = await registry.users.create({
    email: 'viewer@e2e.example',
    displayName: 'Viewer',
  });
  await registry.members.upsert(workspace.id, { email: owner.email, role: 'owner' });
  await registry.members.upsert(workspace.id, { email: viewer.email, role: 'viewer' });
  const { secret } = await registry.apiKeys.create({
    workspaceId: workspace.id,
    name: 'e2e',
    role: 'editor',
  });

  const { privateKey, publicKey } = await generateKeyPair('EdDSA');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'e2e', alg: 'EdDSA', use: 'sig' };
  return {
    databaseUrl: database.url,
    encryptionKeys,
    registry,
    tenantId: tenant.id,
    workspaceId: workspace.id,
    users: { owner: owner.id, viewer: viewer.id },
    apiKey: secret,
    verifier: createJwtVerifier({
      jwks: { keys: [publicJwk] },
      issuer: ISSUER,
      audience: AUDIENCE,
    }),
    accessToken: (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid: 'e2e' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey),
    async close() {
      await pool.end();
      await database.drop();
      await postgres.stop();
    },
  };
}
