import { inTransaction } from '@pyairtable/kit';
import type { Pool } from 'pg';
import { queryChanged, queryRows } from './queryable.ts';
import type { Member } from './registry-records.ts';
import type { WorkspaceRole } from './registry-schemas.ts';

/** One member as a Workspace resource or the admin API gives it. */
export interface MemberInput {
  readonly email: string;
  readonly role: WorkspaceRole;
}

/** Reads and writes workspace members. Emails compare case-insensitively. */
export interface MemberRepository {
  list(workspaceId: string): Promise<Member[]>;
  /** Replaces the whole member list (how the operator writes). */
  replaceAll(workspaceId: string, members: readonly MemberInput[]): Promise<Member[]>;
  /** Adds the member or changes their role. */
  upsert(workspaceId: string, member: MemberInput): Promise<Member>;
  remove(workspaceId: string, email: string): Promise<boolean>;
  roleOf(workspaceId: string, email: string): Promise<WorkspaceRole | undefined>;
}

interface MemberRow {
  workspace_id: string;
  email: string;
  role: WorkspaceRole;
  user_id: string | null;
  created_at: Date;
}

const SELECT_MEMBERS = `select m.workspace_id, m.email, m.role, u.id as user_id, m.created_at
  from registry_members m left join registry_users u on lower(u.email) = m.email`;

function toMember(row: MemberRow): Member {
  return {
    workspaceId: row.workspace_id,
    email: row.email,
    role: row.role,
    userId: row.user_id,
    createdAt: row.created_at,
  };
}

/** A member repository on `pool`. */
export function createMemberRepository(pool: Pool): MemberRepository {
  const list = async (workspaceId: string): Promise<Member[]> => {
    const rows = await queryRows<MemberRow>(
      pool,
      `${SELECT_MEMBERS} where m.workspace_id = $1 order by m.email`,
      [workspaceId],
    );
    return rows.map(toMember);
  };
  return {
    list,
    async replaceAll(workspaceId, members) {
      await inTransaction(pool, async (client) => {
        await client.query('delete from registry_members where workspace_id = $1', [workspaceId]);
        for (const member of members) {
          await client.query(
            `insert into registry_members (workspace_id, email, role) values ($1, lower($2), $3)
             on conflict (workspace_id, email) do update set role = excluded.role`,
            [workspaceId, member.email, member.role],
          );
        }
      });
      return list(workspaceId);
    },
    async upsert(workspaceId, member) {
      await pool.query(
        `insert into registry_members (workspace_id, email, role) values ($1, lower($2), $3)
         on conflict (workspace_id, email) do update set role = excluded.role`,
        [workspaceId, member.email, member.role],
      );
      const [row] = await queryRows<MemberRow>(
        pool,
        `${SELECT_MEMBERS} where m.workspace_id = $1 and m.email = lower($2)`,
        [workspaceId, member.email],
      );
      if (row === undefined) throw new Error('upserted member not found');
      return toMember(row);
    },
    remove: (workspaceId, email) =>
      queryChanged(
        pool,
        'delete from registry_members where workspace_id = $1 and email = lower($2) returning email',
        [workspaceId, email],
      ),
    async roleOf(workspaceId, email) {
      const [row] = await queryRows<{ role: WorkspaceRole }>(
        pool,
        'select role from registry_members where workspace_id = $1 and email = lower($2)',
        [workspaceId, email],
      );
      return row?.role;
    },
  };
}
