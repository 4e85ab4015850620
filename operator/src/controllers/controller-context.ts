import type { CoreV1Api } from '@kubernetes/client-node';
import type { Registry } from '@pyairtable/registry';
import type { Logger } from 'pino';
import type { Tenant, Workspace } from '../api/v1alpha1/index.ts';
import type { AirtableChecks } from '../platform/airtable-checks.ts';
import type { CustomResourceClient, EventRecorder, Informer } from '../runtime/index.ts';

/** What the Tenant and Workspace reconcilers work with. */
export interface ControllerContext {
  readonly registry: Registry;
  readonly tenants: CustomResourceClient<Tenant>;
  readonly workspaces: CustomResourceClient<Workspace>;
  readonly tenantCache: Informer<Tenant>;
  readonly workspaceCache: Informer<Workspace>;
  /** Secrets are read directly, one at a time: the operator keeps no cluster-wide Secret cache. */
  readonly core: CoreV1Api;
  readonly airtable: AirtableChecks;
  readonly events: EventRecorder;
  readonly logger: Logger;
  /** How often a stored token is checked again (jittered ±10%). */
  readonly revalidateIntervalMs: number;
  readonly random?: () => number;
}

/** The Workspaces in `namespace` that reference the Tenant `tenantName`. */
export function workspacesOf(
  context: ControllerContext,
  namespace: string,
  tenantName: string,
): readonly Workspace[] {
  return context.workspaceCache
    .list(namespace)
    .filter((workspace) => workspace.spec.tenantRef.name === tenantName);
}
