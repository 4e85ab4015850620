import fastifyPlugin from 'fastify-plugin';
import type { ServiceApp } from '@pyairtable/kit';
import { JwksSchema } from './jwks-schema.ts';
import type { SigningKeyStore } from './signing-keys.ts';

/** Options of {@link jwksPlugin}. */
export interface JwksPluginOptions {
  readonly keys: Pick<SigningKeyStore, 'publicJwks'>;
}

/**
 * Serves `GET /.well-known/jwks.json`, the keys other services verify access tokens with.
 * Caches may keep it a minute: verifiers look again when a token names a key they do not
 * know, and a rotation can publish its key ahead of use (see `rotate`'s `publishAheadSeconds`).
 */
export const jwksPlugin = fastifyPlugin(
  (app: ServiceApp, options: JwksPluginOptions) => {
    app.get(
      '/.well-known/jwks.json',
      { schema: { response: { 200: JwksSchema } } },
      async (_request, reply) => {
        void reply.header('cache-control', 'public, max-age=60');
        return options.keys.publicJwks();
      },
    );
  },
  { name: 'pyairtable-gateway-jwks', fastify: '5.x' },
);
