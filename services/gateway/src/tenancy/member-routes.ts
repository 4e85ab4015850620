import { Type } from 'typebox';
import type { ServiceApp } from '@pyairtable/kit';
import { WorkspaceRole } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { gatewayErrors } from '../gateway-errors.ts';
import { auditActor } from './tenancy-audit.ts';
import { removeMember, setMemberRole } from './member-changes.ts';
import { NoContentSchema, problemResponses } from './problem-responses.ts';
import {
  MemberListSchema,
  MemberParams,
  MemberSchema,
  toMemberView,
  WorkspaceParams,
} from './tenancy-schemas.ts';
import { memberAccess, refuseOperatorManaged, requireOwner } from './workspace-access.ts';

const SetRoleSchema = Type.Object({ role: WorkspaceRole }, { additionalProperties: false });

/**
 * `/api/workspaces/:id/members`: any member may list them; only owners change them, never
 * the last owner away, and not at all in a workspace the operator manages (its Workspace
 * resource lists the members).
 */
export function memberRoutes(app: ServiceApp, context: GatewayContext): void {
  const { registry, audit } = context;

  app.get(
    '/api/workspaces/:id/members',
    {
      schema: {
        operationId: 'listWorkspaceMembers',
        tags: ['workspaces'],
        summary: 'List the members of a workspace',
        params: WorkspaceParams,
        response: { 200: MemberListSchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { workspace } = await memberAccess(registry, request.caller, request.params.id);
      const members = await registry.members.list(workspace.id);
      return { members: members.map(toMemberView) };
    },
  );

  app.put(
    '/api/workspaces/:id/members/:email',
    {
      schema: {
        operationId: 'setWorkspaceMember',
        tags: ['workspaces'],
        summary: 'Add a member or change their role',
        description:
          'Owners only. The email need not have an account yet: the membership applies once it signs up. The last owner cannot be demoted (409).',
        params: MemberParams,
        body: SetRoleSchema,
        response: { 200: MemberSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request) => {
      const { id, email } = request.params;
      const access = await memberAccess(registry, request.caller, id);
      requireOwner(access, 'change members');
      refuseOperatorManaged('Workspace', access.workspace);
      const change = await setMemberRole(registry.members, id, email, request.body.role);
      await audit.record({
        action: 'member.change',
        outcome: 'success',
        ...auditActor(request),
        targetType: 'workspace',
        targetId: id,
        details: {
          email: change.member.email,
          role: change.member.role,
          previousRole: change.previousRole ?? null,
        },
      });
      return toMemberView(change.member);
    },
  );

  app.delete(
    '/api/workspaces/:id/members/:email',
    {
      schema: {
        operationId: 'removeWorkspaceMember',
        tags: ['workspaces'],
        summary: 'Remove a member',
        description: 'Owners only. The last owner cannot be removed (409).',
        params: MemberParams,
        response: { 204: NoContentSchema, ...problemResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id, email } = request.params;
      const access = await memberAccess(registry, request.caller, id);
      requireOwner(access, 'change members');
      refuseOperatorManaged('Workspace', access.workspace);
      const previousRole = await removeMember(registry.members, id, email);
      if (previousRole === undefined) {
        throw gatewayErrors.GW_NOT_FOUND({ what: 'Member', id: email });
      }
      await audit.record({
        action: 'member.change',
        outcome: 'success',
        ...auditActor(request),
        targetType: 'workspace',
        targetId: id,
        details: { email: email.toLowerCase(), role: null, previousRole },
      });
      return reply.code(204).send(null);
    },
  );
}
