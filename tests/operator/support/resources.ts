import { CustomObjectsApi } from '@kubernetes/client-node';
import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { GROUP, TENANT_PLURAL, VERSION, WORKSPACE_PLURAL } from '@pyairtable/operator';
import type { Tenant, TenantSpec, Workspace, WorkspaceSpec } from '@pyairtable/operator';

/** The label that puts a Secret under the operator's watch. */
export const CREDENTIALS_LABEL = { 'pyairtable.io/credentials': 'true' };

/** Creates or replaces a Secret holding `token` under key `token`. */
export async function putTokenSecret(
  core: CoreV1Api,
  namespace: string,
  name: string,
  token: string,
  options: { readonly labelled?: boolean; readonly key?: string } = {},
): Promise<void> {
  const body = {
    metadata: {
      name,
      namespace,
      ...(options.labelled === false ? {} : { labels: CREDENTIALS_LABEL }),
    },
    stringData: { [options.key ?? 'token']: token },
  };
  try {
    await core.createNamespacedSecret({ namespace, body });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 409) throw error;
    await core.replaceNamespacedSecret({ namespace, name, body });
  }
}

/** Typed create/read/delete of Tenants and Workspaces as an admin would do them. */
export function resources(kubeConfig: KubeConfig) {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const create = (plural: string, namespace: string, body: object) =>
    api.createNamespacedCustomObject({ group: GROUP, version: VERSION, plural, namespace, body });
  const read = async <T>(
    plural: string,
    namespace: string,
    name: string,
  ): Promise<T | undefined> => {
    try {
      return (await api.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural,
        namespace,
        name,
      })) as T;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return undefined;
      throw error;
    }
  };
  return {
    createTenant: (namespace: string, name: string, spec: TenantSpec) =>
      create(TENANT_PLURAL, namespace, {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'Tenant',
        metadata: { name },
        spec,
      }),
    createWorkspace: (namespace: string, name: string, spec: WorkspaceSpec) =>
      create(WORKSPACE_PLURAL, namespace, {
        apiVersion: `${GROUP}/${VERSION}`,
        kind: 'Workspace',
        metadata: { name },
        spec,
      }),
    tenant: (namespace: string, name: string) => read<Tenant>(TENANT_PLURAL, namespace, name),
    workspace: (namespace: string, name: string) =>
      read<Workspace>(WORKSPACE_PLURAL, namespace, name),
    deleteTenant: (namespace: string, name: string) =>
      api.deleteNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: TENANT_PLURAL,
        namespace,
        name,
      }),
    deleteWorkspace: (namespace: string, name: string) =>
      api.deleteNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        plural: WORKSPACE_PLURAL,
        namespace,
        name,
      }),
  };
}

/** The condition of `type` on a Tenant or Workspace. */
export function conditionOf(
  object: Tenant | Workspace | undefined,
  type: string,
): { status: string; reason: string; message: string } | undefined {
  return object?.status?.conditions?.find((condition) => condition.type === type);
}
