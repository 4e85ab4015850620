import type { Member, MemberRepository, WorkspaceRole } from '@pyairtable/registry';
import { tenancyErrors } from './tenancy-errors.ts';

type Members = Pick<MemberRepository, 'list' | 'roleOf' | 'upsert' | 'remove'>;

async function ownersOtherThan(members: Members, workspaceId: string, email: string) {
  const list = await members.list(workspaceId);
  return list.filter((member) => member.role === 'owner' && member.email !== email).length;
}

/**
 * Runs `write`, a change of `email` to `role` (undefined: removal), unless it would leave the
 * workspace without an owner. The registry has no transaction for "change unless it is the
 * last owner", so two owners demoting each other at once could both pass the first check:
 * the second check, after the write, catches that and puts the owner back.
 */
async function keepingAnOwner<Result>(
  members: Members,
  workspaceId: string,
  email: string,
  role: WorkspaceRole | undefined,
  write: (previousRole: WorkspaceRole | undefined) => Promise<Result>,
): Promise<Result> {
  const previousRole = await members.roleOf(workspaceId, email);
  const losesOwner = previousRole === 'owner' && role !== 'owner';
  const lastOwner = () => tenancyErrors.GW_LAST_OWNER({ workspaceId, email });
  if (losesOwner && (await ownersOtherThan(members, workspaceId, email)) === 0) throw lastOwner();
  const result = await write(previousRole);
  if (losesOwner && (await ownersOtherThan(members, workspaceId, email)) === 0) {
    await members.upsert(workspaceId, { email, role: 'owner' });
    throw lastOwner();
  }
  return result;
}

/** A member after a role change, and their role before it (undefined: they were added). */
export interface RoleChange {
  readonly member: Member;
  readonly previousRole: WorkspaceRole | undefined;
}

/** Adds `email` as a member with `role`, or changes their role; the last owner stays owner. */
export function setMemberRole(
  members: Members,
  workspaceId: string,
  email: string,
  role: WorkspaceRole,
): Promise<RoleChange> {
  const normalized = email.toLowerCase();
  return keepingAnOwner(members, workspaceId, normalized, role, async (previousRole) => ({
    member: await members.upsert(workspaceId, { email: normalized, role }),
    previousRole,
  }));
}

/**
 * Removes `email` from the workspace unless they are its last owner; resolves with the role
 * they had, undefined when they were not a member.
 */
export function removeMember(
  members: Members,
  workspaceId: string,
  email: string,
): Promise<WorkspaceRole | undefined> {
  const normalized = email.toLowerCase();
  return keepingAnOwner(members, workspaceId, normalized, undefined, async (previousRole) => {
    if (previousRole !== undefined) await members.remove(workspaceId, normalized);
    return previousRole;
  });
}
