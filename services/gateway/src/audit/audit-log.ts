import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { redactValue } from '@pyairtable/kit';

/** Actions the audit log records. */
export type AuditAction =
  | 'auth.register'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.refresh_reuse'
  | 'api_key.create'
  | 'api_key.revoke'
  | 'member.change'
  | 'admin.change';

/** One audited event. */
export interface AuditEntry {
  readonly action: AuditAction;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly actorUserId?: string | undefined;
  readonly actorIp?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  /** Context; secrets are masked before it is stored. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A stored audit event. */
export interface AuditRecord extends AuditEntry {
  readonly id: string;
  readonly at: Date;
}

/** Appends to and reads the audit log. */
export interface AuditLog {
  /** Never throws: an audit failure is logged, and the action it describes goes on. */
  record(entry: AuditEntry): Promise<void>;
  list(filter?: { readonly actorUserId?: string; readonly limit?: number }): Promise<AuditRecord[]>;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  outcome: AuditEntry['outcome'];
  actor_user_id: string | null;
  actor_ip: string | null;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

/** An audit log in `gateway_audit_log`; also written to the service log as `audit` lines. */
export function createAuditLog(pool: Pool, logger: Pick<Logger, 'info' | 'error'>): AuditLog {
  return {
    async record(entry) {
      const details = redactValue(entry.details ?? {}) as Record<string, unknown>;
      logger.info({ audit: { ...entry, details } }, `audit ${entry.action} ${entry.outcome}`);
      try {
        await pool.query(
          `insert into gateway_audit_log
             (action, outcome, actor_user_id, actor_ip, target_type, target_id, details)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [
            entry.action,
            entry.outcome,
            entry.actorUserId ?? null,
            entry.actorIp ?? null,
            entry.targetType ?? null,
            entry.targetId ?? null,
            details,
          ],
        );
      } catch (error) {
        logger.error({ err: error, action: entry.action }, 'audit entry could not be stored');
      }
    },
    async list(filter = {}) {
      const { rows } = await pool.query<AuditRow>(
        `select id, at, action, outcome, actor_user_id, actor_ip, target_type, target_id, details
           from gateway_audit_log where ($1::text is null or actor_user_id = $1)
          order by at desc, id desc limit $2`,
        [filter.actorUserId ?? null, filter.limit ?? 100],
      );
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        action: row.action,
        outcome: row.outcome,
        actorUserId: row.actor_user_id ?? undefined,
        actorIp: row.actor_ip ?? undefined,
        targetType: row.target_type ?? undefined,
        targetId: row.target_id ?? undefined,
        details: row.details,
      }));
    },
  };
}
