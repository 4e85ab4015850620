import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { createJwtVerifier, createSecretCipher, parseCipherKeys } from '@pyairtable/kit';
import type { SharedStore } from '@pyairtable/kit';
import { createCachedAccessResolver, createRegistry } from '@pyairtable/registry';
import { createAuditLog } from './audit/audit-log.ts';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './gateway-context.ts';
import {
  createAccessTokenIssuer,
  createRefreshTokenStore,
  createSigningKeyStore,
} from './tokens/index.ts';

/**
 * Builds the gateway's context on an open pool and store, with a signing key ready. The caller
 * closes `access` on shutdown.
 */
export async function createGatewayContext(
  config: GatewayConfig,
  pool: Pool,
  store: SharedStore,
  logger: Logger,
): Promise<GatewayContext> {
  const cipher = createSecretCipher(parseCipherKeys(config.SECRET_ENCRYPTION_KEYS));
  const keys = createSigningKeyStore({
    pool,
    cipher,
    maxTokenLifetimeSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  });
  await keys.ensureActiveKey();
  const registry = createRegistry({ pool, cipher, store });
  const access = createCachedAccessResolver({
    resolver: registry.access,
    store,
    databaseUrl: config.DATABASE_URL,
    onError: (error) => {
      logger.warn({ err: error }, 'registry announcements interrupted');
    },
  });
  await access.start();
  return {
    config,
    registry,
    access,
    store,
    keys,
    accessTokens: createAccessTokenIssuer({
      keys,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    refreshTokens: createRefreshTokenStore({ pool, ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS }),
    verifier: createJwtVerifier({
      jwksProvider: () => keys.publicJwks(),
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    audit: createAuditLog(pool, logger.child({ component: 'audit' })),
  };
}
