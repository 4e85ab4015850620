import type { JwtVerifier, SharedStore } from '@pyairtable/kit';
import type { CachedAccessResolver, Registry } from '@pyairtable/registry';
import type { AuditLog } from './audit/audit-log.ts';
import type { GatewayConfig } from './config.ts';
import type { AccessTokenIssuer, RefreshTokenStore, SigningKeyStore } from './tokens/index.ts';

/**
 * What the gateway's route plugins work with, built once in `app.ts` and handed to each
 * plugin as its options: no plugin opens a connection of its own.
 */
export interface GatewayContext {
  readonly config: GatewayConfig;
  readonly registry: Registry;
  /** Callers' workspace access, cached until the registry announces a change. */
  readonly access: CachedAccessResolver;
  readonly store: SharedStore;
  readonly keys: SigningKeyStore;
  readonly accessTokens: AccessTokenIssuer;
  readonly refreshTokens: RefreshTokenStore;
  /** Verifies the gateway's own access tokens against its current keys. */
  readonly verifier: JwtVerifier;
  readonly audit: AuditLog;
}
