import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  JwksUnavailableError,
  JwtVerificationError,
  type JwtRejectionReason,
} from './jwt-verification-error.ts';

/** Signature algorithms with a public verification key. */
export type AsymmetricAlgorithm =
  | 'EdDSA'
  | 'Ed25519'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512';

const ASYMMETRIC_ALGORITHMS: ReadonlySet<string> = new Set<AsymmetricAlgorithm>([
  'EdDSA',
  'Ed25519',
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
]);

/** The algorithms accepted unless `algorithms` says otherwise. */
export const DEFAULT_JWT_ALGORITHMS: readonly AsymmetricAlgorithm[] = [
  'EdDSA',
  'Ed25519',
  'ES256',
  'RS256',
];

/** Where the verification keys come from: the issuer's JWKS URL, or a key set in hand. */
export type JwtKeySource =
  | { readonly jwksUrl: string | URL; readonly jwks?: never; readonly jwksProvider?: never }
  | { readonly jwks: JSONWebKeySet; readonly jwksUrl?: never; readonly jwksProvider?: never }
  | {
      /** The issuer's own current key set (the gateway verifying what it signed). */
      readonly jwksProvider: () => Promise<JSONWebKeySet>;
      readonly jwks?: never;
      readonly jwksUrl?: never;
    };

/** Settings for {@link createJwtVerifier}. */
export type JwtVerifierOptions = JwtKeySource & {
  /** The only accepted `iss`. */
  readonly issuer: string;
  /** Accepted `aud` values; the token must name at least one. */
  readonly audience: string | readonly string[];
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. Defaults to 0. */
  readonly clockToleranceSeconds?: number | undefined;
  /**
   * The accepted algorithms; defaults to {@link DEFAULT_JWT_ALGORITHMS}. Only asymmetric
   * ones are allowed: a verifier holds public keys, and accepting HS256 would let anyone who
   * has the public key forge tokens, as accepting `none` would let anyone at all.
   */
  readonly algorithms?: readonly AsymmetricAlgorithm[] | undefined;
};

/** The claims of a verified token; `iss`, `aud`, `sub` and `exp` are always present. */
export interface JwtClaims extends JWTPayload {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string | string[];
  readonly exp: number;
}

/** Verifies access tokens against one issuer's keys. */
export interface JwtVerifier {
  /**
   * Resolves with the claims of a valid token. Rejects with {@link JwtVerificationError}
   * (answer 401) when the token is not acceptable, or {@link JwksUnavailableError} (answer
   * 503) when the key set could not be fetched.
   */
  verify(token: string): Promise<JwtClaims>;
}

/**
 * Creates a verifier for JWTs signed by one issuer. With `jwksUrl` the key set is fetched
 * on first use and cached by jose, which re-fetches it (at most every 30 s) when a token
 * names a key it does not know, so the issuer can rotate keys without restarting services.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_JWT_ALGORITHMS)];
  // The types already exclude symmetric algorithms; this catches values read from config.
  const refused = algorithms.filter((algorithm) => !ASYMMETRIC_ALGORITHMS.has(algorithm));
  if (refused.length > 0 || algorithms.length === 0) {
    throw new TypeError(`JWT algorithms must be asymmetric; refused: ${refused.join(', ')}`);
  }
  const getKey = keyLookup(options);
  const verifyOptions = {
    issuer: options.issuer,
    audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
    algorithms,
    clockTolerance: options.clockToleranceSeconds ?? 0,
    requiredClaims: ['sub', 'exp'],
  };

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, verifyOptions));
      } catch (error) {
        throw rejection(error);
      }
      if (!hasRequiredClaims(payload)) {
        throw new JwtVerificationError('invalid-claims', 'sub, aud or exp has the wrong type');
      }
      return payload;
    },
  };
}

function keyLookup(source: JwtKeySource): JWTVerifyGetKey {
  if (source.jwks !== undefined) return createLocalJWKSet(source.jwks);
  if (source.jwksProvider !== undefined) {
    const provide = source.jwksProvider;
    return async (header, token) => createLocalJWKSet(await provide())(header, token);
  }
  const remote = createRemoteJWKSet(new URL(source.jwksUrl));
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // A token naming no known key is the token's fault; any other failure here is the
      // key set's (timeout, connection refused, not JSON, not a key set).
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      if (error instanceof errors.JOSENotSupported) throw error;
      throw new JwksUnavailableError(`JSON Web Key Set at ${source.jwksUrl.toString()}`, {
        cause: error,
      });
    }
  };
}

function rejection(error: unknown): unknown {
  const reason = reasonFor(error);
  if (reason === undefined) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new JwtVerificationError(reason, message, { cause: error });
}

function reasonFor(error: unknown): JwtRejectionReason | undefined {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    return 'invalid-claims';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown-key';
  // A token without `kid` that several keys could have signed: ours always name their key.
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown-key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg-not-allowed';
  if (error instanceof errors.JOSENotSupported) return 'alg-not-allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  return undefined;
}

function hasRequiredClaims(payload: JWTPayload): payload is JwtClaims {
  const audienceOk =
    typeof payload.aud === 'string' ||
    (Array.isArray(payload.aud) && payload.aud.every((entry) => typeof entry === 'string'));
  return (
    typeof payload.iss === 'string' &&
    typeof payload.sub === 'string' &&
    typeof payload.exp === 'number' &&
    audienceOk
  );
}
