import type { Member, WorkspaceDetail } from '../api/platform-api.ts';

/**
 * Whether the caller may change members here: owners only, and never in a workspace the
 * operator manages (its Workspace resource lists the members; the gateway answers 409).
 */
export function canManageMembers(detail: Pick<WorkspaceDetail, 'role' | 'managedBy'>): boolean {
  return detail.role === 'owner' && detail.managedBy !== 'operator';
}

/** The members after one changed role (or joined), in the order they were listed. */
export function withMember(members: readonly Member[], changed: Member): Member[] {
  return members.some((member) => member.email === changed.email)
    ? members.map((member) => (member.email === changed.email ? changed : member))
    : [...members, changed];
}

/** Whether `member` is the only owner: the gateway refuses to demote or remove them. */
export function isLastOwner(members: readonly Member[], member: Member): boolean {
  return member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1;
}
