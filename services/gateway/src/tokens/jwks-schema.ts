import { Type } from 'typebox';
import type { Static } from 'typebox';

/**
 * One published verification key. Only public members are listed: the JWKS route serialises
 * through this schema, which drops anything else (a private `d` included) should a bug ever
 * hand it a private key.
 */
export const PublicJwkSchema = Type.Object({
  kty: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.Literal('sig'),
  /** OKP and EC keys. */
  crv: Type.Optional(Type.String()),
  x: Type.Optional(Type.String()),
  /** EC keys. */
  y: Type.Optional(Type.String()),
  /** RSA keys. */
  n: Type.Optional(Type.String()),
  e: Type.Optional(Type.String()),
});

/** A public verification key as the JWKS publishes it. */
export type PublicJwk = Static<typeof PublicJwkSchema>;

/** The JSON Web Key Set served at `/.well-known/jwks.json`. */
export const JwksSchema = Type.Object({ keys: Type.Array(PublicJwkSchema) });

/** The gateway's published key set; what `createJwtVerifier({ jwks })` accepts. */
export type Jwks = Static<typeof JwksSchema>;
