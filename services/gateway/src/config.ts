import { Type } from 'typebox';
import type { Static } from 'typebox';
import { defineServiceConfig, storeConfigProperties } from '@pyairtable/kit';
import {
  DEFAULT_TOKEN_AUDIENCE,
  DEFAULT_TOKEN_ISSUER,
  registryConfigProperties,
} from '@pyairtable/registry';

/** The gateway's environment: the shared service variables, the registry, identity, routing. */
export const gatewayConfigSchema = defineServiceConfig(8000, {
  ...registryConfigProperties,
  ...storeConfigProperties,
  /** `iss` and `aud` of the access tokens the gateway signs; chat and mcp check the same. */
  JWT_ISSUER: Type.String({ minLength: 1, default: DEFAULT_TOKEN_ISSUER }),
  JWT_AUDIENCE: Type.String({ minLength: 1, default: DEFAULT_TOKEN_AUDIENCE }),
  /** Lifetime of an access token; also how long a retired signing key stays in the JWKS. */
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 3_600, default: 900 }),
  /** Lifetime of a refresh token (each refresh replaces it). */
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 3_600,
    maximum: 90 * 86_400,
    default: 30 * 86_400,
  }),
  /** Whether anyone may register (`open`) or only admins create accounts (`closed`). */
  REGISTRATION: Type.Union([Type.Literal('open'), Type.Literal('closed')], { default: 'open' }),
  /** A platform admin ensured at boot (created, or promoted if the account exists). */
  ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  /** The admin's password when the account is created; at least 12 characters. */
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12, maxLength: 256 })),
  /** Login and registration attempts allowed per client IP per minute. */
  AUTH_RATE_LIMIT_PER_IP: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
  /** Failed logins allowed per account per 15 minutes before it is locked for the rest. */
  AUTH_RATE_LIMIT_PER_ACCOUNT: Type.Integer({ minimum: 1, maximum: 1_000, default: 10 }),
  /**
   * The proxies in front of the gateway whose X-Forwarded-For is believed: a hop count (`1`
   * behind one ingress) or comma-separated addresses/CIDRs. Unset: the peer address is the
   * client, which is right only when nothing sits in front.
   */
  TRUST_PROXY: Type.Optional(
    Type.String({ pattern: '^([0-9]{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$' }),
  ),
  /** Where chat and mcp listen. */
  CHAT_URL: Type.String({ format: 'uri', default: 'http://127.0.0.1:8003' }),
  MCP_URL: Type.String({ format: 'uri', default: 'http://127.0.0.1:8001' }),
  /** How long chat or mcp may take to start answering before the client gets a 504. */
  UPSTREAM_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 60_000 }),
  /** Browser origins allowed by CORS, comma-separated; none when unset (same origin only). */
  CORS_ORIGINS: Type.Optional(Type.String({ pattern: '^https?://[^,\\s]+(,https?://[^,\\s]+)*$' })),
});

/** The gateway's validated, frozen configuration. */
export type GatewayConfig = Readonly<Static<typeof gatewayConfigSchema>>;
