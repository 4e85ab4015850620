import type { ServiceApp } from '@pyairtable/kit';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import { problemResponses } from './account-problem-responses.ts';
import { MeSchema, toPublicUser } from './account-schemas.ts';

/** `GET /api/auth/me`: the caller and the workspaces their email is a member of. */
export function meRoute(app: ServiceApp, context: GatewayContext): void {
  app.get(
    '/api/auth/me',
    {
      preHandler: (request) => app.authenticate(request),
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The signed-in user and their workspaces',
        description:
          'Workspaces come from memberships by email, so invitations made before sign-up show too.',
        response: { 200: MeSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const user = await context.registry.users.get(request.caller.userId);
      // Deleted between authentication and here.
      if (user === undefined) {
        throw gatewayErrors.GW_UNAUTHENTICATED({ reason: 'This account no longer exists.' });
      }
      const memberships = await context.registry.workspaces.listForEmail(user.email);
      return {
        user: toPublicUser(user),
        workspaces: memberships.map(({ workspace, role }) => ({
          id: workspace.id,
          name: workspace.name,
          displayName: workspace.displayName,
          tenantId: workspace.tenantId,
          role,
        })),
      };
    },
  );
}
