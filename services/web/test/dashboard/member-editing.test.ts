import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/api/platform-api.ts';
import { canManageMembers, isLastOwner, withMember } from '../../src/dashboard/member-editing.ts';

const owner: Member = { email: 'owner@example.com', role: 'owner', userId: 'u1' };
const viewer: Member = { email: 'viewer@example.com', role: 'viewer', userId: null };

describe('member editing', () => {
  it('is for owners of workspaces the operator does not manage', () => {
    expect(canManageMembers({ role: 'owner', managedBy: 'api' })).toBe(true);
    expect(canManageMembers({ role: 'owner', managedBy: 'operator' })).toBe(false);
    expect(canManageMembers({ role: 'editor', managedBy: 'api' })).toBe(false);
  });

  it('replaces a changed member in place and appends a new one', () => {
    const promoted: Member = { ...viewer, role: 'editor' };
    expect(withMember([owner, viewer], promoted)).toEqual([owner, promoted]);
    const added: Member = { email: 'new@example.com', role: 'viewer', userId: null };
    expect(withMember([owner], added)).toEqual([owner, added]);
  });

  it('protects the only owner, not one of several', () => {
    expect(isLastOwner([owner, viewer], owner)).toBe(true);
    expect(isLastOwner([owner, viewer], viewer)).toBe(false);
    const second: Member = { email: 'second@example.com', role: 'owner', userId: 'u2' };
    expect(isLastOwner([owner, second], owner)).toBe(false);
  });
});
