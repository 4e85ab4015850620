import { describe, expect, it } from 'vitest';
import type { Member, MemberRepository, WorkspaceRole } from '@pyairtable/registry';
import { removeMember, setMemberRole } from '../../src/tenancy/member-changes.ts';

type Members = Pick<MemberRepository, 'list' | 'roleOf' | 'upsert' | 'remove'>;

/** Members in memory; `onWrite` runs inside each write, as a concurrent request would. */
function membersInMemory(initial: Record<string, WorkspaceRole>, onWrite?: () => void): Members {
  const roles = new Map(Object.entries(initial));
  const asMember = (email: string, role: WorkspaceRole): Member => ({
    workspaceId: 'wsp_1',
    email,
    role,
    userId: null,
    createdAt: new Date(0),
  });
  let interfering = onWrite;
  const interfere = () => {
    const run = interfering;
    interfering = undefined;
    run?.();
  };
  return {
    list: () => Promise.resolve([...roles].map(([email, role]) => asMember(email, role))),
    roleOf: (_workspaceId, email) => Promise.resolve(roles.get(email)),
    upsert: (_workspaceId, { email, role }) => {
      roles.set(email, role);
      interfere();
      return Promise.resolve(asMember(email, role));
    },
    remove: (_workspaceId, email) => {
      const had = roles.delete(email);
      interfere();
      return Promise.resolve(had);
    },
  };
}

describe('member changes', () => {
  it('refuse to demote or remove the only owner', async () => {
    const members = membersInMemory({ 'a@x.test': 'owner', 'b@x.test': 'editor' });
    await expect(setMemberRole(members, 'wsp_1', 'a@x.test', 'viewer')).rejects.toMatchObject({
      code: 'GW_LAST_OWNER',
    });
    await expect(removeMember(members, 'wsp_1', 'A@x.test')).rejects.toMatchObject({
      code: 'GW_LAST_OWNER',
    });
    expect(await members.roleOf('wsp_1', 'a@x.test')).toBe('owner');
  });

  it('put the owner back when a concurrent change took the other owner meanwhile', async () => {
    // Both owners pass the first check; the other one is demoted while this change is written.
    const members: Members = membersInMemory({ 'a@x.test': 'owner', 'b@x.test': 'owner' }, () => {
      void members.upsert('wsp_1', { email: 'b@x.test', role: 'viewer' });
    });
    await expect(setMemberRole(members, 'wsp_1', 'a@x.test', 'editor')).rejects.toMatchObject({
      code: 'GW_LAST_OWNER',
    });
    const owners = (await members.list('wsp_1')).filter((member) => member.role === 'owner');
    expect(owners.map((member) => member.email)).toEqual(['a@x.test']);
  });

  it('report the previous role, or none for a newcomer', async () => {
    const members = membersInMemory({ 'a@x.test': 'owner' });
    const added = await setMemberRole(members, 'wsp_1', 'New@X.test', 'viewer');
    expect(added).toMatchObject({ previousRole: undefined, member: { email: 'new@x.test' } });
    expect(await removeMember(members, 'wsp_1', 'new@x.test')).toBe('viewer');
    expect(await removeMember(members, 'wsp_1', 'new@x.test')).toBeUndefined();
  });
});
