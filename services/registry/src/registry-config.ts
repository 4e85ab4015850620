import { Type } from 'typebox';

/** Default `iss` and `aud` of the gateway's access tokens; the chart sets the same everywhere. */
export const DEFAULT_TOKEN_ISSUER = 'pyairtable';
export const DEFAULT_TOKEN_AUDIENCE = 'pyairtable';

/** Variables of every service that opens the registry (fragments for `defineServiceConfig`). */
export const registryConfigProperties = {
  /** The platform database holding the registry. */
  DATABASE_URL: Type.String({ minLength: 1 }),
  /** `id:base64` AES-256 keys, comma-separated, newest first; encrypts Airtable tokens at rest. */
  SECRET_ENCRYPTION_KEYS: Type.String({
    pattern: '^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$',
  }),
};

/** Variables of every service that verifies the gateway's access tokens. */
export const accessTokenConfigProperties = {
  /** The gateway's key set; verifiers re-fetch it when a token names an unknown key. */
  GATEWAY_JWKS_URL: Type.String({
    format: 'uri',
    default: 'http://127.0.0.1:8000/.well-known/jwks.json',
  }),
  JWT_ISSUER: Type.String({ minLength: 1, default: DEFAULT_TOKEN_ISSUER }),
  JWT_AUDIENCE: Type.String({ minLength: 1, default: DEFAULT_TOKEN_AUDIENCE }),
};
