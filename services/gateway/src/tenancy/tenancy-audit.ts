import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';

/** Who did it and from where, as every audit entry of an authenticated route names it. */
export function auditActor(request: FastifyRequest): {
  readonly actorUserId: string;
  readonly actorIp: string;
} {
  return { actorUserId: request.caller.userId, actorIp: request.ip };
}

/** One change through the admin API, for the audit log. */
export interface AdminChange {
  readonly targetType: 'tenant' | 'workspace' | 'user' | 'signing_key';
  readonly targetId: string;
  readonly operation:
    'create' | 'update' | 'delete' | 'set_airtable_token' | 'clear_airtable_token' | 'rotate';
  /** Names of the fields written; values stay out, so no secret can reach the log. */
  readonly fields?: readonly string[];
  /** Values worth keeping that are never secret (a user's new platform role). */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** Records a successful admin change as `admin.change`. */
export function auditAdminChange(
  audit: AuditLog,
  request: FastifyRequest,
  change: AdminChange,
): Promise<void> {
  return audit.record({
    action: 'admin.change',
    outcome: 'success',
    ...auditActor(request),
    targetType: change.targetType,
    targetId: change.targetId,
    details: {
      operation: change.operation,
      fields: change.fields ?? [],
      ...change.values,
    },
  });
}
