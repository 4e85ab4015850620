import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '@pyairtable/registry';
import { useGateway } from '../support/gateway-harness.ts';
import { arrangeAcmeTeam, arrangeWorkspace } from './arrange-workspace.ts';
import type { AcmeTeam } from './arrange-workspace.ts';

const harness = useGateway();

let tokens: AcmeTeam['tokens'];
let workspace: Workspace;
let operated: Workspace;

/** Sets `email`'s role in `target` (acme's workspace unless named) as the holder of `token`. */
function putMember(token: string, email: string, role: string, target = workspace) {
  return harness.request({
    method: 'PUT',
    url: `/api/workspaces/${target.id}/members/${email}`,
    body: { role },
    token,
  });
}

/** Removes `email` from `target` (acme's workspace unless named) as the holder of `token`. */
function removeMember(token: string, email: string, target = workspace) {
  return harness.request({
    method: 'DELETE',
    url: `/api/workspaces/${target.id}/members/${email}`,
    token,
  });
}

beforeAll(async () => {
  ({ tokens, workspace } = await arrangeAcmeTeam(harness));
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
      const put = await putMember(token, 'viewer@acme.test', 'owner');
      expect(put.statusCode).toBe(403);
      expect(put.json<{ code: string }>().code).toBe('GW_FORBIDDEN');
      const remove = await removeMember(token, 'owner@acme.test');
      expect(remove.statusCode).toBe(403);
    }
    expect(await harness.registry.members.roleOf(workspace.id, 'viewer@acme.test')).toBe('viewer');
  });

  it('are added, changed and removed by owners, and audited', async () => {
    const added = await putMember(tokens.owner, 'New.Person@Acme.test', 'editor');
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({
      email: 'new.person@acme.test',
      role: 'editor',
      userId: null,
    });

    const changed = await putMember(tokens.owner, 'new.person@acme.test', 'viewer');
    expect(changed.json()).toMatchObject({ role: 'viewer' });

    const removed = await removeMember(tokens.owner, 'new.person@acme.test');
    expect(removed.statusCode).toBe(204);
    expect(
      await harness.registry.members.roleOf(workspace.id, 'new.person@acme.test'),
    ).toBeUndefined();

    const again = await removeMember(tokens.owner, 'new.person@acme.test');
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
    const demote = await putMember(tokens.owner, 'owner@acme.test', 'editor');
    expect(demote.statusCode).toBe(409);
    expect(demote.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'GW_LAST_OWNER',
      detail: expect.stringContaining('last owner') as string,
    });
    const remove = await removeMember(tokens.owner, 'owner@acme.test');
    expect(remove.statusCode).toBe(409);
    expect(await harness.registry.members.roleOf(workspace.id, 'owner@acme.test')).toBe('owner');
  });

  it('let an owner step down once another owner exists', async () => {
    const promote = await putMember(tokens.owner, 'editor@acme.test', 'owner');
    expect(promote.statusCode).toBe(200);
    const stepDown = await putMember(tokens.owner, 'owner@acme.test', 'viewer');
    expect(stepDown.statusCode).toBe(200);
    // No longer an owner, so no longer allowed to change members.
    const after = await removeMember(tokens.owner, 'viewer@acme.test');
    expect(after.statusCode).toBe(403);
  });

  it('of an operator-managed workspace are changed only through its resource (409)', async () => {
    const put = await putMember(tokens.owner, 'someone@acme.test', 'viewer', operated);
    expect(put.statusCode).toBe(409);
    expect(put.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'GW_MANAGED_BY_OPERATOR',
      detail: expect.stringContaining('kubectl') as string,
    });
    const remove = await removeMember(tokens.owner, 'owner@acme.test', operated);
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
    const role = await putMember(tokens.editor, 'viewer@acme.test', 'admin');
    expect(role.statusCode).toBe(400);
    const { errors } = role.json<{ errors: { in: string; field: string }[] }>();
    expect(errors).toContainEqual(expect.objectContaining({ in: 'body', field: 'role' }));

    const email = await putMember(tokens.editor, 'not-an-email', 'viewer');
    expect(email.statusCode).toBe(400);
    expect(email.json<{ errors: { field: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ in: 'params', field: 'email' }),
    );
  });
});
