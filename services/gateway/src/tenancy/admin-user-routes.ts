import { Type } from 'typebox';
import type { Static } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import { PlatformRole, WorkspaceRole } from '@pyairtable/registry';
import type { User, WorkspaceMembership } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import { problemResponses } from './problem-responses.ts';
import { auditAdminChange } from './tenancy-audit.ts';
import { tenancyErrors } from './tenancy-errors.ts';
import { DateTime, IdParams } from './tenancy-schemas.ts';

const TAGS = ['admin'];

const AdminUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  platformRole: PlatformRole,
  disabled: Type.Boolean(),
  createdAt: DateTime,
  workspaces: Type.Array(
    Type.Object({
      id: Type.String(),
      tenantId: Type.String(),
      name: Type.String(),
      role: WorkspaceRole,
    }),
    { description: 'The workspaces whose members include the user’s email.' },
  ),
});

const PatchUserSchema = Type.Object(
  {
    platformRole: Type.Optional(PlatformRole),
    disabled: Type.Optional(
      Type.Boolean({ description: 'A disabled user is signed out everywhere at once.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

function toAdminUser(
  user: User,
  memberships: readonly WorkspaceMembership[],
): Static<typeof AdminUserSchema> {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    platformRole: user.platformRole,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    workspaces: memberships.map(({ workspace, role }) => ({
      id: workspace.id,
      tenantId: workspace.tenantId,
      name: workspace.name,
      role,
    })),
  };
}

/**
 * `/api/admin/users/:id`: a user's account and memberships, their platform role, and
 * disabling them. Admins cannot demote or disable themselves, so the platform never loses its
 * last admin by accident.
 */
export function adminUserRoutes(app: ServiceApp, context: GatewayContext): void {
  const { registry, audit } = context;
  const view = async (id: string) => {
    const user = await registry.users.get(id);
    if (user === undefined) throw gatewayErrors.GW_NOT_FOUND({ what: 'User', id });
    return toAdminUser(user, await registry.workspaces.listForEmail(user.email));
  };

  app.get(
    '/api/admin/users/:id',
    {
      schema: {
        operationId: 'adminGetUser',
        tags: TAGS,
        summary: 'Get a user',
        params: IdParams,
        response: { 200: AdminUserSchema, ...problemResponses(403, 404) },
      },
    },
    async (request) => view(request.params.id),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        operationId: 'adminUpdateUser',
        tags: TAGS,
        summary: "Change a user's platform role or disable them",
        params: IdParams,
        body: PatchUserSchema,
        response: { 200: AdminUserSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { platformRole, disabled } = request.body;
      const user = await registry.users.get(id);
      if (user === undefined) throw gatewayErrors.GW_NOT_FOUND({ what: 'User', id });
      if (id === request.caller.userId) {
        if (platformRole === 'user') throw tenancyErrors.GW_SELF_LOCKOUT({ change: 'demote' });
        if (disabled === true) throw tenancyErrors.GW_SELF_LOCKOUT({ change: 'disable' });
      }
      if (platformRole !== undefined) await registry.users.setPlatformRole(id, platformRole);
      if (disabled !== undefined) await registry.users.setDisabled(id, disabled);
      // Access tokens die with the account check on each request; refresh tokens must go too.
      if (disabled === true) await context.refreshTokens.revokeAllForUser(id);
      await auditAdminChange(audit, request, {
        targetType: 'user',
        targetId: id,
        operation: 'update',
        fields: Object.keys(request.body),
        values: request.body,
      });
      return view(id);
    },
  );
}
