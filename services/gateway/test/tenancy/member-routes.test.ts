import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '@pyairtable/registry';
import { arrangeWorkspace, useTenancy } from './tenancy-harness.ts';

const harness = useTenancy();

const tokens = { owner: '', editor: '', viewer: '' };
let workspace: Workspace;
let operated: Workspace;

const membersUrl = (email = '') => `/api/workspaces/${workspace.id}/members/${email}`;

beforeAll(async () => {
  for (const role of ['owner', 'editor', 'viewer'] as const) {
    tokens[role] = (await harness.signUp(`${role}@acme.test`)).token;
  }
  workspace = (
    await arrangeWorkspace(harness.registry, 'acme', [
      { email: 'owner@acme.test', role: 'owner' },
      { email: 'editor@acme.test', role: 'editor' },
      { email: 'viewer@acme.test', role: 'viewer' },
    ])
  ).workspace;
  operated = (
    await arrangeWorkspace(
      harness.registry,
      'platform/initech',
      [{ email: 'owner@acme.test', role: 'owner' }],
      'operator',
    )
  ).workspace;
});

describe('workspace members', () => {
  it('are listed to any member', async () => {
    const response = await harness.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.id}/members`,
      token: tokens.viewer,
    });
    expect(response.statusCode).toBe(200);
    const { members } = response.json<{ members: { email: string; userId: string | null }[] }>();
    expect(members.map((member) => member.email)).toEqual([
      'editor@acme.test',
      'owner@acme.test',
      'viewer@acme.test',
    ]);
    expect(members.every((member) => member.userId !== null)).toBe(true);
  });

  it('can be changed by editors and viewers in no way (403)', async () => {
    for (const token of [tokens.editor, tokens.viewer]) {
      const put = await harness.request({
        method: 'PUT',
        url: membersUrl('viewer@acme.test'),
        body: { role: 'owner' },
        token,
      });
      expect(put.statusCode).toBe(403);
      expect(put.json<{ code: string }>().code).toBe('GW_FORBIDDEN');
      const remove = await harness.request({
        method: 'DELETE',
        url: membersUrl('owner@acme.test'),
        token,
      });
      expect(remove.statusCode).toBe(403);
    }
    expect(await harness.registry.members.roleOf(workspace.id, 'viewer@acme.test')).toBe('viewer');
  });

  it('are added, changed and removed by owners, and audited', async () => {
    const added = await harness.request({
      method: 'PUT',
      url: membersUrl('New.Person@Acme.test'),
      body: { role: 'editor' },
      token: tokens.owner,
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({
      email: 'new.person@acme.test',
      role: 'editor',
      userId: null,
    });

    const changed = await harness.request({
      method: 'PUT',
      url: membersUrl('new.person@acme.test'),
      body: { role: 'viewer' },
      token: tokens.owner,
    });
    expect(changed.json()).toMatchObject({ role: 'viewer' });

    const removed = await harness.request({
      method: 'DELETE',
      url: membersUrl('new.person@acme.test'),
      token: tokens.owner,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      await harness.registry.members.roleOf(workspace.id, 'new.person@acme.test'),
    ).toBeUndefined();

    const again = await harness.request({
      method: 'DELETE',
      url: membersUrl('new.person@acme.test'),
      token: tokens.owner,
    });
    expect(again.statusCode).toBe(404);

    const entries = (await harness.audit.list()).filter(
      (entry) => entry.action === 'member.change',
    );
    expect(entries.map((entry) => entry.details)).toEqual([
      { email: 'new.person@acme.test', role: null, previousRole: 'viewer' },
      { email: 'new.person@acme.test', role: 'viewer', previousRole: 'editor' },
      { email: 'new.person@acme.test', role: 'editor', previousRole: null },
    ]);
    expect(entries.every((entry) => entry.targetId === workspace.id)).toBe(true);
  });

  it('keep their last owner: no demotion, no removal (409)', async () => {
    const demote = await harness.request({
      method: 'PUT',
      url: membersUrl('owner@acme.test'),
      body: { role: 'editor' },
      token: tokens.owner,
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'GW_LAST_OWNER',
      detail: expect.stringContaining('last owner') as string,
    });
    const remove = await harness.request({
      method: 'DELETE',
      url: membersUrl('owner@acme.test'),
      token: tokens.owner,
    });
    expect(remove.statusCode).toBe(409);
    expect(await harness.registry.members.roleOf(workspace.id, 'owner@acme.test')).toBe('owner');
  });

  it('let an owner step down once another owner exists', async () => {
    const promote = await harness.request({
      method: 'PUT',
      url: membersUrl('editor@acme.test'),
      body: { role: 'owner' },
      token: tokens.owner,
    });
    expect(promote.statusCode).toBe(200);
    const stepDown = await harness.request({
      method: 'PUT',
      url: membersUrl('owner@acme.test'),
      body: { role: 'viewer' },
      token: tokens.owner,
    });
    expect(stepDown.statusCode).toBe(200);
    // No longer an owner, so no longer allowed to change members.
    const after = await harness.request({
      method: 'DELETE',
      url: membersUrl('viewer@acme.test'),
      token: tokens.owner,
    });
    expect(after.statusCode).toBe(403);
  });

  it('of an operator-managed workspace are changed only through its resource (409)', async () => {
    const put = await harness.request({
      method: 'PUT',
      url: `/api/workspaces/${operated.id}/members/someone@acme.test`,
      body: { role: 'viewer' },
      token: tokens.owner,
    });
    expect(put.statusCode).toBe(409);
    expect(put.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'GW_MANAGED_BY_OPERATOR',
      detail: expect.stringContaining('kubectl') as string,
    });
    const remove = await harness.request({
      method: 'DELETE',
      url: `/api/workspaces/${operated.id}/members/owner@acme.test`,
      token: tokens.owner,
    });
    expect(remove.statusCode).toBe(409);
    const key = await harness.request({
      method: 'POST',
      url: `/api/workspaces/${operated.id}/api-keys`,
      body: { name: 'still allowed', role: 'viewer' },
      token: tokens.owner,
    });
    expect(key.statusCode).toBe(201);
  });

  it('reject an unknown role or a malformed email with 400 naming the field', async () => {
    const role = await harness.request({
      method: 'PUT',
      url: membersUrl('viewer@acme.test'),
      body: { role: 'admin' },
      token: tokens.editor,
    });
    expect(role.statusCode).toBe(400);
    const { errors } = role.json<{ errors: { in: string; field: string }[] }>();
    expect(errors).toContainEqual(expect.objectContaining({ in: 'body', field: 'role' }));

    const email = await harness.request({
      method: 'PUT',
      url: membersUrl('not-an-email'),
      body: { role: 'viewer' },
      token: tokens.editor,
    });
    expect(email.statusCode).toBe(400);
    expect(email.json<{ errors: { field: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ in: 'params', field: 'email' }),
    );
  });
});
