/** Why a token was rejected. */
export type JwtRejectionReason =
  /** `exp` is past, beyond the clock tolerance: the client should refresh its token. */
  | 'expired'
  | 'wrong-issuer'
  | 'wrong-audience'
  /** The signature does not match the key the token names. */
  | 'bad-signature'
  /** No key in the key set matches the token's `kid` and algorithm. */
  | 'unknown-key'
  /** Not a compact JWS with JSON header and claims. */
  | 'malformed'
  /** `alg` is outside the allow-list: `none`, HMAC, or an unexpected asymmetric one. */
  | 'alg-not-allowed'
  /** A required claim is missing or wrongly typed, or the token is not valid yet (`nbf`). */
  | 'invalid-claims';

/**
 * The token is not acceptable. Services answer 401 (`statusCode`); `reason` is for logs and
 * metrics, and tells a client whether refreshing its token can help (`expired`).
 */
export class JwtVerificationError extends Error {
  override readonly name = 'JwtVerificationError';
  readonly code = 'AUTH_INVALID_TOKEN';
  readonly statusCode = 401;
  readonly reason: JwtRejectionReason;

  constructor(reason: JwtRejectionReason, message: string, options?: ErrorOptions) {
    super(`Token rejected (${reason}): ${message}`, options);
    this.reason = reason;
  }
}

/**
 * The key set could not be fetched (timeout, network, not a JSON Web Key Set), so the token
 * could be neither accepted nor rejected. Services answer 503: the client's token may well
 * be valid, and telling it otherwise would make it sign in again for nothing.
 */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
  readonly code = 'AUTH_JWKS_UNAVAILABLE';
  readonly statusCode = 503;
}
