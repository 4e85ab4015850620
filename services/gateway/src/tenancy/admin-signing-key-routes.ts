import { Type } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { problemResponses } from './problem-responses.ts';
import { auditAdminChange } from './tenancy-audit.ts';

const RotateSchema = Type.Object(
  {
    publishAheadSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 86_400,
        description:
          'Publish the new key this long before it starts signing, so verifiers that cache the key set know it first. 0 (default) signs with it at once; verifiers re-fetch the set when a token names a key they do not know.',
      }),
    ),
  },
  { additionalProperties: false },
);

const RotationSchema = Type.Object({
  kid: Type.String({ description: 'The new signing key.' }),
  activatesAt: Type.String({ format: 'date-time' }),
  retiredKid: Type.Union([Type.String(), Type.Null()], {
    description: 'The key it replaces; still published until every token it signed has expired.',
  }),
});

/**
 * `POST /api/admin/signing-keys/rotate`: a new access-token signing key. The old one stops
 * signing but stays in `/.well-known/jwks.json` until the tokens it signed have expired, so no
 * signed-in user notices.
 */
export function adminSigningKeyRoutes(app: ServiceApp, context: GatewayContext): void {
  app.post(
    '/api/admin/signing-keys/rotate',
    {
      schema: {
        operationId: 'adminRotateSigningKey',
        tags: ['admin'],
        summary: 'Rotate the access-token signing key',
        body: RotateSchema,
        response: { 200: RotationSchema, ...problemResponses(403) },
      },
    },
    async (request) => {
      const rotation = await context.keys.rotate(
        request.body.publishAheadSeconds === undefined
          ? {}
          : { publishAheadSeconds: request.body.publishAheadSeconds },
      );
      await auditAdminChange(context.audit, request, {
        targetType: 'signing_key',
        targetId: rotation.kid,
        operation: 'rotate',
        values: { retiredKid: rotation.retiredKid ?? null },
      });
      return {
        kid: rotation.kid,
        activatesAt: rotation.activatesAt.toISOString(),
        retiredKid: rotation.retiredKid ?? null,
      };
    },
  );
}
