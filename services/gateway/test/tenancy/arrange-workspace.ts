import type {
  ManagedBy,
  MemberInput,
  Registry,
  Tenant,
  User,
  Workspace,
} from '@pyairtable/registry';
import type { GatewayHarness } from '../support/gateway-harness.ts';

/** A base id of the right shape, distinct per `letter`. */
export function baseId(letter: string): string {
  return `app${letter.repeat(14)}`;
}

/** A tenant called `name` with one workspace of these members, written to the registry. */
export async function arrangeWorkspace(
  registry: Registry,
  name: string,
  members: readonly MemberInput[],
  managedBy: ManagedBy = 'api',
): Promise<{ tenant: Tenant; workspace: Workspace }> {
  const tenant = await registry.tenants.create({ name, displayName: `Tenant ${name}`, managedBy });
  const workspace = await registry.workspaces.create({
    tenantId: tenant.id,
    name: 'main',
    displayName: `${name} main`,
    allowedBaseIds: [baseId('A')],
    managedBy,
  });
  await registry.members.replaceAll(workspace.id, members);
  return { tenant, workspace };
}

/** Acme's workspace with one signed-up member per role, and their access tokens. */
export interface AcmeTeam {
  readonly workspace: Workspace;
  readonly users: { readonly owner: User; readonly editor: User; readonly viewer: User };
  readonly tokens: { readonly owner: string; readonly editor: string; readonly viewer: string };
}

/** Signs up owner@, editor@ and viewer@acme.test and makes them the members of acme's workspace. */
export async function arrangeAcmeTeam(harness: GatewayHarness): Promise<AcmeTeam> {
  const owner = await harness.signUp('owner@acme.test');
  const editor = await harness.signUp('editor@acme.test');
  const viewer = await harness.signUp('viewer@acme.test');
  const { workspace } = await arrangeWorkspace(harness.registry, 'acme', [
    { email: 'owner@acme.test', role: 'owner' },
    { email: 'editor@acme.test', role: 'editor' },
    { email: 'viewer@acme.test', role: 'viewer' },
  ]);
  return {
    workspace,
    users: { owner: owner.user, editor: editor.user, viewer: viewer.user },
    tokens: { owner: owner.token, editor: editor.token, viewer: viewer.token },
  };
}
