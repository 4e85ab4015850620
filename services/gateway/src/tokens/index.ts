/**
 * Identity tokens the gateway issues for the platform: signing keys and their JWKS, access
 * tokens, rotating refresh tokens, and password hashing.
 */
export { createAccessTokenIssuer } from './access-tokens.ts';
export type {
  AccessTokenIssuer,
  AccessTokenIssuerOptions,
  AccessTokenSubject,
  IssuedAccessToken,
} from './access-tokens.ts';
export { systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { jwksPlugin } from './jwks-plugin.ts';
export type { JwksPluginOptions } from './jwks-plugin.ts';
export { JwksSchema, PublicJwkSchema } from './jwks-schema.ts';
export type { Jwks, PublicJwk } from './jwks-schema.ts';
export { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
export { createRefreshTokenStore } from './refresh-tokens.ts';
export type {
  IssuedRefreshToken,
  RefreshFailureReason,
  RefreshRotation,
  RefreshTokenMeta,
  RefreshTokenStore,
  RefreshTokenStoreOptions,
  RevokeReason,
} from './refresh-tokens.ts';
export { createSigningKeyStore } from './signing-keys.ts';
export type {
  KeyRotation,
  RotateOptions,
  SigningKey,
  SigningKeyStore,
  SigningKeyStoreOptions,
} from './signing-keys.ts';
